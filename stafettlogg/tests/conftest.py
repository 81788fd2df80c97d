"""A small world for the stafettlogg tests, built with the services on top of the demo data:
users for every role in Eksempelvik (9901) and a log in Fjordvik (9902)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import services as account_services
from accounts.login_session import bind_to_municipality
from accounts.models import StaffMembership, StaffRole, Unit
from audit.services import SYSTEM
from devdata.factories import consented_log
from devdata.log_demo import demo_fnr
from municipalities.models import Municipality
from stafettlogg import services
from stafettlogg.models import Log

HOST_A = "eksempelvik.localhost"
HOST_B = "fjordvik.localhost"


def verified_client(user: User, host: str = HOST_A) -> Client:
    """A client logged in with both factors, as after the TOTP step."""
    client = Client(HTTP_HOST=host)
    client.force_login(user)
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "t"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    bind_to_municipality(session, Municipality.objects.get(site__hostname=host))
    session.save()
    return client


@dataclass
class World:
    municipality: Municipality
    other_municipality: Municipality
    kindergarten: Unit
    school: Unit
    health: Unit
    users: dict[str, User]
    memberships: dict[str, StaffMembership]
    log: Log  # active; consent covers kindergarten and health
    other_log: Log  # same municipality, only the other holder takes part
    foreign_log: Log  # Fjordvik's demo log
    guardian_fnr: str

    def client(self, role: str) -> Client:
        return verified_client(self.users[role])


def _staff(municipality: Municipality, username: str, role: str, unit: Unit | None) -> Any:
    user = User.objects.create_user(username, first_name=username.title(), last_name="Test")
    return StaffMembership.objects.create(
        user=user, municipality=municipality, role=role, unit=unit
    )


@pytest.fixture
def world(db: Any) -> World:
    a = Municipality.objects.get(number="9901")
    b = Municipality.objects.get(number="9902")
    kindergarten = Unit.objects.create(municipality=a, name="Testbarnehagen")
    school = Unit.objects.create(municipality=a, name="Testskolen")
    health = Unit.objects.create(municipality=a, name="Testhelsestasjonen")
    m = {
        "holder": _staff(a, "t-holder", StaffRole.HOLDER, kindergarten),
        "actor": _staff(a, "t-actor", StaffRole.ACTOR, health),
        "outsider": _staff(a, "t-outsider", StaffRole.ACTOR, school),
        "other_holder": _staff(a, "t-otherholder", StaffRole.HOLDER, school),
        "leader": _staff(a, "t-leader", StaffRole.UNIT_LEADER, kindergarten),
        "admin": _staff(a, "t-admin", StaffRole.ADMIN, None),
        # The municipality's leader (kommunalsjef): reads the statistics, never a log.
        "head": _staff(a, "t-head", StaffRole.LEADER, None),
        "foreign": _staff(
            b,
            "t-foreign",
            StaffRole.HOLDER,
            Unit.objects.create(municipality=b, name="Framand skule"),
        ),
    }
    users = {role: membership.user for role, membership in m.items()}
    guardian_fnr = demo_fnr(date(1985, 6, 1), 200)
    youth_born = date(timezone.localdate().year - 16, 1, 15)
    youth_fnr = demo_fnr(youth_born, 600)
    users["guardian"] = User.objects.create_user("t-guardian", first_name="Gro")
    account_services.person_identity_set(users["guardian"], guardian_fnr)
    users["youth"] = User.objects.create_user("t-youth", first_name="Yngve")
    account_services.person_identity_set(users["youth"], youth_fnr)
    users["stranger"] = User.objects.create_user("t-stranger", first_name="Stig")
    account_services.person_identity_set(users["stranger"], demo_fnr(date(1980, 2, 2), 300))

    log, _guardian = consented_log(
        holder=m["holder"],
        child_name="Testbarn Ett",
        child_birth_date=youth_born,
        child_fnr=youth_fnr,
        guardian_name="Gro Foresatt",
        guardian_fnr=guardian_fnr,
        units=[kindergarten, health],
        consent_days_ago=10,
    )
    services.participant_add(SYSTEM, log, membership=m["actor"])

    other, _guardian = consented_log(
        holder=m["other_holder"],
        child_name="Testbarn To",
        child_birth_date=date(2019, 1, 1),
        guardian_name="Annen Forelder",
        guardian_fnr=demo_fnr(date(1979, 4, 4), 400),
        units=[school],
        consent_days_ago=5,
    )
    foreign = Log.objects.filter(municipality=b).exclude(status="draft").first()
    assert foreign is not None
    return World(a, b, kindergarten, school, health, users, m, log, other, foreign, guardian_fnr)
