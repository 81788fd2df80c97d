"""The tenant of a request: the same Wagtail Site as Wagtail itself would choose, read in one
query together with its root page and its municipality."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from municipalities.models import Municipality
from municipalities.selectors import municipality_for_site, site_for_request, view_restrictions

pytestmark = pytest.mark.django_db

HOSTS = [
    "eksempelvik.localhost",
    "fjordvik.localhost",
    "fjordvik.localhost:8000",
    "localhost",
    "localhost:8000",
    "127.0.0.1",
    "ukjent.example.no",
    "EKSEMPELVIK.localhost",
]


def request_for(host, port="80"):
    return RequestFactory().get("/", HTTP_HOST=host, SERVER_PORT=port)


@pytest.mark.parametrize("port", ["80", "8000", "54471"])  # behind a proxy: gunicorn's port
@pytest.mark.parametrize("host", HOSTS)
def test_site_is_the_one_wagtail_chooses(host, port):
    ours, wagtails = (
        site_for_request(request_for(host, port)),
        Site.find_for_request(request_for(host, port)),
    )
    assert ours == wagtails


@pytest.mark.parametrize("port", ["80", "8000", "8080"])
@pytest.mark.parametrize("default_site", [True, False])
def test_site_with_several_ports_is_chosen_as_wagtail_chooses(port, default_site):
    default = Site.objects.get(is_default_site=True)
    Site.objects.create(hostname="to.example", port=80, root_page=default.root_page)
    Site.objects.create(hostname="to.example", port=8000, root_page=default.root_page)
    if not default_site:
        default.is_default_site = False
        default.save()
    for host in ("to.example", "localhost", "ukjent.example"):
        ours = site_for_request(request_for(host, port))
        assert ours == Site.find_for_request(request_for(host, port)), (host, port)


def test_site_with_its_own_port_wins_over_the_plain_host():
    default = Site.objects.get(is_default_site=True)
    on_port = Site.objects.create(hostname="localhost", port=8000, root_page=default.root_page)
    assert site_for_request(request_for("localhost:8000", "8000")) == on_port
    assert site_for_request(request_for("localhost", "8000")) == Site.find_for_request(
        request_for("localhost", "8000")
    )
    assert site_for_request(request_for("localhost")) == default


def test_site_root_page_and_municipality_in_one_query():
    request = request_for("eksempelvik.localhost")
    with CaptureQueriesContext(connection) as queries:
        site = site_for_request(request)
        municipality = municipality_for_site(site)
        home = site.root_page.specific  # as its own type, for routing: no query
        assert municipality.site.root_page.path == home.path
        assert Site.find_for_request(request) is site  # Wagtail reuses it
    assert len(queries) == 1
    assert municipality == Municipality.objects.get(number="9901")
    assert type(home).__name__ == "ModelHomePage"
    assert home.intro == home.__class__.objects.get(pk=home.pk).intro  # read when used


def test_default_site_has_no_municipality():
    assert municipality_for_site(site_for_request(request_for("localhost"))) is None


def field_values(instance):
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.mark.smoke
@pytest.mark.parametrize("host", ["eksempelvik.localhost", "fjordvik.localhost", "localhost"])
def test_tenant_query_reads_what_the_orm_reads(host):
    site = site_for_request(request_for(host))
    assert field_values(site) == field_values(Site.objects.get(pk=site.pk))
    assert field_values(site.root_page) == field_values(Page.objects.get(pk=site.root_page_id))
    municipality = municipality_for_site(site)
    if municipality is not None:
        assert field_values(municipality) == field_values(
            Municipality.objects.get(pk=municipality.pk)
        )


def restriction_rows(restrictions):
    return [(*field_values(r).values(), r.page_path) for r in restrictions]


@pytest.mark.smoke
@pytest.mark.parametrize("host", ["eksempelvik.localhost", "fjordvik.localhost"])
def test_view_restrictions_read_with_the_tenant_are_the_municipalitys(host):
    municipality = municipality_for_site(site_for_request(request_for(host)))
    read_with_site = restriction_rows(view_restrictions(municipality))
    fresh = Municipality.objects.select_related("site__root_page").get(pk=municipality.pk)
    assert read_with_site == restriction_rows(view_restrictions(fresh))
    assert read_with_site, "the demo data has staff-only pages"


def test_view_restrictions_include_those_on_and_above_the_front_page():
    eksempelvik = Municipality.objects.get(number="9901")
    home = eksempelvik.site.root_page
    on_home = PageViewRestriction.objects.create(page=home, restriction_type="login")
    on_root = PageViewRestriction.objects.create(page=home.get_parent(), restriction_type="login")
    elsewhere = PageViewRestriction.objects.create(
        page=Municipality.objects.get(number="9902").site.root_page, restriction_type="login"
    )
    municipality = municipality_for_site(site_for_request(request_for("eksempelvik.localhost")))
    ids = {r.pk for r in view_restrictions(municipality)}
    assert {on_home.pk, on_root.pk} <= ids
    assert elsewhere.pk not in ids
