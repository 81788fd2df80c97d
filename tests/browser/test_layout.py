"""The site's frame in chromium: set in Inter, served from the site's own /static/ and from
nowhere else."""

from urllib.parse import urlsplit

import pytest

from tests.browser.test_accessibility import HOSTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db]


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
