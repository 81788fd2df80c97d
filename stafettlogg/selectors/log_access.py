"""The log and the facts the access rules need (stafettlogg.access), read once per request with
compiled queries (ADR 010)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, cast

from django.contrib.auth.models import User
from django.db.models import (
    Model,
)

from accounts import selectors as account_selectors
from accounts.models import Unit
from core.compiled import (
    CompiledQuery,
    instance_from,
    model_columns,
    set_prefetched,
)
from municipalities.models import Municipality
from stafettlogg.access import LogAccess
from stafettlogg.models import (
    Consent,
    Guardian,
    HandOver,
    HandOverStatus,
    Log,
    Participant,
)
from stafettlogg.selectors.common import log_settings, parse_id

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
