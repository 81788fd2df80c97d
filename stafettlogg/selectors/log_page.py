"""The log page: its content, the newest entries of each section and the summary."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from types import SimpleNamespace
from typing import Any

from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    Field,
    IntegerField,
    Prefetch,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.utils import timezone
from django.utils.text import Truncator

from core.compiled import (
    CompiledQuery,
    instance_from,
)
from samhandlingsmodell.models import ElementPage
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    AttentionArea,
    ChildVoice,
    Consent,
    Evaluation,
    Goal,
    Guardian,
    LevelChange,
    Log,
    LogArchive,
    Lysglimt,
    Measure,
    MeasureStatus,
    Meeting,
    Participant,
)
from stafettlogg.selectors.log_access import (
    _CONSENT_GUARDIANS,
    _GUARDIANS_QUERY,
    _LOG_ID,
    _PARTICIPANTS_QUERY,
    _participant,
    _with_related,
)
from stafettlogg.selectors.mine import _long_date


@dataclass
class LogContent:
    attention: list[AttentionArea]
    goals: list[Goal]
    measures: list[Measure]
    meetings: list[Meeting]
    lysglimt: list[Lysglimt]
    voices: list[ChildVoice]
    levels: list[LevelChange]
    participants: list[Participant]
    guardians: list[Any]
    consents: list[Consent]
    archive: LogArchive | None = None


def log_content(log: Log) -> LogContent:
    return LogContent(
        attention=list(
            AttentionArea.objects.filter(log=log).select_related("category").order_by("created_at")
        ),
        goals=list(Goal.objects.filter(log=log).order_by("created_at")),
        measures=list(
            Measure.objects.filter(log=log)
            .select_related("responsible__user", "unit", "catalogue_tiltak")
            .prefetch_related(
                Prefetch("evaluations", queryset=Evaluation.objects.order_by("evaluated_on"))
            )
            .order_by("evaluation_date")
        ),
        meetings=list(Meeting.objects.filter(log=log).order_by("-held_on")),
        lysglimt=list(Lysglimt.objects.filter(log=log).order_by("-created_at")),
        voices=list(ChildVoice.objects.filter(log=log).order_by("-created_at")),
        levels=list(LevelChange.objects.filter(log=log).order_by("created_at")),
        participants=list(
            log.participants.filter(removed_at__isnull=True)
            .select_related("user", "unit")
            .order_by("role", "added_at")
        ),
        guardians=list(log.guardians.all()),
        consents=list(log.consents.prefetch_related("units", "given_by_guardians")),
        archive=LogArchive.objects.filter(log=log).first() if log.is_closed else None,
    )


# The log page shows the newest entries of each section; all of them are on the timeline.
LOG_PAGE_NEWEST = 10
MEASURE_EVALUATIONS_SHOWN = 3
TIMELINE_PAGE_SIZE = 50


@dataclass
class Newest:
    """The newest entries of one section of the log page, and how many there are in all."""

    items: list[Any]
    total: int
    section: str  # the timeline filter (``?vis=``) that lists all of them

    @property
    def more(self) -> bool:
        return self.total > len(self.items)


@dataclass
class LogSummary:
    """What the log page shows: the newest entries per section (a fixed number of rows
    whatever the size of the log), the people and the consents."""

    attention: Newest
    goals: Newest
    measures: Newest  # active (planned or ongoing) measures, next evaluation first
    meetings: Newest
    lysglimt: Newest
    voices: Newest
    levels: Newest
    participants: list[Participant]
    guardians: list[Any]
    consents: list[Consent]
    archive: LogArchive | None = None

    @property
    def attention_and_goals(self) -> Newest:
        """The page shows areas of attention and goals in one section, with one link."""
        items = self.attention.items + self.goals.items
        return Newest(items, self.attention.total + self.goals.total, "mal")


def _newest(queryset: QuerySet[Any], section: str, limit: int) -> Newest:
    # COUNT(*) OVER () is computed before LIMIT: the total comes with the rows.
    rows = list(queryset.annotate(section_total=Window(Count("pk")))[:limit])
    return Newest(rows, rows[0].section_total if rows else 0, section)


@dataclass(frozen=True)
class _Section:
    """One plain section of the log page, read as a part of one UNION ALL: its table, its
    order (newest first) and which of its fields fill the generic columns."""

    model: Any
    link: str  # the timeline filter (``?vis=``)
    order: str  # newest first by this, then by when it was written
    fields: dict[str, str]  # generic column -> field (the name the template uses)


_PLAIN_SECTIONS = {
    kind.section.name: _Section(
        kind.model, kind.timeline_filter, kind.section.order, kind.section.columns
    )
    for kind in ENTRY_KINDS
    if kind.section is not None
}
# Each generic column's type. "b" and "c" differ in type only so that their NULLs are
# different expressions: Django's filter on a window function (the rank below) selects equal
# expressions once, and a part with both NULL would have a column too few.
_GENERIC_COLUMNS: dict[str, Field[Any, Any]] = {
    "on": DateField(),
    "a": TextField(),
    "b": TextField(),
    "c": CharField(),
    "level": IntegerField(),
}


def _plain_sections_queryset(log_id: uuid.UUID, limit: int) -> QuerySet[Any]:
    parts = []
    for name, section in _PLAIN_SECTIONS.items():
        # All columns as annotations, in one order: a UNION matches its parts by position.
        columns: dict[str, Any] = {
            "s_name": Value(name, output_field=CharField()),
            "s_pk": F("pk"),
            "s_at": F("created_at"),
        }
        for column, output_field in _GENERIC_COLUMNS.items():
            columns[f"s_{column}"] = (
                F(section.fields[column])
                if column in section.fields
                # Typed: PostgreSQL gives a bare NULL the type text in a UNION.
                else Cast(Value(None), output_field=output_field)
            )
        columns["s_total"] = Window(Count("pk"))
        # The newest by ROW_NUMBER, not LIMIT: SQLite allows no LIMIT in a part of a UNION.
        rank = Window(RowNumber(), order_by=[F(section.order).desc(), F("created_at").desc()])
        parts.append(
            section.model.objects.filter(log_id=log_id)
            .order_by()
            .annotate(**columns, s_rank=rank)
            .filter(s_rank__lte=limit)
            .values_list(*columns)
        )
    return parts[0].union(*parts[1:], all=True)


# Compiled once (building this queryset costs ~25 ms, running it ~3).
_PLAIN_SECTIONS_QUERY = CompiledQuery(
    lambda log_id: _plain_sections_queryset(log_id, LOG_PAGE_NEWEST), _LOG_ID
)


def _plain_sections(log: Log, months: dict[int, str]) -> dict[str, Newest]:
    """The newest LOG_PAGE_NEWEST entries of each plain section with each section's total, in
    one query: a UNION ALL of one ranked part per table, generic columns, no model instances.
    Each entry has the day it was written (``written_on``, local time) written out, and a
    meeting the day it was held (``held_on_text``)."""
    rows: dict[str, list[Any]] = {name: [] for name in _PLAIN_SECTIONS}
    totals = dict.fromkeys(_PLAIN_SECTIONS, 0)
    local = timezone.get_current_timezone()  # once, not once per row as localtime reads it
    for name, pk, created_at, *values, total in _PLAIN_SECTIONS_QUERY.run(log.pk):
        section = _PLAIN_SECTIONS[name]
        generic = dict(zip(_GENERIC_COLUMNS, values, strict=True))
        fields = {field.split("__")[0]: generic[column] for column, field in section.fields.items()}
        if "held_on" in fields:
            fields["held_on_text"] = _long_date(fields["held_on"], months)
        rows[name].append(
            SimpleNamespace(
                pk=pk,
                created_at=created_at,
                written_on=_long_date(created_at.astimezone(local).date(), months),
                **fields,
            )
        )
        totals[name] = total
    result = {}
    for name, section in _PLAIN_SECTIONS.items():
        # A UNION ALL keeps no order across its parts: each section is sorted here.
        items = sorted(rows[name], key=attrgetter(section.order, "created_at"), reverse=True)
        result[name] = Newest(items, totals[name], section.link)
    return result


_ACTIVE_MEASURES = (MeasureStatus.PLANNED, MeasureStatus.ONGOING)
_MEASURE_COLUMNS = (
    "pk",
    "description",
    "start_date",
    "evaluation_date",
    "status",
    "catalogue_tiltak_id",
    "responsible__user__first_name",
    "responsible__user__last_name",
    "responsible__user__username",
    "unit__name",
    "all_measures",
)


def _active_measures_queryset(log_id: uuid.UUID) -> QuerySet[Any]:
    # The link to all measures counts the completed and stopped ones too (a subquery, so
    # that the count comes with the active ones).
    all_measures = (
        Measure.objects.filter(log_id=log_id)
        .order_by()
        .values("log")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Measure.objects.filter(log_id=log_id, status__in=_ACTIVE_MEASURES)
        .annotate(all_measures=Subquery(all_measures))
        .order_by("evaluation_date", "created_at")
        .values_list(*_MEASURE_COLUMNS)[:LOG_PAGE_NEWEST]
    )


def _newest_evaluations_queryset(log_id: uuid.UUID) -> QuerySet[Any]:
    """The newest evaluations of each active measure of the log."""
    rank = Window(
        RowNumber(),
        partition_by=[F("measure_id")],
        order_by=[F("evaluated_on").desc(), F("created_at").desc()],
    )
    return (
        Evaluation.objects.filter(measure__log_id=log_id, measure__status__in=_ACTIVE_MEASURES)
        .order_by()
        .annotate(rank=rank)
        .filter(rank__lte=MEASURE_EVALUATIONS_SHOWN)
        .values_list("measure_id", "evaluated_on", "text", "author_name", "rank")
    )


# Compiled once: building these querysets costs several times what running them does.
_ACTIVE_MEASURES_QUERY = CompiledQuery(_active_measures_queryset, _LOG_ID)
_NEWEST_EVALUATIONS_QUERY = CompiledQuery(_newest_evaluations_queryset, _LOG_ID)


def _active_measures(log: Log, months: dict[int, str]) -> Newest:
    """The active measures, next evaluation first, each with its newest evaluations and the
    catalogue page it comes from and dates written out; the total counts all of the log's
    measures."""
    rows = _ACTIVE_MEASURES_QUERY.run(log.pk)
    if not rows:
        return Newest([], Measure.objects.filter(log=log).count(), "tiltak")
    evaluations: dict[uuid.UUID, list[Any]] = {}
    # Sorted by measure and rank: newest first within each measure.
    for measure_id, evaluated_on, text, author_name, _rank in sorted(
        _NEWEST_EVALUATIONS_QUERY.run(log.pk), key=itemgetter(0, 4)
    ):
        evaluations.setdefault(measure_id, []).append(
            SimpleNamespace(
                evaluated_on=evaluated_on,
                evaluated_on_text=_long_date(evaluated_on, months),
                text=text,
                author_name=author_name,
            )
        )
    catalogue_ids = {row[5] for row in rows if row[5] is not None}
    # A catalogue page is a wide Wagtail row: read only when a measure has one.
    catalogue = (
        {page.pk: page for page in ElementPage.objects.filter(pk__in=catalogue_ids)}
        if catalogue_ids
        else {}
    )
    labels = {value: str(label) for value, label in MeasureStatus.choices}
    items = []
    for (
        pk,
        description,
        start,
        evaluate,
        status,
        catalogue_id,
        first,
        last,
        username,
        unit,
        _n,
    ) in rows:
        items.append(
            SimpleNamespace(
                pk=pk,
                description=description,
                short_description=Truncator(description).words(6, truncate=" …"),
                start_date=start,
                start_date_text=_long_date(start, months),
                evaluation_date=evaluate,
                evaluation_date_text=_long_date(evaluate, months),
                status=status,
                get_status_display=labels[status],
                catalogue_tiltak=catalogue.get(catalogue_id),
                responsible=f"{first} {last}".strip() or username,  # as Participant.__str__
                unit=SimpleNamespace(name=unit),
                newest_evaluations=evaluations.get(pk, []),
            )
        )
    return Newest(items, rows[0][-1], "tiltak")


def log_summary(log: Log, consents: list[Consent]) -> LogSummary:
    """What the log page shows. ``consents``: all of the log's consents, newest first, with
    their units (as ``access_for`` reads them)."""
    months: dict[int, str] = {}
    measures = _active_measures(log, months)
    sections = _plain_sections(log, months)
    sections["levels"].items.reverse()  # shown as a history: oldest of the newest first
    if consents:
        _with_related(consents, _CONSENT_GUARDIANS, log.pk)
    return LogSummary(
        measures=measures,
        **sections,
        participants=[_participant(row, with_user=True) for row in _PARTICIPANTS_QUERY.run(log.pk)],
        guardians=[instance_from(Guardian, row) for row in _GUARDIANS_QUERY.run(log.pk)],
        consents=consents,
        archive=LogArchive.objects.filter(log=log).first() if log.is_closed else None,
    )
