"""Reads of the stafettlogg, always within one municipality."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
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
    Min,
    Prefetch,
    QuerySet,
    Subquery,
    TextField,
    Value,
    Window,
    prefetch_related_objects,
)
from django.db.models.functions import Cast, Coalesce, NullIf, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from core.compiled import CompiledQuery
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from stafettlogg.access import LogAccess
from stafettlogg.models import (
    AttentionArea,
    ChildVoice,
    Consent,
    Evaluation,
    Goal,
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
    PersonIdentity,
    StaffMembership,
    StaffRole,
    Unit,
)

# "Soon" for the attention list on Mine logger.
EVALUATION_SOON_DAYS = 14
CONSENT_SOON_DAYS = 30


def parse_id(value: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


def log_settings(municipality: Municipality) -> LogSettings:
    settings, _ = LogSettings.objects.get_or_create(municipality=municipality)
    return settings


def identity_hash(user: Any) -> str | None:
    if not user.is_authenticated:
        return None
    identity = PersonIdentity.objects.filter(user=user).values_list("fnr_hash", flat=True)
    return identity.first()


def memberships(municipality: Municipality, user: Any) -> list[StaffMembership]:
    if not user.is_authenticated:
        return []
    return list(
        StaffMembership.objects.filter(municipality=municipality, user=user).select_related("unit")
    )


def log_in_municipality(municipality: Municipality | None, log_id: str) -> Log | None:
    """The log with this ID in this municipality, or None (also for malformed IDs)."""
    pk = parse_id(log_id)
    if municipality is None or pk is None:
        return None
    return Log.objects.filter(municipality=municipality, pk=pk).first()


def access_for(user: Any, log: Log) -> LogAccess:
    """The facts every access rule needs, in at most six queries."""
    fnr_hash = identity_hash(user)
    guardian = None
    is_youth = False
    if fnr_hash:
        guardian = log.guardians.filter(fnr_hash=fnr_hash).first()
        if guardian is None and log.child_fnr_hash == fnr_hash:
            age = log.child_age()
            is_youth = age >= log_settings(log.municipality).youth_consent_age
    participant = None
    if user.is_authenticated:
        participant = (
            log.participants.filter(user=user, removed_at__isnull=True)
            .select_related("unit")
            .first()
        )
    # All consents (a log has a few), so that the log page need not read them again.
    consents = list(log.consents.prefetch_related("units").order_by("-recorded_at"))
    pending = log.handovers.filter(status=HandOverStatus.PENDING).first()
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
    "attention": _Section(
        AttentionArea, "mal", "created_at", {"a": "category__name", "b": "description"}
    ),
    "goals": _Section(Goal, "mal", "created_at", {"a": "text"}),
    "meetings": _Section(
        Meeting,
        "mote",
        "held_on",
        {"on": "held_on", "a": "attendees", "b": "notes", "c": "agreements"},
    ),
    "lysglimt": _Section(Lysglimt, "lysglimt", "created_at", {"a": "text", "b": "author_name"}),
    "voices": _Section(ChildVoice, "stemme", "created_at", {"a": "text", "b": "author_name"}),
    "levels": _Section(LevelChange, "niva", "created_at", {"level": "level", "a": "note"}),
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
    lambda log_id: _plain_sections_queryset(log_id, LOG_PAGE_NEWEST), uuid.UUID(int=1)
)


def _plain_sections(log: Log) -> dict[str, Newest]:
    """The newest LOG_PAGE_NEWEST entries of each plain section with each section's total, in
    one query: a UNION ALL of one ranked part per table, generic columns, no model instances."""
    rows: dict[str, list[Any]] = {name: [] for name in _PLAIN_SECTIONS}
    totals = dict.fromkeys(_PLAIN_SECTIONS, 0)
    for name, pk, created_at, *values, total in _PLAIN_SECTIONS_QUERY.run(log.pk):
        section = _PLAIN_SECTIONS[name]
        generic = dict(zip(_GENERIC_COLUMNS, values, strict=True))
        fields = {field.split("__")[0]: generic[column] for column, field in section.fields.items()}
        rows[name].append(SimpleNamespace(pk=pk, created_at=created_at, **fields))
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
_ACTIVE_MEASURES_QUERY = CompiledQuery(_active_measures_queryset, uuid.UUID(int=1))
_NEWEST_EVALUATIONS_QUERY = CompiledQuery(_newest_evaluations_queryset, uuid.UUID(int=1))


def _active_measures(log: Log) -> Newest:
    """The active measures, next evaluation first, each with its newest evaluations and the
    catalogue page it comes from; the total counts all of the log's measures."""
    rows = _ACTIVE_MEASURES_QUERY.run(log.pk)
    if not rows:
        return Newest([], Measure.objects.filter(log=log).count(), "tiltak")
    evaluations: dict[uuid.UUID, list[Any]] = {}
    # Sorted by measure and rank: newest first within each measure.
    for measure_id, evaluated_on, text, author_name, _rank in sorted(
        _NEWEST_EVALUATIONS_QUERY.run(log.pk), key=itemgetter(0, 4)
    ):
        evaluations.setdefault(measure_id, []).append(
            SimpleNamespace(evaluated_on=evaluated_on, text=text, author_name=author_name)
        )
    catalogue_ids = {row[5] for row in rows if row[5] is not None}
    # A catalogue page is a wide Wagtail row: read only when a measure has one.
    catalogue = (
        {page.pk: page for page in ElementPage.objects.filter(pk__in=catalogue_ids)}
        if catalogue_ids
        else {}
    )
    labels = dict(MeasureStatus.choices)
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
                start_date=start,
                evaluation_date=evaluate,
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
    measures = _active_measures(log)
    sections = _plain_sections(log)
    sections["levels"].items.reverse()  # shown as a history: oldest of the newest first
    prefetch_related_objects(consents, "given_by_guardians")
    return LogSummary(
        measures=measures,
        **sections,
        participants=list(
            log.participants.filter(removed_at__isnull=True)
            .select_related("user", "unit")
            .order_by("role", "added_at")
        ),
        guardians=list(log.guardians.all()),
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
    "tiltak": ("measure", "evaluation"),
    "mal": ("attention", "goal"),
    "mote": ("meeting",),
    "lysglimt": ("lysglimt",),
    "stemme": ("voice",),
    "niva": ("level",),
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
    text = CharField()
    parts = {
        "attention": _rows(
            AttentionArea.objects.filter(log=log), "attention", F("category__name"),
            F("description"),
        ),
        "goal": _rows(Goal.objects.filter(log=log), "goal", None, F("text")),
        "measure": _rows(Measure.objects.filter(log=log), "measure", None, F("description")),
        "evaluation": _rows(
            Evaluation.objects.filter(log=log), "evaluation", F("measure__description"),
            F("text"),
        ),
        "meeting": _rows(
            Meeting.objects.filter(log=log), "meeting", None,
            Coalesce(NullIf(F("agreements"), Value("")), F("notes"), output_field=text),
        ),
        "lysglimt": _rows(Lysglimt.objects.filter(log=log), "lysglimt", None, F("text")),
        "voice": _rows(ChildVoice.objects.filter(log=log), "voice", None, F("text")),
        "level": _rows(
            LevelChange.objects.filter(log=log), "level", Cast("level", output_field=text),
            F("note"),
        ),
    }  # fmt: skip
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
    log: Log
    role: str
    needs: list[tuple[str, Any]] = field(default_factory=list)


def family_log_ids(
    municipality: Municipality, user: Any, fnr_hash: str | None = None
) -> set[uuid.UUID]:
    """Logs where the user is a guardian, or the youth from the consent age."""
    fnr_hash = fnr_hash or identity_hash(user)
    if not fnr_hash:
        return set()
    ids = set(
        Log.objects.filter(municipality=municipality, guardians__fnr_hash=fnr_hash).values_list(
            "pk", flat=True
        )
    )
    youth_age = log_settings(municipality).youth_consent_age
    for log in Log.objects.filter(municipality=municipality, child_fnr_hash=fnr_hash):
        if log.child_age() >= youth_age:
            ids.add(log.pk)
    return ids


# What Mine logger needs of a log and a consent (a professional has tens of logs).
MY_LOG_FIELDS = ("id", "municipality_id", "status", "child_name", "child_fnr_hash", "created_at")
MY_CONSENT_FIELDS = ("id", "log_id", "expires_on", "recorded_at", "withdrawn_at")


def my_logs(municipality: Municipality, user: Any) -> list[MyLog]:
    """The user's logs in this municipality with what needs attention: evaluations due,
    consent expiring, hand-overs waiting for the user. A fixed number of queries, and only the
    columns the list shows."""
    today = timezone.localdate()
    fnr = identity_hash(user)
    family_ids = family_log_ids(municipality, user, fnr) if fnr else set()
    guardian_ids = (
        set(
            Log.objects.filter(pk__in=family_ids, guardians__fnr_hash=fnr).values_list(
                "pk", flat=True
            )
        )
        if family_ids
        else set()
    )
    participations = {
        p.log_id: p
        for p in Participant.objects.filter(
            user=user, removed_at__isnull=True, log__municipality=municipality
        ).only("id", "log_id", "unit_id", "role")
    }
    logs = list(
        Log.objects.filter(municipality=municipality, pk__in=family_ids | set(participations))
        .only(*MY_LOG_FIELDS)
        .prefetch_related(
            Prefetch(
                "consents",
                queryset=Consent.objects.only(*MY_CONSENT_FIELDS).order_by("-recorded_at"),
                to_attr="ordered_consents",
            ),
            Prefetch(
                "handovers",
                queryset=HandOver.objects.filter(status=HandOverStatus.PENDING).only(
                    "id", "log_id", "to_participant_id", "proposed_at"
                ),
                to_attr="pending_handovers",
            ),
        )
        .order_by("status", "-created_at")
    )
    newest = {}
    for log in logs:
        consents = log.ordered_consents  # type: ignore[attr-defined]
        if consents:
            newest[log.pk] = consents[0]
    # The units of each log's newest consent, as IDs (no Unit rows).
    consent_units: dict[uuid.UUID, set[uuid.UUID]] = {}
    for consent_id, unit_id in Consent.units.through.objects.filter(
        consent__in=[c.pk for c in newest.values()]
    ).values_list("consent_id", "unit_id"):
        consent_units.setdefault(consent_id, set()).add(unit_id)
    due: dict[uuid.UUID, list[date]] = {}
    for log_id, evaluation_date in (
        Measure.objects.filter(
            log__in=[log.pk for log in logs],
            status__in=[MeasureStatus.PLANNED, MeasureStatus.ONGOING],
            evaluation_date__lte=today + timedelta(days=EVALUATION_SOON_DAYS),
        )
        .order_by("evaluation_date")
        .values_list("log_id", "evaluation_date")
    ):
        due.setdefault(log_id, []).append(evaluation_date)
    roles = dict(ParticipantRole.choices)
    result = []
    for log in logs:
        participant = participations.get(log.pk)
        consent = newest.get(log.pk)
        if consent is not None and consent.withdrawn_at is not None:
            consent = None
        is_family = log.pk in family_ids
        if not is_family and (
            participant is None
            or not _covers(
                log,
                consent,
                participant,
                consent_units.get(consent.pk, set()) if consent else set(),
            )
        ):
            continue
        if is_family:
            role = (
                _("the youth")
                if log.child_fnr_hash and log.pk not in guardian_ids
                else _("guardian")
            )
        else:
            role = str(roles[participant.role])  # type: ignore[union-attr]
        item = MyLog(log=log, role=str(role))
        if log.status != LogStatus.CLOSED:
            for evaluation_date in due.get(log.pk, []):
                item.needs.append(("evaluation", evaluation_date))
            if consent is not None and consent.expires_on <= today + timedelta(
                days=CONSENT_SOON_DAYS
            ):
                item.needs.append(("consent", consent.expires_on))
            for handover in log.pending_handovers:  # type: ignore[attr-defined]
                if participant is not None and handover.to_participant_id == participant.pk:
                    item.needs.append(("handover", handover.proposed_at))
        result.append(item)
    return result


def _covers(
    log: Log, consent: Consent | None, participant: Participant, unit_ids: set[uuid.UUID]
) -> bool:
    if log.status == LogStatus.DRAFT:
        return participant.role == "holder"
    if consent is None:
        return False
    return participant.unit_id in unit_ids


def is_staff_in(municipality: Municipality, user: Any, roles: list[str]) -> bool:
    return (
        user.is_authenticated
        and StaffMembership.objects.filter(
            municipality=municipality, user=user, role__in=roles
        ).exists()
    )


def units_led_by(municipality: Municipality, user: Any) -> QuerySet[Unit]:
    return Unit.objects.filter(
        municipality=municipality,
        memberships__user=user,
        memberships__role=StaffRole.UNIT_LEADER,
    ).distinct()


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
