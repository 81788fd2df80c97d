"""The authorization matrix: every role × every log page and action × (own log, another log in
the same municipality, another municipality's log, expired consent, withdrawn consent).

The expectations are written out by hand below (not derived from the access code), so a change
in the rules that leaks anything makes this test fail."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.services import SYSTEM
from stafettlogg import services
from stafettlogg.models import Goal, Log, Lysglimt

from .conftest import HOST_A, HOST_B, World

pytestmark = pytest.mark.django_db

# name -> (method, url name, extra url arg, POST data)
ACTIONS: dict[str, tuple[str, str, str | None, dict[str, str] | None]] = {
    "view": ("get", "log", None, None),
    "timeline": ("get", "timeline", None, None),
    "access_history": ("get", "access_history", None, None),
    "measure_form": ("get", "measure_add", None, None),
    "write_goal": ("post", "entry_add", "mal", {"text": "Matrisemål"}),
    "lysglimt": ("post", "entry_add", "lysglimt", {"text": "Matriselysglimt"}),
    "participant_add": ("get", "participant_add", None, None),
    "handover": ("get", "handover_propose", None, None),
    "consent": ("get", "consent_new", None, None),
    "withdraw": ("get", "consent_withdraw", None, None),
    "close": ("get", "close", None, None),
}
ALL = set(ACTIONS)
HOLDER_OWN = ALL - {"withdraw"}
ACTOR_OWN = {"view", "timeline", "measure_form", "write_goal", "lysglimt"}
FAMILY_OWN = {"view", "timeline", "access_history", "lysglimt", "consent", "withdraw", "close"}
NOTHING: set[str] = set()

ROLES = [
    "holder",
    "actor",
    "guardian",
    "youth",
    "outsider",
    "other_holder",
    "leader",
    "admin",
    "head",
    "stranger",
    "foreign",
    "anonymous",
]

EXPECTED: dict[str, dict[str, set[str]]] = {
    "own": {
        "holder": HOLDER_OWN,
        "actor": ACTOR_OWN,
        "guardian": FAMILY_OWN,
        "youth": FAMILY_OWN,
    },
    "expired": {
        # Read-only for professionals until the consent is renewed.
        "holder": {"view", "timeline", "access_history", "consent", "close"},
        "actor": {"view", "timeline"},
        "guardian": FAMILY_OWN,
        "youth": FAMILY_OWN,
    },
    "withdrawn": {
        # The log is closed; professionals lose access at once; the family still reads it.
        "guardian": {"view", "timeline", "access_history"},
        "youth": {"view", "timeline", "access_history"},
    },
    # The other holder's log in the same municipality: only its own holder gets in.
    "another": {"other_holder": HOLDER_OWN},
    "foreign": {},  # Fjordvik's log, asked for on Eksempelvik's host and on its own
}


def _prepare(world: World, scenario: str) -> tuple[Log, list[str]]:
    log = world.log
    today = timezone.localdate()
    if scenario == "expired":
        log.consents.update(given_on=today - timedelta(days=400), expires_on=today - timedelta(1))
    elif scenario == "withdrawn":
        services.consent_withdraw(SYSTEM, log, withdrawn_by=None)
    elif scenario == "another":
        log = world.other_log
    elif scenario == "foreign":
        return world.foreign_log, [HOST_A, HOST_B]
    return log, [HOST_A]


def _client(world: World, role: str, host: str) -> Client:
    if role == "anonymous":
        return Client(HTTP_HOST=host)
    from .conftest import verified_client

    return verified_client(world.users[role], host)


def _allowed(response, method: str) -> bool:  # type: ignore[no-untyped-def]
    if method == "get":
        return response.status_code == 200
    return response.status_code == 302 and "/logg-inn/" not in response["Location"]


@pytest.mark.parametrize("scenario", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
def test_matrix(world: World, scenario: str, role: str) -> None:
    log, hosts = _prepare(world, scenario)
    expected = EXPECTED[scenario].get(role, NOTHING)
    wrong = []
    for host in hosts:
        client = _client(world, role, host)
        for name, (method, url_name, extra, data) in ACTIONS.items():
            args = [log.pk, extra] if extra else [log.pk]
            goals, glimt = Goal.objects.count(), Lysglimt.objects.count()
            response = getattr(client, method)(
                reverse(f"stafettlogg:{url_name}", args=args), data or {}
            )
            allowed = _allowed(response, method)
            if allowed != (name in expected):
                wrong.append(f"{host} {name}: {response.status_code}")
            if not allowed:
                if role == "anonymous":
                    assert response.status_code == 302 and "/logg-inn/" in response["Location"]
                else:
                    assert response.status_code in (403, 404), (name, response.status_code)
                # A denied write leaves nothing behind, and a denial never shows the child.
                assert (Goal.objects.count(), Lysglimt.objects.count()) == (goals, glimt)
                assert log.child_name not in response.content.decode()
    assert not wrong, f"{scenario}/{role}: {wrong}"


@pytest.mark.parametrize("log_id", [str(uuid.uuid4()), "1", "../1", "00000000-0000-0000-0000"])
def test_guessed_ids_find_nothing(world: World, log_id: str) -> None:
    client = world.client("holder")
    assert client.get(f"/stafettlogg/{log_id}/").status_code == 404


def test_log_ids_are_not_sequential(world: World) -> None:
    assert isinstance(world.log.pk, uuid.UUID) and world.log.pk.version == 4
    measure_ids = {str(m.pk) for m in world.log.participants.all()}
    assert all(len(pk) == 36 for pk in measure_ids)


def test_unit_leader_sees_metadata_not_content(world: World) -> None:
    client = world.client("leader")
    html = client.get(reverse("stafettlogg:unit")).content.decode()
    assert "Testbarnehagen" in html
    assert world.log.child_name not in html
    assert str(world.log.pk) not in html


def test_the_municipalitys_leader_reaches_no_log_page(world: World) -> None:
    """The leader (StaffRole.LEADER) reads the statistics; in the stafettlogg they have no
    logs, no unit page and no administration, and cannot start a log."""
    client = world.client("head")
    mine = client.get(reverse("stafettlogg:mine"))
    assert mine.status_code == 200
    assert world.log.child_name not in mine.content.decode()
    assert world.other_log.child_name not in mine.content.decode()
    assert client.get(reverse("stafettlogg:unit")).status_code == 403
    assert client.get(reverse("stafettlogg:administration")).status_code == 403
    assert client.get(reverse("stafettlogg:log_new")).status_code == 403


def test_admin_page_only_for_admins(world: World) -> None:
    assert world.client("holder").get(reverse("stafettlogg:administration")).status_code == 403
    assert world.client("admin").get(reverse("stafettlogg:administration")).status_code == 200
    assert world.client("admin").get(reverse("stafettlogg:unit")).status_code == 403
