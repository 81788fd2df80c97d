"""Reads of a project's milestones: the timeline, one milestone inside a municipality, and what
is due next for the dashboard."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from grants.models import GrantProject, Milestone, MilestoneStatus
from municipalities.models import Municipality

# How many of the coming milestones the dashboard names.
NEXT_COUNT = 3


def milestones_of(project: GrantProject) -> list[Milestone]:
    return list(Milestone.objects.filter(project=project).order_by("due_date", "pk"))


def milestone_in(municipality: Municipality, milestone_id: int) -> Milestone | None:
    """One milestone of ``municipality``'s project (None for another's)."""
    return (
        Milestone.objects.filter(pk=milestone_id, project__municipality=municipality)
        .select_related("project")
        .first()
    )


@dataclass
class DueMilestones:
    overdue: list[Milestone] = field(default_factory=list)
    coming: list[Milestone] = field(default_factory=list)


def due_milestones(
    projects: Iterable[GrantProject], today: datetime.date
) -> dict[int, DueMilestones]:
    """For each project (by id): its overdue milestones and the next ones not done, in one
    query."""
    ids = [project.pk for project in projects]
    found: dict[int, DueMilestones] = {pk: DueMilestones() for pk in ids}
    if not ids:
        return found
    open_milestones = (
        Milestone.objects.filter(project_id__in=ids)
        .exclude(status=MilestoneStatus.DONE)
        .order_by("due_date", "pk")
    )
    for milestone in open_milestones:
        due = found[milestone.project_id]
        if milestone.due_date < today:
            due.overdue.append(milestone)
        elif len(due.coming) < NEXT_COUNT:
            due.coming.append(milestone)
    return found
