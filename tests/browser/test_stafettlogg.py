"""The stafettlogg in chromium against the production server: a stafettholder logs in with
password and TOTP, creates a log, records consent, adds a measure, a meeting and a lysglimt;
the guardian logs in and reads it, and sees who has opened it. axe-core on every page."""

from __future__ import annotations

import time
from datetime import date

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from devdata.log_demo import DEMO_TOTP_KEY_HEX, demo_fnr
from devdata.management.commands.load_demo import DEMO_PASSWORD
from tests.browser.test_accessibility import HOSTS, axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
_used_codes: set[tuple[str, int]] = set()


def _code(username: str) -> str:
    """The current TOTP code of the demo users; waits for the next one when this user has
    used it already (a code works once)."""
    while True:
        step = int(time.time()) // 30
        if (username, step) not in _used_codes:
            _used_codes.add((username, step))
            return f"{totp(bytes.fromhex(DEMO_TOTP_KEY_HEX)):06d}"
        time.sleep(1)


def log_in(page, url, host: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(url(host, "/stafettlogg/"))
    assert "/stafettlogg/logg-inn/" in page.url
    assert axe_violations(page) == []
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/logg-inn/kode/**")
    assert axe_violations(page) == []
    page.fill("#id_otp_token", _code(username))
    page.keyboard.press("Enter")
    page.wait_for_url("**/stafettlogg/")


def assert_accessible(page) -> None:  # type: ignore[no-untyped-def]
    violations = axe_violations(page)
    assert violations == [], (page.url, violations)


def open_actions(page, group: str) -> None:  # type: ignore[no-untyped-def]
    """Opens one of the log page's groups of actions (a <details>, closed on every load)."""
    page.locator(".log-action-group > summary", has_text=group).click()


def test_holder_creates_log_and_guardian_reads_it(browser, url):  # type: ignore[no-untyped-def]
    host = HOSTS["9901"]
    context = browser.new_context(bypass_csp=True, locale="nb-NO")
    page = context.new_page()
    log_in(page, url, host, "eksempelvik-stafettholder")
    assert page.locator("h1").inner_text() == "Mine logger"
    assert_accessible(page)

    page.get_by_role("link", name="Ny stafettlogg").click()
    assert_accessible(page)
    page.get_by_label("Barnets navn").fill("Nora Nettleser")
    page.get_by_label("Fødselsdato").fill("2021-04-09")
    page.get_by_label("Barnehage eller skole").fill("Solstrålen barnehage")
    page.get_by_label("Din enhet i denne loggen").select_option(label="Solstrålen barnehage")
    page.get_by_role("button", name="Opprett logg").click()
    page.wait_for_url("**/foresatte/ny/")
    assert_accessible(page)
    page.get_by_label("Navn").fill("Frida Foresatt")
    page.get_by_label("Fødselsnummer").fill(demo_fnr(date(1988, 3, 14), 123))
    page.get_by_label("Personen har foreldreansvar for barnet").check()
    page.get_by_role("button", name="Legg til foresatt").click()
    assert "Nora Nettleser" in page.locator("h1").inner_text()
    assert_accessible(page)

    open_actions(page, "Personer og samtykke")
    page.get_by_role("link", name="Registrer samtykke").click()
    page.get_by_label("Frida Foresatt").check()
    page.get_by_label("Solstrålen barnehage").check()
    page.get_by_label("Helsestasjonen").check()
    page.get_by_label("Dato for samtykket").fill(date.today().isoformat())
    page.set_input_files(
        "#id_signed_form", {"name": "samtykke.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    assert_accessible(page)
    page.get_by_role("button", name="Registrer samtykke").click()
    page.get_by_role("button", name="Start loggen").click()
    open_actions(page, "Legg til innhold")
    expect(page.get_by_role("link", name="Legg til tiltak")).to_be_visible()

    page.get_by_role("link", name="Legg til tiltak").click()
    assert_accessible(page)
    page.get_by_label("Tiltak", exact=True).fill("Språkgruppe i barnehagen")
    page.get_by_label("Ansvarlig").select_option(index=1)
    page.get_by_label("Tjeneste").select_option(index=1)
    page.get_by_label("Startdato").fill(date.today().isoformat())
    page.get_by_label("Evalueres innen").fill(date(date.today().year + 1, 1, 15).isoformat())
    page.get_by_role("button", name="Legg til tiltak").click()
    assert page.get_by_role("heading", name="Språkgruppe i barnehagen").is_visible()

    open_actions(page, "Legg til innhold")
    page.get_by_role("link", name="Legg til møte").click()
    assert_accessible(page)
    page.get_by_label("Dato").fill(date.today().isoformat())
    page.get_by_label("Deltakere").fill("Frida Foresatt, Hanne Holder")
    page.get_by_label("Avtaler").fill("Vi møtes igjen om seks uker.")
    page.get_by_role("button", name="Lagre").click()
    assert "Vi møtes igjen om seks uker." in page.content()

    open_actions(page, "Legg til innhold")
    page.get_by_role("link", name="Legg til lysglimt").click()
    page.get_by_role("textbox").fill("Nora sang for hele gruppa i dag.")
    page.get_by_role("button", name="Lagre").click()
    assert "Nora sang for hele gruppa i dag." in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Tidslinje").click()
    assert "Loggen ble startet" in page.content() or "startet" in page.content()
    assert_accessible(page)
    context.close()

    # The guardian logs in on a phone and reads everything, in plain language.
    guardian = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = guardian.new_page()
    log_in(page, url, host, "eksempelvik-foresatt")
    page.get_by_role("link", name="Nora Nettleser").click()
    content = page.content()
    for text in [
        "Språkgruppe i barnehagen",
        "Vi møtes igjen om seks uker.",
        "Nora sang for hele gruppa i dag.",
        "Trekk samtykket",
    ]:
        assert text in content, text
    assert demo_fnr(date(1988, 3, 14), 123) not in content
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    page.get_by_role("link", name="Hvem har åpnet loggen").click()
    assert "Hanne Holder" in page.content()
    assert_accessible(page)
    guardian.close()


def test_log_page_shows_the_log_first_and_the_actions_in_three_groups(browser, url):  # type: ignore[no-untyped-def]
    """Nynorsk stafettholder: the groups under the log's summary, closed, so that the log's
    first section is on the first screen; a group opens by keyboard; axe finds nothing."""
    context = browser.new_context(bypass_csp=True, locale="nn-NO")
    page = context.new_page()
    log_in(page, url, HOSTS["9902"], "fjordvik-stafettholder")
    page.get_by_role("link", name="Emma Døme").click()
    page.wait_for_load_state()
    summaries = page.locator(".log-action-group > summary")
    assert summaries.all_inner_texts() == [
        "Legg til innhald",
        "Personar og samtykke",
        "Overlevering og avslutning",
    ]
    add_measure = page.get_by_role("link", name="Legg til tiltak")
    assert not add_measure.is_visible()
    assert page.locator("#h-measures").bounding_box()["y"] < page.viewport_size["height"]
    assert_accessible(page)
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Legg til innhald'"):
            break
    else:
        pytest.fail("the group was not reached by Tab")
    page.keyboard.press("Enter")
    expect(add_measure).to_be_visible()  # the group opens with a 0.4 s transition
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Legg til tiltak"
    for summary in summaries.all()[1:]:
        summary.click()
    expect(page.get_by_role("link", name="Gje stafetthaldarrolla vidare")).to_be_visible()
    assert_accessible(page)
    add_measure.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/tiltak/ny/")
    context.close()


def test_nynorsk_guardian_view_and_keyboard(browser, url):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True, locale="nn-NO")
    page = context.new_page()
    log_in(page, url, HOSTS["9902"], "fjordvik-foresatt")
    assert page.locator("html").get_attribute("lang") == "nn"
    assert page.locator("h1").inner_text() == "Mine loggar"
    # By keyboard from the list into the log.
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Emma Døme'"):
            break
    else:
        pytest.fail("the log link was not reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "Logg for Emma Døme" in page.locator("h1").inner_text()
    assert "Lysglimt" in page.content()
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize(
    ("username", "link", "heading"),
    [
        ("eksempelvik-enhetsleder", "Min enhet", "Min enhet"),
        ("eksempelvik-kommuneadmin", "Administrasjon", "Administrasjon av stafettloggen"),
    ],
)
def test_leader_and_administrator_pages(browser, url, username, link, heading):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    log_in(page, url, HOSTS["9901"], username)
    page.get_by_role("link", name=link).click()
    assert page.locator("h1").inner_text() == heading
    assert "Emma Eksempel" not in page.content()  # no child names for leaders
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert_accessible(page)
    context.close()


def test_guardian_logs_in_with_id_porten_by_keyboard(browser, url, server):  # type: ignore[no-untyped-def]
    """Nynorsk guardian: ID-porten (a real OpenID Provider on loopback) by keyboard, the log,
    and logout at both ends. A person without logs gets a clear page."""
    context = browser.new_context(bypass_csp=True, locale="nn-NO")
    page = context.new_page()
    page.goto(url(HOSTS["9902"], "/stafettlogg/logg-inn/"))
    assert_accessible(page)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim() === 'Logg inn med ID-porten'"):
            break
    else:
        pytest.fail("the ID-porten button was not reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{server['idporten'].issuer}/**")
    page.fill("#username", "fjordvik-foresatt")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stafettlogg/")
    assert page.locator("h1").inner_text() == "Mine loggar"
    assert "Emma Døme" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url(f"{server['idporten'].issuer}/session/end**")
    page.get_by_role("button", name="Logg ut").click()
    page.wait_for_url("**/stafettlogg/logg-inn/**")
    page.goto(url(HOSTS["9902"], "/stafettlogg/"))
    assert "/stafettlogg/logg-inn/" in page.url

    page.goto(url(HOSTS["9902"], "/stafettlogg/logg-inn/idporten/"))
    page.fill("#username", "ukjend")
    page.keyboard.press("Enter")
    page.wait_for_url("**/stafettlogg/logg-inn/idporten/svar/**")
    assert page.locator("h1").inner_text() == "Du er ikkje logga inn"
    assert "Vi fann ingen stafettlogg" in page.content()
    assert_accessible(page)
    context.close()
