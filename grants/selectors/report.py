"""What the report to Bufdir (status report or final report) says, read from what the product
already knows about one municipality's project: the facts of the project, the milestones,
Modellsjekk now and per round with Bufdir, training coverage per unit, and the weaknesses and
their measures. Every label is in the municipality's written standard."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils import timezone, translation

from grants.models import (
    GrantProject,
    GroupKind,
    MilestoneKind,
    SubmissionStatus,
    WeaknessStatus,
)
from grants.selectors.review import rounds_of
from grants.selectors.training import training_coverage
from municipalities.models import Municipality
from municipalities.register import KORUS_REGIONS
from samhandlingsmodell import modellsjekk


class ReportKind(StrEnum):
    STATUS = "status"  # statusrapport, while the project runs
    FINAL = "slutt"  # sluttrapport, at the end: adds the final assessment


# Open weaknesses first, done ones last.
WEAKNESS_ORDER: list[str] = [WeaknessStatus.OPEN, WeaknessStatus.IN_PROGRESS, WeaknessStatus.DONE]
# The milestones the final report's hand-over section is about.
FINAL_MILESTONES = (MilestoneKind.HANDOVER, MilestoneKind.FINAL_REPORT)


@dataclass(frozen=True)
class Group:
    label: str
    members: list[tuple[str, str]]  # (name, represents)


@dataclass(frozen=True)
class MilestoneRow:
    kind: str
    title: str
    due_date: datetime.date
    owner: str
    status: str
    status_label: str
    completed_on: datetime.date | None
    overdue: bool


@dataclass(frozen=True)
class CheckRow:
    title: str
    passed: bool
    problems: list[str]


@dataclass(frozen=True)
class RoundRow:
    round: int
    submitted_at: datetime.datetime
    status: str
    status_label: str
    decided_at: datetime.datetime | None
    checks_passed: int
    checks_total: int
    # None while Bufdir reviews: the comments are the municipality's once the round is decided.
    comment_count: int | None
    answered_count: int | None


@dataclass(frozen=True)
class CoverageRow:
    unit: str
    topic_label: str
    held_on: datetime.date | None
    roles: str
    trained: int
    staff_total: int

    @property
    def percent(self) -> int | None:
        if not self.staff_total:
            return None
        return round(100 * self.trained / self.staff_total)


@dataclass(frozen=True)
class WeaknessRow:
    description: str
    measure: str
    owner: str
    status: str
    status_label: str
    due_date: datetime.date | None
    element: str


@dataclass
class ReportData:
    municipality: Municipality
    kind: ReportKind
    made_on: datetime.date
    project: GrantProject
    korus_region: str
    groups: list[Group]
    milestones: list[MilestoneRow]
    checks: list[CheckRow]
    rounds: list[RoundRow]
    coverage: list[CoverageRow]
    units_without_training: list[str]
    weaknesses: list[WeaknessRow]
    final_milestones: list[MilestoneRow] = field(default_factory=list)

    @property
    def is_final(self) -> bool:
        return self.kind == ReportKind.FINAL

    @property
    def checks_passed(self) -> int:
        return sum(1 for check in self.checks if check.passed)

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.milestones if row.overdue)


def _coverage(project: GrantProject) -> tuple[list[CoverageRow], list[str]]:
    """Coverage by the rule the project page shows (``selectors.training``)."""
    coverage = training_coverage(project)
    rows = [
        CoverageRow(
            unit=row.unit.name,
            topic_label=row.topic_label,
            held_on=row.held_on,
            roles=row.roles,
            trained=row.trained,
            staff_total=row.staff_total,
        )
        for row in coverage.rows
    ]
    return rows, [unit.name for unit in coverage.untrained_units]


def _rounds(project: GrantProject) -> list[RoundRow]:
    rows = []
    for submission in rounds_of(project):
        decided = submission.status != SubmissionStatus.SUBMITTED
        checks = submission.modellsjekk or []
        rows.append(
            RoundRow(
                round=submission.round,
                submitted_at=submission.submitted_at,
                status=submission.status,
                status_label=str(submission.get_status_display()),
                decided_at=submission.decided_at,
                checks_passed=sum(1 for item in checks if item.get("passed")),
                checks_total=len(checks),
                comment_count=submission.comment_count if decided else None,  # type: ignore[attr-defined]
                answered_count=submission.answered_count if decided else None,  # type: ignore[attr-defined]
            )
        )
    return rows


def report_data(
    municipality: Municipality, kind: str, today: datetime.date | None = None
) -> ReportData | None:
    """The report of ``kind`` ("status" or "slutt") for ``municipality``'s project, or None when
    the municipality has no project (or the kind is unknown)."""
    try:
        report_kind = ReportKind(kind)
    except ValueError:
        return None
    project = (
        GrantProject.objects.filter(municipality=municipality)
        .select_related("mandate_document")
        .first()
    )
    if project is None:
        return None
    project.municipality = municipality
    today = today or timezone.localdate()
    with translation.override(municipality.language):
        members = list(project.members.all())
        groups = [
            Group(
                label=str(group.label),
                members=[(m.name, m.represents) for m in members if m.group == group],
            )
            for group in GroupKind
        ]
        milestones = [
            MilestoneRow(
                kind=m.kind,
                title=m.title,
                due_date=m.due_date,
                owner=m.owner,
                status=m.status,
                status_label=str(m.get_status_display()),
                completed_on=m.completed_on,
                overdue=m.is_overdue(today),
            )
            for m in project.milestones.order_by("due_date", "pk")
        ]
        checks = [
            CheckRow(
                title=criterion.title,
                passed=criterion.passed,
                problems=[problem.message for problem in criterion.problems],
            )
            for criterion in modellsjekk.run(municipality, today).criteria
        ]
        coverage, untrained = _coverage(project)
        weaknesses = [
            WeaknessRow(
                description=w.description,
                measure=w.measure,
                owner=w.owner,
                status=w.status,
                status_label=str(w.get_status_display()),
                due_date=w.due_date,
                element=w.element.title if w.element else "",
            )
            for w in sorted(
                project.weaknesses.select_related("element"),
                key=lambda w: (WEAKNESS_ORDER.index(w.status), w.pk),
            )
        ]
        region = municipality.korus_region
        return ReportData(
            municipality=municipality,
            kind=report_kind,
            made_on=today,
            project=project,
            korus_region=str(KORUS_REGIONS.get(region, region)),
            groups=groups,
            milestones=milestones,
            checks=checks,
            rounds=_rounds(project),
            coverage=coverage,
            units_without_training=untrained,
            weaknesses=weaknesses,
            final_milestones=[m for m in milestones if m.kind in FINAL_MILESTONES]
            if report_kind == ReportKind.FINAL
            else [],
        )
