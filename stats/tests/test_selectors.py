"""The statistics' reads: scoped to one municipality, counted in SQL, and the demo's leader
and registrations in place."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import StaffMembership, StaffRole, Unit
from municipalities.models import Municipality
from stats import selectors
from stats.models import AnonymousRegistration
from stats.periods import custom, half, quarter, year

from .conftest import World

pytestmark = pytest.mark.django_db
PERIOD = custom(date(2002, 1, 1), date(2002, 12, 31))


def _register(municipality: Municipality, unit: Unit, **fields: object) -> None:
    AnonymousRegistration.objects.create(
        municipality=municipality,
        registered_on=fields.pop("registered_on", date(2002, 6, 1)),
        unit=unit,
        age_group=fields.pop("age_group", "6-9"),
        bti_level=fields.pop("bti_level", 1),
        outcome=fields.pop("outcome", "own"),
    )


def test_counts_of_another_municipality_never_count_here(world: World) -> None:
    foreign_unit = world.memberships["foreign"].unit
    assert foreign_unit is not None
    _register(world.other_municipality, foreign_unit)
    _register(world.municipality, world.school)
    assert selectors.registrations_by(world.municipality, PERIOD, "unit_id") == {world.school.pk: 1}
    assert selectors.registrations_by(world.other_municipality, PERIOD, "unit_id") == {
        foreign_unit.pk: 1
    }


def test_registrations_are_counted_by_period_unit_service_level_and_outcome(
    world: World,
) -> None:
    for day, level, outcome in [
        (date(2002, 2, 1), 0, "none"),
        (date(2002, 5, 1), 2, "coop"),
        (date(2002, 8, 1), 2, "barnevern"),
        (date(2002, 11, 1), 3, "coop"),
    ]:
        _register(
            world.municipality, world.health, registered_on=day, bti_level=level, outcome=outcome
        )
    assert selectors.registrations_by(world.municipality, PERIOD, "bti_level") == {0: 1, 2: 2, 3: 1}
    assert selectors.registrations_by(world.municipality, half(2002, 2), "outcome") == {
        "barnevern": 1,
        "coop": 1,
    }
    assert selectors.registrations_by(world.municipality, quarter(2002, 1), "unit_id") == {
        world.health.pk: 1
    }
    assert selectors.registrations_by(world.municipality, PERIOD, "unit__service_id") == {None: 4}
    assert selectors.registrations_by_quarter(world.municipality, year(2002)) == {
        (2002, 1): 1,
        (2002, 2): 1,
        (2002, 3): 1,
        (2002, 4): 1,
    }


def test_each_count_is_one_query_whatever_the_number_of_rows(world: World) -> None:
    for _n in range(30):
        _register(world.municipality, world.kindergarten)
    with CaptureQueriesContext(connection) as queries:
        selectors.registrations_by(world.municipality, PERIOD, "unit_id", "bti_level")
        selectors.registrations_by_category(world.municipality, PERIOD)
        selectors.logs_by_unit(world.municipality, PERIOD)
        selectors.logs_by_age_group(world.municipality, PERIOD)
        selectors.measures_by_tiltak_and_status(world.municipality, PERIOD)
    assert len(queries) == 5


@pytest.mark.parametrize(("number", "prefix"), [("9901", "eksempelvik"), ("9902", "fjordvik")])
def test_each_demo_municipality_has_a_leader_and_registrations(number: str, prefix: str) -> None:
    municipality = Municipality.objects.get(number=number)
    assert StaffMembership.objects.filter(
        municipality=municipality, user__username=f"{prefix}-leder", role=StaffRole.LEADER
    ).exists()
    assert AnonymousRegistration.objects.filter(municipality=municipality).count() >= 50
