"""The read rule has one home (stafettlogg.access): Mine logger, which reads its facts in one
hand-written query, lists exactly the logs that ``access_for(user, log).can(VIEW)`` allows,
for every user, over logs generated in every state a log can be in."""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from accounts import services as account_services
from accounts.identity import fnr_hash
from accounts.models import StaffMembership, StaffRole, Unit
from municipalities.models import Municipality
from stafettlogg import selectors
from stafettlogg.access import Action
from stafettlogg.demo import demo_fnr
from stafettlogg.models import (
    Consent,
    ConsentMethod,
    Guardian,
    Log,
    LogStatus,
    Participant,
    ParticipantRole,
)

pytestmark = pytest.mark.django_db

SEEDS = [1, 2, 3]


def _person(username: str, fnr: str | None = None) -> User:
    user = User.objects.create_user(username, first_name=username, last_name="Test")
    if fnr:
        account_services.person_identity_set(user, fnr)
    return user


def _generate(seed: int) -> tuple[list[User], list[Municipality]]:
    """Logs in both demo municipalities, each in a random state: status, participants of
    random roles and units (some removed), consents naming random units (some withdrawn,
    some expired, some superseded), guardians and a youth matched by fødselsnummer."""
    rng = random.Random(seed)
    today = timezone.localdate()
    municipalities = list(Municipality.objects.filter(number__in=["9901", "9902"]))
    professionals = []
    family = []
    for number in range(4):
        user = _person(f"fag-{seed}-{number}")
        for municipality in municipalities:
            unit = rng.choice(list(Unit.objects.filter(municipality=municipality)))
            StaffMembership.objects.create(
                user=user, municipality=municipality, role=StaffRole.HOLDER, unit=unit
            )
        professionals.append(user)
    fnrs = [demo_fnr(date(1980 + n, 1 + n, 10), 400 + seed * 10 + n) for n in range(3)]
    family = [_person(f"familie-{seed}-{n}", fnr) for n, fnr in enumerate(fnrs)]
    youth_fnr_old = demo_fnr(today.replace(year=today.year - 16) - timedelta(days=3), 470 + seed)
    youth_fnr_young = demo_fnr(today.replace(year=today.year - 9), 480 + seed)
    youth = [_person(f"ungdom-{seed}", youth_fnr_old), _person(f"barn-{seed}", youth_fnr_young)]

    for index in range(36):
        municipality = rng.choice(municipalities)
        units = list(Unit.objects.filter(municipality=municipality))
        status = rng.choice(list(LogStatus))
        child_fnr = rng.choice([None, youth_fnr_old, youth_fnr_young])
        born = date(today.year - 8, 5, 1)
        if child_fnr == youth_fnr_old:
            born = today.replace(year=today.year - 16) - timedelta(days=3)
        elif child_fnr == youth_fnr_young:
            born = today.replace(year=today.year - 9)
        log = Log.objects.create(
            municipality=municipality,
            status=status,
            child_name=f"Barn {seed}-{index}",
            child_birth_date=born,
            child_fnr_hash=fnr_hash(child_fnr) if child_fnr else "",
            close_reason="goal" if status == LogStatus.CLOSED else "",
        )
        chosen = rng.sample(professionals, rng.randint(0, 3))
        for position, user in enumerate(chosen):
            Participant.objects.create(
                log=log,
                user=user,
                unit=rng.choice(units),
                role=ParticipantRole.HOLDER if position == 0 else ParticipantRole.ACTOR,
                removed_at=timezone.now() if position and rng.random() < 0.2 else None,
            )
        for n, fnr in enumerate(fnrs):
            if rng.random() < 0.25:
                Guardian.objects.create(
                    log=log, name=f"Foresatt {n}", fnr_encrypted="x", fnr_hash=fnr_hash(fnr)
                )
        for _ in range(rng.randint(0, 2)):
            given = today - timedelta(days=rng.choice([400, 200, 10]))
            consent = Consent.objects.create(
                log=log,
                given_on=given,
                expires_on=given + timedelta(days=rng.choice([100, 365])),
                method=ConsentMethod.DIGITAL,
                withdrawn_at=timezone.now() if rng.random() < 0.2 else None,
            )
            consent.units.set(rng.sample(units, rng.randint(0, len(units))))
    return [*professionals, *family, *youth], municipalities


def _listed(municipality: Municipality, user: Any) -> set[str]:
    listed = selectors.my_logs(municipality, user)
    return {item.url.rstrip("/").rsplit("/", 1)[1] for item in listed}


def _allowed(municipality: Municipality, user: Any) -> set[str]:
    return {
        str(log.pk)
        for log in Log.objects.filter(municipality=municipality)
        if selectors.access_for(user, log).can(Action.VIEW)
    }


@pytest.mark.parametrize("seed", SEEDS)
def test_mine_logger_lists_exactly_the_logs_the_access_rules_let_the_user_read(
    seed: int,
) -> None:
    users, municipalities = _generate(seed)
    compared = 0
    for municipality in municipalities:
        for user in users:
            allowed = _allowed(municipality, user)
            assert _listed(municipality, user) == allowed, (user.username, municipality.number)
            compared += len(allowed)
    assert compared > 10  # the generated data gives the rule something to decide
