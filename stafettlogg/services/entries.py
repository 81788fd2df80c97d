"""The content of a log: entries, measures and evaluations."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Actor
from stafettlogg.models import (
    AttentionArea,
    Entry,
    Evaluation,
    LevelChange,
    Log,
    Measure,
    MeasureStatus,
    Meeting,
    NoticeKind,
)
from stafettlogg.notices import notify
from stafettlogg.services.common import _audit, _not_in_future


def _entry(entry: Entry, log: Log, actor: Actor, author: Any) -> None:
    entry.log = log
    entry.created_by = author if getattr(author, "pk", None) else None
    entry.author_name = actor.name
    entry.author_role = actor.role


@transaction.atomic
def entry_add(actor: Actor, log: Log, entry: Entry, *, author: Any) -> Entry:
    """Add an attention area, goal, meeting, lysglimt, the child's voice or a level change."""
    _entry(entry, log, actor, author)
    if isinstance(entry, AttentionArea) and entry.category.municipality_id != log.municipality_id:
        raise ValidationError({"category": _("Choose an area from the list.")})
    entry.full_clean()
    entry.save()
    if isinstance(entry, LevelChange):
        Log.objects.filter(pk=log.pk).update(bti_level=entry.level)
    _audit(actor, "entry.add", log, entry, kind=type(entry).__name__.lower())
    if isinstance(entry, Meeting) and entry.held_on >= timezone.localdate():
        # A meeting ahead: tell the participants and the guardians.
        notify(
            log,
            NoticeKind.MEETING,
            str(entry.pk),
            users=[
                p.user
                for p in log.participants.filter(removed_at__isnull=True).select_related("user")
            ],
            emails=[g.email for g in log.guardians.all()],
        )
    return entry


@transaction.atomic
def measure_add(actor: Actor, log: Log, measure: Measure, *, author: Any) -> Measure:
    _entry(measure, log, actor, author)
    errors = {}
    if measure.responsible.log_id != log.pk or measure.responsible.removed_at is not None:
        errors["responsible"] = _("Choose a participant in the log.")
    if measure.unit.municipality_id != log.municipality_id:
        errors["unit"] = _("Choose a service in this municipality.")
    if measure.evaluation_date < measure.start_date:
        errors["evaluation_date"] = _("The evaluation date cannot be before the start date.")
    if errors:
        raise ValidationError(errors)
    measure.full_clean()
    measure.save()
    _audit(actor, "entry.add", log, measure, kind="measure")
    notify(log, NoticeKind.MEASURE, str(measure.pk), users=[measure.responsible.user])
    return measure


@transaction.atomic
def measure_set_status(actor: Actor, measure: Measure, status: str) -> None:
    if status not in MeasureStatus.values:
        raise ValidationError({"status": _("Choose a status from the list.")})
    measure.status = status
    measure.save(update_fields=["status"])
    _audit(actor, "measure.status", measure.log, measure, status=status)


@transaction.atomic
def evaluation_add(
    actor: Actor, measure: Measure, evaluation: Evaluation, *, author: Any
) -> Evaluation:
    if evaluation.evaluated_on < measure.start_date:
        raise ValidationError(
            {"evaluated_on": _("The evaluation cannot be dated before the measure started.")}
        )
    _not_in_future(evaluation.evaluated_on, "evaluated_on")
    _entry(evaluation, measure.log, actor, author)
    evaluation.measure = measure
    evaluation.full_clean()
    evaluation.save()
    if not evaluation.continue_measure and measure.status != MeasureStatus.COMPLETED:
        measure.status = MeasureStatus.COMPLETED
        measure.save(update_fields=["status"])
    _audit(actor, "entry.add", measure.log, evaluation, kind="evaluation")
    return evaluation
