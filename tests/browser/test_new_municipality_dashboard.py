"""A new municipality gets from template to approved model by the dashboard's next-step links:
the editor fills in the municipality's details and sends the model for approval, the approver
approves it on their dashboard, and Modellsjekk then says the model meets every requirement.

The editing of the model's 66 pages themselves (placeholders, template text, review dates) is
done before the browser starts, as the editors would save it in the page editor: as drafts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from devdata.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.test_accessibility import axe_violations
from tests.processes import database_url_for_processes, manage, production_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

HOST = "localhost"
NUMBER = "9903"

CREATE = f"""
from django.contrib.auth.models import User
from django.utils import timezone, translation
from wagtail.models import Page
from municipalities.services import municipality_create
from devdata import model_demo as demo
from samhandlingsmodell.models import ElementPage, ModelPage
with translation.override("nb"):
    municipality = municipality_create(
        number="{NUMBER}", name="Nyvik kommune", language="nb", host="nyvik.localhost",
        fictional=True,
    )
for role, group in (("redaktor", municipality.editors), ("godkjenner", municipality.approvers)):
    user = User.objects.create_user(f"nyvik-{{role}}", password="{DEMO_PASSWORD}")
    user.groups.add(group)
editor = User.objects.get(username="nyvik-redaktor")
demo.FACTS["{NUMBER}"] = demo.FACTS["9901"]
demo.placeholders_fill(municipality)
home = municipality.site.root_page
for page in Page.objects.descendant_of(home, inclusive=True).specific():
    if isinstance(page, ModelPage):
        page.template_text = False
    if isinstance(page, ElementPage):
        page.last_reviewed = timezone.localdate()
    page.save_revision(user=editor)
"""
REMOVE = f"""
from django.contrib.auth.models import User
from wagtail.models import Collection, Page, Workflow, Task
from municipalities.models import Municipality
municipality = Municipality.objects.get(number="{NUMBER}")
site, collection = municipality.site, municipality.collection
groups = [municipality.editors, municipality.approvers, municipality.staff]
home = Page.objects.get(pk=site.root_page_id)
workflows = list(Workflow.objects.filter(workflow_pages__page=home))
User.objects.filter(username__startswith="nyvik-").delete()
municipality.delete()
site.delete()
home.delete()
for workflow in workflows:
    Task.objects.filter(workflow_tasks__workflow=workflow).delete()
    workflow.delete()
for group in groups:
    group.delete()
Collection.objects.get(pk=collection.pk).delete()
"""


def in_server_database(code: str, tmp_path: Path) -> None:
    result = manage(production_env(database_url_for_processes(), tmp_path), "shell", "-c", code)
    assert result.returncode == 0, result.stderr


@pytest.fixture
def nyvik(server, tmp_path):  # type: ignore[no-untyped-def]
    in_server_database(CREATE, tmp_path)
    yield
    in_server_database(REMOVE, tmp_path)


def log_in(browser, url, username: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(url(HOST, "/admin/login/"))
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return context, page


def follow_next_step(page, title: str) -> None:  # type: ignore[no-untyped-def]
    step = page.locator("li[aria-current=step]")
    assert step.inner_text().startswith("Neste steg:"), step.inner_text()
    link = step.get_by_role("link", name=title)
    with page.expect_navigation():  # the next page is loaded before it is checked
        link.click()


def test_new_municipality_reaches_an_approved_model_by_the_dashboards_links(browser, url, nyvik):  # type: ignore[no-untyped-def]
    context, page = log_in(browser, url, "nyvik-redaktor")
    follow_next_step(page, "Fyll inn kommuneopplysninger")
    page.fill("#id_contact_email", "postmottak@nyvik.example")
    page.fill("#id_contact_phone", "11 22 33 44")
    with page.expect_navigation():  # the details are saved before the dashboard is asked for
        page.locator("main form button[type=submit], main form input[type=submit]").first.click()

    page.goto(url(HOST, "/admin/"))
    assert page.get_by_text("Ferdig: Fyll inn kommuneopplysninger").count() == 1
    follow_next_step(page, "Send modellen til godkjenning")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Send dem til godkjenning").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_text("66 sider er sendt til godkjenning.")).to_be_visible()
    follow_step = page.locator("li[aria-current=step]")
    assert "Lederen godkjenner og publiserer modellen" in follow_step.inner_text()
    context.close()

    context, page = log_in(browser, url, "nyvik-godkjenner")
    expect(page.get_by_text("66 sider i modellen venter på din godkjenning.")).to_be_visible()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Godkjenn og publiser alle").click()
    page.wait_for_url("**/admin/")
    expect(page.get_by_text("66 sider er godkjent og publisert.")).to_be_visible()
    complete = page.get_by_text("Modellen oppfyller alle kravene i tilskuddsordningen.")
    expect(complete).to_be_visible()
    assert page.locator("li[aria-current=step]").count() == 0
    context.close()
