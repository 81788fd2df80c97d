"""The grant project end to end, in bokmål and in nynorsk: a new municipality's coordinator
registers the grant decision and sees the milestones, sends the published model to Bufdir; the
Bufdir adviser logs in on the national host, comments on a page and asks for a change; the
coordinator reads the comment, answers it, fixes the page, publishes it and sends the model
again; the adviser approves, and the model's front page says so. axe finds nothing on any page
of the way.

The municipality and its published model are made before the browser starts, as
``municipality_create`` and the editors would make them (the model's 65 pages are not the
subject here)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from devdata.log_demo import DEMO_TOTP_KEY_HEX
from devdata.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.test_accessibility import axe_violations
from tests.processes import database_url_for_processes, manage, production_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

ADMIN_HOST = "localhost"
NATIONAL_HOST = "localhost"


@dataclass(frozen=True)
class NewMunicipality:
    number: str
    name: str
    language: str
    host: str
    county: str
    prefix: str
    facts: str
    # What the pages say in the municipality's written standard.
    milestone: str
    sent: str
    changes: str
    approved: str


MUNICIPALITIES = [
    NewMunicipality(
        number="9905",
        name="Nyby kommune",
        language="nb",
        host="nyby.localhost",
        county="32",
        prefix="nyby",
        facts="9901",
        milestone="Oppstartsmøte",
        sent="sendt til Bufdir",
        changes="endringer etterspurt",
        approved="Godkjent av Bufdir",
    ),
    NewMunicipality(
        number="9906",
        name="Nynes kommune",
        language="nn",
        host="nynes.localhost",
        county="46",
        prefix="nynes",
        facts="9902",
        milestone="Oppstartsmøte",
        sent="sendt til Bufdir",
        changes="endringar etterspurde",
        approved="Godkjend av Bufdir",
    ),
]

CREATE = """
from django.contrib.auth.models import User
from django.utils import timezone, translation
from wagtail.models import Page
from accounts.models import StaffMembership, StaffRole
from municipalities.services import municipality_create
from devdata import model_demo as demo
from samhandlingsmodell.models import ElementPage, ModelPage
with translation.override("{language}"):
    municipality = municipality_create(
        number="{number}", name="{name}", language="{language}", host="{host}",
        fictional=True, county="{county}",
    )
user = User.objects.create_user(
    "{prefix}-koordinator", password="{password}", first_name="Kim", last_name="Koordinator",
    email="{prefix}-koordinator@example.org",
)
user.groups.add(municipality.editors, municipality.approvers)
StaffMembership.objects.create(
    user=user, municipality=municipality, role=StaffRole.PROJECT_LEADER, unit=None
)
demo.FACTS["{number}"] = demo.FACTS["{facts}"]
demo.placeholders_fill(municipality)
home = municipality.site.root_page
for page in Page.objects.descendant_of(home, inclusive=True).specific():
    if isinstance(page, ModelPage):
        page.template_text = False
    if isinstance(page, ElementPage):
        page.last_reviewed = timezone.localdate()
    page.save_revision(user=user).publish(user=user)
"""
REMOVE = """
from django.contrib.auth.models import User
from django.db import connection
from wagtail.models import Collection, Page, Workflow, Task
from audit.models import AuditEvent
from municipalities.models import Municipality
municipality = Municipality.objects.get(number="{number}")
# The audit trail is append-only (a trigger) and protects its municipality; this throwaway
# municipality's events go with it, with the trigger off for this session only.
with connection.cursor() as cursor:
    cursor.execute("SET session_replication_role = replica")
AuditEvent.objects.filter(municipality=municipality).delete()
with connection.cursor() as cursor:
    cursor.execute("SET session_replication_role = DEFAULT")
site, collection = municipality.site, municipality.collection
groups = [municipality.editors, municipality.approvers, municipality.staff]
home = Page.objects.get(pk=site.root_page_id)
workflows = list(Workflow.objects.filter(workflow_pages__page=home))
municipality.delete()
User.objects.filter(username__startswith="{prefix}-").delete()
site.delete()
home.delete()
for workflow in workflows:
    Task.objects.filter(workflow_tasks__workflow=workflow).delete()
    workflow.delete()
for group in groups:
    group.delete()
Collection.objects.get(pk=collection.pk).delete()
"""

_used_codes: set[int] = set()


def _code() -> str:
    """The adviser's current TOTP code; waits for the next one when it has been used."""
    while True:
        step = int(time.time()) // 30
        if step not in _used_codes:
            _used_codes.add(step)
            return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"
        time.sleep(1)


def in_server_database(code: str, tmp_path: Path) -> None:
    result = manage(production_env(database_url_for_processes(), tmp_path), "shell", "-c", code)
    assert result.returncode == 0, result.stderr


@pytest.fixture(params=MUNICIPALITIES, ids=lambda m: m.language)
def new_municipality(request, server, tmp_path):  # type: ignore[no-untyped-def]
    municipality = request.param
    values = {**municipality.__dict__, "password": DEMO_PASSWORD}
    in_server_database(CREATE.format(**values), tmp_path)
    yield municipality
    in_server_database(REMOVE.format(**values), tmp_path)


def accessible(page) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def coordinator_logs_in(browser, url, municipality):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url(ADMIN_HOST, "/admin/login/"))
    page.fill("#id_username", f"{municipality.prefix}-koordinator")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return context, page


def adviser_logs_in(browser, url):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url(NATIONAL_HOST, "/tilskudd/"))
    assert "/logg-inn/" in page.url
    accessible(page)
    page.fill("#id_username", "bufdir-radgiver")
    page.fill("#id_password", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/logg-inn/kode/**")
    page.fill("#id_otp_token", _code())
    page.keyboard.press("Enter")
    page.wait_for_url("**/tilskudd/")
    return context, page


def adviser_opens_the_latest_round(page, url, municipality) -> None:  # type: ignore[no-untyped-def]
    page.goto(url(NATIONAL_HOST, f"/tilskudd/?county={municipality.county}"))
    accessible(page)
    page.get_by_role("link", name=municipality.name).click()
    page.wait_for_url(f"**/tilskudd/{municipality.number}/")
    accessible(page)
    page.locator("#h-rounds ~ ul a").first.click()
    page.wait_for_url(f"**/tilskudd/{municipality.number}/runder/*/")
    accessible(page)


def adviser_decides(page, decision: str, note: str) -> None:  # type: ignore[no-untyped-def]
    page.locator("a[href$='/vedtak/']").click()
    page.wait_for_url("**/vedtak/")
    accessible(page)
    page.locator(f"input[name=decision][value={decision}]").check()
    page.fill("textarea[name=note]", note)
    page.locator("form.log-form button[type=submit]").click()


def send_to_bufdir(page, url, municipality, message: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url(ADMIN_HOST, f"/admin/tilskudd/{municipality.number}/bufdir/"))
    accessible(page)
    page.fill("textarea[name=message]", message)
    # Sending renders every published page of the model into the round's copy: give it time
    # on a busy test machine.
    with page.expect_navigation(timeout=180_000):
        page.locator("#send-heading ~ form button[type=submit]").click()


def test_a_new_municipality_gets_its_model_approved_by_bufdir(browser, url, new_municipality):  # type: ignore[no-untyped-def]
    municipality = new_municipality
    number = municipality.number

    # The coordinator registers the grant decision from the dashboard.
    coordinator, page = coordinator_logs_in(browser, url, municipality)
    accessible(page)
    page.locator(f"a[href$='/admin/tilskudd/{number}/vedtak/']").first.click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/vedtak/")
    accessible(page)
    page.fill("#id_decision_date", "2026-10-01")
    page.fill("#id_amount_development", "500000")
    page.fill("#id_amount_implementation", "450000")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/")
    expect(page.locator("main")).to_contain_text(municipality.milestone)
    expect(page.locator("main")).to_contain_text("2028")  # two years from the decision
    accessible(page)
    page.set_viewport_size({"width": 360, "height": 800})
    accessible(page)
    page.set_viewport_size({"width": 1280, "height": 900})

    # ... and sends the published model to Bufdir.
    send_to_bufdir(page, url, municipality, "Første versjon.")
    expect(page.locator("main table")).to_contain_text(municipality.sent)

    # The Bufdir adviser comments on a page and asks for a change.
    adviser, national = adviser_logs_in(browser, url)
    accessible(national)
    adviser_opens_the_latest_round(national, url, municipality)
    pages = national.locator(".grants-pages a")
    commented_title = pages.nth(1).inner_text()
    pages.nth(1).click()
    national.wait_for_url("**/side/*/")
    accessible(national)
    national.fill("#comment-page", "Beskriv hvem som kaller inn til møtet.")
    national.locator("#comment-page ~ button, form.log-form button[type=submit]").first.click()
    expect(national.locator("main")).to_contain_text("Beskriv hvem som kaller inn til møtet.")
    national.locator(f"a[href$='/tilskudd/{number}/runder/1/']").first.click()
    adviser_decides(national, "changes", "Se kommentaren til siden.")
    national.wait_for_url(f"**/tilskudd/{number}/runder/1/")
    expect(national.locator("main")).to_contain_text(municipality.changes)
    accessible(national)

    # The coordinator reads the comment, answers it, fixes the page and sends the model again.
    page.goto(url(ADMIN_HOST, f"/admin/tilskudd/{number}/bufdir/1/"))
    expect(page.locator("main")).to_contain_text("Beskriv hvem som kaller inn til møtet.")
    expect(page.locator("main")).to_contain_text("Se kommentaren til siden.")
    accessible(page)
    answer = page.locator("textarea[id^=answer-]").first
    answer.fill("Rettet: møteleder kaller inn.")
    answer.locator("xpath=ancestor::form").locator("button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("Rettet: møteleder kaller inn.")
    page.locator("main a[href$='/edit/']").first.click()
    page.wait_for_url("**/admin/pages/*/edit/")
    page.fill("#id_title", f"{commented_title} (revidert)")
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/"))
    send_to_bufdir(page, url, municipality, "Rettet etter kommentarene.")
    expect(page.locator("main table tbody tr")).to_have_count(2)

    # The adviser approves the second round.
    adviser_opens_the_latest_round(national, url, municipality)
    expect(national.locator("main")).to_contain_text("Rettet etter kommentarene.")
    adviser_decides(national, "approve", "")
    national.wait_for_url(f"**/tilskudd/{number}/runder/2/")
    accessible(national)
    adviser.close()

    # The coordinator sees the approval, and so does everyone on the model's front page.
    page.goto(url(ADMIN_HOST, f"/admin/tilskudd/{number}/bufdir/"))
    expect(page.locator("main")).to_contain_text(municipality.approved)
    accessible(page)
    coordinator.close()
    visitor = browser.new_context(bypass_csp=True)
    front = visitor.new_page()
    front.goto(url(municipality.host, "/"))
    expect(front.locator(".model-approval")).to_contain_text(municipality.approved)
    accessible(front)
    visitor.close()
