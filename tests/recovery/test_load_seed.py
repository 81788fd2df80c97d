"""The load seed (devdata.load, `manage.py seed_load`, used by `make bench`) writes the logs
it promises into a copy of the test database, refuses to run twice, and gives the benchmark
logged-in sessions of its staff."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.processes import manage
from tests.recovery.conftest import Databases, app_env

pytestmark = [pytest.mark.recovery, pytest.mark.django_db]


def test_the_load_seed_writes_fictional_logs_once_and_gives_sessions(
    databases: Databases, tmp_path: Path
) -> None:
    url = databases.with_demo("load_seed")
    env = {**app_env(url, tmp_path), "SAMHANDLING_DEV_DATA": "true"}
    args = ["seed_load", "--municipalities", "2", "--logs", "40", "--entries", "2400"]
    first = manage(env, *args, "--allow-real-municipalities")
    assert first.returncode == 0, first.stdout + first.stderr
    name = url.rsplit("/", 1)[1]
    seeded = databases.cluster.fetch(
        name,
        "SELECT count(DISTINCT m.id), count(l.id) FROM municipalities_municipality m "
        "JOIN stafettlogg_log l ON l.municipality_id = m.id WHERE m.number >= '9100' "
        "AND m.number < '9900' AND m.fictional",
    )
    assert seeded == [(2, 40)]

    again = manage(env, *args, "--allow-real-municipalities")
    assert again.returncode != 0
    assert "already run" in again.stderr

    sessions = manage(
        env,
        "shell",
        "-c",
        "import json; from devdata.load import bench_users; print(json.dumps(bench_users(2)))",
    )
    assert sessions.returncode == 0, sessions.stderr
    users = json.loads(sessions.stdout.strip().splitlines()[-1])
    assert len(users) == 2
