"""Writes of a project's training register: a training given to one unit, changed or deleted.
Audited with the unit and the numbers (no names: a record has none)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Unit
from audit.services import Actor, record
from grants.models import GrantProject, TrainingRecord

TRAINING_FIELDS = frozenset({"unit", "held_on", "topic", "roles", "trained", "staff_total"})


def _check(training: TrainingRecord, municipality_id: int) -> None:
    errors: dict[str, str] = {}
    unit: Unit | None = getattr(training, "unit", None) if training.unit_id else None
    if unit is None or unit.municipality_id != municipality_id:
        errors["unit"] = _("Choose one of the municipality's units.")
    if training.staff_total is not None and training.staff_total < 1:
        errors["staff_total"] = _("A unit has at least one member of staff.")
    elif (
        training.trained is not None
        and training.staff_total is not None
        and training.trained > training.staff_total
    ):
        errors["trained"] = _(
            "The number of staff trained cannot be larger than the number of staff in the unit "
            "(%(total)s)."
        ) % {"total": training.staff_total}
    if training.held_on and training.held_on > timezone.localdate():
        errors["held_on"] = _("Record a training when it has been held: the date is in the future.")
    if errors:
        raise ValidationError(errors)
    training.full_clean(exclude=["project"])


def _audit(actor: Actor, action: str, training: TrainingRecord) -> None:
    record(
        actor,
        action,
        municipality_id=training.project.municipality_id,
        obj=training,
        detail={
            "unit": str(training.unit_id),
            "topic": training.topic,
            "trained": training.trained,
            "staff_total": training.staff_total,
        },
    )


@transaction.atomic
def training_add(
    actor: Actor,
    project: GrantProject,
    *,
    unit: Unit,
    held_on: datetime.date,
    trained: int,
    staff_total: int,
    topic: str = "both",
    roles: str = "",
) -> TrainingRecord:
    training = TrainingRecord(
        project=project,
        unit=unit,
        held_on=held_on,
        topic=topic,
        roles=roles.strip(),
        trained=trained,
        staff_total=staff_total,
    )
    _check(training, project.municipality_id)
    training.save()
    _audit(actor, "grant.training_add", training)
    return training


@transaction.atomic
def training_update(actor: Actor, training: TrainingRecord, **changes: Any) -> TrainingRecord:
    unknown = set(changes) - TRAINING_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a training: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(training, name, value)
    _check(training, training.project.municipality_id)
    training.save()
    _audit(actor, "grant.training_update", training)
    return training


@transaction.atomic
def training_delete(actor: Actor, training: TrainingRecord) -> None:
    _audit(actor, "grant.training_delete", training)
    training.delete()
