"""The session store reads sessions as Django's database store does."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest
from django.contrib.sessions.backends.base import SessionBase
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.exceptions import SuspiciousSession
from django.contrib.sessions.models import Session
from django.utils import timezone

from core.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_back_also_one_written_by_djangos_store() -> None:
    ours = SessionStore()
    ours["user"] = "kari"
    ours.save()
    theirs = DjangoStore()
    theirs["user"] = "ola"
    theirs.save()
    assert SessionStore(ours.session_key)["user"] == "kari"
    assert SessionStore(theirs.session_key)["user"] == "ola"
    assert DjangoStore(ours.session_key)["user"] == "kari"


def test_an_expired_or_unknown_session_is_empty_and_gets_a_new_key() -> None:
    store = SessionStore()
    store["user"] = "kari"
    store.save()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    for key in (store.session_key, "x" * 32):
        session = SessionStore(key)
        assert session.get("user") is None
        session["user"] = "ola"
        session.save()
        assert session.session_key != key
        assert SessionStore(session.session_key)["user"] == "ola"


def _security_log(
    caplog: pytest.LogCaptureFixture, store: SessionBase, *, load: bool = False
) -> list[Any]:
    """What reading the store's session logs to django.security, and what it reads (through
    the session, or by the store's ``load`` alone)."""
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="django.security"):
        data = store.load() if load else dict(store.items())
    records = [
        (r.name, r.levelname, r.getMessage())
        for r in caplog.records
        if r.name.startswith("django.security.")
    ]
    return [records, data]


def test_tampered_session_data_is_empty_and_logged_as_suspicious_as_djangos_store_logs_it(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = SessionStore()
    store["user"] = "kari"
    store.save()
    session = Session.objects.get(session_key=store.session_key)
    session.session_data = session.session_data[:-3] + "xyz"  # the signature no longer fits
    session.save()
    key = store.session_key
    expected = [[("django.security.SuspiciousSession", "WARNING", "Session data corrupted")], {}]
    assert _security_log(caplog, DjangoStore(key)) == expected
    assert _security_log(caplog, SessionStore(key)) == expected


class _SuspiciousKey:
    """A store whose key is refused as suspicious when the session is read."""

    @property
    def session_key(self) -> str:
        raise SuspiciousSession("a suspicious session key")


class _OursWithSuspiciousKey(_SuspiciousKey, SessionStore):
    pass


class _DjangosWithSuspiciousKey(_SuspiciousKey, DjangoStore):
    pass


def test_a_suspicious_operation_while_reading_is_logged_to_django_security_as_django_does(
    caplog: pytest.LogCaptureFixture,
) -> None:
    store = SessionStore()
    store["user"] = "kari"
    store.save()
    expected = [
        [("django.security.SuspiciousSession", "WARNING", "a suspicious session key")],
        {},
    ]
    for kind in (_DjangosWithSuspiciousKey, _OursWithSuspiciousKey):
        suspicious = kind(store.session_key)
        assert _security_log(caplog, suspicious, load=True) == expected, kind
        assert suspicious._session_key is None, kind  # forgotten: a new one is made on save
