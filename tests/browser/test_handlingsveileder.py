"""The handlingsveileder walked in chromium: by keyboard alone from the model's front page to
a decision and its outcome, on a 360 px phone, and without JavaScript."""

import pytest

from tests.browser.test_accessibility import HOSTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


def tab_to(page, predicate_js: str, limit: int = 120) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    pytest.fail(f"nothing matching {predicate_js} reached by Tab")


def test_guide_walked_by_keyboard_end_to_end(page, url):
    page.goto(url(HOSTS["9901"]))
    tab_to(page, "el.textContent.trim() === 'Jeg er bekymret for et barn'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, "el.id === 'guide-tjeneste'")
    for _ in range(2):  # "Velg tjeneste" → Barnehage → Skole og SFO
        page.keyboard.press("ArrowDown")
    assert page.input_value("#guide-tjeneste") == "skole"
    tab_to(page, "el.id === 'guide-alder'")
    for _ in range(3):  # "Velg alder" → Gravide → 0–5 → 6–12
        page.keyboard.press("ArrowDown")
    assert page.input_value("#guide-alder") == "6-12"
    tab_to(page, "el.type === 'submit' && el.closest('.guide-choose')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/niva-0/" in page.url
    assert "steg 1 av" in page.content()
    for _ in range(15):  # follow "Neste steg" until the decision point
        if page.locator(".guide-outcome").count():
            break
        tab_to(page, "el.textContent.includes('Neste steg')")
        with page.expect_navigation():
            page.keyboard.press("Enter")
    else:
        pytest.fail("no decision point reached")
    assert page.locator('a[href="tel:112"]').first.is_visible()
    tab_to(page, "el.classList.contains('guide-outcome') && el.href.includes('/barnevern/')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/barnevern/" in page.url
    assert "barnevernstjenesten" in page.content()
    assert axe_violations(page) == []


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_guide_fits_a_phone_and_shows_the_narrow_flow_chart(phone, url, number):
    path = "/handlingsveileder/" if number == "9901" else "/handlingsrettleiar/"
    phone.goto(url(HOSTS[number], path))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    assert phone.locator(".guide-flow__svg--narrow").is_visible()
    assert not phone.locator(".guide-flow__svg--wide").is_visible()
    phone.goto(url(HOSTS[number], path + "niva-0/1/?tjeneste=barnehage&alder=0-5"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_guide_works_without_javascript(browser, url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(url(HOSTS["9902"], "/handlingsrettleiar/start/"))
    page.select_option("#guide-tjeneste", "helsestasjon")
    page.select_option("#guide-alder", "0-5")
    page.locator(".guide-choose button[type=submit]").click()
    page.wait_for_url("**/niva-0/**")
    assert page.locator("h1").count() == 1
    context.close()
