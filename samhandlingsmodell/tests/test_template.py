"""The national template is complete and the same in bokmål and nynorsk."""

import pytest

from samhandlingsmodell.models import (
    TARGET_GROUP_LABELS,
    Dimension,
    ElementType,
    LevelKey,
    Sector,
    ToolKind,
)
from samhandlingsmodell.template import load_template, text_to_rich_text

pytestmark = pytest.mark.smoke
LANGUAGES = ["nb", "nn"]


def keys(data, table):
    return [item["key"] for item in data[table]]


def test_bokmaal_and_nynorsk_have_the_same_structure():
    nb, nn = load_template("nb"), load_template("nn")
    for table in ("themes", "services", "levels", "elements"):
        assert keys(nb, table) == keys(nn, table), table
    for a, b in zip(nb["elements"], nn["elements"], strict=True):
        for field in (
            "level",
            "type",
            "dimension",
            "responsible_service",
            "target_groups",
            "themes",
            "related",
            "staff_only",
        ):
            assert a.get(field) == b.get(field), (a["key"], field)
    assert set(nb["meta"]) == set(nn["meta"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_level_has_the_required_element_types(language):
    data = load_template(language)
    assert keys(data, "levels") == list(LevelKey.values)
    for level in LevelKey.values:
        types = {e["type"] for e in data["elements"] if e["level"] == level}
        assert {"plan", "rutine", "arena", "verktoy"} <= types, level
    all_types = {e["type"] for e in data["elements"]}
    assert all_types == set(ElementType.values)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reference_and_choice_is_valid(language):
    data = load_template(language)
    services, themes = set(keys(data, "services")), set(keys(data, "themes"))
    elements = set(keys(data, "elements"))
    assert len(elements) == len(data["elements"]), "element keys are unique"
    for service in data["services"]:
        assert service["sector"] in Sector.values
    for e in data["elements"]:
        assert e["dimension"] in Dimension.values, e["key"]
        assert e.get("responsible_service", "") in services | {""}, e["key"]
        assert e["responsible_role"].strip(), e["key"]
        assert set(e.get("target_groups", [])) <= set(TARGET_GROUP_LABELS), e["key"]
        assert set(e.get("themes", [])) <= themes, e["key"]
        assert set(e.get("related", [])) <= elements, e["key"]
        assert len(e["summary"]) <= 255, e["key"]
        if e["type"] == "verktoy":
            assert e.get("tool_kind") in ToolKind.values, e["key"]
        if e["type"] == "arena":
            for field in ("purpose", "participants", "frequency", "convener"):
                assert e.get(field, "").strip(), (e["key"], field)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_level_describes_documentation_evaluation_and_participation(language):
    for level in load_template(language)["levels"]:
        for field in ("intro", "dokumentasjon", "evaluering", "brukermedvirkning"):
            assert len(level[field].strip()) > 40, (level["key"], field)


def test_template_text_becomes_safe_rich_text():
    html = text_to_rich_text("Første <b>avsnitt</b>.\n\n- ett\n- to\nSlutt")
    assert html == (
        "<p>Første &lt;b&gt;avsnitt&lt;/b&gt;.</p><ul><li>ett</li><li>to</li></ul><p>Slutt</p>"
    )
