"""Closed logs are deleted when the municipality's retention period has passed."""

from __future__ import annotations

from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone

from audit.services import SYSTEM as SYSTEM_ACTOR
from audit.services import record
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    HandOver,
    Log,
    LogStatus,
)
from stafettlogg.services.common import add_months


def purge_closed_logs(today: date | None = None) -> int:
    """Delete logs closed longer ago than their municipality's retention period, with all
    their content and files. Only an audit tombstone (dates and reason, no content) remains.
    Returns the number of logs deleted."""
    today = today or timezone.localdate()
    purged = 0
    closed = Log.objects.filter(status=LogStatus.CLOSED, closed_at__isnull=False).select_related(
        "municipality__log_settings"
    )
    for log in closed.iterator():
        settings_obj = getattr(log.municipality, "log_settings", None)
        months = settings_obj.retention_months if settings_obj else 24
        if add_months(timezone.localdate(log.closed_at), months) <= today:
            _purge(log)
            purged += 1
    return purged


@transaction.atomic
def _purge(log: Log) -> None:
    files = [c.signed_form for c in log.consents.all() if c.signed_form]
    archive = getattr(log, "archive", None)
    if archive is not None:
        files.append(archive.file)
    record(
        SYSTEM_ACTOR,
        "log.purge",
        municipality_id=log.municipality_id,
        log_id=log.pk,
        detail={
            "created": log.created_at.date().isoformat(),
            "closed": log.closed_at.date().isoformat() if log.closed_at else None,
            "reason": log.close_reason,
        },
    )
    # Children first: evaluations point at measures (listed after them), measures and
    # hand-overs at participants.
    for kind in reversed(ENTRY_KINDS):
        kind.model._default_manager.filter(log=log).delete()
    HandOver.objects.filter(log=log).delete()
    log.delete()
    for stored in files:
        if stored.name:
            transaction.on_commit(partial(stored.storage.delete, stored.name))
