"""Reading and verifying the audit trail."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from django.db import connection
from django.db.backends.utils import CursorWrapper
from django.db.models import QuerySet

from audit.models import GENESIS_HASH, AuditEvent, AuditHead
from audit.services import event_digest


@dataclass
class VerifyResult:
    checked: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify_chain(batch_size: int = 5000) -> VerifyResult:
    """Recompute every link: each event's hash from its content, each ``prev_hash`` from the
    event before, sequence numbers without gaps, and the head pointing at the last event."""
    result = VerifyResult()
    expected_seq = 1
    prev_hash = GENESIS_HASH
    for event in _events_in_order(batch_size):
        result.checked += 1
        if event.seq != expected_seq:
            result.problems.append(
                f"Hendelse {expected_seq}–{event.seq - 1} mangler (slettet?)."
                if event.seq > expected_seq
                else f"Hendelse {event.seq} står i feil rekkefølge."
            )
        if event.prev_hash != prev_hash:
            result.problems.append(f"Hendelse {event.seq}: lenken til forrige hendelse er brutt.")
        if event_digest(event) != event.hash:
            result.problems.append(f"Hendelse {event.seq}: innholdet er endret.")
        expected_seq = event.seq + 1
        prev_hash = event.hash
    head = AuditHead.objects.filter(id=1).first()
    last_seq = expected_seq - 1
    if head is None:
        if last_seq:
            result.problems.append("Kjedens hode mangler.")
    elif head.seq != last_seq or head.hash != prev_hash:
        result.problems.append(
            f"Kjedens hode peker på hendelse {head.seq}, men siste hendelse er {last_seq} "
            "(hendelser på slutten er slettet eller endret)."
        )
    return result


def _events_in_order(batch_size: int) -> Iterator[AuditEvent]:
    last = 0
    while True:
        batch = list(AuditEvent.objects.filter(seq__gt=last).order_by("seq")[:batch_size])
        if not batch:
            return
        yield from batch
        last = batch[-1].seq


def events_for_log(log_id: UUID) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(log_id=log_id).order_by("-seq")


def chain_head_in(cursor: CursorWrapper) -> dict[str, Any] | None:
    """The head of the chain (sequence number and hash) as ``cursor`` sees it, for a backup's
    manifest (``core.backup``); None before the audit tables exist or before the first
    record."""
    table = AuditHead._meta.db_table
    cursor.execute(f"SELECT to_regclass('{table}') IS NOT NULL")  # noqa: S608 (the model's name)
    if not cursor.fetchone()[0]:
        return None
    quote = connection.ops.quote_name
    columns = {field.name: quote(str(field.column)) for field in AuditHead._meta.concrete_fields}
    seq, hash_, pk = columns["seq"], columns["hash"], columns["id"]
    # The chain has one head row, id 1 (audit.services).
    cursor.execute(f"SELECT {seq}, {hash_} FROM {quote(table)} WHERE {pk} = %s", [1])  # noqa: S608
    row = cursor.fetchone()
    return {"seq": row[0], "hash": row[1]} if row else None
