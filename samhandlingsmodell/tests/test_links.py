"""Links to the model's pages are the URLs Wagtail's pageurl gives, without its site root
paths (a cache read per request)."""

import pytest
from django.test import RequestFactory
from wagtail.models import Page

from municipalities.models import Municipality
from samhandlingsmodell.selectors import municipality_for_page, page_href

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("host", "own_host"),
    [("eksempelvik.localhost", True), ("localhost", False), ("fjordvik.localhost", False)],
)
def test_page_href_is_wagtails_url(host, own_host):
    eksempelvik = Municipality.objects.get(number="9901")
    for page in Page.objects.descendant_of(eksempelvik.site.root_page, inclusive=True):
        request = RequestFactory().get("/", HTTP_HOST=host)
        request.municipality = eksempelvik if own_host else None
        href = page_href(page, municipality_for_page(page, request))
        assert href == page.get_url(request)
        assert href.startswith("/") == own_host
