"""Scale-out: two application processes (gunicorn, production settings) behind no load
balancer at all, one PostgreSQL, one shared private directory, one task worker and a real SMTP
server on loopback. Every request of one user goes to the other process than the one before,
as a round-robin load balancer without sticky sessions would send it. Login (password, TOTP,
the forced password change), writes, a notice, and a file uploaded on one process and
downloaded on the other must work as with one process: nothing may live in a process."""

from __future__ import annotations

import base64
import itertools
import re
import subprocess
import sys
import time
import uuid
from datetime import date, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest
import requests
from aiosmtpd.controller import Controller
from django_otp.oath import totp

from devdata.log_demo import DEMO_TOTP_KEY_HEX, demo_fnr
from devdata.management.commands.load_demo import DEMO_PASSWORD
from stafettlogg.models import Notice
from tests.processes import (
    HOST,
    ROOT,
    Gunicorn,
    database_url_for_processes,
    free_port,
    manage,
    production_env,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


class Inbox:
    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]  # noqa: N802
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))  # type: ignore[arg-type]
        return "250 OK"


def _wait_until(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.2)


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    """Two gunicorn processes, a db_worker and an SMTP server, sharing the test database."""
    with django_db_blocker.unblock():
        database_url = database_url_for_processes()
    inbox = Inbox()
    smtp_port = free_port()
    smtp = Controller(inbox, hostname="127.0.0.1", port=smtp_port)
    smtp.start()
    shared = tmp_path_factory.mktemp("shared")
    logs = tmp_path_factory.mktemp("scale-logs")
    env = production_env(
        database_url,
        shared,
        DJANGO_CONN_MAX_AGE="0",
        SAMHANDLING_PDF_WARM_UP="false",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(smtp_port),
    )
    servers = [Gunicorn(env, logs / f"{name}.log", workers=1) for name in ("a", "b")]
    worker: subprocess.Popen[bytes] | None = None
    try:
        for command in (["createcachetable"], ["collectstatic", "--noinput", "-v", "0"]):
            manage(env, *command).check_returncode()
        with (logs / "worker.log").open("ab") as log:
            worker = subprocess.Popen(
                [sys.executable, "manage.py", "db_worker", "--interval", "0.2",
                 "--no-startup-delay"],
                cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip
        for server in servers:
            server.start()
        yield {"ports": [s.port for s in servers], "inbox": inbox, "env": env, "shared": shared}
    finally:
        for server in servers:
            server.stop()
        if worker is not None:
            worker.terminate()
            try:
                worker.wait(timeout=20)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait()
        smtp.stop()


class Browser:
    """One user's cookies; every request goes to the next application process in turn."""

    def __init__(self, ports: list[int]) -> None:
        self.session = requests.Session()
        self.ports = itertools.cycle(ports)
        self.served_by: list[int] = []

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        port = next(self.ports)
        self.served_by.append(port)
        # The cookies belong to the municipality's host, whichever process answers.
        response = self.session.request(
            method,
            f"http://127.0.0.1:{port}{path}",
            headers={"Host": HOST},
            allow_redirects=False,
            timeout=30,
            cookies=self.session.cookies.get_dict(),
            **kwargs,
        )
        assert response.status_code < 500, (path, response.status_code, response.text[:2000])
        return response

    def get(self, path: str) -> requests.Response:
        return self.request("GET", path)

    def post_form(self, path: str, data: dict[str, Any], **kwargs: Any) -> requests.Response:
        """Fetch the form from one process and send it to the other, with its CSRF token."""
        page = self.get(path)
        assert page.status_code == 200, (path, page.status_code)
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert match, path
        return self.request("POST", path, data={"csrfmiddlewaretoken": match[1], **data}, **kwargs)


def _choices(html: str, name: str) -> dict[str, str]:
    """label → value for the checkboxes or options of one field."""
    found = {}
    for match in re.finditer(
        rf'<input[^>]*name="{name}"[^>]*value="([^"]+)"[^>]*id="([^"]+)"[^>]*>', html
    ):
        label = re.search(rf'<label[^>]*for="{match[2]}"[^>]*>\s*([^<]+)', html)
        if label:
            found[label[1].strip()] = match[1]
    select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if select:
        for option in re.finditer(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', select[1]):
            found[option[2].strip()] = option[1]
    return found


def _pick(choices: dict[str, str], label: str) -> str:
    for text, value in choices.items():
        if label in text:
            return value
    raise AssertionError(f"no choice {label!r} in {sorted(choices)}")


_codes_used: set[tuple[bytes, int]] = set()


def _code(key: bytes) -> str:
    """The current TOTP code; waits for the next one if this key has used it (codes work
    once, and the last used step is stored in the database, shared by both processes)."""
    while True:
        step = int(time.time()) // 30
        if (key, step) not in _codes_used:
            _codes_used.add((key, step))
            return f"{totp(key):06d}"
        time.sleep(1)


def _new_staff(env: dict[str, str], username: str, email: str) -> None:
    """A new professional at Helsestasjonen, as an administrator would create one: first
    password chosen by someone else, no authenticator yet (committed, outside the test)."""
    code = (
        "from django.contrib.auth.models import User;"
        "from accounts.models import StaffMembership, Unit;"
        "from municipalities.models import Municipality;"
        "m=Municipality.objects.get(number='9901');"
        f"u=User.objects.create_user({username!r}, email={email!r}, first_name='Skala',"
        f" last_name='Aktør', password={DEMO_PASSWORD!r});"
        "StaffMembership.objects.create(user=u, municipality=m, role='actor',"
        " unit=Unit.objects.get(municipality=m, name='Helsestasjonen'))"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env, check=True
    )


def _log_in(browser: Browser, username: str, password: str) -> requests.Response:
    response = browser.post_form(
        "/stafettlogg/logg-inn/", {"username": username, "password": password}
    )
    assert response.status_code == 302, response.text[:2000]
    return response


@pytest.mark.browser
@pytest.mark.django_db
def test_one_users_requests_alternate_between_two_processes(cluster) -> None:  # type: ignore[no-untyped-def]
    ports, inbox, env = cluster["ports"], cluster["inbox"], cluster["env"]
    suffix = uuid.uuid4().hex[:8]
    actor_name, actor_email = f"skala-{suffix}", f"skala-{suffix}@example.invalid"
    _new_staff(env, actor_name, actor_email)

    # The new professional: password on one process, authenticator set-up on the other (the
    # key shown is the one the other process confirms), then the forced password change.
    actor = Browser(ports)
    to_setup = _log_in(actor, actor_name, DEMO_PASSWORD)
    assert "/tofaktor/" in to_setup.headers["Location"]
    setup = actor.get(to_setup.headers["Location"])
    secret = re.search(r'class="log-secret"[^>]*>([A-Z2-7 ]+)<', setup.text)
    assert secret, setup.text[:3000]
    key = base64.b32decode(secret[1].replace(" ", ""))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', setup.text)
    assert token
    confirmed = actor.request(
        "POST",
        to_setup.headers["Location"],
        data={"csrfmiddlewaretoken": token[1], "otp_token": _code(key)},
    )
    assert confirmed.status_code == 302, confirmed.text[:2000]
    must_change = actor.get("/stafettlogg/")
    assert "/stafettlogg/passord/" in must_change.headers["Location"]
    new_password = f"Et nytt passord {suffix}"
    changed = actor.post_form(
        "/stafettlogg/passord/", {"new_password1": new_password, "new_password2": new_password}
    )
    assert changed.status_code == 302, changed.text[:2000]
    assert actor.get("/stafettlogg/").status_code == 200
    assert actor.get("/stafettlogg/").status_code == 200

    # The stafettholder: password and TOTP code on different processes.
    holder = Browser(ports)
    to_verify = _log_in(holder, "eksempelvik-stafettholder", DEMO_PASSWORD)
    assert "/logg-inn/kode/" in to_verify.headers["Location"]
    verified = holder.post_form(
        to_verify.headers["Location"], {"otp_token": _code(bytes.fromhex(DEMO_TOTP_KEY_HEX))}
    )
    assert verified.status_code == 302, verified.text[:2000]
    mine = holder.get("/stafettlogg/")
    assert mine.status_code == 200 and "Mine logger" in mine.text

    # A new log, a guardian, consent with a signed form uploaded to one process.
    form = holder.get("/stafettlogg/ny/").text
    created = holder.post_form(
        "/stafettlogg/ny/",
        {
            "child_name": f"Skala Barn {suffix}",
            "child_birth_date": "2020-05-05",
            "child_school": "",
            "unit": _pick(_choices(form, "unit"), "Solstrålen"),
        },
    )
    assert created.status_code == 302, created.text[:3000]
    log_path = created.headers["Location"].rsplit("foresatte/ny/", 1)[0]
    guardian = holder.post_form(
        f"{log_path}foresatte/ny/",
        {
            "name": "Skala Foresatt",
            "fnr": demo_fnr(date(1986, 2, 2), 100 + int(suffix, 16) % 300),
            "email": "",
            "phone": "",
            "has_parental_responsibility": "on",
        },
    )
    assert guardian.status_code == 302, guardian.text[:3000]
    consent_form = holder.get(f"{log_path}samtykke/ny/").text
    units = _choices(consent_form, "units")
    today = date.today()
    consent = holder.post_form(
        f"{log_path}samtykke/ny/",
        {
            "given_by_guardians": list(_choices(consent_form, "given_by_guardians").values()),
            "units": [_pick(units, "Solstrålen"), _pick(units, "Helsestasjonen")],
            "given_on": today.isoformat(),
            "expires_on": (today + timedelta(days=300)).isoformat(),
        },
        files={"signed_form": ("samtykke.pdf", PDF, "application/pdf")},
    )
    assert consent.status_code == 302, consent.text[:3000]
    detail = holder.get(log_path).text
    start = re.search(r'action="([^"]+/start/)"', detail)
    assert start, detail[:3000]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', detail)
    assert token
    started = holder.request("POST", start[1], data={"csrfmiddlewaretoken": token[1]})
    assert started.status_code == 302

    # The signed form, uploaded to one process, downloads from either.
    detail = holder.get(log_path).text
    file_path = re.search(r'href="([^"]+/skjema/)"', detail)
    assert file_path, detail[:3000]
    for _ in ports:
        download = holder.get(file_path[1])
        assert download.status_code == 200 and download.content == PDF

    # The new professional joins, gets a measure, and is told once by e-mail.
    participant_form = holder.get(f"{log_path}deltakere/ny/").text
    added = holder.post_form(
        f"{log_path}deltakere/ny/",
        {"membership": _pick(_choices(participant_form, "membership"), "Skala")},
    )
    assert added.status_code == 302, added.text[:3000]
    measure_form = holder.get(f"{log_path}tiltak/ny/").text
    measure = holder.post_form(
        f"{log_path}tiltak/ny/",
        {
            "description": f"Samtale om søvn {suffix}",
            "responsible": _pick(_choices(measure_form, "responsible"), "Skala"),
            "unit": _pick(_choices(measure_form, "unit"), "Helsestasjonen"),
            "start_date": today.isoformat(),
            "evaluation_date": (today + timedelta(days=60)).isoformat(),
            "catalogue_tiltak": "",
        },
    )
    assert measure.status_code == 302, measure.text[:3000]
    _wait_until(lambda: any(actor_email in str(m["To"]) for m in inbox.messages), 30, "the notice")
    # Recorded once and marked sent by the worker: no process sends it again.
    notices = Notice.objects.filter(email=actor_email)
    _wait_until(lambda: notices.filter(sent_at__isnull=False).exists(), 30, "sent_at")
    assert notices.count() == 1
    assert [str(m["To"]) for m in inbox.messages].count(actor_email) == 1

    # The professional reads the measure on both processes, in the same session.
    for _ in ports:
        page = actor.get(log_path)
        assert page.status_code == 200 and f"Samtale om søvn {suffix}" in page.text
    assert set(actor.served_by) == set(ports) and set(holder.served_by) == set(ports)
