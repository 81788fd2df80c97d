"""Roles are held in one municipality and read through accounts' selectors; accounts' writes
are validated in Norwegian, audited and leave nothing half-saved."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import translation

from accounts import selectors, services
from accounts.menu import items_for
from accounts.models import StaffMembership, StaffRole, Unit
from audit.models import AuditEvent
from audit.services import SYSTEM
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def eksempelvik() -> Municipality:
    return Municipality.objects.get(number="9901")


@pytest.fixture
def fjordvik() -> Municipality:
    return Municipality.objects.get(number="9902")


def test_a_role_holds_only_in_its_own_municipality(
    eksempelvik: Municipality, fjordvik: Municipality
) -> None:
    leader = User.objects.get(username="eksempelvik-enhetsleder")
    assert selectors.staff_roles(eksempelvik, leader) == {StaffRole.UNIT_LEADER}
    assert selectors.has_role(eksempelvik, leader, [StaffRole.UNIT_LEADER])
    assert not selectors.has_role(eksempelvik, leader, [StaffRole.ADMIN])
    assert selectors.staff_roles(fjordvik, leader) == set()
    assert not selectors.has_role(fjordvik, leader, [StaffRole.UNIT_LEADER])
    assert list(selectors.units_led_by(fjordvik, leader)) == []
    assert {unit.municipality_id for unit in selectors.units_led_by(eksempelvik, leader)} == {
        eksempelvik.pk
    }


def test_an_anonymous_visitor_has_no_roles_and_no_identity(eksempelvik: Municipality) -> None:
    anonymous = AnonymousUser()
    assert selectors.staff_roles(eksempelvik, anonymous) == set()
    assert not selectors.has_role(eksempelvik, anonymous, list(StaffRole))
    assert selectors.memberships(eksempelvik, anonymous) == []
    assert selectors.identity_hash(anonymous) is None


def test_a_guardian_has_an_identity_and_no_staff_role(eksempelvik: Municipality) -> None:
    guardian = User.objects.get(username="eksempelvik-foresatt")
    assert selectors.identity_hash(guardian)
    assert selectors.staff_roles(eksempelvik, guardian) == set()


def test_a_unit_name_is_unique_in_the_municipality_with_a_norwegian_message(
    eksempelvik: Municipality, fjordvik: Municipality
) -> None:
    services.unit_create(SYSTEM, eksempelvik, "Nordbyen skole")
    with translation.override("nb"), pytest.raises(ValidationError) as refused:
        services.unit_create(SYSTEM, eksempelvik, "  NORDBYEN SKOLE ")
    assert refused.value.message_dict["name"] == ["Det finnes allerede en enhet med dette navnet."]
    assert Unit.objects.filter(municipality=eksempelvik, name__iexact="nordbyen skole").count() == 1
    made = services.unit_create(SYSTEM, fjordvik, "Nordbyen skole")
    assert made.municipality == fjordvik
    assert AuditEvent.objects.filter(action="unit.create", object_id=str(made.pk)).count() == 1


def test_a_staff_account_needs_a_unit_of_the_same_municipality_and_nothing_is_half_saved(
    eksempelvik: Municipality, fjordvik: Municipality
) -> None:
    other_unit = Unit.objects.filter(municipality=fjordvik).first()
    with pytest.raises(ValidationError):
        services.staff_create(
            SYSTEM,
            eksempelvik,
            username="ny-ansatt",
            first_name="Ny",
            last_name="Ansatt",
            email="ny@example.no",
            role=StaffRole.HOLDER,
            unit=other_unit,
            password="Et-langt-og-godt-passord-2026",
        )
    assert not User.objects.filter(username="ny-ansatt").exists()
    with pytest.raises(ValidationError):  # Django's password validators
        services.staff_create(
            SYSTEM,
            eksempelvik,
            username="ny-ansatt",
            first_name="Ny",
            last_name="Ansatt",
            email="ny@example.no",
            role=StaffRole.ADMIN,
            unit=None,
            password="kort",
        )
    assert not User.objects.filter(username="ny-ansatt").exists()
    membership = services.staff_create(
        SYSTEM,
        eksempelvik,
        username="ny-ansatt",
        first_name="Ny",
        last_name="Ansatt",
        email="ny@example.no",
        role=StaffRole.ADMIN,
        unit=None,
        password="Et-langt-og-godt-passord-2026",
    )
    assert StaffMembership.objects.get(pk=membership.pk).role == StaffRole.ADMIN
    assert AuditEvent.objects.filter(action="staff.create", object_id=str(membership.pk)).exists()


def test_the_menu_of_logged_in_pages_takes_the_links_each_part_registers() -> None:
    request = RequestFactory().get("/stafettlogg/")
    with translation.override("nb"):
        labels = [item.label for item in items_for(request)]
    assert labels == ["Mine logger", "Samhandlingsmodellen", "Bytt passord"]
