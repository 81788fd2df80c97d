"""The demo municipalities' models (loaded once per run by the session fixture) read as a real
municipality's would: no template placeholder is left on a published page."""

import re

import pytest
from django.contrib.auth.models import User
from wagtail.models import Page

from handlingsveileder.models import HandlingsveilederPage
from municipalities.models import Municipality
from samhandlingsmodell.models import ServicePage
from samhandlingsmodell.placeholders import page_placeholders, placeholders_in

pytestmark = pytest.mark.django_db
DEMO = [("9901", "eksempelvik"), ("9902", "fjordvik")]
SCRIPT_RE = re.compile(r"<(script|style)\b.*?</\1>", re.S)


def published_pages(municipality):
    home = municipality.site.root_page
    return list(Page.objects.descendant_of(home, inclusive=True).live().specific())


@pytest.mark.parametrize(("number", "prefix"), DEMO)
def test_no_published_demo_page_has_a_placeholder_in_its_text(number, prefix):
    municipality = Municipality.objects.get(number=number)
    pages = published_pages(municipality)
    assert len(pages) > 50
    left = {
        page.title: {field.name: markers for field, markers in page_placeholders(page)}
        for page in pages
    }
    assert {title: fields for title, fields in left.items() if fields} == {}


@pytest.mark.parametrize(("number", "prefix"), DEMO)
def test_no_published_demo_page_shows_a_placeholder(client, number, prefix):
    municipality = Municipality.objects.get(number=number)
    client.force_login(User.objects.get(username=f"{prefix}-ansatt"))  # sees staff-only pages
    host = municipality.site.hostname
    paths = [page.relative_url(municipality.site) for page in published_pages(municipality)]
    guide = HandlingsveilederPage.objects.child_of(municipality.site.root_page).get()
    guide_path = guide.relative_url(municipality.site)
    routes = ("start", "barnevern", "akutt", "avslutt", "hjelp")
    paths += [f"{guide_path}{route}/" for route in routes]
    shown = {}
    for path in paths:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200, path
        markers = placeholders_in(SCRIPT_RE.sub("", response.content.decode()))
        if markers:
            shown[path] = markers
    assert shown == {}


def test_demo_contacts_are_the_municipalitys_own():
    municipality = Municipality.objects.get(number="9902")
    page = ServicePage.objects.descendant_of(municipality.site.root_page).get(slug="barnevern")
    assert "Opningstid: måndag–fredag" in page.contact
    assert "87 65 49 00" in page.contact
