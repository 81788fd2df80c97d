import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from wagtail.models import Page, PageViewRestriction, Site

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from municipalities.services import municipality_create
from samhandlingsmodell.models import (
    ElementPage,
    LevelPage,
    ModelHomePage,
    ServicePage,
    Theme,
)

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int]:
    return (
        Municipality.objects.count(),
        Page.objects.count(),
        Site.objects.count(),
        Group.objects.count(),
    )


def test_new_municipality_gets_a_complete_draft_model_from_the_template():
    municipality = municipality_create(
        number="4601", name="Bergen", language="nb", host="bergen.example.no"
    )
    home = municipality.site.root_page.specific
    assert isinstance(home, ModelHomePage)
    levels = {level.level: level for level in LevelPage.objects.child_of(home)}
    assert set(levels) == {"kommune", "tjeneste", "individ"}
    for level in levels.values():
        types = set(ElementPage.objects.child_of(level).values_list("element_type", flat=True))
        assert {"plan", "rutine", "arena", "verktoy"} <= types
        assert level.dokumentasjon and level.evaluering and level.brukermedvirkning
    assert ServicePage.objects.descendant_of(home).count() >= 10
    assert HandlingsveilederPage.objects.child_of(home).exists()
    assert Theme.objects.filter(municipality=municipality).exists()
    pages = Page.objects.descendant_of(home, inclusive=True).specific()
    assert all(not page.live for page in pages), "a new model is a draft"
    assert all(page.template_text for page in pages), "template text is marked until edited"
    assert all(page.latest_revision_id for page in pages)


def test_nynorsk_municipality_gets_nynorsk_template_text():
    municipality = municipality_create(
        number="4602", name="Kinn", language="nn", host="kinn.example.no"
    )
    home = municipality.site.root_page
    titles = set(Page.objects.descendant_of(home).values_list("title", flat=True))
    assert "Kven kan hjelpe?" in titles
    assert "Hvem kan hjelpe?" not in titles


def test_staff_only_template_elements_are_restricted_to_the_municipality_groups():
    municipality = municipality_create(
        number="4622", name="Kvam", language="nn", host="kvam.example.no"
    )
    restrictions = PageViewRestriction.objects.filter(
        page__path__startswith=municipality.site.root_page.path
    )
    assert restrictions.exists()
    for restriction in restrictions:
        assert restriction.restriction_type == PageViewRestriction.GROUPS
        assert set(restriction.groups.all()) == set(municipality.groups())


@pytest.mark.parametrize(
    ("number", "host", "message"),
    [
        ("460", "a.example.no", "fire sifre"),
        ("46011", "a.example.no", "fire sifre"),
        ("abcd", "a.example.no", "fire sifre"),
        ("9999", "a.example.no", "offisielle listen"),
        ("9901", "a.example.no", "finnes allerede"),
        ("4601", "eksempelvik.localhost", "allerede i bruk"),
        ("4601", "not a host", "ikke gyldig"),
    ],
)
def test_bad_input_is_refused_in_norwegian_and_nothing_is_saved(number, host, message):
    before = counts()
    with pytest.raises(ValidationError) as error:
        municipality_create(number=number, name="Bergen", language="nb", host=host)
    assert any(message in text for text in error.value.messages), error.value.messages
    assert counts() == before


def test_failure_half_way_leaves_nothing_behind(monkeypatch):
    # Half-way: after the site, groups and pages, in the model's own set-up (a hook).
    from samhandlingsmodell import template

    def explode(*args, **kwargs):
        raise RuntimeError("simulert feil")

    monkeypatch.setattr(template, "attach_themes", explode)
    before = counts()
    with pytest.raises(RuntimeError):
        municipality_create(number="4601", name="Bergen", language="nb", host="bergen.example.no")
    assert counts() == before


def test_fictional_municipality_may_use_a_number_outside_the_official_list():
    municipality = municipality_create(
        number="9977", name="Testvik", language="nb", host="testvik.example.no", fictional=True
    )
    assert municipality.fictional


def test_create_municipality_command(capsys):
    call_command(
        "create_municipality",
        "--number",
        "5001",
        "--name",
        "Trondheim",
        "--language",
        "nb",
        "--host",
        "trondheim.example.no",
    )
    assert Municipality.objects.get(number="5001").host == "trondheim.example.no"
    assert "Opprettet" in capsys.readouterr().out


def test_create_municipality_command_reports_errors():
    with pytest.raises(CommandError, match="offisielle listen"):
        call_command(
            "create_municipality",
            "--number",
            "0000",
            "--name",
            "X",
            "--language",
            "nb",
            "--host",
            "x.example.no",
        )


def test_official_register_has_every_municipality():
    from municipalities.register import official_municipalities

    register = official_municipalities()
    assert len(register) == 357
    assert register["4601"] == "Bergen"
    assert register["0301"] == "Oslo"
    assert "3024" not in register  # Bærum's number 2020–2023
