"""Mine logger: the user's logs in this municipality with what needs attention."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import Any

from django.db import connection
from django.urls import reverse
from django.utils import timezone
from django.utils.dates import MONTHS
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts import selectors as account_selectors
from core.compiled import (
    Converters,
    column_converters,
    convert_rows,
    field_column,
)
from municipalities.models import Municipality
from stafettlogg.access import professional_may_read
from stafettlogg.models import (
    Consent,
    HandOver,
    HandOverStatus,
    Log,
    LogStatus,
    Measure,
    MeasureStatus,
    Participant,
    ParticipantRole,
)
from stafettlogg.selectors.common import (
    _URL_PLACEHOLDER,
    CONSENT_SOON_DAYS,
    EVALUATION_SOON_DAYS,
    log_settings,
)


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
