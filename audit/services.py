"""Writing to the audit trail. Every read and write of a stafettlogg goes through ``record``."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from audit.models import GENESIS_HASH, AuditEvent, AuditHead
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
        head = next(iter(AuditHead.objects.select_for_update().filter(id=1)), None)
        if head is None:
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK])
            head, _ = AuditHead.objects.select_for_update().get_or_create(
                id=1, defaults={"seq": 0, "hash": GENESIS_HASH}
            )
        event = AuditEvent(
            seq=head.seq + 1,
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
            prev_hash=head.hash,
        )
        event.hash = event_digest(event)
        event.save()
        AuditHead.objects.filter(id=1).update(seq=event.seq, hash=event.hash)
    return event
