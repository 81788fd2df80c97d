"""The national advisers' login: password and a TOTP code on the national host, for users with
a national role (or national administrators) only; the login holds on the national host only,
and an adviser cannot log in on a municipality's site."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.models import AuditEvent
from devdata.management.commands.load_demo import DEMO_PASSWORD

from .national_clients import HOST_A, NATIONAL_HOST, adviser

pytestmark = pytest.mark.django_db


def _code(user: User) -> str:
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    token = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{token:06d}"


def _log_in(client: Client, username: str) -> Client:
    client.post(reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD})
    return client


def test_an_adviser_logs_in_with_password_and_code_and_lands_on_the_overview() -> None:
    client = Client(HTTP_HOST=NATIONAL_HOST)
    first = client.get("/tilskudd/")
    assert first.status_code == 302 and first["Location"].startswith(reverse("accounts:login"))
    login_page = client.get(first["Location"]).content.decode()
    assert "Innlogging for nasjonale rådgivere" in login_page
    response = client.post(
        reverse("accounts:login"), {"username": "bufdir-radgiver", "password": DEMO_PASSWORD}
    )
    assert response["Location"].startswith(reverse("accounts:verify"))
    # The password alone is not enough.
    assert client.get("/tilskudd/").status_code == 302
    user = User.objects.get(username="bufdir-radgiver")
    done = client.post(reverse("accounts:verify"), {"otp_token": _code(user)})
    assert done["Location"] == reverse("grants:overview")
    overview = client.get("/tilskudd/")
    assert overview.status_code == 200
    page = overview.content.decode()
    assert "Eksempelvik" in page and "Fjordvik" in page
    assert "Rådgiver i Bufdir" in page  # the menu names the role
    assert AuditEvent.objects.filter(actor_id=user.pk, action="auth.login").exists()


def test_municipal_staff_cannot_log_in_on_the_national_host() -> None:
    for username in ("eksempelvik-koordinator", "eksempelvik-redaktor"):
        client = _log_in(Client(HTTP_HOST=NATIONAL_HOST), username)
        response = client.post(
            reverse("accounts:login"), {"username": username, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200
        assert "Denne innloggingen er for rådgiverne i Bufdir og KORUS" in response.content.decode()
        assert "_auth_user_id" not in client.session
        assert client.get("/tilskudd/").status_code == 302


def test_an_adviser_cannot_log_in_on_a_municipality_site() -> None:
    client = Client(HTTP_HOST=HOST_A)
    response = client.post(
        reverse("accounts:login"), {"username": "korus-ost-radgiver", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200
    assert "logger inn på den nasjonale siden" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/stafettlogg/")["Location"].startswith(reverse("accounts:login"))


def test_a_national_login_holds_on_the_national_host_only() -> None:
    client = adviser("bufdir-radgiver")
    assert client.get("/tilskudd/").status_code == 200
    for path in ("/stafettlogg/", "/stafettlogg/ny/", "/stafettlogg/administrasjon/"):
        response = client.get(path, HTTP_HOST=HOST_A)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("accounts:login")), path
    # The national host has no stafettlogg, and a municipality's host no advisers' area.
    assert client.get("/stafettlogg/").status_code == 404
    assert client.get("/tilskudd/", HTTP_HOST=HOST_A).status_code == 404


def test_the_adviser_logs_out() -> None:
    client = adviser("korus-ost-radgiver")
    page = client.get("/tilskudd/").content.decode()
    assert "Rådgiver i KORUS Øst" in page
    assert 'action="/stafettlogg/logg-ut/"' in page
    response = client.post(reverse("accounts:logout"))
    assert response["Location"] == reverse("accounts:login")
    assert client.get("/tilskudd/").status_code == 302


def test_a_national_administrator_logs_in_on_the_national_host() -> None:
    admin = User.objects.get(username="nasjonal-admin")
    admin.last_login = admin.date_joined
    admin.save(update_fields=["last_login"])
    client = Client(HTTP_HOST=NATIONAL_HOST)
    response = client.post(
        reverse("accounts:login"), {"username": "nasjonal-admin", "password": DEMO_PASSWORD}
    )
    # No authenticator yet: set one up first.
    assert response["Location"].startswith(reverse("accounts:setup_2fa"))


def test_an_adviser_reads_the_national_pages_in_nynorsk_when_they_choose_it() -> None:
    client = adviser("korus-vest-radgiver")
    assert "Kommunene i tilskuddsordningen" in client.get("/tilskudd/").content.decode()
    chosen = client.post(reverse("grants:language"), {"language": "nn", "next": "/tilskudd/9902/"})
    assert chosen["Location"] == "/tilskudd/9902/"
    page = client.get("/tilskudd/")
    text = page.content.decode()
    assert page["Content-Language"] == "nn" and 'lang="nn"' in text
    assert "Kommunane i tilskotsordninga" in text
    # A foreign target is ignored; an unknown language changes nothing.
    back = client.post(
        reverse("grants:language"), {"language": "xx", "next": "https://evil.example/"}
    )
    assert back["Location"] == reverse("grants:overview")
    assert "Kommunane i tilskotsordninga" in client.get("/tilskudd/").content.decode()
