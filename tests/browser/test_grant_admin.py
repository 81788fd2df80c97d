"""The grant project in the admin, in bokmål (Eksempelvik) and nynorsk (Fjordvik), at 1280 and
360 px: the project leader finds the project from the dashboard, walks the project page, edits
a milestone and records a training (first with a mistake the form explains); every page of the
project passes axe."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from devdata.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.test_accessibility import HOSTS, axe_violations
from tests.processes import database_url_for_processes, manage, production_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SLUGS = {"9901": "eksempelvik", "9902": "fjordvik"}
WORDS = {
    "9901": {
        "panel": "Tilskuddsprosjekt: Eksempelvik kommune",
        "go": "Gå til tilskuddsprosjektet",
        "heading": "Tilskuddsprosjekt",
        "training": "Opplæringsregister",
        "record": "Registrer en opplæring",
        "errors": "Skjemaet har feil",
        "too_many": "kan ikke være større enn antall ansatte i enheten",
        "saved": "Milepælen er lagret.",
        "recorded": "Opplæringen er registrert.",
        "groups": "Prosjektorganisering",
        "weaknesses": "Svakheter og tiltak",
    },
    "9902": {
        "panel": "Tilskotsprosjekt: Fjordvik kommune",
        "go": "Gå til tilskotsprosjektet",
        "heading": "Tilskotsprosjekt",
        "training": "Opplæringsregister",
        "record": "Registrer ei opplæring",
        "errors": "Skjemaet har feil",
        "too_many": "kan ikkje vere større enn talet på tilsette i eininga",
        "saved": "Milepælen er lagra.",
        "recorded": "Opplæringa er registrert.",
        "groups": "Prosjektorganisering",
        "weaknesses": "Svakheiter og tiltak",
    },
}
CLEAN_UP = """
from grants.models import GrantProject, TrainingRecord
for project in GrantProject.objects.filter(municipality__number__in={numbers!r}):
    TrainingRecord.objects.filter(project=project).delete()
    project.milestones.filter(owner="Prosjektgruppa").update(owner="", note="")
"""


def in_server_database(code: str, tmp_path: Path) -> None:
    result = manage(production_env(database_url_for_processes(), tmp_path), "shell", "-c", code)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def clean_project(server, tmp_path):  # type: ignore[no-untyped-def]
    """The browser's writes reach the server's database: undo them afterwards."""
    yield
    in_server_database(CLEAN_UP.format(numbers=list(SLUGS)), tmp_path)


def log_in(browser, url, number: str, width: int):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    page.goto(url(HOSTS[number], "/admin/login/"))
    page.fill("#id_username", f"{SLUGS[number]}-koordinator")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return context, page


def no_axe_violations(page, where: str) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], f"{where}: {violations}"


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("number", ["9901", "9902"])
def test_the_project_leader_walks_the_project_edits_a_milestone_and_records_training(  # type: ignore[no-untyped-def]
    browser, url, number, width, clean_project
):
    words = WORDS[number]
    context, page = log_in(browser, url, number, width)
    expect(page.get_by_text(words["panel"])).to_be_visible()
    no_axe_violations(page, "dashboard")
    page.get_by_role("link", name=words["go"]).click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/")
    expect(page.locator("h1")).to_contain_text(words["heading"])
    no_axe_violations(page, "project page")

    # Edit the first milestone of the timeline.
    page.locator("#milestones-heading ~ div table tbody tr a").first.click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/milepaeler/*/")
    no_axe_violations(page, "milestone form")
    page.fill("#id_owner", "Prosjektgruppa")
    page.fill("#id_note", "Avtalt dato med KORUS.")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text(words["saved"])).to_be_visible()
    expect(page.locator("#milestones-heading ~ div table")).to_contain_text("Prosjektgruppa")

    # Record a training: first with more trained than staff, then right.
    page.locator("nav.grants-project-nav").get_by_role("link", name=words["training"]).click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/opplaering/")
    no_axe_violations(page, "training register")
    page.get_by_role("link", name=words["record"]).first.click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/opplaering/ny/")
    no_axe_violations(page, "training form")
    page.select_option("#id_unit", index=1)
    page.fill("#id_roles", "Lærarar og leiarar" if number == "9902" else "Lærere og ledere")
    page.fill("#id_trained", "12")
    page.fill("#id_staff_total", "10")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    summary = page.locator("#error-summary")
    expect(summary).to_contain_text(words["errors"])
    expect(summary).to_contain_text(words["too_many"])
    no_axe_violations(page, "training form with errors")
    summary.locator("a").first.click()
    expect(page.locator("#id_trained")).to_be_focused()
    page.fill("#id_trained", "8")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    expect(page.get_by_text(words["recorded"])).to_be_visible()
    expect(page.locator("main")).to_contain_text("80 %")

    # The other pages of the project, read and checked.
    paths = [
        (f"/admin/tilskudd/{number}/grupper/", words["groups"]),
        (f"/admin/tilskudd/{number}/svakheter/", words["weaknesses"]),
        (f"/admin/tilskudd/{number}/svakheter/ny/", None),
        (f"/admin/tilskudd/{number}/rediger/", None),
        (f"/admin/tilskudd/{number}/milepaeler/ny/", None),
        (f"/admin/tilskudd/{number}/bufdir/", None),
    ]
    for path, heading in paths:
        page.goto(url(HOSTS[number], path))
        if heading:
            expect(page.locator("h1")).to_contain_text(heading)
        no_axe_violations(page, path)
    # The training just recorded, and its deletion's confirmation page (not confirmed).
    page.goto(url(HOSTS[number], f"/admin/tilskudd/{number}/opplaering/"))
    page.locator("#records-heading ~ div table tbody tr a").first.click()
    page.wait_for_url(f"**/admin/tilskudd/{number}/opplaering/*/")
    no_axe_violations(page, "training edit")
    page.locator("main a[href$='/slett/']").click()
    page.wait_for_url("**/slett/")
    no_axe_violations(page, "delete confirmation")
    if width == 360:
        overflow = page.evaluate("document.documentElement.scrollWidth > window.innerWidth + 1")
        assert not overflow, "the confirmation page is wider than the phone"
    context.close()
