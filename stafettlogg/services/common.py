"""What the stafettlogg's writes share: the audit record of a write to a log, and dates."""

from __future__ import annotations

import calendar
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Actor, record
from stafettlogg.models import (
    Log,
)


def _audit(actor: Actor, action: str, log: Log, obj: Any = None, **detail: Any) -> None:
    record(
        actor,
        action,
        municipality_id=log.municipality_id,
        log_id=log.pk,
        obj=obj,
        detail=detail,
    )


MAX_CONSENT_MONTHS = 36


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def _not_in_future(value: date, field: str) -> None:
    if value > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
