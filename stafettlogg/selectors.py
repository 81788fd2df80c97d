"""Reads of the stafettlogg, always within one municipality."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import cache
from operator import attrgetter, itemgetter
from types import SimpleNamespace
from typing import Any, cast

from django.contrib.auth.models import User
from django.db import connection
from django.db.models import (
    CharField,
    Count,
    DateField,
    F,
    Field,
    IntegerField,
    Min,
    Model,
    Prefetch,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
)
from django.db.models.functions import Cast, RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from accounts.models import StaffMembership, StaffRole, Unit
from audit.models import AuditEvent
from core.compiled import (
    CompiledQuery,
    Converters,
    column_converters,
    convert_rows,
    field_column,
    instance_from,
    model_columns,
    set_prefetched,
)
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from stafettlogg.access import LogAccess, professional_may_read
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    AttentionArea,
    ChildVoice,
    Consent,
    Evaluation,
    Goal,
    Guardian,
    HandOver,
    HandOverStatus,
    LevelChange,
    Log,
    LogArchive,
    LogSettings,
    LogStatus,
    Lysglimt,
    Measure,
    MeasureStatus,
    Meeting,
    Participant,
    ParticipantRole,
)

# "Soon" for the attention list on Mine logger.
EVALUATION_SOON_DAYS = 14
CONSENT_SOON_DAYS = 30

# Any UUID: a URL is built around it once per request instead of once per log or measure.
_URL_PLACEHOLDER = uuid.UUID(int=0)


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def log_settings(municipality: Municipality) -> LogSettings:
    settings, _ = LogSettings.objects.get_or_create(municipality=municipality)
    return settings


def person_known_by_hash(municipality: Municipality, hashed: str) -> str | None:
    """For a first login with ID-porten (the ``identify_person`` hook of accounts.oidc): the
    name of a guardian of a log here with this fødselsnummer hash, "" for a youth of a log here
    old enough to take part, None for anyone else."""
    guardian = (
        Guardian.objects.filter(fnr_hash=hashed, log__municipality=municipality)
        .order_by("-added_at")
        .first()
    )
    if guardian is not None:
        return guardian.name
    youth_age = log_settings(municipality).youth_consent_age
    for log in Log.objects.filter(municipality=municipality, child_fnr_hash=hashed):
        if log.child_age() >= youth_age:
            return ""
    return None


# Placeholders of the compiled reads below (values no query has otherwise).
_LOG_ID = uuid.UUID(int=1)
_USER_ID = -1
_MUNICIPALITY_ID = -2

# The reads of every request on a log (the log, the access facts, the people) are compiled
# once per thread: building each queryset cost 1-2 ms of Python, several times what
# PostgreSQL takes to run it. They give model instances, as the ORM would.
_LOG_QUERY = CompiledQuery(
    lambda municipality_id, log_id: Log.objects.filter(
        municipality_id=municipality_id, pk=log_id
    ).values_list(*model_columns(Log)),
    _MUNICIPALITY_ID,
    _LOG_ID,
)
_PARTICIPANT_QUERY = CompiledQuery(
    lambda log_id, user_id: Participant.objects.filter(
        log_id=log_id, user_id=user_id, removed_at__isnull=True
    ).values_list(*model_columns(Participant), *model_columns(Unit, "unit__"))[:1],
    _LOG_ID,
    _USER_ID,
)
_PENDING_HANDOVER_QUERY = CompiledQuery(
    lambda log_id: HandOver.objects.filter(
        log_id=log_id, status=HandOverStatus.PENDING
    ).values_list(*model_columns(HandOver))[:1],
    _LOG_ID,
)
_PARTICIPANTS_QUERY = CompiledQuery(
    lambda log_id: (
        Participant.objects.filter(log_id=log_id, removed_at__isnull=True)
        .order_by("role", "added_at")
        .values_list(
            *model_columns(Participant),
            *model_columns(User, "user__"),
            *model_columns(Unit, "unit__"),
        )
    ),
    _LOG_ID,
)
_GUARDIANS_QUERY = CompiledQuery(
    lambda log_id: Guardian.objects.filter(log_id=log_id).values_list(*model_columns(Guardian)),
    _LOG_ID,
)
_CONSENTS_QUERY = CompiledQuery(
    lambda log_id: (
        Consent.objects.filter(log_id=log_id)
        .order_by("-recorded_at")
        .values_list(*model_columns(Consent))
    ),
    _LOG_ID,
)


@dataclass(frozen=True)
class _ConsentRelation:
    """A many-to-many field of Consent, read for all of a log's consents in one compiled
    query: rows of the consent's ID and the related object's columns, in the related model's
    own order (as prefetch_related reads them)."""

    name: str
    model: type[Model]
    query: CompiledQuery


def _consent_relation(name: str, model: type[Model], order: str) -> _ConsentRelation:
    """``order``: the related model's Meta.ordering."""
    through = getattr(Consent, name).through
    prefix = f"{model._meta.model_name}__"  # the through table's key to the related model
    return _ConsentRelation(
        name,
        model,
        CompiledQuery(
            lambda log_id: (
                through.objects.filter(consent__log_id=log_id)
                .order_by(prefix + order)
                .values_list("consent_id", *model_columns(model, prefix))
            ),
            _LOG_ID,
        ),
    )


_CONSENT_UNITS = _consent_relation("units", Unit, "name")
_CONSENT_GUARDIANS = _consent_relation("given_by_guardians", Guardian, "added_at")


def _with_related(consents: list[Consent], relation: _ConsentRelation, log_id: Any) -> None:
    """Set each consent's relation to its objects, as prefetch_related would."""
    related: dict[Any, list[Any]] = {consent.pk: [] for consent in consents}
    for row in relation.query.run(log_id):
        related[row[0]].append(instance_from(relation.model, row, 1))
    for consent in consents:
        set_prefetched(consent, relation.name, related[consent.pk])


def _consents(log: Log) -> list[Consent]:
    """All of the log's consents, newest first, with their units."""
    consents = [cast(Consent, instance_from(Consent, row)) for row in _CONSENTS_QUERY.run(log.pk)]
    if consents:
        _with_related(consents, _CONSENT_UNITS, log.pk)
    return consents


def log_in_municipality(municipality: Municipality | None, log_id: str) -> Log | None:
    """The log with this ID in this municipality, or None (also for malformed IDs)."""
    pk = parse_id(log_id)
    if municipality is None or pk is None:
        return None
    rows = _LOG_QUERY.run(municipality.pk, pk)
    log = instance_from(Log, rows[0]) if rows else None
    if log is not None:
        log.municipality = municipality  # the one it was read by, already in memory
    return log


def _participant(row: tuple[Any, ...], *, with_user: bool) -> Participant:
    """A participant from a row of its columns, then its user's if ``with_user``, then its
    unit's; the user and unit are set as its related objects, as select_related does."""
    participant = cast(Participant, instance_from(Participant, row))
    start = len(Participant._meta.concrete_fields)
    if with_user:
        participant.user = cast(User, instance_from(User, row, start))
        start += len(User._meta.concrete_fields)
    participant.unit = cast(Unit, instance_from(Unit, row, start))
    return participant


def access_for(user: Any, log: Log) -> LogAccess:
    """The facts every access rule needs, in at most six queries."""
    fnr_hash = account_selectors.identity_hash(user)
    guardian = None
    is_youth = False
    if fnr_hash:
        guardian = log.guardians.filter(fnr_hash=fnr_hash).first()
        if guardian is None and log.child_fnr_hash == fnr_hash:
            age = log.child_age()
            is_youth = age >= log_settings(log.municipality).youth_consent_age
    participant = None
    if user.is_authenticated:
        rows = _PARTICIPANT_QUERY.run(log.pk, user.pk)
        participant = _participant(rows[0], with_user=False) if rows else None
    # All consents (a log has a few), so that the log page need not read them again.
    consents = _consents(log)
    rows = _PENDING_HANDOVER_QUERY.run(log.pk)
    pending = instance_from(HandOver, rows[0]) if rows else None
    return LogAccess(
        log=log,
        guardian=guardian,
        is_youth=is_youth,
        participant=participant,
        consent=consents[0] if consents else None,
        pending_handover=pending,
        consents=consents,
    )


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


@dataclass
class TimelineItem:
    at: datetime
    kind: str
    title: str
    text: str = ""
    who: str = ""


# Timeline filters (``?vis=``), named like the entry forms, and the kinds each one shows.
TIMELINE_SECTIONS: dict[str, tuple[str, ...]] = {
    name: tuple(kind.name for kind in ENTRY_KINDS if kind.timeline_filter == name)
    for name in dict.fromkeys(kind.timeline_filter for kind in ENTRY_KINDS)
}


def _rows(queryset: QuerySet[Any], kind: str | None, title: Any, text: Any) -> QuerySet[Any]:
    """One part of the timeline's UNION ALL: the same five columns from every table."""
    text_field = CharField()
    return (
        queryset.order_by()
        .annotate(
            t_at=F("created_at"),
            t_kind=Value(kind, output_field=text_field) if kind else F("action"),
            t_title=title if title is not None else Value("", output_field=text_field),
            t_text=text if text is not None else Value("", output_field=text_field),
            t_who=F("author_name") if kind else F("actor_name"),
        )
        .values_list("t_at", "t_kind", "t_title", "t_text", "t_who")
    )


def timeline_rows(log: Log, section: str | None = None) -> QuerySet[Any]:
    """Everything that happened in the log, newest first, as one SQL query that can be counted
    and sliced (for the paginator): entries, and for the whole timeline also consents,
    participants, hand-overs and status changes (from the audit trail, without reads).
    ``section`` (a key of TIMELINE_SECTIONS) limits it to one section of the log page."""
    parts = {
        kind.name: _rows(
            kind.model._default_manager.filter(log=log),
            kind.name,
            kind.timeline_title,
            kind.timeline_text,
        )
        for kind in ENTRY_KINDS
    }
    kinds = TIMELINE_SECTIONS.get(section or "", tuple(parts))
    queries = [parts[kind] for kind in kinds]
    if section not in TIMELINE_SECTIONS:
        history = AuditEvent.objects.filter(log_id=log.pk, action__in=HISTORY_ACTIONS)
        queries.append(_rows(history, None, None, None))
    first, *rest = queries
    return first.union(*rest, all=True).order_by("-t_at") if rest else first.order_by("-t_at")


def timeline(log: Log) -> list[TimelineItem]:
    """The whole timeline as items (the archive copy and the export use it)."""
    return [TimelineItem(*row) for row in timeline_rows(log)]


# Audit actions that belong in the log's own history (reads are shown in the access list).
HISTORY_ACTIONS = [
    "log.create",
    "guardian.add",
    "guardian.remove",
    "participant.remove",
    "handover.cancel",
    "consent.record",
    "consent.give",
    "consent.withdraw",
    "log.activate",
    "participant.add",
    "handover.propose",
    "handover.accept",
    "handover.decline",
    "measure.status",
    "log.close",
]

READ_ACTIONS = ["log.view", "log.timeline", "consent.file", "log.archive_download"]


def access_history(log: Log) -> QuerySet[AuditEvent]:
    """Who has opened this log, newest first (shown to the guardians)."""
    return AuditEvent.objects.filter(log_id=log.pk, action__in=READ_ACTIONS).order_by("-seq")


@dataclass
class MyLog:
    """One card on Mine logger, ready to show (no model instances, no template tags per card)."""

    url: str
    name: str
    status: str  # the status label, capitalised
    role: str
    needs: list[str] = field(default_factory=list)  # each a sentence, safe HTML


def _family_logs(
    municipality: Municipality, fnr_hash: str
) -> tuple[set[uuid.UUID], set[uuid.UUID]]:
    """The logs where the user is a guardian, and those where the user is the child from the
    youth consent age."""
    guardian = set(
        Log.objects.filter(municipality=municipality, guardians__fnr_hash=fnr_hash).values_list(
            "pk", flat=True
        )
    )
    youth: set[uuid.UUID] = set()
    born_rows = list(
        Log.objects.filter(municipality=municipality, child_fnr_hash=fnr_hash).values_list(
            "pk", "child_birth_date"
        )
    )
    if born_rows:
        youth_age = log_settings(municipality).youth_consent_age
        today = timezone.localdate()
        for pk, born in born_rows:
            age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
            if age >= youth_age:
                youth.add(pk)
    return guardian, youth - guardian


def _long_date(day: date, months: dict[int, str]) -> str:
    """``day`` as the ``date`` filter writes it with "j. F Y" (e.g. "5. november 2026")."""
    month = months.get(day.month)
    if month is None:
        month = months[day.month] = str(MONTHS[day.month])
    return f"{day.day}. {month} {day.year:04d}"


# Mine logger is the page every professional opens first, so its rows are read in one
# hand-written query (like the tenant in municipalities.selectors): the ORM needed five queries
# and some 8 ms of CPU to build them and their parameters; this takes well under one. One row
# per log and evaluation due, each with the log, the user's participation, the newest consent
# (it may be withdrawn), whether that consent names the participant's unit and whether a
# hand-over waits for the participant. Names come from the models, quoted; the values pass
# through the ORM's converters, so it is right on PostgreSQL and SQLite.
_MY_LOG_COLUMNS = (
    (Log, "l", "id"),
    (Log, "l", "status"),
    (Log, "l", "child_name"),
    (Participant, "p", "id"),
    (Participant, "p", "role"),
    (Consent, "c", "expires_on"),
    (Consent, "c", "withdrawn_at"),
    (None, "", "covered"),
    (None, "", "handover"),
    (Measure, "m", "evaluation_date"),
)


@cache
def _my_logs_query() -> tuple[str, str, str, Converters]:
    """The query in three parts (before and after where the log IDs come from, and the source
    of family logs), and the converters of the columns that have any."""
    quote = connection.ops.quote_name

    def table(model: Any) -> str:
        return quote(model._meta.db_table)

    def column(model: Any, name: str) -> str:
        return quote(model._meta.get_field(name).column)

    consent_units = Consent.units.through
    log_id, log_status = column(Log, "id"), column(Log, "status")
    participant_log, participant_id = column(Participant, "log"), column(Participant, "id")
    participant_user, removed = column(Participant, "user"), column(Participant, "removed_at")
    consent_id, consent_log = column(Consent, "id"), column(Consent, "log")
    # Only names from the models, quoted: all values are parameters.
    select = [f"{alias}.{column(model, name)}" for model, alias, name in _MY_LOG_COLUMNS if model]
    select[7:7] = [
        f"EXISTS (SELECT 1 FROM {table(consent_units)} cu"  # noqa: S608
        f" WHERE cu.{column(consent_units, 'consent')} = c.{consent_id}"
        f" AND cu.{column(consent_units, 'unit')} = p.{column(Participant, 'unit')})",
        f"EXISTS (SELECT 1 FROM {table(HandOver)} h WHERE h.{column(HandOver, 'log')} = l.{log_id}"  # noqa: S608
        f" AND h.{column(HandOver, 'to_participant')} = p.{participant_id}"
        f" AND h.{column(HandOver, 'status')} = %s)",
    ]
    head = (
        f"SELECT {', '.join(select)} FROM (SELECT {participant_log} AS log_id"  # noqa: S608
        f" FROM {table(Participant)} WHERE {participant_user} = %s AND {removed} IS NULL"
    )
    family = f" UNION SELECT {log_id} FROM {table(Log)} WHERE {log_id} IN "  # noqa: S608
    tail = (
        f") ids JOIN {table(Log)} l ON l.{log_id} = ids.log_id"  # noqa: S608
        f" LEFT JOIN {table(Participant)} p ON p.{participant_log} = l.{log_id}"
        f" AND p.{participant_user} = %s AND p.{removed} IS NULL"
        f" LEFT JOIN {table(Consent)} c ON c.{consent_id} = (SELECT c2.{consent_id}"
        f" FROM {table(Consent)} c2 WHERE c2.{consent_log} = l.{log_id}"
        f" ORDER BY c2.{column(Consent, 'recorded_at')} DESC LIMIT 1)"
        f" LEFT JOIN {table(Measure)} m ON m.{column(Measure, 'log')} = l.{log_id}"
        f" AND l.{log_status} <> %s AND m.{column(Measure, 'status')} IN (%s, %s)"
        f" AND m.{column(Measure, 'evaluation_date')} <= %s"
        f" WHERE l.{column(Log, 'municipality')} = %s"
        f" ORDER BY l.{log_status}, l.{column(Log, 'created_at')} DESC, l.{log_id},"
        f" m.{column(Measure, 'evaluation_date')}"
    )
    columns = [
        None if model is None else field_column(model, name, alias)
        for model, alias, name in _MY_LOG_COLUMNS
    ]
    return head, family, tail, column_converters(columns, using=connection.alias)


def my_logs(municipality: Municipality, user: Any) -> list[MyLog]:
    """The user's logs in this municipality with what needs attention: evaluations due,
    consent expiring, hand-overs waiting for the user. Two queries for a professional
    (identity and logs), a few more for a guardian or a youth."""
    today = timezone.localdate()
    fnr = account_selectors.identity_hash(user)
    guardian_ids, youth_ids = _family_logs(municipality, fnr) if fnr else (set(), set())
    family_ids = list(guardian_ids | youth_ids)
    head, family, tail, converters = _my_logs_query()
    sql = head
    if family_ids:
        sql += family + "(" + ", ".join(["%s"] * len(family_ids)) + ")"
    sql += tail
    params = [
        HandOverStatus.PENDING.value,
        user.pk,
        *(Log._meta.pk.get_db_prep_value(pk, connection) for pk in family_ids),  # type: ignore[union-attr]
        user.pk,
        LogStatus.CLOSED.value,
        MeasureStatus.PLANNED.value,
        MeasureStatus.ONGOING.value,
        today + timedelta(days=EVALUATION_SOON_DAYS),
        municipality.pk,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = convert_rows(cursor.fetchall(), converters, using=connection.alias)

    prefix, suffix = reverse("stafettlogg:log", args=[_URL_PLACEHOLDER]).split(
        str(_URL_PLACEHOLDER)
    )
    statuses = {value: capfirst(str(label)) for value, label in LogStatus.choices}
    roles = {value: str(label) for value, label in ParticipantRole.choices}
    guardian_role, youth_role = _("guardian"), _("the youth")
    evaluation_text = _("A measure is to be evaluated by %(date)s")
    consent_text = _("The consent expires %(date)s")
    handover_text = conditional_escape(_("A hand-over waits for your answer"))
    months: dict[int, str] = {}
    consent_soon = today + timedelta(days=CONSENT_SOON_DAYS)
    # One entry per log, in the query's order, with the evaluations due (soonest first).
    logs: dict[uuid.UUID, tuple[Any, list[date]]] = {}
    for row in rows:
        entry = logs.get(row[0])
        if entry is None:
            entry = logs[row[0]] = (row, [])
        if row[9] is not None:
            entry[1].append(row[9])
    result = []
    for row, due in logs.values():
        log_id, status, name, participant_id, role, expires_on, withdrawn_at = row[:7]
        covered, handover = row[7], row[8]
        # expires_on is NULL only without any consent
        in_force = expires_on is not None and withdrawn_at is None
        if log_id in guardian_ids:
            label = guardian_role
        elif log_id in youth_ids:
            label = youth_role
        elif participant_id is not None and professional_may_read(
            status, role, in_force, bool(covered)
        ):
            label = roles[role]
        else:
            continue
        item = MyLog(
            url=f"{prefix}{log_id}{suffix}", name=name, status=statuses[status], role=label
        )
        if status != LogStatus.CLOSED:
            for evaluation_date in due:
                item.needs.append(_need(evaluation_text, _long_date(evaluation_date, months)))
            if in_force and expires_on <= consent_soon:
                item.needs.append(_need(consent_text, _long_date(expires_on, months)))
            if handover:
                item.needs.append(handover_text)
        result.append(item)
    return result


def _need(text: str, day: str) -> SafeString:
    """What ``{% blocktranslate with date=... %}`` renders: the translation as it stands, the
    date escaped."""
    return mark_safe(text % {"date": conditional_escape(day)})  # noqa: S308


@dataclass
class UnitLogRow:
    """Metadata only: no child, no content."""

    status: str
    holder: str
    created_on: date
    next_evaluation: date | None


def unit_log_overview(unit: Unit) -> list[UnitLogRow]:
    """Metadata of the logs the unit holds, in two queries whatever their number."""
    holders = list(
        Participant.objects.filter(unit=unit, role="holder", removed_at__isnull=True)
        .select_related("user", "log")
        .order_by("log__created_at")
    )
    next_evaluation = dict(
        Measure.objects.filter(
            log__in=[h.log_id for h in holders],
            status__in=[MeasureStatus.PLANNED, MeasureStatus.ONGOING],
        )
        .values("log")
        .annotate(first=Min("evaluation_date"))
        .values_list("log", "first")
    )
    return [
        UnitLogRow(
            status=holder.log.get_status_display(),
            holder=str(holder),
            created_on=holder.log.created_at.date(),
            next_evaluation=next_evaluation.get(holder.log_id),
        )
        for holder in holders
    ]


def eligible_staff(log: Log, consent: Consent | None) -> QuerySet[StaffMembership]:
    """Staff who may be added: holders and actors of units the consent covers."""
    if consent is None:
        return StaffMembership.objects.none()
    existing = log.participants.filter(removed_at__isnull=True).values("user")
    return (
        StaffMembership.objects.filter(
            municipality=log.municipality,
            role__in=[StaffRole.HOLDER, StaffRole.ACTOR],
            unit__in=consent.units.all(),
        )
        .exclude(user__in=existing)
        .select_related("user", "unit")
        .order_by("unit__name", "user__first_name")
    )
