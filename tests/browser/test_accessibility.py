"""axe-core over every public page type of both demo municipalities and the national front
page; the diagram by keyboard; no horizontal scrolling on a 360 px phone."""

import re
from pathlib import Path

import pytest

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from samhandlingsmodell.models import (
    ElementPage,
    LevelPage,
    ServiceIndexPage,
    ServicePage,
    TiltakCatalogPage,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
HOSTS = {"9901": "eksempelvik.localhost", "9902": "fjordvik.localhost"}


def rel(page) -> str:
    return page.relative_url(page.get_site())


def page_paths(number: str) -> list[str]:
    home = Municipality.objects.get(number=number).site.root_page
    paths = ["/", "/sok/?q=samtykke", "/sok/?q=zzqx", "/finnes-ikke/", "/_util/login/"]
    for model in (
        LevelPage,
        ServiceIndexPage,
        ServicePage,
        TiltakCatalogPage,
    ):
        paths.append(rel(model.objects.descendant_of(home).live().public().first()))
    paths.append(decision_path(number))
    for element_type in ("arena", "verktoy", "tiltak", "plan"):
        element = (
            ElementPage.objects.descendant_of(home)
            .live()
            .public()
            .filter(element_type=element_type)
            .first()
        )
        paths.append(rel(element))
    catalog = TiltakCatalogPage.objects.descendant_of(home).first()
    paths.append(rel(catalog) + "?malgruppe=gravide")
    guide = rel(HandlingsveilederPage.objects.child_of(home).get())
    paths += [guide + sub for sub in GUIDE_PATHS]
    return paths


GUIDE_PATHS = [
    "",
    "start/",
    "start/?tjeneste=&alder=",
    "niva-0/1/?tjeneste=skole&alder=6-12",
    "niva-1/1/?tjeneste=barnehage&alder=0-5",
    "barnevern/",
    "akutt/",
    "avslutt/",
    "hjelp/",
]


def decision_path(number: str) -> str:
    """The first decision point of level 0, found through the page (no knowledge of content)."""
    home = Municipality.objects.get(number=number).site.root_page
    guide = HandlingsveilederPage.objects.child_of(home).get()
    items = guide.levels.raw_data[0]["value"]["items"]
    position = next(i for i, item in enumerate(items, start=1) if item["type"] == "decision")
    return rel(guide) + f"niva-0/{position}/?tjeneste=skole&alder=6-12"


def axe_violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    return [
        {"id": v["id"], "help": v["help"], "targets": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def test_national_front_page_has_no_axe_violations(page, url):
    page.goto(url("localhost"))
    assert axe_violations(page) == []


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_every_public_page_type_has_no_axe_violations(page, url, number):
    failures = {}
    for path in page_paths(number):
        page.goto(url(HOSTS[number], path))
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    assert failures == {}


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_pages_fit_a_360_px_phone(phone, url, number):
    too_wide = {}
    for path in page_paths(number):
        phone.goto(url(HOSTS[number], path))
        width = phone.evaluate("document.documentElement.scrollWidth")
        if width > 360:
            too_wide[path] = width
    assert too_wide == {}
    phone.goto(url(HOSTS[number]))
    assert phone.locator(".model-diagram__svg--narrow").is_visible()
    assert not phone.locator(".model-diagram__svg--wide").is_visible()
    assert axe_violations(phone) == []


def test_diagram_is_usable_by_keyboard(page, url):
    page.goto(url(HOSTS["9901"]))
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "document.activeElement.closest('.model-diagram__cell') ? "
            "document.activeElement.getAttribute('aria-label') : null"
        )
        if focused:
            break
    else:
        pytest.fail("no diagram cell reached by Tab")
    # The accessible name says level, type and count, e.g. "Kommunenivå: Planer og strategier, 3".
    assert re.fullmatch(r"Kommunenivå: .+, \d+", focused)
    page.keyboard.press("Enter")
    page.wait_for_url("**/kommuneniva/#plan")
    assert page.locator("h2#plan").is_visible()


def test_diagram_cells_have_accessible_names(page, url):
    page.goto(url(HOSTS["9902"]))
    names = page.locator(".model-diagram__svg--wide a.model-diagram__cell").evaluate_all(
        "els => els.map(e => e.getAttribute('aria-label'))"
    )
    assert len(names) == 18
    assert all(name and ":" in name for name in names)


def test_model_works_without_javascript(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(HOSTS["9901"]))
    page.locator(".model-diagram__svg--wide a.model-diagram__cell").first.click()
    assert "#plan" in page.url
    page.goto(url(HOSTS["9901"], "/sok/?q=samtykke"))
    assert page.locator(".element-card").count() > 0
    context.close()
