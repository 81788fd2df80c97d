"""The session store reads sessions as Django's database store does."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
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
