"""Login to the stafettlogg: password, then a TOTP code (mandatory); failed logins are
rate-limited; sessions end after inactivity; security headers on every page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent

from .conftest import HOST_A, HOST_B, World

pytestmark = pytest.mark.django_db
PASSWORD = "Et-langt-passord-2026"  # noqa: S105


def code(device: TOTPDevice, offset: int = 0) -> str:
    token = totp(
        device.bin_key,
        step=device.step,
        t0=device.t0,
        digits=device.digits,
        drift=device.drift + offset,
    )
    return f"{token:06d}"


def _wait_out_throttle(device: TOTPDevice) -> None:
    """django-otp slows down guessing: after a wrong code the next try must wait (1 s, then
    doubling). Move the last failure back in time instead of sleeping."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(minutes=5)
    )
    device.refresh_from_db()


@pytest.fixture
def person(world: World) -> User:
    user = world.users["holder"]
    user.set_password(PASSWORD)
    user.save()
    return user


def test_first_login_sets_up_totp_then_lands_on_my_logs(person: User) -> None:
    client = Client(HTTP_HOST=HOST_A)
    assert client.get("/stafettlogg/")["Location"].startswith("/stafettlogg/logg-inn/")
    response = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )
    assert response["Location"].startswith(reverse("accounts:setup_2fa"))
    # Logged in with the password alone is not enough.
    assert client.get("/stafettlogg/").status_code == 302
    page = client.get(response["Location"])
    assert b"data:image/svg+xml;base64," in page.content
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    wrong = client.post(reverse("accounts:setup_2fa"), {"otp_token": "000000"})
    assert "Koden er feil" in wrong.content.decode()
    _wait_out_throttle(device)
    done = client.post(reverse("accounts:setup_2fa"), {"otp_token": code(device)})
    assert done["Location"] == reverse("stafettlogg:mine")
    # The first password was chosen by a leader: the user must choose a new one first.
    forced = client.get("/stafettlogg/")
    assert forced["Location"].startswith(reverse("accounts:password"))
    weak = client.post(
        reverse("accounts:password"), {"new_password1": "kort", "new_password2": "kort"}
    )
    assert weak.status_code == 200
    new = "Mitt-eget-lange-passord-9"
    changed = client.post(
        reverse("accounts:password"), {"new_password1": new, "new_password2": new}
    )
    assert changed.status_code == 302
    assert client.get("/stafettlogg/").status_code == 200
    person.refresh_from_db()
    assert person.check_password(new)
    assert AuditEvent.objects.filter(actor_id=person.pk, action="auth.2fa_setup").exists()
    assert AuditEvent.objects.filter(actor_id=person.pk, action="auth.password_change").exists()


def test_totp_key_is_new_on_every_visit_until_confirmed(person: User) -> None:
    client = Client(HTTP_HOST=HOST_A)
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    client.get(reverse("accounts:setup_2fa"))
    first = TOTPDevice.objects.get(user=person, confirmed=False).key
    client.get(reverse("accounts:setup_2fa"))
    devices = TOTPDevice.objects.filter(user=person, confirmed=False)
    assert devices.count() == 1 and devices.get().key != first


def test_session_key_changes_when_the_second_factor_is_given(person: User) -> None:
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    client = Client(HTTP_HOST=HOST_A)
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    before = client.session.session_key
    client.post(reverse("accounts:verify"), {"otp_token": code(device)})
    assert client.session.session_key != before


def test_later_login_asks_for_the_code(person: User) -> None:
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    client = Client(HTTP_HOST=HOST_A)
    response = client.post(
        reverse("accounts:login") + "?next=/stafettlogg/ny/",
        {"username": person.username, "password": PASSWORD, "next": "/stafettlogg/ny/"},
    )
    assert response["Location"].startswith(reverse("accounts:verify"))
    bad = client.post(reverse("accounts:verify"), {"otp_token": "123456"})
    assert bad.status_code == 200 and client.get("/stafettlogg/").status_code == 302
    _wait_out_throttle(device)
    ok = client.post(
        reverse("accounts:verify"), {"otp_token": code(device), "next": "/stafettlogg/ny/"}
    )
    assert ok["Location"] == "/stafettlogg/ny/"
    # Foreign redirect targets are ignored.
    client.post(reverse("accounts:logout"))
    response = client.post(
        reverse("accounts:login"),
        {"username": person.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert "evil.example" not in response["Location"]


def test_a_login_holds_only_in_the_municipality_it_was_made_in(person: User) -> None:
    device = TOTPDevice.objects.create(user=person, name="app", confirmed=True)
    person.last_login = timezone.now()  # not the first login: no forced password change
    person.save(update_fields=["last_login"])
    client = Client(HTTP_HOST=HOST_A)
    client.post(reverse("accounts:login"), {"username": person.username, "password": PASSWORD})
    client.post(reverse("accounts:verify"), {"otp_token": code(device)})
    assert client.get("/stafettlogg/").status_code == 200
    # The same browser on another municipality's host is logged out there: sent to that
    # host's login, which shows its form (and the code step is not open either).
    elsewhere = client.get("/stafettlogg/", HTTP_HOST=HOST_B)
    assert elsewhere.status_code == 302
    assert elsewhere["Location"].startswith(reverse("accounts:login"))
    login_there = client.get(elsewhere["Location"], HTTP_HOST=HOST_B)
    assert login_there.status_code == 200
    assert 'name="password"' in login_there.content.decode()
    for name in ("accounts:verify", "accounts:setup_2fa", "accounts:password"):
        response = client.get(reverse(name), HTTP_HOST=HOST_B)
        assert response["Location"].startswith(reverse("accounts:login")), name
    assert client.get(f"/stafettlogg/{person.pk}/", HTTP_HOST=HOST_B).status_code == 302
    # At home the session still holds.
    assert client.get("/stafettlogg/", HTTP_HOST=HOST_A).status_code == 200


def test_failed_logins_are_rate_limited(person: User) -> None:
    client = Client(HTTP_HOST=HOST_A)
    for _ in range(4):
        response = client.post(
            reverse("accounts:login"), {"username": person.username, "password": "feil-passord"}
        )
        assert "Feil brukernavn eller passord" in response.content.decode()
    # The fifth failure locks the username from this address, even with the right password.
    fifth = client.post(
        reverse("accounts:login"), {"username": person.username, "password": "feil-passord"}
    )
    assert fifth.status_code == 429
    blocked = client.post(
        reverse("accounts:login"), {"username": person.username, "password": PASSWORD}
    )
    assert blocked.status_code == 429
    assert "sperret" in blocked.content.decode()
    assert "_auth_user_id" not in client.session


def test_session_ends_after_inactivity(world: World) -> None:
    client = world.client("holder")
    assert client.get("/stafettlogg/").status_code == 200
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    response = client.get("/stafettlogg/")
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_requests_move_the_idle_deadline_at_most_once_a_minute(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = world.client("holder")
    client.get("/stafettlogg/")
    key = client.session.session_key
    before = Session.objects.get(session_key=key).expire_date
    earlier = before - timedelta(minutes=10)
    Session.objects.filter(session_key=key).update(expire_date=earlier)
    # Within a minute of the last move, a request does not write the session...
    assert client.get("/stafettlogg/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date == earlier
    # ...a minute later it does, and the deadline is again 30 minutes from now.
    session = client.session
    session["_refreshed"] -= 61
    session.save()
    Session.objects.filter(session_key=key).update(expire_date=earlier)
    assert client.get("/stafettlogg/").status_code == 200
    assert Session.objects.get(session_key=key).expire_date >= before


def test_an_ended_session_is_not_brought_back(world: World) -> None:
    client = world.client("holder")
    client.get("/stafettlogg/")
    key = client.session.session_key
    Session.objects.filter(session_key=key).delete()
    sessions = Session.objects.count()
    response = client.get("/stafettlogg/")
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
    assert Session.objects.count() == sessions


def test_security_headers_and_no_caching(world: World) -> None:
    response = world.client("holder").get(reverse("stafettlogg:log", args=[world.log.pk]))
    assert "script-src 'self'" in response["Content-Security-Policy"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_forms_carry_csrf_and_refuse_without_it(world: World) -> None:
    client = world.client("holder")
    client.handler.enforce_csrf_checks = True
    page = client.get(reverse("stafettlogg:entry_add", args=[world.log.pk, "mal"]))
    assert b"csrfmiddlewaretoken" in page.content
    response = client.post(
        reverse("stafettlogg:entry_add", args=[world.log.pk, "mal"]), {"text": "Uten token"}
    )
    assert response.status_code == 403
