"""Writes of a project's milestones: change one, add the municipality's own, delete one of
those, mark one done. Each in one transaction, audited (never the note's text)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.services import Actor, record
from grants.models import GrantProject, Milestone, MilestoneKind, MilestoneStatus

MILESTONE_FIELDS = frozenset(
    {
        "title",
        "due_date",
        "owner",
        "owner_email",
        "reminder_days",
        "status",
        "completed_on",
        "note",
    }
)


def _check(milestone: Milestone) -> None:
    """The rules of a milestone's status and completion date, with messages for the form."""
    today = timezone.localdate()
    if milestone.status == MilestoneStatus.DONE and milestone.completed_on is None:
        milestone.completed_on = today
    if milestone.status != MilestoneStatus.DONE and milestone.completed_on is not None:
        raise ValidationError(
            {
                "completed_on": _(
                    "Only a milestone that is done has a completion date: set the status to "
                    "done or remove the date."
                )
            }
        )
    if milestone.completed_on is not None and milestone.completed_on > today:
        raise ValidationError(
            {"completed_on": _("The completion date cannot be later than today.")}
        )
    milestone.full_clean(exclude=["project"])


def _audit(actor: Actor, action: str, milestone: Milestone, **detail: Any) -> None:
    record(
        actor,
        action,
        municipality_id=milestone.project.municipality_id,
        obj=milestone,
        detail={"kind": milestone.kind, **detail},
    )


@transaction.atomic
def milestone_update(actor: Actor, milestone: Milestone, **changes: Any) -> Milestone:
    """Change a milestone (``MILESTONE_FIELDS``). Marking it done without a date records
    today; a new due date opens new reminders."""
    unknown = set(changes) - MILESTONE_FIELDS
    if unknown:
        raise TypeError(f"Not a field of a milestone: {sorted(unknown)}")
    changed = sorted(name for name, value in changes.items() if getattr(milestone, name) != value)
    for name, value in changes.items():
        setattr(milestone, name, value)
    _check(milestone)
    milestone.save()
    _audit(actor, "grant.milestone_update", milestone, fields=changed, status=milestone.status)
    return milestone


@transaction.atomic
def milestone_add(
    actor: Actor,
    project: GrantProject,
    *,
    title: str,
    due_date: datetime.date,
    owner: str = "",
    owner_email: str = "",
    reminder_days: int = 14,
    note: str = "",
) -> Milestone:
    """Add one of the municipality's own milestones to the timeline."""
    milestone = Milestone(
        project=project,
        kind=MilestoneKind.OTHER,
        title=title.strip(),
        due_date=due_date,
        owner=owner,
        owner_email=owner_email,
        reminder_days=reminder_days,
        note=note,
    )
    _check(milestone)
    milestone.save()
    _audit(actor, "grant.milestone_add", milestone)
    return milestone


@transaction.atomic
def milestone_delete(actor: Actor, milestone: Milestone) -> None:
    """Delete one of the municipality's own milestones; the scheme's stay on the timeline."""
    if milestone.kind != MilestoneKind.OTHER:
        raise ValidationError(
            _(
                "The scheme's milestones cannot be deleted. Change the due date or the status "
                "instead."
            )
        )
    _audit(actor, "grant.milestone_delete", milestone)
    milestone.delete()


@transaction.atomic
def milestone_done(
    actor: Actor, milestone: Milestone, *, on: datetime.date | None = None
) -> Milestone:
    """Mark a milestone done (today, unless ``on`` is given)."""
    if milestone.status == MilestoneStatus.DONE:
        raise ValidationError(_("The milestone is done already."))
    milestone.status = MilestoneStatus.DONE
    milestone.completed_on = on or timezone.localdate()
    _check(milestone)
    milestone.save(update_fields=["status", "completed_on"])
    _audit(actor, "grant.milestone_done", milestone)
    return milestone
