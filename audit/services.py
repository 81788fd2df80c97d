"""Writing to the audit trail. Every read and write of a stafettlogg goes through ``record``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db import connection, transaction
from django.db.models import Field
from django.http import HttpRequest
from django.utils import timezone

from audit.models import GENESIS_HASH, AuditEvent, AuditHead
from core.compiled import CompiledQuery
from core.net import client_ip

# One lock key for the first append of the chain (later ones lock its head row).
_CHAIN_LOCK = 0x5A4D_4155


def event_digest(event: AuditEvent) -> str:
    """The hash that seals one event: its content and the hash of the event before it."""
    content = {
        "seq": event.seq,
        "created_at": event.created_at.isoformat(),
        "municipality": event.municipality_id,
        "actor": event.actor_id,
        "actor_name": event.actor_name,
        "role": event.role,
        "action": event.action,
        "log_id": str(event.log_id) if event.log_id else None,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "ip_address": event.ip_address,
        "detail": event.detail,
        "prev_hash": event.prev_hash,
    }
    payload = json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass(frozen=True)
class Actor:
    """Who did something, and in which role; built from the request by the caller."""

    user_id: int | None
    name: str
    role: str
    ip_address: str | None


def actor_from_request(request: HttpRequest, role: str) -> Actor:
    user = request.user
    ip = client_ip(request)
    if user.is_authenticated:
        name = user.get_full_name() or user.get_username()
        return Actor(user_id=user.pk, name=name, role=role, ip_address=ip)
    return Actor(user_id=None, name="", role=role, ip_address=ip)


SYSTEM = Actor(user_id=None, name="Samhandling", role="system", ip_address=None)


def record(
    actor: Actor,
    action: str,
    *,
    municipality_id: int | None = None,
    log_id: Any = None,
    obj: Any = None,
    detail: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Runs inside the caller's transaction when there is one,
    so the audit record and the change it describes are committed together or not at all.
    ``detail`` must never hold personal data (names, fødselsnummer, free text)."""
    with transaction.atomic():
        # The head row's lock serialises appends; the chain's first append, when there is
        # no row to lock yet, is serialised by an advisory lock.
        rows = _HEAD_QUERY.run()
        if rows:
            seq, prev_hash = rows[0]
        else:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
            head, _ = AuditHead.objects.select_for_update().get_or_create(
                id=_HEAD_ID, defaults={"seq": 0, "hash": GENESIS_HASH}
            )
            seq, prev_hash = head.seq, head.hash
        event = AuditEvent(
            seq=seq + 1,
            created_at=timezone.now(),
            municipality_id=municipality_id,
            actor_id=actor.user_id,
            actor_name=actor.name,
            role=actor.role,
            action=action,
            log_id=log_id,
            object_type=type(obj).__name__ if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            ip_address=AuditEvent._meta.get_field("ip_address").to_python(actor.ip_address),
            detail=detail or {},
            prev_hash=prev_hash,
        )
        event.hash = event_digest(event)
        _insert(event)
        with connection.cursor() as cursor:
            cursor.execute(_statements().update_head, [event.seq, event.hash, _HEAD_ID])
    return event


# An append is on every request that reads a log, so its statements are made once per
# process from the models' names (like the reads in core.compiled): the ORM spent more time
# building the SELECT … FOR UPDATE, the INSERT and the UPDATE than the database took to run
# them. Values are prepared by the fields, as the ORM prepares them.
_HEAD_ID = 1
_HEAD_QUERY = CompiledQuery(
    lambda: AuditHead.objects.select_for_update().filter(id=_HEAD_ID).values_list("seq", "hash")
)


@dataclass(frozen=True)
class _Statements:
    insert_event: str
    event_fields: list[Field[Any, Any]]
    update_head: str


@cache
def _statements() -> _Statements:
    quote = connection.ops.quote_name
    event, head = AuditEvent._meta, AuditHead._meta  # the models' options
    fields = [field for field in event.concrete_fields if not field.primary_key]
    columns = ", ".join(quote(str(field.column)) for field in fields)
    values = ", ".join(["%s"] * len(fields))
    head_columns = {field.name: quote(str(field.column)) for field in head.concrete_fields}
    seq, hash_, pk = head_columns["seq"], head_columns["hash"], head_columns["id"]
    return _Statements(
        insert_event=(
            f"INSERT INTO {quote(event.db_table)} ({columns}) VALUES ({values})"  # noqa: S608
            f" RETURNING {quote(str(event.pk.column))}"
        ),
        event_fields=fields,
        update_head=(
            f"UPDATE {quote(head.db_table)} SET {seq} = %s, {hash_} = %s"  # noqa: S608
            f" WHERE {pk} = %s"
        ),
    )


def _insert(event: AuditEvent) -> None:
    """INSERT the new event as ``event.save()`` would, and mark it saved."""
    statements = _statements()
    params = [
        field.get_db_prep_save(getattr(event, field.attname), connection)
        for field in statements.event_fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(statements.insert_event, params)
        event.pk = cursor.fetchone()[0]
    event._state.adding = False
    event._state.db = connection.alias
