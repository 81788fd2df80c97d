"""Django's database sessions, read with a compiled query (ADR 010).

Every request of a logged-in person reads its session. Building the ORM query for it cost
about 1 ms of Python, more than PostgreSQL needs to answer it; the query is compiled once per
thread instead (``core.compiled``). Only ``load`` (the public method a session store
implements) is our own, and it does what Django's does: an unknown or expired key is
forgotten, a ``SuspiciousOperation`` is logged to ``django.security.<its class>``, and the data
is decoded by Django (which logs tampered data to ``django.security.SuspiciousSession``).
Everything else (the table, the encoding, writing and ending sessions) is Django's
``django.contrib.sessions.backends.db``, so existing sessions stay valid.
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import SuspiciousOperation
from django.utils import timezone

from core.compiled import CompiledQuery, instance_from, model_columns

_SESSION_QUERY = CompiledQuery(
    lambda key: Session.objects.filter(session_key=key).values_list(*model_columns(Session)),
    "\x00session-key",
)


class SessionStore(db.SessionStore):
    def load(self) -> dict[str, Any]:
        session = self._read()
        return self.decode(session.session_data) if session else {}

    def _read(self) -> Session | None:
        """The unexpired session with this key, as Django's ``_get_session_from_db`` reads
        it."""
        try:
            rows = _SESSION_QUERY.run(self.session_key)
            session = instance_from(Session, rows[0]) if rows else None
            if session is not None and session.expire_date > timezone.now():
                return session
        except SuspiciousOperation as error:
            logger = logging.getLogger(f"django.security.{error.__class__.__name__}")
            logger.warning(str(error))
        # An unknown or expired key is forgotten (a new one is made on save).
        self._session_key = None
        return None
