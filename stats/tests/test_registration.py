"""The anonymous registration: staff of the municipality count a handled concern; nothing
identifying is stored, neither in the row nor in the audit record."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from audit.models import AuditEvent
from stafettlogg.models import AttentionCategory
from stats.models import AnonymousRegistration, RegistrationCategory

from .conftest import HOST_A, HOST_B, World, verified_client

pytestmark = pytest.mark.django_db
URL = "/statistikk/registrer/"


def _form(world: World, **changes: object) -> dict[str, object]:
    categories = AttentionCategory.objects.filter(municipality=world.municipality)
    data: dict[str, object] = {
        "age_group": "3-5",
        "categories": [str(category.pk) for category in categories[:2]],
        "outcome": "own",
        "bti_level": "1",
        "registered_on": timezone.localdate().isoformat(),
        "unit": str(world.kindergarten.pk),
    }
    data.update(changes)
    return data


def test_staff_register_a_concern_and_get_a_plain_receipt(world: World) -> None:
    client = world.client("holder")
    before = AnonymousRegistration.objects.count()
    response = client.post(URL, _form(world))
    assert response.status_code == 302 and response["Location"] == "/statistikk/registrert/"
    assert AnonymousRegistration.objects.count() == before + 1
    receipt = client.get(response["Location"]).content.decode()
    assert "Registreringen er lagret." in receipt
    assert "Den teller registreringer, ikke unike barn." in receipt
    assert 'href="/statistikk/registrer/"' in receipt


def test_the_saved_row_and_its_audit_record_identify_no_one(world: World) -> None:
    client = world.client("holder")
    last_event = AuditEvent.objects.order_by("-seq").first()
    client.post(URL, _form(world))
    row = AnonymousRegistration.objects.filter(unit=world.kindergarten).get()
    fields = {field.name for field in AnonymousRegistration._meta.get_fields()}
    # Nothing about who registered, no time finer than the date, no text, no sequence.
    assert fields == {
        "id",
        "municipality",
        "registered_on",
        "unit",
        "age_group",
        "bti_level",
        "categories",
        "outcome",
        "category_links",
    }
    assert row.pk.version == 4
    link_fields = {field.name for field in RegistrationCategory._meta.get_fields()}
    assert link_fields == {"id", "registration", "category"}
    assert all(
        link.pk.version == 4 for link in RegistrationCategory.objects.filter(registration=row)
    )

    events = AuditEvent.objects.filter(seq__gt=last_event.seq if last_event else 0)
    event = events.get(action="statistics.registration_add")
    assert event.actor_id == world.users["holder"].pk
    assert event.municipality_id == world.municipality.pk
    assert (event.object_type, event.object_id, event.log_id, event.detail) == ("", "", None, {})
    assert str(row.pk) not in str(event.__dict__)
    assert str(world.kindergarten.pk) not in str(event.__dict__)


def test_every_member_of_staff_of_the_municipality_may_register(world: World) -> None:
    for role in ("holder", "actor", "leader", "admin"):
        assert world.client(role).get(URL).status_code == 200, role


def test_the_form_starts_with_today_and_the_users_own_unit(world: World) -> None:
    page = world.client("actor").get(URL).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert f'value="{world.health.pk}"' in page and "checked" in page
    # Only the user's own unit is offered; an administrator (no unit) gets them all.
    assert str(world.kindergarten.pk) not in page
    admin_page = world.client("admin").get(URL).content.decode()
    assert str(world.kindergarten.pk) in admin_page and str(world.school.pk) in admin_page


def test_staff_of_another_municipality_get_404(world: World) -> None:
    client = verified_client(world.users["foreign"], HOST_A)
    assert client.get(URL).status_code == 404
    assert client.post(URL, _form(world)).status_code == 404


def test_guardians_get_404(world: World) -> None:
    assert world.client("guardian").get(URL).status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(world: World) -> None:
    response = Client(HTTP_HOST=HOST_A).get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/stafettlogg/logg-inn/?next=%2Fstatistikk%2Fregistrer%2F"


def test_the_national_host_has_no_registration(world: World) -> None:
    assert Client(HTTP_HOST="localhost").get(URL).status_code == 404


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"registered_on": (timezone.localdate() + timedelta(days=1)).isoformat()},
            "registered_on",
            "Datoen kan ikke være fram i tid.",
        ),
        (
            {"registered_on": (timezone.localdate() - timedelta(days=400)).isoformat()},
            "registered_on",
            "Datoen kan være høyst ett år tilbake.",
        ),
        ({"registered_on": "i går"}, "registered_on", "Skriv datoen som dag.måned.år"),
        ({"age_group": ""}, "age_group", "Velg alderen til barnet."),
        ({"categories": []}, "categories", "Velg minst ett område."),
        (
            {"outcome": "none", "bti_level": "2"},
            "bti_level",
            "Uten videre tiltak ble arbeidet på nivå 0.",
        ),
        (
            {"outcome": "coop", "bti_level": "1"},
            "bti_level",
            "Samarbeid med en annen tjeneste er nivå 2 eller høyere.",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_in_the_summary(
    world: World, changes: dict[str, object], field: str, message: str
) -> None:
    before = AnonymousRegistration.objects.count()
    response = world.client("holder").post(URL, _form(world, **changes))
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert 'class="ds-alert error-summary"' in page and f'href="#id_{field}' in page
    assert AnonymousRegistration.objects.count() == before


def test_a_unit_or_category_of_another_municipality_is_refused(world: World) -> None:
    foreign_category = AttentionCategory.objects.filter(
        municipality=world.other_municipality
    ).first()
    before = AnonymousRegistration.objects.count()
    client = world.client("holder")
    client.post(URL, _form(world, categories=[str(foreign_category.pk)]))
    client.post(URL, _form(world, unit=str(world.memberships["foreign"].unit_id)))
    assert AnonymousRegistration.objects.count() == before


def test_the_form_asks_nothing_identifying(world: World) -> None:
    page = world.client("holder").get(URL).content.decode()
    form = page[page.index('<form method="post" class="log-form') :]
    form = form[: form.index("</form>")]
    assert "<textarea" not in form and 'type="text"' not in form
    names = set(re.findall(r'name="([^"]+)"', form))
    assert names == {
        "csrfmiddlewaretoken",
        "age_group",
        "categories",
        "outcome",
        "bti_level",
        "registered_on",
        "unit",
    }


def test_the_form_reads_a_fixed_number_of_queries(
    world: World, django_assert_max_num_queries
) -> None:
    client = world.client("holder")
    with django_assert_max_num_queries(10):
        assert client.get(URL).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.post(URL, _form(world)).status_code == 302


def test_the_guide_ends_with_a_link_to_register(world: World) -> None:
    from handlingsveileder.models import HandlingsveilederPage

    guide = HandlingsveilederPage.objects.child_of(world.municipality.site.root_page).get()
    path = guide.relative_url(guide.get_site())
    page = Client(HTTP_HOST=HOST_A).get(path + "avslutt/").content.decode()
    assert 'href="/statistikk/registrer/"' in page and "Registrer anonymt" in page
    nn_guide = HandlingsveilederPage.objects.child_of(world.other_municipality.site.root_page).get()
    nn_page = Client(HTTP_HOST=HOST_B).get(
        nn_guide.relative_url(nn_guide.get_site()) + "barnevern/"
    )
    assert "Registrer anonymt" in nn_page.content.decode()
