"""The advisers' overview (/tilskudd/): the municipalities in their care with the projects'
status, filtered by county and status, in pages of 50 and in a fixed number of queries; and
one project's page (read-only)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Collection, Page, Site

from accounts.models import Unit
from audit.models import AuditEvent
from audit.services import SYSTEM
from grants import services
from grants.models import Milestone, MilestoneStatus, TrainingRecord
from municipalities.models import Municipality

from .national_clients import adviser

pytestmark = pytest.mark.django_db


def _municipalities(count: int, county: str = "32") -> list[Municipality]:
    """``count`` municipalities in the scheme, each with a project and its milestones."""
    root = Page.get_first_root_node()
    made = []
    for index in range(count):
        number = str(8500 + index)
        home = root.add_child(instance=Page(title=f"Testvik {index}", slug=f"testvik-{index}"))
        site = Site.objects.create(hostname=f"testvik{index}.localhost", root_page=home)
        groups = [Group.objects.create(name=f"Testvik {index} {r}") for r in ("r", "g", "a")]
        municipality = Municipality.objects.create(
            number=number,
            name=f"Testvik {index:02d}",
            language="nb",
            fictional=True,
            county=county,
            site=site,
            collection=Collection.get_first_root_node().add_child(name=f"Testvik {index}"),
            editors=groups[0],
            approvers=groups[1],
            staff=groups[2],
        )
        services.project_register(
            SYSTEM,
            municipality,
            decision_date=datetime.date(2025, 1, 1) + datetime.timedelta(days=index),
            amount_development=400_000,
            amount_implementation=400_000,
        )
        made.append(municipality)
    return made


@pytest.mark.parametrize("count", [3, 30])
def test_the_overview_reads_every_municipality_in_a_fixed_number_of_queries(
    count: int, django_assert_max_num_queries
) -> None:
    _municipalities(count)
    client = adviser("bufdir-radgiver")
    client.get("/tilskudd/")  # the session's first request moves its expiry (one write)
    # Tenant, session, user, device, national roles; count, page, rounds, milestones, training.
    with django_assert_max_num_queries(10):
        response = client.get("/tilskudd/")
    assert response.status_code == 200
    assert response.content.decode().count('<th scope="row">') == count + 2


def test_the_overview_shows_status_milestones_and_training() -> None:
    eksempelvik = Municipality.objects.get(number="9901")
    project = eksempelvik.grant_project
    unit = Unit.objects.filter(municipality=eksempelvik).first()
    assert unit is not None
    TrainingRecord.objects.create(
        project=project, unit=unit, held_on=datetime.date(2026, 5, 1), trained=3, staff_total=10
    )
    TrainingRecord.objects.create(
        project=project, unit=unit, held_on=datetime.date(2026, 9, 1), trained=6, staff_total=10
    )
    today = timezone.localdate()
    Milestone.objects.filter(project=project).update(status=MilestoneStatus.PLANNED)
    Milestone.objects.filter(project=project, kind="startup").update(
        due_date=today - datetime.timedelta(days=40)
    )
    services.submission_create(SYSTEM, project, user=None, message="")
    page = adviser("bufdir-radgiver").get("/tilskudd/").content.decode()
    assert "Sendt til Bufdir" in page
    assert "Eldste: Oppstartsmøte" in page
    assert "60 %" in page  # the newest training of the unit counts
    assert "Under arbeid" in page  # Fjordvik has not sent its model
    # The rows' links (formatted in the view) are the project's and the round's addresses.
    assert f'href="{reverse("grants:project", args=["9901"])}"' in page
    assert f'href="{reverse("grants:round", args=["9901", 1])}"' in page


def test_a_korus_adviser_sees_the_municipalities_of_the_region_only() -> None:
    page = adviser("korus-ost-radgiver").get("/tilskudd/").content.decode()
    assert "Eksempelvik" in page and "Fjordvik" not in page
    west = adviser("korus-vest-radgiver").get("/tilskudd/").content.decode()
    assert "Fjordvik" in west and "Eksempelvik" not in west
    # Only the counties of the region are offered in the filter.
    assert 'value="46"' in west and 'value="32"' not in west


def test_the_overview_filters_by_county_and_status_and_pages_by_50() -> None:
    _municipalities(52, county="03")
    client = adviser("bufdir-radgiver")
    by_county = client.get("/tilskudd/", {"county": "46"}).content.decode()
    assert "Fjordvik" in by_county and "Eksempelvik" not in by_county
    first = client.get("/tilskudd/", {"county": "03"}).content.decode()
    assert first.count('<th scope="row">') == 50
    assert "Side 1 av 2" in first and "county=03&amp;side=2" in first
    second = client.get("/tilskudd/", {"county": "03", "side": "2"}).content.decode()
    assert second.count('<th scope="row">') == 2
    approved = client.get("/tilskudd/", {"status": "approved"}).content.decode()
    assert "Ingen kommuner passer til filteret." in approved
    working = client.get("/tilskudd/", {"status": "working", "county": "32"}).content.decode()
    assert "Eksempelvik" in working


def test_the_overview_has_an_empty_state() -> None:
    from grants.models import GrantProject

    GrantProject.objects.all().delete()
    page = adviser("bufdir-radgiver").get("/tilskudd/").content.decode()
    assert "Ingen av kommunene du følger, har registrert et tilskuddsprosjekt ennå." in page


def test_the_project_page_shows_the_project_and_is_audited(django_assert_max_num_queries) -> None:
    eksempelvik = Municipality.objects.get(number="9901")
    project = eksempelvik.grant_project
    Milestone.objects.filter(project=project, kind="startup").update(
        status=MilestoneStatus.PLANNED, due_date=timezone.localdate() - datetime.timedelta(days=3)
    )
    services.submission_create(SYSTEM, project, user=None, message="")
    client = adviser("korus-ost-radgiver")
    client.get("/tilskudd/")
    with django_assert_max_num_queries(16):
        response = client.get("/tilskudd/9901/")
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tilskuddsprosjektet til Eksempelvik" in page
    assert "forfalt" in page
    assert "Runde 1" in page and "/tilskudd/9901/runder/1/" in page
    assert "Modellsjekk da runde 1 ble sendt" in page
    assert "http://eksempelvik.localhost" in page
    assert AuditEvent.objects.filter(action="grant.view", municipality_id=eksempelvik.pk).exists()
    # Another region's municipality is not found.
    assert client.get("/tilskudd/9902/").status_code == 404
    assert client.get("/tilskudd/0000/").status_code == 404
