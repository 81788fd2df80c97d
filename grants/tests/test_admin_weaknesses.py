"""Weaknesses and improvement measures in the admin, each linked to a page of the
municipality's own model."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.test import Client
from wagtail.models import Page

from grants.models import Weakness, WeaknessStatus
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db
HOST = "eksempelvik.localhost"


def _leader() -> Client:
    client = Client(HTTP_HOST=HOST)
    client.force_login(User.objects.get(username="eksempelvik-koordinator"))
    return client


def _page(number: str) -> Page:
    root = Municipality.objects.get(number=number).site.root_page
    page = Page.objects.descendant_of(root).order_by("path").first()
    assert page is not None
    return page


def test_a_weakness_is_recorded_changed_and_deleted_after_confirming() -> None:
    leader = _leader()
    page = _page("9901")
    form = leader.get("/admin/tilskudd/9901/svakheter/ny/").content.decode()
    assert page.title in form
    assert _page("9902").title not in form or _page("9902").title == page.title
    response = leader.post(
        "/admin/tilskudd/9901/svakheter/ny/",
        {
            "description": "Ingen felles samtykkeskjema.",
            "measure": "Lage ett felles samtykkeskjema for alle tjenester.",
            "owner": "Kommunalsjef oppvekst",
            "status": WeaknessStatus.OPEN,
            "due_date": "2027-01-31",
            "element": page.pk,
        },
    )
    assert response.status_code == 302
    weakness = Weakness.objects.get(project__municipality__number="9901")
    assert weakness.element_id == page.pk
    listing = leader.get("/admin/tilskudd/9901/svakheter/").content.decode()
    assert "Ingen felles samtykkeskjema." in listing and page.title in listing
    leader.post(
        f"/admin/tilskudd/9901/svakheter/{weakness.pk}/",
        {"description": weakness.description, "measure": weakness.measure, "status": "done"},
    )
    weakness.refresh_from_db()
    assert weakness.status == WeaknessStatus.DONE and weakness.element_id is None
    assert leader.get(f"/admin/tilskudd/9901/svakheter/{weakness.pk}/slett/").status_code == 200
    leader.post(f"/admin/tilskudd/9901/svakheter/{weakness.pk}/slett/")
    assert not Weakness.objects.filter(pk=weakness.pk).exists()


def test_another_municipalitys_page_cannot_be_chosen() -> None:
    response = _leader().post(
        "/admin/tilskudd/9901/svakheter/ny/",
        {"description": "x", "measure": "y", "status": "open", "element": _page("9902").pk},
    )
    assert response.status_code == 200
    assert "Velg en side i kommunens modell." in response.content.decode()
    assert not Weakness.objects.exists()


def test_the_form_asks_for_the_weakness_and_the_measure() -> None:
    text = _leader().post("/admin/tilskudd/9901/svakheter/ny/", {"status": "open"}).content.decode()
    assert "Beskriv svakheten eller mangelen." in text
    assert "Beskriv tiltaket som skal rette opp svakheten." in text


def test_the_weakness_pages_read_a_bounded_number_of_queries(django_assert_max_num_queries) -> None:
    leader = _leader()
    for url in ["/admin/tilskudd/9901/svakheter/", "/admin/tilskudd/9901/svakheter/ny/"]:
        leader.get(url)
        with django_assert_max_num_queries(30):
            assert leader.get(url).status_code == 200, url
