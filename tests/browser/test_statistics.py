"""The statistics in chromium against the production server: a member of staff registers
anonymously from the end of the guide on a 360 px phone, by keyboard and without JavaScript;
the form, its error summary, the receipt and the leaders' statistics page have no axe
violations and fit the phone."""

from __future__ import annotations

import pytest

from devdata.management.commands.load_demo import DEMO_PASSWORD
from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from tests.browser.test_accessibility import HOSTS, axe_violations
from tests.browser.test_stafettlogg import _code

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


def _log_in(page, url, host: str, username: str, next_path: str) -> None:  # type: ignore[no-untyped-def]
    """The login by keyboard only (plain forms: works without JavaScript)."""
    page.goto(url(host, next_path))
    assert "/stafettlogg/logg-inn/" in page.url
    page.locator("#id_username").focus()
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/logg-inn/kode/**")
    page.locator("#id_otp_token").focus()
    page.keyboard.type(_code(username))
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{next_path}")


def _fits(page) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, (page.url, width)


def _guide_close_path(number: str) -> str:
    home = Municipality.objects.get(number=number).site.root_page
    guide = HandlingsveilederPage.objects.child_of(home).get()
    return guide.relative_url(guide.get_site()) + "avslutt/"


def test_staff_register_from_the_guide_on_a_phone_by_keyboard_without_javascript(browser, url):  # type: ignore[no-untyped-def]
    host = HOSTS["9901"]
    context = browser.new_context(java_script_enabled=False, locale="nb-NO", **PHONE)
    page = context.new_page()
    _log_in(page, url, host, "eksempelvik-aktor", "/statistikk/registrer/")
    page.goto(url(host, _guide_close_path("9901")))
    page.get_by_role("link", name="Registrer anonymt").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/statistikk/registrer/")

    # Sent with nothing chosen: the error summary names what is missing.
    page.get_by_role("button", name="Lagre registreringen").focus()
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    summary = page.locator(".error-summary")
    assert "Velg alderen til barnet." in summary.inner_text()

    # By keyboard: a radio or check box is chosen with the space bar; the date (today) and
    # the unit (the user's own) are filled in already.
    for label in [
        "3–5 år",
        "Språk",
        "Tiltak i egen tjeneste (nivå 1)",
        "Nivå 1: tiltak i én tjeneste",
    ]:
        page.get_by_label(label, exact=True).focus()
        page.keyboard.press("Space")
    page.get_by_role("button", name="Lagre registreringen").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/statistikk/registrert/")
    assert "Registreringen er lagret." in page.content()
    assert "Den teller registreringer, ikke unike barn." in page.content()
    page.get_by_role("link", name="Registrer en til").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/statistikk/registrer/")
    context.close()


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_the_registration_form_and_receipt_have_no_axe_violations_on_a_phone(browser, url, number):  # type: ignore[no-untyped-def]
    host = HOSTS[number]
    prefix = "eksempelvik" if number == "9901" else "fjordvik"
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    _log_in(page, url, host, f"{prefix}-stafettholder", "/statistikk/registrer/")
    assert axe_violations(page) == []
    _fits(page)
    page.locator("form.stats-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert axe_violations(page) == []
    _fits(page)
    page.locator("input[name=age_group]").first.check()
    page.locator("input[name=categories]").first.check()
    page.locator("input[name=outcome][value=none]").check()
    page.locator("input[name=bti_level][value='0']").check()
    page.locator("form.stats-form button[type=submit]").click()
    page.wait_for_url("**/statistikk/registrert/")
    assert axe_violations(page) == []
    _fits(page)
    context.close()


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_the_statistics_page_has_no_axe_violations_and_fits_a_phone(browser, url, number):  # type: ignore[no-untyped-def]
    host = HOSTS[number]
    prefix = "eksempelvik" if number == "9901" else "fjordvik"
    context = browser.new_context(bypass_csp=True, **PHONE)
    page = context.new_page()
    _log_in(page, url, host, f"{prefix}-leder", "/statistikk/")
    assert page.locator("h1").inner_text().startswith("Statistikk")
    assert page.locator("table caption").count() >= 4  # the demo has too few logs to show
    assert axe_violations(page) == []
    _fits(page)
    page.goto(url(host, "/statistikk/?kind=quarter&part=9"))
    assert axe_violations(page) == []
    context.close()
