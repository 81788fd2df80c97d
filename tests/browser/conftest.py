"""Browser tests: the production server (gunicorn, DEBUG off) runs against the test database
with the demo data, and Playwright drives Debian's chromium (never a downloaded browser)."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from stafettlogg.demo import demo_fnr
from stafettlogg.tests.oidc_op import OpenIDProvider

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url() -> str:
    s = connection.settings_dict
    if s["ENGINE"].endswith("sqlite3"):
        pytest.skip("browser tests run against PostgreSQL")
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


@pytest.fixture(scope="session")
def server(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        database_url = _database_url()
    port = _free_port()
    # ID-porten stand-in (a real OpenID Provider on loopback) for the login by browser.
    idporten = OpenIDProvider(
        tmp_path_factory.mktemp("idporten"),
        client_id="samhandling-idporten",
        client_secret="browser-test-idporten-secret",
        redirect_uris=[
            f"http://{host}:{port}/stafettlogg/logg-inn/idporten/svar/"
            for host in ("eksempelvik.localhost", "fjordvik.localhost")
        ],
        post_logout_redirect_uris=[
            f"http://{host}:{port}/stafettlogg/logg-inn/"
            for host in ("eksempelvik.localhost", "fjordvik.localhost")
        ],
        accounts={
            "fjordvik-foresatt": {
                "sub": "idporten-1",
                "claims": {"pid": demo_fnr(date(1988, 3, 15), 123)},
            },
            "ukjend": {"sub": "idporten-2", "claims": {"pid": demo_fnr(date(1970, 1, 1), 150)}},
        },
        acr="idporten-loa-high",
    )
    with idporten:
        yield from _gunicorn(port, database_url, idporten, tmp_path_factory)


def _gunicorn(port, database_url, idporten, tmp_path_factory):  # type: ignore[no-untyped-def]
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": "browser-test-secret-key-" + "x" * 40,
            # The same keys as the test process, which wrote the demo data.
            "SAMHANDLING_FNR_KEYS": ",".join(settings.SAMHANDLING_FNR_KEYS),
            "SAMHANDLING_FNR_HASH_KEY": settings.SAMHANDLING_FNR_HASH_KEY,
            "DJANGO_ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_CONN_MAX_AGE": "0",
            "DJANGO_MEDIA_ROOT": str(tmp_path_factory.mktemp("media")),
            "SAMHANDLING_IDPORTEN_ISSUER": idporten.issuer,
            "SAMHANDLING_IDPORTEN_CLIENT_ID": "samhandling-idporten",
            "SAMHANDLING_IDPORTEN_CLIENT_SECRET": "browser-test-idporten-secret",
        }
    )
    # The test settings cache in memory; the production server caches in the database.
    for command in (["createcachetable"], ["collectstatic", "--noinput", "-v", "0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300
        )
    log = open(tmp_path_factory.mktemp("server") / "gunicorn.log", "w")  # noqa: SIM115
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--access-logfile",
            "-",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(base + "/", timeout=2)  # noqa: S310
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                log.close()
                raise RuntimeError(
                    "gunicorn did not start: " + Path(log.name).read_text()
                ) from None
            time.sleep(0.2)
    try:
        yield {"port": port, "idporten": idporten}
    finally:
        process.terminate()
        process.wait(timeout=20)
        log.close()


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def phone(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, bypass_csp=True, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def url(server):  # type: ignore[no-untyped-def]
    def build(host: str, path: str = "/") -> str:
        return f"http://{host}:{server['port']}{path}"

    return build
