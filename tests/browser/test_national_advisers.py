"""The national advisers in chromium against the production server: Bufdir's adviser logs in
on the national host with password and TOTP, finds the municipality in the overview, reads its
project and the round it has sent (the frozen pages too), comments, and asks for changes;
axe-core on every page, and no page wider than a 360 px phone."""

from __future__ import annotations

from pathlib import Path

import pytest

from devdata.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.test_accessibility import axe_violations
from tests.browser.test_new_municipality_dashboard import in_server_database
from tests.browser.test_stafettlogg import _code

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

NATIONAL = "localhost"
SEND = """
from audit.services import SYSTEM
from grants import services
from municipalities.models import Municipality
project = Municipality.objects.get(number="9902").grant_project
services.submission_create(SYSTEM, project, user=None, message="Klar for vurdering.")
"""
UNDO = """
from grants.models import Milestone, Submission
Submission.objects.filter(project__municipality__number="9902").delete()
Milestone.objects.filter(
    project__municipality__number="9902", kind__in=["submitted", "approval"]
).update(status="planned", completed_on=None)
"""


@pytest.fixture
def sent(server, tmp_path: Path):  # type: ignore[no-untyped-def]
    in_server_database(SEND, tmp_path)
    yield
    in_server_database(UNDO, tmp_path)


def _accessible_and_narrow(page, phone, url: str) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)
    phone.goto(url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, (url, width)


def test_bufdir_reviews_a_round_and_asks_for_changes(browser, url, sent) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    phone_context = browser.new_context(
        viewport={"width": 360, "height": 740}, bypass_csp=True, is_mobile=True
    )
    phone = phone_context.new_page()
    try:
        page.goto(url(NATIONAL, "/tilskudd/"))
        assert "/stafettlogg/logg-inn/" in page.url
        assert axe_violations(page) == []
        page.fill("#id_username", "bufdir-radgiver")
        page.fill("#id_password", DEMO_PASSWORD)
        page.keyboard.press("Enter")
        page.wait_for_url("**/logg-inn/kode/**")
        assert axe_violations(page) == []
        page.fill("#id_otp_token", _code("bufdir-radgiver"))
        page.keyboard.press("Enter")
        page.wait_for_url("**/tilskudd/")
        # The phone shares the login: copy the session cookie.
        phone_context.add_cookies(context.cookies())

        assert page.get_by_role("heading", name="Kommunene i tilskuddsordningen").is_visible()
        _accessible_and_narrow(page, phone, page.url)
        page.select_option("#id_status", "submitted")
        page.get_by_role("button", name="Vis", exact=True).click()
        page.get_by_role("link", name="Fjordvik kommune").click()
        page.wait_for_url("**/tilskudd/9902/")
        _accessible_and_narrow(page, phone, page.url)

        page.get_by_role("link", name="Runde 1").first.click()
        page.wait_for_url("**/tilskudd/9902/runder/1/")
        _accessible_and_narrow(page, phone, page.url)
        page.locator(".grants-pages a").nth(1).click()
        page.wait_for_url("**/runder/1/side/2/")
        _accessible_and_narrow(page, phone, page.url)
        page.fill("#comment-page", "Skriv tydelegare kven som har ansvaret.")
        page.get_by_role("button", name="Lagre kommentaren").click()
        page.wait_for_url("**/runder/1/side/2/")
        assert page.get_by_text("Skriv tydelegare kven som har ansvaret.").is_visible()

        page.goto(url(NATIONAL, "/tilskudd/9902/runder/1/"))
        page.get_by_role("link", name="Avgjør denne runden").click()
        page.wait_for_url("**/runder/1/vedtak/")
        _accessible_and_narrow(page, phone, page.url)
        page.get_by_label("Be kommunen om endringer").check()
        page.get_by_role("button", name="Lagre avgjørelsen").click()
        page.wait_for_url("**/tilskudd/9902/runder/1/")
        assert page.get_by_text("Kommunen er bedt om endringer.").is_visible()
        assert axe_violations(page) == []
    finally:
        phone_context.close()
        context.close()
