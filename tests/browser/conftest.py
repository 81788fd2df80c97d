"""Browser tests: the production server (gunicorn, DEBUG off) runs against the test database
with the demo data, and Playwright drives Debian's chromium (never a downloaded browser)."""

import os
from datetime import date

import pytest

from devdata.log_demo import demo_fnr
from stafettlogg.tests.oidc_op import OpenIDProvider
from tests.processes import Gunicorn, database_url_for_processes, free_port, manage, production_env

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


@pytest.fixture(scope="session")
def server(django_db_setup, django_db_blocker, tmp_path_factory):  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock():
        database_url = database_url_for_processes()
    port = free_port()
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
    env = production_env(
        database_url,
        tmp_path_factory.mktemp("files"),
        DJANGO_CONN_MAX_AGE="0",
        SAMHANDLING_IDPORTEN_ISSUER=idporten.issuer,
        SAMHANDLING_IDPORTEN_CLIENT_ID="samhandling-idporten",
        SAMHANDLING_IDPORTEN_CLIENT_SECRET="browser-test-idporten-secret",
    )
    # The test settings cache in memory; the production server caches in the database.
    for command in (["createcachetable"], ["collectstatic", "--noinput", "-v", "0"]):
        manage(env, *command).check_returncode()
    server = Gunicorn(env, tmp_path_factory.mktemp("server") / "gunicorn.log", port=port)
    server.start()
    try:
        yield {"port": port, "idporten": idporten}
    finally:
        server.stop()


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
