import datetime

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command
from django.urls import reverse

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell import modellsjekk
from samhandlingsmodell.models import ElementPage, LevelPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def eksempelvik():
    return Municipality.objects.get(number="9901")


def criterion(report, title):
    return next(c for c in report.criteria if c.title == title)


def failing_titles(report):
    return [c.title for c in report.criteria if not c.passed]


def test_demo_models_are_complete(eksempelvik):
    for municipality in (eksempelvik, Municipality.objects.get(number="9902")):
        report = modellsjekk.run(municipality)
        assert report.complete, [(c.title, c.problems[:2]) for c in report.criteria if not c.passed]


def test_new_draft_model_is_not_complete_and_says_why():
    municipality = municipality_create(
        number="4601", name="Bergen", language="nb", host="bergen.example.no"
    )
    report = modellsjekk.run(municipality)
    assert not report.complete
    titles = failing_titles(report)
    assert "Modellen er publisert" in titles
    assert any("gjennomgått" in title for title in titles)
    problem = next(c for c in report.criteria if c.title == "Modellen er publisert").problems[0]
    assert problem.fix_url.startswith("/admin/pages/")


def test_nynorsk_report_is_in_nynorsk():
    municipality = municipality_create(
        number="4602", name="Kinn", language="nn", host="kinn.example.no"
    )
    titles = [c.title for c in modellsjekk.run(municipality).criteria]
    assert "Modellen er publisert" in titles  # same in both standards
    assert any("nivåa" in title for title in titles)


def test_level_without_arena_fails_with_a_link_to_the_level(eksempelvik):
    home = eksempelvik.site.root_page
    level = LevelPage.objects.child_of(home).get(level="tjeneste")
    for arena in ElementPage.objects.child_of(level).filter(element_type="arena"):
        arena.unpublish()
    report = modellsjekk.run(eksempelvik)
    criterion = report.criteria[1]
    assert not criterion.passed
    assert any(level.title in p.message for p in criterion.problems)
    assert any(f"/{level.pk}/" in p.fix_url for p in criterion.problems)


def test_missing_documentation_on_a_level_fails(eksempelvik):
    level = LevelPage.objects.child_of(eksempelvik.site.root_page).get(level="individ")
    level.evaluering = ""
    level.save_revision().publish()
    report = modellsjekk.run(eksempelvik)
    assert not report.criteria[2].passed


def test_unpublished_handlingsveileder_fails(eksempelvik):
    HandlingsveilederPage.objects.child_of(eksempelvik.site.root_page).get().unpublish()
    assert not modellsjekk.run(eksempelvik).criteria[3].passed


def test_broken_internal_link_fails(eksempelvik):
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).first()
    target = ElementPage.objects.descendant_of(eksempelvik.site.root_page).last()
    element.body += f'<p><a linktype="page" id="{target.pk}">Se også</a></p>'
    element.save_revision().publish()
    assert criterion(modellsjekk.run(eksempelvik), "Ingen brutte interne lenker").passed
    target.unpublish()
    report = modellsjekk.run(eksempelvik)
    assert not criterion(report, "Ingen brutte interne lenker").passed


def test_element_without_owner_or_old_review_fails(eksempelvik):
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).first()
    element.responsible_service = None
    element.responsible_role = ""
    element.last_reviewed = datetime.date.today() - datetime.timedelta(days=400)
    element.save_revision().publish()
    problems = criterion(
        modellsjekk.run(eksempelvik),
        "Alle elementer har en ansvarlig eier og er gjennomgått de siste 12 månedene",
    ).problems
    assert len([p for p in problems if element.title in p.message]) == 2


def test_check_model_command_exit_status(eksempelvik, capsys):
    call_command("check_model", "eksempelvik.localhost")
    assert "komplett" in capsys.readouterr().out
    call_command("check_model", "9902")
    municipality_create(number="4601", name="Bergen", language="nb", host="bergen.example.no")
    with pytest.raises(CommandError):
        call_command("check_model", "4601")
    assert "[MANGLER]" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Fant ingen kommune"):
        call_command("check_model", "finnes.ikke")


def test_model_check_in_admin_for_own_municipality(client, eksempelvik):
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    response = client.get(reverse("modellsjekk_index"))
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 200
    assert "Eksempelvik kommune" in response.content.decode()


PLACEHOLDERS = "Ingen plassholdere i hakeparentes står igjen"
TEMPLATE_TEXT = "All maltekst er tilpasset kommunen"


def edit_link(page):
    return reverse("wagtailadmin_pages:edit", args=[page.id])


def test_placeholder_in_rich_text_is_named_with_its_page_and_an_edit_link(eksempelvik):
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).first()
    element.body += "<p>Ring [telefonnummer] eller se [lenke]. Fotnote [1].</p>"
    element.save_revision().publish()
    problems = criterion(modellsjekk.run(eksempelvik), PLACEHOLDERS).problems
    assert [(p.message, p.fix_url) for p in problems] == [
        (
            f"{element.title} (innhold) har fortsatt plassholderne [telefonnummer], [lenke].",
            edit_link(element),
        )
    ]


def test_placeholder_in_the_guides_steps_is_named(eksempelvik):
    guide = HandlingsveilederPage.objects.child_of(eksempelvik.site.root_page).get()
    levels = list(guide.levels.raw_data)
    levels[0]["value"]["items"][0]["value"]["responsible_role"] = "[navn på rolle]"
    guide.levels = levels
    guide.save_revision().publish()
    problems = criterion(modellsjekk.run(eksempelvik), PLACEHOLDERS).problems
    assert len(problems) == 1
    assert "[navn på rolle]" in problems[0].message
    assert guide.title in problems[0].message
    assert problems[0].fix_url == edit_link(guide)


def test_page_marked_as_template_text_is_named_with_an_edit_link(eksempelvik):
    level = LevelPage.objects.child_of(eksempelvik.site.root_page).get(level="tjeneste")
    level.template_text = True
    level.save_revision().publish()
    problems = criterion(modellsjekk.run(eksempelvik), TEMPLATE_TEXT).problems
    assert [(p.message, p.fix_url) for p in problems] == [
        (f"{level.title} er fortsatt merket som uredigert maltekst.", edit_link(level))
    ]


def test_clean_pages_are_not_named(eksempelvik):
    pages = list(ElementPage.objects.descendant_of(eksempelvik.site.root_page)[:2])
    pages[0].summary = "Kontakt [koordinator] for å melde deg på."
    pages[0].save_revision().publish()
    report = modellsjekk.run(eksempelvik)
    messages = [p.message for p in criterion(report, PLACEHOLDERS).problems]
    assert len(messages) == 1 and pages[0].title in messages[0]
    assert not any(pages[1].title in message for message in messages)
    assert criterion(report, TEMPLATE_TEXT).passed


def test_new_model_names_its_placeholders_and_template_text_in_nynorsk():
    municipality = municipality_create(
        number="4602", name="Kinn", language="nn", host="kinn.example.no"
    )
    report = modellsjekk.run(municipality)
    placeholders = criterion(report, "Ingen plasshaldarar i hakeparentes står att").problems
    assert any(
        "Barnevernstenesta (kontakt)" in p.message and "[telefonnummer], [opningstid]" in p.message
        for p in placeholders
    )
    template_text = criterion(report, "All maltekst er tilpassa kommunen").problems
    assert len(template_text) > 50
    assert all(p.fix_url.startswith("/admin/pages/") for p in placeholders + template_text)


def test_other_municipalitys_placeholders_and_template_text_are_never_named(eksempelvik):
    fjordvik = Municipality.objects.get(number="9902")
    page = ElementPage.objects.descendant_of(fjordvik.site.root_page).first()
    page.body += "<p>[telefonnummer]</p>"
    page.template_text = True
    page.save_revision().publish()
    report = modellsjekk.run(eksempelvik)
    assert criterion(report, PLACEHOLDERS).passed
    assert criterion(report, TEMPLATE_TEXT).passed
    own = modellsjekk.run(fjordvik)
    assert [p.fix_url for c in own.criteria for p in c.problems] == [edit_link(page)] * 2


def test_model_check_queries_do_not_grow_with_the_pages_it_names(
    eksempelvik, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as clean:
        modellsjekk.run(eksempelvik)
    for page in ElementPage.objects.descendant_of(eksempelvik.site.root_page)[:5]:
        page.body += "<p>[telefonnummer]</p>"
        page.template_text = True
        page.save_revision().publish()
    with django_assert_max_num_queries(len(clean.captured_queries)):
        report = modellsjekk.run(eksempelvik)
    assert len(criterion(report, PLACEHOLDERS).problems) == 5
    assert len(criterion(report, TEMPLATE_TEXT).problems) == 5


def test_model_check_in_admin_shows_the_placeholder_and_the_link_to_fix_it(client, eksempelvik):
    element = ElementPage.objects.descendant_of(eksempelvik.site.root_page).first()
    element.body += "<p>[telefonnummer]</p>"
    element.save_revision().publish()
    client.force_login(User.objects.get(username="eksempelvik-redaktor"))
    html = client.get(reverse("modellsjekk_report", args=[eksempelvik.number])).content.decode()
    assert "[telefonnummer]" in html
    assert f'href="{edit_link(element)}"' in html
