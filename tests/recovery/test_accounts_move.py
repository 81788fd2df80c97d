"""Units, roles and identities moved from the stafettlogg to accounts (ADR 014): a database
with demo data in the old layout (stafettlogg's tables, as before the move) migrates to the new
one with every row, every reference and every content type kept, and back again.

The old layout is reached by unapplying accounts' migrations on a copy of the test database
(demo data); a row is then written in the old tables, as the old code wrote them, so that the
forward migration carries data it never saw in the new layout."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest

from tests.processes import manage
from tests.recovery.conftest import Databases, app_env

pytestmark = [pytest.mark.recovery, pytest.mark.django_db]

MOVED = ["unit", "staffmembership", "personidentity", "externallogin"]


def count(databases: Databases, url: str, table: str) -> int:
    rows = databases.cluster.fetch(url.rsplit("/", 1)[1], f"SELECT count(*) FROM {table}")  # noqa: S608
    return int(rows[0][0])


def tables(databases: Databases, url: str) -> set[str]:
    rows = databases.cluster.fetch(
        url.rsplit("/", 1)[1], "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )
    return {name for (name,) in rows}


def content_types(databases: Databases, url: str) -> set[tuple[str, str]]:
    rows = databases.cluster.fetch(
        url.rsplit("/", 1)[1],
        "SELECT app_label, model FROM django_content_type WHERE model IN "
        "('unit', 'staffmembership', 'personidentity', 'externallogin')",
    )
    return {(app, model) for app, model in rows}


def execute(url: str, sql: str, *params: object) -> None:
    with psycopg.connect(url) as conn:
        conn.execute(sql, params)  # type: ignore[arg-type]


def test_demo_data_moves_from_the_old_layout_to_accounts_and_back(
    databases: Databases, tmp_path: Path
) -> None:
    url = databases.with_demo("accounts_move")
    env = app_env(url, tmp_path)
    new = {model: count(databases, url, f"accounts_{model}") for model in MOVED}
    # The project leaders (BTS-koordinator, accounts 0003) and the municipality's leaders
    # (accounts 0004) came after the move: the old layout has no unit-less role but the
    # administrator, so going back drops them, and only them.
    project_leaders = databases.cluster.fetch(
        url.rsplit("/", 1)[1],
        "SELECT count(*) FROM accounts_staffmembership WHERE role IN ('project', 'head')",
    )[0][0]
    assert project_leaders > 0
    new["staffmembership"] -= int(project_leaders)
    participants = count(databases, url, "stafettlogg_participant")
    assert new["unit"] > 0 and new["staffmembership"] > 0 and new["personidentity"] > 0

    back = manage(env, "migrate", "accounts", "zero", "--noinput")
    assert back.returncode == 0, back.stdout + back.stderr
    old_tables = tables(databases, url)
    assert {f"stafettlogg_{model}" for model in MOVED} <= old_tables
    assert not {f"accounts_{model}" for model in MOVED} & old_tables
    assert {model: count(databases, url, f"stafettlogg_{model}") for model in MOVED} == new
    assert content_types(databases, url) == {("stafettlogg", model) for model in MOVED}

    # A unit and a unit leader written by the old code, in the old tables.
    unit_id = uuid.uuid4()
    execute(
        url,
        "INSERT INTO stafettlogg_unit (id, name, municipality_id) "
        "SELECT %s, 'Gamle skole', id FROM municipalities_municipality WHERE number = '9901'",
        unit_id,
    )
    execute(
        url,
        "INSERT INTO stafettlogg_staffmembership (user_id, municipality_id, role, unit_id, "
        "created_at) SELECT id, (SELECT municipality_id FROM stafettlogg_unit WHERE id = %s), "
        "'leader', %s, now() FROM auth_user WHERE username = 'eksempelvik-enhetsleder'",
        unit_id,
        unit_id,
    )

    forward = manage(env, "migrate", "--noinput")
    assert forward.returncode == 0, forward.stdout + forward.stderr
    moved_tables = tables(databases, url)
    assert not {f"stafettlogg_{model}" for model in MOVED} & moved_tables
    assert count(databases, url, "accounts_unit") == new["unit"] + 1
    assert count(databases, url, "accounts_staffmembership") == new["staffmembership"] + 1
    assert count(databases, url, "accounts_personidentity") == new["personidentity"]
    assert count(databases, url, "stafettlogg_participant") == participants
    assert content_types(databases, url) == {("accounts", model) for model in MOVED}

    # The application reads the moved rows through its models: the old unit leader's unit,
    # every participant's unit and every consent's units.
    check = manage(
        env,
        "shell",
        "-c",
        "from accounts import selectors;"
        "from accounts.models import Unit;"
        "from django.contrib.auth.models import User;"
        "from municipalities.models import Municipality;"
        "from stafettlogg.models import Consent, Participant;"
        "m = Municipality.objects.get(number='9901');"
        "u = User.objects.get(username='eksempelvik-enhetsleder');"
        "print(sorted(x.name for x in selectors.units_led_by(m, u)));"
        "print(all(p.unit.name for p in Participant.objects.select_related('unit')));"
        "print(sum(c.units.count() for c in Consent.objects.all()) > 0);"
        "print(Unit.objects.count())",
    )
    assert check.returncode == 0, check.stdout + check.stderr
    led, participants_ok, consents_ok, units = check.stdout.strip().splitlines()[-4:]
    assert "Gamle skole" in led
    assert participants_ok == "True" and consents_ok == "True"
    assert int(units) == new["unit"] + 1
