"""The national BTI-based handlingsveileder template (``template_content/<language>.toml``),
written for this project, used by ``create_municipality``. See template_content/SCHEMA.md."""

from __future__ import annotations

import tomllib
import uuid
from functools import cache
from pathlib import Path
from typing import Any

from handlingsveileder.models import HandlingsveilederPage
from samhandlingsmodell.models import ElementPage, ModelHomePage
from samhandlingsmodell.template import fill_values, template_values, text_to_rich_text

TEMPLATE_DIR = Path(__file__).resolve().parent / "template_content"
SLUGS = {"nb": "handlingsveileder", "nn": "handlingsrettleiar"}


@cache
def load_guide_template(language: str) -> dict[str, Any]:
    with (TEMPLATE_DIR / f"{language}.toml").open("rb") as handle:
        return tomllib.load(handle)


def _list(values: list[Any]) -> list[dict[str, Any]]:
    """ListBlock raw data in Wagtail's current format (every item has an id)."""
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _item(raw: dict[str, Any], tools: dict[str, int]) -> dict[str, Any]:
    common = {
        "title": raw["title"],
        "responsible_role": raw.get("responsible_role", ""),
        "deadline_days": raw.get("deadline_days"),
        "deadline": raw.get("deadline", ""),
    }
    if raw["kind"] == "decision":
        outcomes = [
            {
                "label": outcome["label"],
                "action": outcome["action"],
                "level": str(outcome["level"]) if "level" in outcome else "",
                "explanation": outcome.get("explanation", ""),
            }
            for outcome in raw.get("outcomes", [])
        ]
        return {
            "type": "decision",
            "value": {**common, "question": raw["question"], "outcomes": _list(outcomes)},
        }
    return {
        "type": "step",
        "value": {
            **common,
            "what_to_do": text_to_rich_text(raw.get("what_to_do", "")),
            "support_questions": _list(raw.get("support_questions", [])),
            "participation": raw.get("participation", ""),
            "documentation": raw.get("documentation", ""),
            "tools": _list([tools[key] for key in raw.get("tools", []) if key in tools]),
            "services": raw.get("services", []),
            "age_groups": raw.get("age_groups", []),
        },
    }


def guide_stream(
    language: str, tools: dict[str, int], values: dict[str, str] | None = None
) -> list[dict[str, Any]]:
    """The template's levels as StreamField raw data; ``tools`` maps element keys to page ids,
    ``values`` fills the texts' ``{name}``s (samhandlingsmodell.template.template_values)."""
    data = fill_values(load_guide_template(language), values or template_values(""))
    return [
        {
            "type": "level",
            "value": {
                "number": str(level["number"]),
                "name": level["name"],
                "summary": level["summary"],
                "items": [_item(raw, tools) for raw in level.get("items", [])],
            },
        }
        for level in data["levels"]
    ]


def build_guide(home: ModelHomePage, language: str, number: str = "") -> HandlingsveilederPage:
    """Add the guide as a draft under the model's front page of the municipality with this
    number, linked to the model's elements (whose slugs are the template keys)."""
    values = template_values(number)
    data = fill_values(load_guide_template(language), values)["guide"]
    tools = {
        slug: pk for slug, pk in ElementPage.objects.descendant_of(home).values_list("slug", "pk")
    }
    guide = HandlingsveilederPage(
        title=data["title"],
        slug=SLUGS[language],
        intro=text_to_rich_text(data["intro"]),
        acute_text=text_to_rich_text(data["acute_text"]),
        barnevern_text=text_to_rich_text(data["barnevern_text"]),
        close_text=text_to_rich_text(data["close_text"]),
        stafett_from_level=str(data.get("stafett_from_level", "")),
        levels=guide_stream(language, tools, values),
        public_title=data["public_title"],
        public_intro=data["public_intro"],
        public_body=text_to_rich_text(data["public_body"]),
        template_text=True,
        live=False,
        show_in_menus=True,
    )
    home.add_child(instance=guide)
    return guide
