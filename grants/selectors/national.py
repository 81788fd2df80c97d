"""Reads for the national advisers: the municipalities in an adviser's care and their
projects' status (the overview, in a fixed number of queries however many there are), and
one project as the adviser's project page shows it.

Whose care: Bufdir's advisers and the national administrators follow every municipality in the
scheme (with a registered project); a KORUS adviser those of the counties of their region. The
overview's scope agrees with ``grants.access`` (tested in test_access_matrix).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from accounts.selectors import NationalRoles
from grants.models import (
    GrantProject,
    Milestone,
    MilestoneStatus,
    Submission,
    SubmissionStatus,
    TrainingRecord,
)
from grants.selectors.review import rounds_of
from grants.selectors.training import percent
from municipalities.register import counties, counties_of_region

PER_PAGE = 50

# The overview's status filter: the latest round's status, or no round yet.
NO_ROUND = "working"
STATUS_CHOICES: list[tuple[str, Any]] = [
    (NO_ROUND, _("Model in progress")),
    (SubmissionStatus.SUBMITTED, _("Sent to Bufdir")),
    (SubmissionStatus.CHANGES_REQUESTED, _("Changes requested")),
    (SubmissionStatus.APPROVED, _("Approved by Bufdir")),
]
STATUS_LABELS = dict(STATUS_CHOICES)


@dataclass(frozen=True)
class Care:
    """The municipalities an adviser follows: all in the scheme, or those of some counties."""

    everyone: bool
    counties: frozenset[str] = frozenset()

    def covers(self, county: str) -> bool:
        return self.everyone or county in self.counties


def care_of(user: Any, roles: NationalRoles) -> Care:
    if roles.bufdir or user.is_superuser:
        return Care(everyone=True)
    found: set[str] = set()
    for region in roles.korus_regions:
        found.update(counties_of_region(region))
    return Care(everyone=False, counties=frozenset(found))


def projects_in_care(care: Care) -> QuerySet[GrantProject]:
    projects = GrantProject.objects.all()
    if not care.everyone:
        projects = projects.filter(municipality__county__in=care.counties)
    return projects


def county_choices(care: Care) -> list[tuple[str, str]]:
    """The counties the adviser may filter by, in the official order."""
    return [(number, name) for number, (name, _k) in counties().items() if care.covers(number)]


@dataclass
class Coverage:
    """Training coverage: staff trained out of the staff of the units with training, by the
    rule of ``selectors.training.training_coverage`` (the newest record of each unit and topic
    counts)."""

    trained: int = 0
    staff: int = 0
    units: list[Any] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        return percent(self.trained, self.staff) if self.staff else None


def coverage_of(records: Iterable[Any]) -> Coverage:
    """``records`` (TrainingRecord or rows with its unit_id, topic, trained and staff_total)
    newest first; the first of each unit and topic counts."""
    coverage = Coverage()
    seen: set[Any] = set()
    for record in records:
        key = (record.unit_id, record.topic)
        if key in seen:
            continue
        seen.add(key)
        coverage.trained += record.trained
        coverage.staff += record.staff_total
        coverage.units.append(record)
    return coverage


@dataclass(frozen=True)
class Due:
    """A milestone not done yet, as the overview shows it."""

    title: str
    due_date: datetime.date


@dataclass(frozen=True)
class LatestRound:
    round: int
    status: str
    submitted_at: datetime.datetime
    decided_at: datetime.datetime | None


@dataclass
class OverviewRow:
    project: GrantProject
    latest: LatestRound | None
    next_milestone: Due | None
    overdue: list[Due]
    coverage: Coverage

    @property
    def municipality(self) -> Any:
        return self.project.municipality

    @property
    def status(self) -> str:
        return self.latest.status if self.latest else NO_ROUND

    @property
    def status_label(self) -> Any:
        return STATUS_LABELS[self.status]

    @property
    def status_date(self) -> datetime.datetime | None:
        if self.latest is None:
            return None
        return self.latest.decided_at or self.latest.submitted_at


@dataclass(frozen=True)
class _Training:
    unit_id: Any
    topic: str
    trained: int
    staff_total: int


def overview(
    care: Care,
    *,
    today: datetime.date,
    county: str = "",
    status: str = "",
    page: Any = 1,
) -> tuple[Page, list[OverviewRow]]:
    """One page of the municipalities in ``care`` (sorted by name), filtered by county and by
    the latest round's status. Five queries, whatever the number of municipalities; the rows
    of the page are read as plain values (the overview is the advisers' busiest page)."""
    latest_status = Subquery(
        Submission.objects.filter(project=OuterRef("pk")).order_by("-round").values("status")[:1]
    )
    projects = (
        projects_in_care(care)
        .select_related("municipality")
        .only(
            "id",
            "decision_date",
            "municipality__id",
            "municipality__name",
            "municipality__number",
            "municipality__county",
        )
        .annotate(latest_status=latest_status)
        .order_by("municipality__name", "municipality__number")
    )
    if county:
        projects = projects.filter(municipality__county=county)
    if status == NO_ROUND:
        projects = projects.filter(latest_status__isnull=True)
    elif status in SubmissionStatus.values:
        projects = projects.filter(latest_status=status)
    found = Paginator(projects, PER_PAGE).get_page(page)
    items: list[GrantProject] = list(found.object_list)
    ids = [project.pk for project in items]
    latest: dict[int, LatestRound] = {}
    for project_id, number, state, sent, decided in (
        Submission.objects.filter(project_id__in=ids)
        .order_by("project_id", "-round")
        .values_list("project_id", "round", "status", "submitted_at", "decided_at")
    ):
        if project_id not in latest:
            latest[project_id] = LatestRound(number, state, sent, decided)
    open_milestones: dict[int, list[Due]] = {}
    for project_id, title, due in (
        Milestone.objects.filter(project_id__in=ids)
        .exclude(status=MilestoneStatus.DONE)
        .order_by("due_date", "pk")
        .values_list("project_id", "title", "due_date")
    ):
        open_milestones.setdefault(project_id, []).append(Due(title, due))
    trainings: dict[int, list[_Training]] = {}
    for project_id, unit_id, topic, trained, staff_total in (
        TrainingRecord.objects.filter(project_id__in=ids)
        .order_by("-held_on", "-pk")
        .values_list("project_id", "unit_id", "topic", "trained", "staff_total")
    ):
        trainings.setdefault(project_id, []).append(_Training(unit_id, topic, trained, staff_total))
    rows = []
    for project in items:
        pending = open_milestones.get(project.pk, [])
        rows.append(
            OverviewRow(
                project=project,
                latest=latest.get(project.pk),
                next_milestone=next((m for m in pending if m.due_date >= today), None),
                overdue=[m for m in pending if m.due_date < today],
                coverage=coverage_of(trainings.get(project.pk, [])),
            )
        )
    return found, rows


@dataclass
class ProjectView:
    project: GrantProject
    milestones: list[Milestone]
    overdue_count: int
    coverage: Coverage
    weaknesses: list[Any]
    members: list[Any]
    rounds: list[Submission]
    modellsjekk_passed: int = 0
    modellsjekk_total: int = 0
    modellsjekk_failed: list[str] = field(default_factory=list)


def project_view(project: GrantProject, *, today: datetime.date) -> ProjectView:
    """What the adviser's project page shows (read-only): the facts, groups, milestones (the
    overdue marked), training coverage per unit, weaknesses and measures, the rounds and
    Modellsjekk of the latest."""
    milestones = list(project.milestones.order_by("due_date", "pk"))
    records = project.trainings.select_related("unit").order_by("-held_on", "-pk")
    rounds = rounds_of(project)
    result = ProjectView(
        project=project,
        milestones=milestones,
        overdue_count=sum(1 for m in milestones if m.is_overdue(today)),
        coverage=coverage_of(records),
        weaknesses=list(project.weaknesses.select_related("element").order_by("status", "pk")),
        members=list(project.members.order_by("group", "name")),
        rounds=rounds,
    )
    if rounds:
        criteria = rounds[0].modellsjekk
        result.modellsjekk_total = len(criteria)
        result.modellsjekk_passed = sum(1 for item in criteria if item.get("passed"))
        result.modellsjekk_failed = [item["title"] for item in criteria if not item.get("passed")]
    return result
