"""Reads of a project's training register, and the coverage the report and the project page
show: how many of each unit's staff have been trained in the model and the guide."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import QuerySet

from accounts.models import Unit
from grants.models import GrantProject, TrainingRecord, TrainingTopic
from municipalities.models import Municipality


def percent(part: int, whole: int) -> int:
    """``part`` of ``whole`` in whole percent, halves rounded up (0 for an empty whole)."""
    if whole <= 0:
        return 0
    return (200 * part + whole) // (2 * whole)


@dataclass(frozen=True)
class CoverageRow:
    """One unit's latest training in one topic."""

    unit: Unit
    topic: str
    topic_label: str
    held_on: datetime.date
    roles: str
    trained: int
    staff_total: int

    @property
    def percent(self) -> int:
        return percent(self.trained, self.staff_total)


@dataclass(frozen=True)
class CoverageTotal:
    trained: int
    staff_total: int

    @property
    def percent(self) -> int:
        return percent(self.trained, self.staff_total)


@dataclass(frozen=True)
class TrainingCoverage:
    rows: list[CoverageRow]
    by_topic: dict[str, CoverageTotal]
    total: CoverageTotal
    untrained_units: list[Unit]

    @property
    def recorded(self) -> bool:
        return bool(self.rows)


def training_coverage(project: GrantProject) -> TrainingCoverage:
    """Training coverage ("andel ansatte med opplæring") of ``project``'s municipality.

    - ``rows``: for each unit and topic, the unit's latest training record in that topic (the
      newest date; on the same date the one recorded last), as a ``CoverageRow`` with
      ``trained`` of ``staff_total`` and ``percent`` (whole percent, halves up), ordered by
      unit name and topic. An older record of the same unit and topic is history, not counted.
    - ``by_topic``: for each topic with rows, the municipal total: the sum of ``trained`` over
      the sum of ``staff_total`` of that topic's rows.
    - ``total``: the same over every row (a unit counts once per topic it has been trained in).
    - ``untrained_units``: the municipality's units with no training record at all.

    Two queries, whatever the number of records."""
    records = (
        TrainingRecord.objects.filter(project=project)
        .select_related("unit")
        .order_by("-held_on", "-pk")
    )
    latest: dict[tuple[object, str], TrainingRecord] = {}
    for record in records:
        latest.setdefault((record.unit_id, record.topic), record)
    labels = dict(TrainingTopic.choices)
    order = {value: index for index, value in enumerate(TrainingTopic.values)}
    rows = sorted(
        (
            CoverageRow(
                unit=record.unit,
                topic=record.topic,
                topic_label=str(labels[record.topic]),
                held_on=record.held_on,
                roles=record.roles,
                trained=record.trained,
                staff_total=record.staff_total,
            )
            for record in latest.values()
        ),
        key=lambda row: (row.unit.name, order.get(row.topic, 99)),
    )
    by_topic: dict[str, CoverageTotal] = {}
    for topic in TrainingTopic.values:
        of_topic = [row for row in rows if row.topic == topic]
        if of_topic:
            by_topic[topic] = CoverageTotal(
                sum(row.trained for row in of_topic), sum(row.staff_total for row in of_topic)
            )
    total = CoverageTotal(sum(row.trained for row in rows), sum(row.staff_total for row in rows))
    trained_units = {row.unit.pk for row in rows}
    untrained = [
        unit
        for unit in Unit.objects.filter(municipality_id=project.municipality_id).order_by("name")
        if unit.pk not in trained_units
    ]
    return TrainingCoverage(rows, by_topic, total, untrained)


def trainings_of(project: GrantProject) -> QuerySet[TrainingRecord]:
    """The project's training records, newest first, with their units."""
    return (
        TrainingRecord.objects.filter(project=project)
        .select_related("unit")
        .order_by("-held_on", "-pk")
    )


def training_in(municipality: Municipality, training_id: int) -> TrainingRecord | None:
    """One training record of ``municipality``'s project (None for another's)."""
    return (
        TrainingRecord.objects.filter(pk=training_id, project__municipality=municipality)
        .select_related("unit", "project")
        .first()
    )


def units_of(municipality: Municipality) -> QuerySet[Unit]:
    return Unit.objects.filter(municipality=municipality).order_by("name")
