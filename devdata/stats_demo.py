"""The statistics' demo: a leader (kommunalsjef) in each demo municipality, who reads the
statistics and no log, and anonymous registrations spread over the last months in every unit
(some units with few, so that the page shows suppressed cells)."""

from __future__ import annotations

import random
from datetime import timedelta

from django.utils import timezone

from accounts.models import StaffMembership, StaffRole, Unit
from devdata.log_demo import _user
from municipalities.models import Municipality
from stafettlogg.models import AttentionCategory
from stats.age_groups import AgeGroup
from stats.models import OUTCOME_LEVELS, AnonymousRegistration, Outcome, RegistrationCategory

PEOPLE = {"nb": ("Liv", "Leder"), "nn": ("Liv", "Leiar")}
# Registrations per unit (in the order of the demo's units: kindergarten, school, health, PPT).
PER_UNIT = [24, 17, 31, 3]


def load(municipality: Municipality, prefix: str, password: str) -> None:
    """Idempotent: the leader once, the registrations when the municipality has none."""
    first, last = PEOPLE[municipality.language]
    leader = _user(f"{prefix}-leder", first, last, password)
    StaffMembership.objects.get_or_create(
        user=leader, municipality=municipality, role=StaffRole.LEADER, unit=None
    )
    if AnonymousRegistration.objects.filter(municipality=municipality).exists():
        return
    units = list(Unit.objects.filter(municipality=municipality).order_by("name"))
    categories = list(AttentionCategory.objects.filter(municipality=municipality))
    if not units:
        return
    rng = random.Random(municipality.number)  # noqa: S311 (demo data, the same every time)
    today = timezone.localdate()
    ages = [group.value for group in AgeGroup]
    links = []
    for unit, count in zip(units, PER_UNIT, strict=False):
        for _n in range(count):
            outcome = rng.choice(Outcome.values)
            registration = AnonymousRegistration.objects.create(
                municipality=municipality,
                registered_on=today - timedelta(days=rng.randrange(0, 300)),
                unit=unit,
                age_group=rng.choice(ages),
                bti_level=rng.choice(sorted(OUTCOME_LEVELS[outcome])),
                outcome=outcome,
            )
            links += [
                RegistrationCategory(registration=registration, category=category)
                for category in rng.sample(categories, k=rng.randint(1, 2))
            ]
    RegistrationCategory.objects.bulk_create(links)
