"""Django's database sessions, read with a compiled query (ADR 010).

Every request of a logged-in person reads its session. Building the ORM query for it cost
about 1 ms of Python, more than PostgreSQL needs to answer it; the query is compiled once per
thread instead (``core.compiled``). Everything else (the table, the encoding, writing and
ending sessions) is Django's ``django.contrib.sessions.backends.db``, so existing sessions
stay valid.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.compiled import CompiledQuery, instance_from, model_columns

_SESSION_QUERY = CompiledQuery(
    lambda key: Session.objects.filter(session_key=key).values_list(*model_columns(Session)),
    "\x00session-key",
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self) -> Session | None:
        rows = _SESSION_QUERY.run(self.session_key)
        session = instance_from(Session, rows[0]) if rows else None
        if session is None or session.expire_date <= timezone.now():
            # As Django's: an unknown or expired key is forgotten (a new one is made on save).
            self._session_key = None
            return None
        return session
