"""Logged-in sessions of seeded staff for the benchmark's virtual users."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.db import connection
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.login_session import bind_to_municipality
from devdata.load.plan import BIG_LOG_ENTRIES, seeded_municipalities
from stafettlogg.entry_kinds import ENTRY_KINDS
from stafettlogg.models import (
    Participant,
)


def bench_users(count: int) -> list[dict[str, str]]:
    """``count`` holders of logs with BIG_LOG_ENTRIES entries, spread over the seeded
    municipalities, each with a session as a login with password and TOTP leaves it (user,
    backend, password hash, the OTP device) and the path of that log."""
    from django.contrib.sessions.backends.db import SessionStore

    holders = Participant.objects.filter(
        role="holder",
        removed_at__isnull=True,
        log__municipality__in=seeded_municipalities(),
        log__status="active",
    ).select_related("user", "log__municipality__site")
    big_logs = _big_log_ids()
    chosen: list[Participant] = []
    seen: set[int] = set()
    by_municipality: dict[int, list[Participant]] = {}
    for participant in holders.filter(log_id__in=big_logs).order_by("log__municipality", "pk"):
        by_municipality.setdefault(participant.log.municipality_id, []).append(participant)
    queues = list(by_municipality.values())
    while len(chosen) < count and any(queues):
        for queue in queues:
            while queue and queue[0].user_id in seen:
                queue.pop(0)
            if queue and len(chosen) < count:
                participant = queue.pop(0)
                seen.add(participant.user_id)
                chosen.append(participant)
    if len(chosen) < count:
        raise RuntimeError(f"only {len(chosen)} holders of big logs; run seed_load first")
    result = []
    for participant in chosen:
        user = participant.user
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        assert device is not None
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        bind_to_municipality(session, participant.log.municipality)
        session.create()
        result.append(
            {
                "host": participant.log.municipality.site.hostname,
                "sessionid": str(session.session_key),
                "log": reverse("stafettlogg:log", args=[participant.log_id]),
                "username": user.get_username(),
            }
        )
    return result


def _big_log_ids() -> Iterable[uuid.UUID]:
    """Logs with BIG_LOG_ENTRIES entries (the seed makes them first in each municipality)."""
    quote = connection.ops.quote_name
    union = " UNION ALL ".join(
        f"SELECT {quote('log_id')} FROM {quote(kind.model._meta.db_table)}"  # noqa: S608
        for kind in ENTRY_KINDS
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT log_id FROM ({union}) e GROUP BY log_id HAVING COUNT(*) = %s",  # noqa: S608
            [BIG_LOG_ENTRIES],
        )
        return [row[0] for row in cursor.fetchall()]
