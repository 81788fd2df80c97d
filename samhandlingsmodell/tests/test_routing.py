"""Routing below a model's front page gives what Wagtail's own routing gives, in two queries."""

import pytest
from django.db import connection
from django.http import Http404
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from municipalities.models import Municipality
from samhandlingsmodell.models import ElementPage
from samhandlingsmodell.routing import route_chain

pytestmark = pytest.mark.django_db


def paths_of(municipality):
    home = municipality.site.root_page
    paths = [
        page.url_path[len(home.url_path) :]
        for page in Page.objects.descendant_of(home, inclusive=True)
    ]
    guide = next(path for path in paths if path.startswith(("handlingsveileder", "handlings")))
    extra = ["start/", "niva-0/1/", "niva-9/1/", "pdf/", "barnevern/", "finst-ikkje/", "a/b/"]
    return paths + [guide + sub for sub in extra] + ["finnes-ikke/", "kommuneniva/nei/"]


def route(municipality, path, *, wagtail, home=None):
    request = RequestFactory().get("/" + path, HTTP_HOST=municipality.site.hostname)
    request.municipality = municipality
    home = home or municipality.site.root_page.specific
    components = [part for part in path.split("/") if part]
    try:
        result = (Page.route if wagtail else type(home).route)(home, request, components)
    except Http404:
        return None, None
    # RoutablePageMixin gives (view, args, kwargs) with the view bound to the routed page.
    args = tuple(getattr(arg, "__func__", arg) for arg in result.args or ())
    return result.page, (args, result.kwargs)


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_every_path_routes_as_wagtail_routes_it(number):
    municipality = Municipality.objects.get(number=number)
    for path in paths_of(municipality):
        ours, wagtails = (
            route(municipality, path, wagtail=False),
            route(municipality, path, wagtail=True),
        )
        assert (ours[0] and ours[0].pk, ours[1]) == (wagtails[0] and wagtails[0].pk, wagtails[1])
        if ours[0] is not None:
            assert type(ours[0]) is type(wagtails[0])
            assert ours[0].title == wagtails[0].title


def test_unpublished_page_is_not_found():
    municipality = Municipality.objects.get(number="9901")
    element = ElementPage.objects.descendant_of(municipality.site.root_page).live().first()
    path = element.url_path[len(municipality.site.root_page.url_path) :]
    element.unpublish()
    assert route(municipality, path, wagtail=False) == (None, None)
    assert route(municipality, path, wagtail=True) == (None, None)


def test_element_page_is_routed_in_two_queries_with_its_ancestors():
    municipality = Municipality.objects.get(number="9901")
    element = ElementPage.objects.descendant_of(municipality.site.root_page).live().first()
    path = element.url_path[len(municipality.site.root_page.url_path) :]
    ancestors = [page.title for page in element.get_ancestors().filter(depth__gte=2)]
    parent = element.get_parent()
    home = municipality.site.root_page.specific
    with CaptureQueriesContext(connection) as queries:
        page, _ = route(municipality, path, wagtail=False, home=home)
        assert [crumb.title for crumb in route_chain(page)] == ancestors
        assert page.get_parent().pk == parent.pk
    assert len(queries) == 2


@pytest.mark.parametrize("number", ["9901", "9902"])
def test_view_restrictions_are_wagtails(number):
    municipality = Municipality.objects.get(number=number)
    restricted = 0
    for path in paths_of(municipality):
        page, _ = route(municipality, path, wagtail=False)
        if page is None:
            continue
        ours = {restriction.pk for restriction in page.get_view_restrictions()}
        wagtails = set(Page.get_view_restrictions(page).values_list("pk", flat=True))
        assert ours == wagtails, path
        restricted += bool(ours)
    assert restricted, "the demo data has staff-only pages"


def test_restriction_on_the_front_page_applies_below_it():
    municipality = Municipality.objects.get(number="9901")
    home = municipality.site.root_page
    restriction = PageViewRestriction.objects.create(
        page=home, restriction_type=PageViewRestriction.LOGIN
    )
    page, _ = route(municipality, "kommuneniva/", wagtail=False)
    assert restriction in list(page.get_view_restrictions())
