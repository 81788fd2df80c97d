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


def test_missing_level_is_named():
    guide = guide_of("9901")
    edit(guide, lambda raw: raw.__delitem__(3))
    result = failing()
    assert result["Handlingsveilederen har nivå 0–3"] == ["Nivå 3 mangler."]


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

    guide = guide_of("9902")
    edit(guide, lambda raw: raw.__delitem__(0))
    with pytest.raises(CommandError):
        call_command("check_model", "9902")
