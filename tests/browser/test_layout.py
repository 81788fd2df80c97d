"""The site's frame in chromium: set in Inter, served from the site's own /static/ and from
nowhere else; on a phone the menu and the search fold into "Meny" (a disclosure that needs no
JavaScript), so that a guide step starts on the first screen; on a wide screen they are shown
as they were."""

from urllib.parse import urlsplit

import pytest

from tests.browser.test_accessibility import HOSTS, axe_violations
from tests.browser.test_handlingsveileder import tab_to

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

GUIDES = {"9901": "/handlingsveileder/", "9902": "/handlingsrettleiar/"}
FIRST_STEP = "niva-0/1/?tjeneste=skole&alder=6-12"


def test_site_is_set_in_inter_from_its_own_static_files(page, url):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    fonts = []
    page.on("response", lambda r: fonts.append(r) if r.url.endswith(".woff2") else None)
    page.goto(url(HOSTS["9901"]))
    page.evaluate("async () => { await document.fonts.ready; }")
    for selector in ("body", "h1", ".site-search button", ".site-nav a"):
        family = page.evaluate(f"getComputedStyle(document.querySelector('{selector}')).fontFamily")
        assert family.startswith("Inter"), (selector, family)
    assert page.evaluate(
        "[...document.fonts].some(f => f.family === 'Inter' && f.status === 'loaded')"
    )
    assert fonts, "no font file was fetched"
    for response in fonts:
        assert response.status == 200
        assert urlsplit(response.url).path.startswith("/static/vendor/inter/")
    assert {urlsplit(address).hostname for address in requests} == {HOSTS["9901"]}


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_guide_step_title_and_first_action_are_on_a_phones_first_screen(phone, url, number):
    phone.goto(url(HOSTS[number], GUIDES[number] + FIRST_STEP))
    screen = phone.viewport_size["height"]
    heading = phone.locator("h1").bounding_box()
    assert heading["y"] + heading["height"] <= screen
    # At least the first line of what to do, below the acute box and the step's facts.
    first_action = phone.locator(".site-main .rich-text").first.bounding_box()
    assert first_action["y"] + 24 <= screen
    assert phone.locator(".acute-banner a[href='tel:112']").is_visible()
    assert not phone.locator(".site-nav").is_visible()
    assert not phone.locator(".site-search").is_visible()
    # Every step's title, wherever the step is.
    phone.goto(url(HOSTS[number], GUIDES[number] + "niva-1/1/?tjeneste=barnehage&alder=0-5"))
    heading = phone.locator("h1").bounding_box()
    assert heading["y"] + heading["height"] <= screen


def accessible_names(page, role: str) -> list[str]:
    """The names chromium's accessibility tree gives the page's elements of this role."""
    tree = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")
    return [
        node.get("name", {}).get("value", "")
        for node in tree["nodes"]
        if not node.get("ignored") and node.get("role", {}).get("value") == role
    ]


def test_phone_menu_opens_by_keyboard(phone, url):
    phone.goto(url(HOSTS["9901"]))
    assert accessible_names(phone, "DisclosureTriangle")[0] == "Meny"  # the first on the page
    nav = phone.get_by_role("navigation", name="Hovedmeny")
    assert not nav.is_visible()
    tab_to(phone, "el.tagName === 'SUMMARY' && el.textContent.trim() === 'Meny'")
    phone.keyboard.press("Enter")
    assert nav.is_visible()
    assert nav.get_by_role("link").count() > 3
    assert axe_violations(phone) == []
    phone.keyboard.press("Tab")
    assert phone.evaluate("document.activeElement.id") == "site-search-q"
    phone.keyboard.type("samtykke")
    with phone.expect_navigation():
        phone.keyboard.press("Enter")
    assert "/sok/?q=samtykke" in phone.url
    assert not nav.is_visible()  # folded again on the next page


def test_phone_menu_works_without_javascript(browser, url):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto(url(HOSTS["9902"]))
    nav = page.get_by_role("navigation", name="Hovudmeny")
    assert not nav.is_visible()
    page.locator("summary", has_text="Meny").click()
    assert nav.is_visible()
    link = nav.get_by_role("link").nth(1)
    href = link.get_attribute("href")
    with page.expect_navigation():
        link.click()
    assert urlsplit(page.url).path == href
    context.close()


def test_wide_screen_shows_search_and_menu_without_the_toggle(page, url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(url(HOSTS["9901"]))
    assert not page.locator("summary", has_text="Meny").is_visible()
    brand, search, nav = (
        page.locator(selector).bounding_box()
        for selector in (".site-header__brand", ".site-search", ".site-nav")
    )
    assert search["x"] > brand["x"] + brand["width"]  # the search beside the name
    assert nav["y"] >= max(brand["y"] + brand["height"], search["y"] + search["height"])
    assert page.get_by_role("navigation", name="Hovedmeny").get_by_role("link").count() > 3
