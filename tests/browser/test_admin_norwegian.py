"""The editing side (Wagtail admin) in bokmål and nynorsk: every municipal role of both demo
municipalities walks the screens they work in and meets none of Wagtail's English UI strings;
the dashboard passes axe at 1280 and 360 px and works by keyboard."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest

from devdata.management.commands.load_demo import DEMO_PASSWORD
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from tests.browser.test_accessibility import HOSTS, axe_violations
from tests.processes import database_url_for_processes, manage, production_env

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

SLUGS = {"9901": "eksempelvik", "9902": "fjordvik"}
ADMIN_ROLES = ["redaktor", "godkjenner"]

# Wagtail's UI in English as an editor would meet it. A visible string (a text node, or a
# placeholder, label or title) that is exactly one of these fails the test.
ENGLISH_UI = {
    "Pages",
    "Page",
    "Search",
    "Search…",
    "Search...",
    "Search all pages…",
    "Edit",
    "Publish",
    "Save draft",
    "Save",
    "Add child page",
    "Sort menu order",
    "Documents",
    "Images",
    "Settings",
    "Help",
    "Dashboard",
    "Workflow",
    "Workflows",
    "Reports",
    "Account",
    "Log out",
    "Sign in",
    "Preview",
    "Unpublish",
    "Delete",
    "Copy",
    "Move",
    "History",
    "Lock",
    "Unlock",
    "Submit for moderation",
    "Approve",
    "Request changes",
    "Comments",
    "Content",
    "Promote",
    "Live",
    "Draft",
    "Choose",
    "Upload",
    "Add an image",
    "Add a document",
    "Collection",
    "Title",
    "Actions",
    "More actions",
    "Bulk actions",
    "Select all",
    "Sort by",
    "Filter by",
    "Show filters",
    "Apply filters",
    "Back",
    "Close",
    "Next",
    "Previous",
    "Updated",
    "Created",
    "Editor Guide",
    "Shortcuts",
    "Toggle sidebar",
    "Main menu",
    "Page explorer",
    "Skip to main content",
    "Your most recent edits",
    "Awaiting your review",
    "Site summary",
    "Locked pages",
    "Aging pages",
    "Site history",
    "View live",
    "View draft",
    "Explore",
    "Add",
    "Cancel",
    "Yes",
    "No",
    "Privacy",
    "Visibility",
    "Language",
    "Tags",
    "File",
    "Usage",
    "Insert a block",
    "Bold",
    "Italic",
    "Link",
    "Heading 2",
    "Heading 3",
    "Bulleted list",
    "Numbered list",
    "Toggle side panel",
    "Status",
    "Type",
}
# Parts of a string that give away an untranslated message: "1-6 of 6", "65 Pages".
ENGLISH_PATTERNS = [
    re.compile(r"\b\d+\s*[-–]\s*\d+ of \d+"),
    re.compile(r"\bof \d+\b"),
    re.compile(r"\b\d+ (Pages?|Images?|Documents?)\b"),
    re.compile(r"\beditor guide\b", re.IGNORECASE),
    re.compile(r"\bWhat's new\b"),
]
# Words that are the same in Norwegian are not evidence of English.
SAME_IN_NORWEGIAN = {"Status", "Type", "Alias", "Token", "Admin", "Filter", "Format", "Program"}

VISIBLE_STRINGS = """() => {
  const visible = el => !!el && el.getClientRects().length > 0
    && getComputedStyle(el).visibility !== 'hidden';
  const out = new Set();
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.replace(/\\s+/g, ' ').trim();
    const parent = walker.currentNode.parentElement;
    if (!text || !visible(parent)) continue;
    if (parent.closest('[contenteditable="true"], textarea, script, style, noscript')) continue;
    out.add(text);
  }
  const named = '[placeholder], [aria-label], [title], input[type=submit], input[type=button]';
  for (const el of document.querySelectorAll(named)) {
    if (!visible(el)) continue;
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) out.add(value);
    }
    if (el.matches('input[type=submit], input[type=button]') && el.value) out.add(el.value.trim());
  }
  return [...out];
}"""


ROOT = Path(__file__).resolve().parents[2]


def _norwegian_words() -> set[str]:
    """Every word of the shipped bokmål and nynorsk catalogues (the project's and Wagtail's)."""
    words: set[str] = set()
    for path in [
        *ROOT.glob("locale/n?/LC_MESSAGES/*.po"),
        *ROOT.glob("locale_wagtail/n?/LC_MESSAGES/*.po"),
    ]:
        for entry in polib.pofile(str(path)):
            for text in [entry.msgstr, *entry.msgstr_plural.values()]:
                words.update(word.lower() for word in re.findall(r"[\wæøåÆØÅ]+", text))
    return words


def _wagtail_messages() -> set[str]:
    """Wagtail's own short English messages (no placeholders, no markup), less those that are
    also a Norwegian word ("Status", "Type", "Filter"): each one a whole visible string."""
    import wagtail

    norwegian = _norwegian_words()
    found = set()
    for path in Path(wagtail.__file__).parent.glob("**/locale/en/LC_MESSAGES/*.po"):
        for entry in polib.pofile(str(path)):
            text = entry.msgid.strip()
            if not text or len(text) > 40 or re.search(r"[%{<]", text):
                continue
            if " " not in text and text.lower() in norwegian:
                continue
            found.add(text)
    return found


ENGLISH = (ENGLISH_UI | _wagtail_messages()) - SAME_IN_NORWEGIAN


def english_on(page) -> list[str]:  # type: ignore[no-untyped-def]
    strings = page.evaluate(VISIBLE_STRINGS)
    return sorted(
        text
        for text in strings
        if text in ENGLISH or any(pattern.search(text) for pattern in ENGLISH_PATTERNS)
    )


def log_in(browser, url, number: str, role: str, viewport=None):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        bypass_csp=True, locale="nb-NO", viewport=viewport or {"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(url(HOSTS[number], "/admin/login/"))
    page.fill("#id_username", f"{SLUGS[number]}-{role}")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    page.wait_for_url("**/admin/")
    return context, page


def admin_paths(number: str) -> list[str]:
    municipality = Municipality.objects.get(number=number)
    home = municipality.site.root_page
    element = ElementPage.objects.descendant_of(home).live().first()
    return [
        "/admin/",
        f"/admin/pages/{home.pk}/",
        f"/admin/pages/{element.pk}/",
        f"/admin/pages/{element.pk}/edit/",
        f"/admin/pages/{element.pk}/history/",
        f"/admin/pages/{element.pk}/workflow_history/",
        "/admin/pages/search/?q=samtykke",
        "/admin/images/",
        "/admin/documents/",
        f"/admin/modellsjekk/{number}/",
        f"/admin/kommune/{number}/",
        "/admin/account/",
        "/admin/reports/locked/",
        "/admin/reports/aging-pages/",
        "/admin/veiledning/modell/",
        "/admin/veiledning/handlingsveileder/",
        "/admin/veiledning/modellsjekk/",
    ]


def in_server_database(code: str, tmp_path: Path) -> str:
    """Run Python in a manage.py shell on the server's database: the test's own writes are in
    a transaction the server never sees."""
    env = production_env(database_url_for_processes(), tmp_path)
    result = manage(env, "shell", "-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout


SEND_ONE_PAGE = """
from django.contrib.auth.models import User
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
for number, slug in {slugs!r}.items():
    home = Municipality.objects.get(number=number).site.root_page
    element = ElementPage.objects.descendant_of(home).live().order_by("path").last()
    editor = User.objects.get(username=f"{{slug}}-redaktor")
    element.title = element.title + " (endret)"
    element.save_revision(user=editor)
    element.get_workflow().start(element, editor)
"""
TAKE_IT_BACK = """
from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
for number in {slugs!r}:
    home = Municipality.objects.get(number=number).site.root_page
    element = ElementPage.objects.descendant_of(home).live().order_by("path").last()
    element.current_workflow_state.cancel(user=None)
    element.refresh_from_db()
    element.save_revision(log_action=False).publish(log_action=False)
"""


@pytest.fixture
def page_in_workflow(server, tmp_path):  # type: ignore[no-untyped-def]
    """One page of each demo municipality sent for approval by its editor, so that the
    approvers' dashboard and the workflow screens have something to show."""
    in_server_database(SEND_ONE_PAGE.format(slugs=SLUGS), tmp_path)
    yield
    in_server_database(TAKE_IT_BACK.format(slugs=SLUGS), tmp_path)


@pytest.mark.parametrize("role", ADMIN_ROLES)
@pytest.mark.parametrize("number", ["9901", "9902"])
def test_municipal_users_meet_no_english_in_the_admin(browser, url, number, role, page_in_workflow):  # type: ignore[no-untyped-def]
    context, page = log_in(browser, url, number, role)
    expected_language = "nb" if number == "9901" else "nn"
    found = {}
    for path in admin_paths(number):
        page.goto(url(HOSTS[number], path))
        assert page.locator("html").get_attribute("lang") == expected_language, path
        if path.endswith("/edit/"):
            # The footer's publishing menu, the side panels and the rich-text toolbar.
            page.locator("footer [data-w-dropdown-target='toggle']").first.click()
            page.locator(".Draftail-Editor .public-DraftEditor-content").first.click()
        if path == "/admin/" and role == "godkjenner":
            # Wagtail's own panel of what waits for this approver, with its actions.
            assert page.locator("#awaiting-review-section").is_visible()
        english = english_on(page)
        if english:
            found[path] = english
    context.close()
    assert found == {}


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_staff_without_admin_access_get_a_norwegian_refusal(browser, url, number):  # type: ignore[no-untyped-def]
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(url(HOSTS[number], "/admin/login/"))
    assert english_on(page) == []
    page.fill("#id_username", f"{SLUGS[number]}-ansatt")
    page.fill("#id_password", DEMO_PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").first.click()
    assert "/admin/" in page.url
    assert english_on(page) == []
    context.close()


@pytest.mark.parametrize("width", [1280, 360])
@pytest.mark.parametrize("number", ["9901", "9902"])
def test_dashboard_has_no_axe_violations(browser, url, number, width, page_in_workflow):  # type: ignore[no-untyped-def]
    for role in ADMIN_ROLES:
        context, page = log_in(browser, url, number, role, {"width": width, "height": 800})
        assert axe_violations(page) == [], role
        context.close()


def test_dashboard_panels_are_reached_by_keyboard(browser, url, page_in_workflow):  # type: ignore[no-untyped-def]
    context, page = log_in(browser, url, "9901", "godkjenner")
    report = page.locator("a", has_text="Se hele Modellsjekk")
    for _ in range(120):
        page.keyboard.press("Tab")
        if report.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the link to Modellsjekk was not reached by Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/admin/modellsjekk/9901/")
    assert axe_violations(page) == []
    context.close()



def test_the_test_finds_whole_english_strings_and_not_norwegian_text(page):  # type: ignore[no-untyped-def]
    page.set_content(
        "<main><h1>Dashboard</h1><button>Save draft</button><p>1-6 of 6 sider</p>"
        "<input placeholder='Search…'><p>Sider og bilete</p><p>Circle of Security (COS)</p>"
        "<p>Status</p><p hidden>Publish</p></main>"
    )
    assert english_on(page) == ["1-6 of 6 sider", "Dashboard", "Save draft", "Search…"]


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_screens_the_dashboard_links_to_have_no_axe_violations(browser, url, number):  # type: ignore[no-untyped-def]
    context, page = log_in(browser, url, number, "redaktor")
    failures = {}
    for path in [
        f"/admin/modellsjekk/{number}/",
        f"/admin/modell/{number}/send/",
        f"/admin/kommune/{number}/",
        "/admin/veiledning/modell/",
        "/admin/veiledning/handlingsveileder/",
        "/admin/veiledning/modellsjekk/",
    ]:
        page.goto(url(HOSTS[number], path))
        violations = axe_violations(page)
        if violations:
            failures[path] = violations
    context.close()
    assert failures == {}
