"""The municipality's settings for its logs and its areas of attention."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from audit.services import Actor, record
from municipalities.models import Municipality
from stafettlogg.models import (
    AttentionCategory,
    LogSettings,
)


def attention_categories_ensure(municipality: Municipality, names: Iterable[str]) -> None:
    for name in names:
        AttentionCategory.objects.get_or_create(municipality=municipality, name=name)


@transaction.atomic
def attention_category_add(actor: Actor, municipality: Municipality, name: str) -> None:
    """An area of attention the municipality's logs can name (the administration page)."""
    attention_categories_ensure(municipality, [name])
    record(actor, "category.create", municipality_id=municipality.pk)


@transaction.atomic
def log_settings_change(actor: Actor, municipality: Municipality, **values: Any) -> None:
    """The municipality's settings for its logs (consent period, youth consent age, notice
    days, retention), changed with their audit record in one transaction."""
    current = LogSettings.objects.select_for_update().get_or_create(municipality=municipality)[0]
    for key, value in values.items():
        setattr(current, key, value)
    current.full_clean()
    current.save()
    record(actor, "settings.change", municipality_id=municipality.pk)
