"""The national template a new municipality's model is created from.

The texts live in ``template_content/<language>/*.toml`` (bokmål and nynorsk, same keys): a
``base.toml`` with the front page texts, themes, services and levels, and one file of elements
per level. They are written for this project. Every page built from them is marked as template
text until an editor changes it.

A few texts name a value that the municipality decides elsewhere, in braces: ``{samtykkealder}``,
the age from which a youth consents, is the one the stafettlogg's settings use. The apps that own
such values give them through the ``model_template_values`` hook (with the municipality's
number), and the texts are filled in when the model is built.
"""

from __future__ import annotations

import html
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from wagtail import hooks
from wagtail.models import Page, PageViewRestriction

from samhandlingsmodell.models import (
    ElementPage,
    LevelKey,
    LevelPage,
    ModelHomePage,
    ServiceIndexPage,
    ServicePage,
    TargetGroup,
    Theme,
    TiltakCatalogPage,
)

TEMPLATE_DIR = Path(__file__).resolve().parent / "template_content"

# Titles and slugs of the fixed pages, per written standard.
FIXED_PAGES = {
    "nb": {
        "services": ("Hvem kan hjelpe?", "hvem-kan-hjelpe"),
        "tiltak": ("Tiltak", "tiltak"),
    },
    "nn": {
        "services": ("Kven kan hjelpe?", "kven-kan-hjelpe"),
        "tiltak": ("Tiltak", "tiltak"),
    },
}
LEVEL_SLUGS = {"kommune": "kommuneniva", "tjeneste": "tjenesteniva", "individ": "individniva"}


# What the texts say when no app gives a value (stafettlogg's default youth consent age).
TEMPLATE_VALUE_DEFAULTS = {"samtykkealder": "15"}


def template_values(number: str) -> dict[str, str]:
    """The values the template's texts name, for the municipality with this number."""
    values = dict(TEMPLATE_VALUE_DEFAULTS)
    for hook in hooks.get_hooks("model_template_values"):
        values.update({key: str(value) for key, value in hook(number).items()})
    return values


def fill_values(data: Any, values: dict[str, str]) -> Any:
    """``data`` (a loaded template) with every ``{name}`` in its texts replaced by its value."""
    if isinstance(data, str):
        for key, value in values.items():
            data = data.replace("{" + key + "}", value)
        return data
    if isinstance(data, dict):
        return {key: fill_values(value, values) for key, value in data.items()}
    if isinstance(data, list):
        return [fill_values(value, values) for value in data]
    return data


@cache
def load_template(language: str) -> dict[str, Any]:
    """All files of one language merged: tables from base.toml, lists concatenated."""
    merged: dict[str, Any] = {"themes": [], "services": [], "levels": [], "elements": []}
    for path in sorted((TEMPLATE_DIR / language).glob("*.toml")):
        with path.open("rb") as handle:
            data = tomllib.load(handle)
        for key, value in data.items():
            if isinstance(value, list):
                merged.setdefault(key, []).extend(value)
            else:
                merged[key] = value
    return merged


def text_to_rich_text(text: str) -> str:
    """Plain template text to Wagtail rich text: blank lines part paragraphs, '- ' makes lists."""
    blocks: list[str] = []
    for chunk in text.strip().split("\n\n"):
        run_kind, run = "", list[str]()
        for line in (raw.strip() for raw in chunk.splitlines()):
            if not line:
                continue
            kind = "li" if line.startswith(("- ", "• ")) else "p"
            if kind != run_kind and run:
                blocks.append(_render_run(run_kind, run))
                run = []
            run_kind = kind
            run.append(line[2:].strip() if kind == "li" else line)
        if run:
            blocks.append(_render_run(run_kind, run))
    return "".join(blocks)


def _render_run(kind: str, lines: list[str]) -> str:
    if kind == "li":
        return "<ul>" + "".join(f"<li>{html.escape(item)}</li>" for item in lines) + "</ul>"
    return f"<p>{html.escape(' '.join(lines))}</p>"


def build_model(parent: Page, municipality_name: str, number: str, language: str) -> ModelHomePage:
    """Create the model's page tree as drafts under ``parent`` and return its front page.

    Themes, which belong to the municipality, are created by ``attach_themes`` once the
    municipality row exists.
    """
    data = fill_values(load_template(language), template_values(number))
    meta = data["meta"]
    fixed = FIXED_PAGES[language]

    home = ModelHomePage(
        title=f"{meta['model_title']} – {municipality_name}",
        slug=f"kommune-{number}",
        intro=text_to_rich_text(meta["model_intro"]),
        template_text=True,
        live=False,
    )
    parent.add_child(instance=home)

    service_index = ServiceIndexPage(
        title=fixed["services"][0],
        slug=fixed["services"][1],
        intro=text_to_rich_text(meta["services_intro"]),
        template_text=True,
        live=False,
        show_in_menus=True,
    )
    home.add_child(instance=service_index)
    services: dict[str, ServicePage] = {}
    for item in data["services"]:
        service = ServicePage(
            title=item["name"],
            slug=item["key"],
            sector=item["sector"],
            is_internal=item.get("is_internal", True),
            mandate=text_to_rich_text(item["mandate"]),
            contribution=text_to_rich_text(item["contribution"]),
            when_to_involve=text_to_rich_text(item["when_to_involve"]),
            contact=text_to_rich_text(item["contact"]),
            template_text=True,
            live=False,
        )
        service_index.add_child(instance=service)
        services[item["key"]] = service

    levels: dict[str, LevelPage] = {}
    for item in sorted(data["levels"], key=lambda lvl: LevelKey.values.index(lvl["key"])):
        level = LevelPage(
            title=item["title"],
            slug=LEVEL_SLUGS[item["key"]],
            level=item["key"],
            audience=item.get("audience", ""),
            intro=text_to_rich_text(item["intro"]),
            dokumentasjon=text_to_rich_text(item["dokumentasjon"]),
            evaluering=text_to_rich_text(item["evaluering"]),
            brukermedvirkning=text_to_rich_text(item["brukermedvirkning"]),
            template_text=True,
            live=False,
            show_in_menus=True,
        )
        home.add_child(instance=level)
        levels[item["key"]] = level

    catalog = TiltakCatalogPage(
        title=fixed["tiltak"][0],
        slug=fixed["tiltak"][1],
        intro=text_to_rich_text(meta["tiltak_intro"]),
        template_text=True,
        live=False,
        show_in_menus=True,
    )
    home.add_child(instance=catalog)
    target_groups = {group.key: group for group in TargetGroup.objects.all()}
    elements: dict[str, ElementPage] = {}
    for item in data["elements"]:
        element = ElementPage(
            title=item["title"],
            slug=item["key"],
            element_type=item["type"],
            dimension=item["dimension"],
            summary=item.get("summary", "")[:255],
            body=text_to_rich_text(item.get("body", "")),
            responsible_service=services.get(item.get("responsible_service", "")),
            responsible_role=item.get("responsible_role", ""),
            purpose=item.get("purpose", ""),
            participants=item.get("participants", ""),
            frequency=item.get("frequency", ""),
            convener=item.get("convener", ""),
            tool_kind=item.get("tool_kind", "") if item["type"] == "verktoy" else "",
            template_text=True,
            live=False,
        )
        element.target_groups = [target_groups[key] for key in item.get("target_groups", [])]
        levels[item["level"]].add_child(instance=element)
        elements[item["key"]] = element

    for item in data["elements"]:
        if item.get("related"):
            element = elements[item["key"]]
            element.related = [elements[key] for key in item["related"] if key in elements]
            element.save()
    return home


def attach_themes(municipality: Any, home: ModelHomePage, language: str) -> None:
    """Create the template's themes for the municipality and tag its tiltak with them."""
    data = load_template(language)
    themes = {
        item["key"]: Theme.objects.create(
            municipality=municipality, key=item["key"], name=item["name"]
        )
        for item in data.get("themes", [])
    }
    by_slug = {page.slug: page for page in ElementPage.objects.descendant_of(home)}
    for item in data["elements"]:
        if item.get("themes") and item["key"] in by_slug:
            element = by_slug[item["key"]]
            element.themes = [themes[key] for key in item["themes"] if key in themes]
            element.save()


def staff_only_slugs(language: str) -> set[str]:
    return {item["key"] for item in load_template(language)["elements"] if item.get("staff_only")}


def restrict_staff_only(municipality: Any, home: ModelHomePage) -> None:
    """The template's staff-only elements are readable by the municipality's groups only."""
    staff_only = ElementPage.objects.descendant_of(home).filter(
        slug__in=staff_only_slugs(municipality.language)
    )
    for element in staff_only:
        restriction = PageViewRestriction.objects.create(
            page=element, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set(municipality.groups())
