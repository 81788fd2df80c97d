"""The dashboard per role: where the model stands, what to do next, what waits for whom."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone, translation
from wagtail.models import Page

from devdata import model_demo as demo
from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell import modellsjekk, next_steps
from samhandlingsmodell.models import ElementPage, ModelPage

pytestmark = pytest.mark.django_db


def visible_text(html: str) -> str:
    html = re.sub(r"<(script|style|svg|template|noscript)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def dashboard(user: User) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 200
    return visible_text(response.content.decode())


@pytest.fixture
def nyvik(monkeypatch):  # type: ignore[no-untyped-def]
    """A new municipality straight from the template, with an editor and an approver."""
    with translation.override("nb"):
        municipality = municipality_create(
            number="9903",
            name="Nyvik kommune",
            language="nb",
            host="nyvik.localhost",
            fictional=True,
        )
    editor = User.objects.create_user("nyvik-redaktor")
    editor.groups.add(municipality.editors)
    approver = User.objects.create_user("nyvik-godkjenner")
    approver.groups.add(municipality.approvers)
    # The template's placeholders filled in as Eksempelvik's are (the demo's facts).
    monkeypatch.setitem(demo.FACTS, "9903", demo.FACTS["9901"])
    return municipality, editor, approver


def edit_every_page_as(editor: User, municipality: Municipality) -> None:
    """What the editors do in the admin, page by page: fill in the placeholders, adapt the
    template text and review each element, saved as drafts (revisions), never published.
    Adapting and reviewing reach only the revisions, as in the admin's editor."""
    demo.placeholders_fill(municipality)
    home = municipality.site.root_page
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        if isinstance(page, ModelPage):
            page.template_text = False
        if isinstance(page, ElementPage):
            page.last_reviewed = timezone.localdate()
        page.save_revision(user=editor)


def fresh(municipality: Municipality) -> Municipality:
    return Municipality.objects.get(pk=municipality.pk)


def test_new_model_lists_the_steps_from_template_to_approval_in_order(nyvik):
    municipality, editor, _ = nyvik
    steps = next_steps.model_steps(modellsjekk.run(municipality))
    titles = [step.title for step in steps]
    assert titles[:4] == [
        "Fyll inn kommuneopplysninger",
        "Gå gjennom Kommunenivå",
        "Gå gjennom Tjenestenivå",
        "Gå gjennom Individnivå",
    ]
    assert titles[-3:] == [
        "Gå gjennom forsiden",
        "Send modellen til godkjenning",
        "Lederen godkjenner og publiserer modellen",
    ]
    assert not any(step.done for step in steps)
    assert steps[0].url == f"/admin/kommune/{municipality.number}/"
    text = dashboard(editor)
    assert "Neste steg: Fyll inn kommuneopplysninger" in text
    assert text.index("Gå gjennom Kommunenivå") < text.index("Send modellen til godkjenning")


def test_a_step_is_done_when_modellsjekk_finds_nothing_left_in_its_part(nyvik):
    municipality, editor, _ = nyvik
    municipality.contact_email = "post@nyvik.example"
    municipality.contact_phone = "11 22 33 44"
    municipality.save()
    steps = next_steps.model_steps(modellsjekk.run(municipality))
    assert steps[0].done
    assert not steps[1].done
    assert next_steps.next_step(steps) == steps[1]
    assert "Ferdig: Fyll inn kommuneopplysninger" in dashboard(editor)


def test_edits_saved_as_drafts_count_for_the_steps(nyvik):
    municipality, editor, _ = nyvik
    municipality.contact_email = "post@nyvik.example"
    municipality.contact_phone = "11 22 33 44"
    municipality.save()
    edit_every_page_as(editor, municipality)
    report = modellsjekk.run(fresh(municipality))
    steps = next_steps.model_steps(report)
    assert [step.title for step in steps if not step.done] == [
        "Send modellen til godkjenning",
        "Lederen godkjenner og publiserer modellen",
    ]
    assert all(criterion.passed for criterion in report.criteria if not criterion.about_publication)


def test_the_editor_sends_the_whole_model_and_the_approver_approves_it_from_the_dashboard(nyvik):
    municipality, editor, approver = nyvik
    municipality.contact_email = "post@nyvik.example"
    municipality.contact_phone = "11 22 33 44"
    municipality.save()
    edit_every_page_as(editor, municipality)
    client = Client()
    client.force_login(editor)
    assert "66 sider i modellen har endringer" in visible_text(
        client.get(f"/admin/modell/{municipality.number}/send/").content.decode()
    )
    response = client.post(f"/admin/modell/{municipality.number}/send/")
    assert response.status_code == 302
    assert next_steps.model_steps(modellsjekk.run(fresh(municipality)))[-2].done

    text = dashboard(approver)
    assert "66 sider i modellen venter på din godkjenning." in text
    approving = Client()
    approving.force_login(approver)
    response = approving.post(f"/admin/modell/{municipality.number}/godkjenn/")
    assert response.status_code == 302
    report = modellsjekk.run(fresh(municipality))
    assert report.complete, [(c.title, c.problems[:2]) for c in report.criteria if c.problems]
    assert "Modellen oppfyller alle kravene i tilskuddsordningen." in dashboard(approver)


def test_an_editor_cannot_approve_the_model(nyvik):
    municipality, editor, _ = nyvik
    client = Client()
    client.force_login(editor)
    client.post(f"/admin/modell/{municipality.number}/send/")
    client.post(f"/admin/modell/{municipality.number}/godkjenn/")
    assert not Page.objects.descendant_of(municipality.site.root_page).filter(live=True).exists()


def test_nobody_sends_or_approves_another_municipalitys_model(nyvik):
    municipality, _, _ = nyvik
    client = Client()
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    for action in ("send", "godkjenn"):
        assert client.post(f"/admin/modell/{municipality.number}/{action}/").status_code == 404


def test_complete_demo_model_says_so_and_shows_no_steps():
    text = dashboard(User.objects.get(username="eksempelvik-redaktor"))
    assert "Modellsjekk: Eksempelvik kommune" in text
    assert "Modellen oppfyller alle kravene i tilskuddsordningen." in text
    assert "Neste steg" not in text


def test_nynorsk_dashboard_is_in_nynorsk(nyvik):
    text = dashboard(User.objects.get(username="fjordvik-redaktor"))
    assert "Modellsjekk: Fjordvik kommune" in text
    assert "Modellen oppfyller alle krava i tilskotsordninga." in text
    assert "Utkasta dine" in text and "Nyleg publisert" in text


def test_top_problems_name_what_editing_fixes_first(nyvik):
    municipality, _, _ = nyvik
    report = modellsjekk.run(municipality)
    problems = next_steps.top_problems(report)
    assert len(problems) == 3
    publication = {
        id(problem)
        for criterion in report.criteria
        if criterion.about_publication
        for problem in criterion.problems
    }
    assert not any(id(problem) in publication for problem in problems)


def test_drafts_and_recent_publications_are_the_users_own_municipalitys(nyvik):
    municipality, editor, _ = nyvik
    other = User.objects.get(username="eksempelvik-godkjenner")
    page = ElementPage.objects.descendant_of(municipality.site.root_page).first()
    page.title = "Nyviks utkast"
    page.save_revision(user=editor)
    eksempelvik_page = (
        ElementPage.objects.descendant_of(Municipality.objects.get(number="9901").site.root_page)
        .live()
        .first()
    )
    eksempelvik_page.save_revision(user=other).publish(user=other)

    own = dashboard(editor)
    assert "Nyviks utkast" in own
    assert eksempelvik_page.title not in own
    theirs = dashboard(other)
    assert "Nyviks utkast" not in theirs
    assert eksempelvik_page.title in theirs.split("Nylig publisert", 1)[1]


def test_dashboard_queries_are_bounded(django_assert_max_num_queries):
    client = Client()
    client.force_login(User.objects.get(username="eksempelvik-godkjenner"))
    client.get("/admin/")
    with django_assert_max_num_queries(55):
        assert client.get("/admin/").status_code == 200


def test_the_browser_tab_names_samhandling_not_wagtail() -> None:
    client = Client()
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    html = client.get("/admin/").content.decode()
    title = re.search(r"<title>(.*?)</title>", html, re.DOTALL)
    assert title is not None
    assert title.group(1).strip().endswith("- Samhandling")
    assert "Wagtail" not in title.group(1)
