"""The national template: complete, the same in both written standards, and linked to the
municipality's own model."""

import pytest

from handlingsveileder.blocks import Action, ServiceKind
from handlingsveileder.selectors import guide_for_page, parse_levels
from handlingsveileder.template import load_guide_template
from handlingsveileder.tests.conftest import guide_of
from municipalities.models import Municipality
from municipalities.services import municipality_create

pytestmark = pytest.mark.django_db


def shape(data):
    return [
        (
            level["number"],
            [
                (
                    item["kind"],
                    tuple(item.get("tools", [])),
                    tuple(item.get("services", [])),
                    tuple(item.get("age_groups", [])),
                    item.get("deadline_days"),
                    tuple((o["action"], o.get("level")) for o in item.get("outcomes", [])),
                )
                for item in level["items"]
            ],
        )
        for level in data["levels"]
    ]


def test_bokmal_and_nynorsk_templates_have_the_same_structure():
    assert shape(load_guide_template("nb")) == shape(load_guide_template("nn"))


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_template_is_complete(language):
    data = load_guide_template(language)
    assert [level["number"] for level in data["levels"]] == [0, 1, 2, 3]
    actions = set()
    for level in data["levels"]:
        kinds = [item["kind"] for item in level["items"]]
        assert "decision" in kinds, level["name"]
        for item in level["items"]:
            assert item["responsible_role"].strip(), item["title"]
            if item["kind"] == "decision":
                assert len(item["outcomes"]) >= 2
                actions |= {o["action"] for o in item["outcomes"]}
                assert Action.BARNEVERN in {o["action"] for o in item["outcomes"]}
            for service in item.get("services", []):
                assert service in ServiceKind.values
    assert {Action.CLOSE, Action.LEVEL, Action.BARNEVERN, Action.ACUTE} <= actions
    assert any(item.get("services") for lvl in data["levels"] for item in lvl["items"])
    for key in ("acute_text", "barnevern_text", "close_text", "public_body"):
        assert "§" not in data["guide"][key]  # laws by name; paragraphs verified locally


def test_new_municipality_gets_a_draft_guide_linked_to_its_own_tools():
    municipality = municipality_create(
        number="4601", name="Bergen", language="nb", host="bergen.example.no"
    )
    guide = guide_of("4601")
    assert not guide.live and guide.template_text
    parsed = parse_levels(guide.levels.raw_data, None)
    tool_ids = {pk for lvl in parsed.levels for item in lvl.items for pk in item.tool_ids}
    assert tool_ids
    home = municipality.site.root_page
    from samhandlingsmodell.models import ElementPage

    own = set(ElementPage.objects.descendant_of(home).values_list("pk", flat=True))
    assert tool_ids <= own


def test_nynorsk_municipality_gets_a_nynorsk_guide():
    guide = guide_of("9902")
    assert guide.slug == "handlingsrettleiar"
    municipality = Municipality.objects.get(number="9902")
    parsed = guide_for_page(guide, municipality)
    text = " ".join(item.title for lvl in parsed.levels for item in lvl.items)
    assert "ikkje" in (guide.intro + text + guide.acute_text + guide.public_body).lower()
