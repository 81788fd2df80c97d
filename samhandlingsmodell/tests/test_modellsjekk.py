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
