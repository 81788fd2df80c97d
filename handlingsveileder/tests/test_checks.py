"""Modellsjekk's criteria for the handlingsveileder, each failing for the reason it names."""

import pytest

from handlingsveileder.tests.conftest import guide_of
from municipalities.models import Municipality
from samhandlingsmodell import modellsjekk
from samhandlingsmodell.models import ElementPage

pytestmark = pytest.mark.django_db


def failing(number="9901"):
    report = modellsjekk.run(Municipality.objects.get(number=number))
    return {c.title: [p.message for p in c.problems] for c in report.criteria if not c.passed}


def edit(guide, change):
    raw = guide.levels.raw_data
    change(raw)
    guide.save()


def test_demo_guides_pass():
    assert failing("9901") == {}
    assert failing("9902") == {}


def test_missing_level_is_no_problem_but_answers_leading_to_it_are():
    # The municipality chooses its levels (seed 003): a guide without BTI's level 3 passes the
    # way from concern to action, but an answer that still leads to level 3 leads nowhere.
    guide = guide_of("9901")
    edit(guide, lambda raw: raw.__delitem__(3))
    result = failing()
    assert "Handlingsveilederen viser veien fra bekymring til handling" not in result
    assert result["Hvert beslutningspunkt har utfall"]
    assert all("nivå som ikke finnes" in p for p in result["Hvert beslutningspunkt har utfall"])


def test_empty_level_is_named():
    guide = guide_of("9901")

    def change(raw):
        raw[2]["value"]["items"] = []

    edit(guide, change)
    assert failing()["Handlingsveilederen viser veien fra bekymring til handling"] == [
        "Nivå 2 har ingen steg."
    ]


def own_guide():
    """A guide of the municipality's own (not BTI's four levels): one level from concern to
    action, with the decision that leads to barnevernstjenesten and to the acute route."""
    from handlingsveileder.template import _item

    steps = [
        {
            "kind": "step",
            "title": "Skriv ned hva du ser og hører",
            "responsible_role": "Den som er bekymret",
            "what_to_do": "Skriv ned det du har sett og hørt, og drøft med lederen din.",
        },
        {
            "kind": "decision",
            "title": "Hva gjør vi nå?",
            "responsible_role": "Leder",
            "question": "Hvor alvorlig er bekymringen?",
            "outcomes": [
                {"label": "Barnet er i akutt fare", "action": "acute"},
                {"label": "Alvorlig bekymring", "action": "barnevern"},
                {"label": "Vi følger opp selv", "action": "close"},
            ],
        },
    ]
    return [
        {
            "type": "level",
            "value": {
                "number": "1",
                "name": "Fra uro til handling",
                "summary": "Kommunens egen veileder.",
                "items": [_item(step, {}) for step in steps],
            },
        }
    ]


def test_guide_of_its_own_without_bti_levels_passes():
    guide = guide_of("9901")
    guide.levels = own_guide()
    guide.save()
    assert failing() == {}


def test_guide_of_its_own_without_the_acute_route_fails():
    guide = guide_of("9901")
    guide.levels = own_guide()
    guide.acute_text = ""
    guide.save()
    assert failing() == {
        "Veien ved akutt fare er beskrevet": [
            "Veilederen beskriver ikke hva man gjør ved akutt fare."
        ]
    }


def test_guide_without_steps_fails():
    guide = guide_of("9901")
    guide.levels = []
    guide.save()
    result = failing()
    assert result["Handlingsveilederen viser veien fra bekymring til handling"] == [
        "Veilederen har ingen steg fra bekymring til handling."
    ]


def test_step_without_responsible_role_is_named():
    guide = guide_of("9901")
    item = guide.levels.raw_data[1]["value"]["items"][0]

    def change(raw):
        raw[1]["value"]["items"][0]["value"]["responsible_role"] = ""

    edit(guide, change)
    problems = failing()["Hvert steg har en ansvarlig rolle"]
    assert problems == [f"«{item['value']['title']}» (nivå 1) har ingen ansvarlig rolle."]


def test_decision_without_outcomes_and_missing_barnevern_route():
    guide = guide_of("9901")

    def change(raw):
        for level in raw:
            for item in level["value"]["items"]:
                if item["type"] == "decision":
                    item["value"]["outcomes"] = []

    decisions = sum(
        item["type"] == "decision"
        for level in guide.levels.raw_data
        for item in level["value"]["items"]
    )
    edit(guide, change)
    result = failing()
    assert len(result["Hvert beslutningspunkt har utfall"]) == decisions
    assert result["Det finnes en vei til barnevernstjenesten"] == [
        "Ingen beslutningspunkter fører til barnevernstjenesten."
    ]


def test_unpublished_tool_is_named():
    guide = guide_of("9901")
    raw = guide.levels.raw_data
    first_tool = next(
        entry["value"] if isinstance(entry, dict) else entry
        for level in raw
        for item in level["value"]["items"]
        if item["type"] == "step"
        for entry in item["value"]["tools"]
    )
    tool = ElementPage.objects.get(pk=first_tool)
    tool.unpublish()
    problems = failing()["Alle verktøy veilederen lenker til, er publisert"]
    assert any(tool.title in message for message in problems)


def test_check_model_command_fails_on_guide_problem():
    from django.core.management import CommandError, call_command

    # A level without steps (a missing level is the municipality's choice, seed 003).
    guide = guide_of("9902")

    def change(raw):
        raw[0]["value"]["items"] = []

    edit(guide, change)
    with pytest.raises(CommandError):
        call_command("check_model", "9902")
