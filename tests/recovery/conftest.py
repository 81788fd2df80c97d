"""Recovery tests run real processes: pg_dump and pg_restore, the production server (gunicorn,
DEBUG off), and for the outage test a PostgreSQL cluster of its own that the test stops.

Each test gets databases of its own, restored from a dump of the test database (which holds the
demo data), so that what the server and the scripts write is committed and visible to them, and
nothing of it reaches the other tests. Every process and database is removed in teardown."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from django.db import connection

from tests.processes import HOST, ROOT, Gunicorn, manage, production_env

PG_BINDIR = max(
    Path("/usr/lib/postgresql").glob("*/bin"),
    key=lambda p: tuple(int(x) for x in p.parent.name.split(".") if x.isdigit()),
    default=Path("/usr/bin"),
)


@dataclass
class Cluster:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgres://{self.user}@{self.host}:{self.port}/{database}"

    def execute(self, sql: str) -> None:
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(sql)  # type: ignore[arg-type]

    def fetch(self, database: str, sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(self.url(database)) as conn:
            return conn.execute(sql).fetchall()  # type: ignore[arg-type]


def pg(program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(PG_BINDIR / program), *args], capture_output=True, text=True, check=check, timeout=120
    )


@pytest.fixture(scope="session")
def test_cluster(django_db_setup: Any, django_db_blocker: Any) -> Cluster:
    with django_db_blocker.unblock():
        s = connection.settings_dict
        if connection.vendor != "postgresql":
            pytest.skip("recovery tests run against PostgreSQL")
        return Cluster(s["HOST"] or "127.0.0.1", int(s["PORT"] or 5432), s["USER"] or "postgres")


@pytest.fixture(scope="session")
def demo_dump(
    test_cluster: Cluster, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The test database (demo data, with the database cache table) as a pg_dump archive."""
    with django_db_blocker.unblock():
        name = connection.settings_dict["NAME"]
    env = app_env(test_cluster.url(name), tmp_path_factory.mktemp("files"))
    for command in (["createcachetable"], ["collectstatic", "--noinput", "-v", "0"]):
        manage(env, *command).check_returncode()
    path = tmp_path_factory.mktemp("dump") / "demo.dump"
    pg("pg_dump", "-Fc", "--no-owner", "-f", str(path), test_cluster.url(name))
    return path


def restore_dump(url: str, dump: Path) -> None:
    pg(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        "-d",
        url,
        str(dump),
    )


@dataclass
class Databases:
    """Makes databases in the test cluster for one test and drops them afterwards."""

    cluster: Cluster
    demo_dump: Path
    names: list[str] = field(default_factory=list)

    def empty(self, label: str) -> str:
        name = f"recovery_{label}_{uuid.uuid4().hex[:8]}"
        self.cluster.execute(f'CREATE DATABASE "{name}"')
        self.names.append(name)
        return self.cluster.url(name)

    def with_demo(self, label: str) -> str:
        url = self.empty(label)
        restore_dump(url, self.demo_dump)
        return url

    def drop_all(self) -> None:
        for name in self.names:
            self.cluster.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def databases(test_cluster: Cluster, demo_dump: Path) -> Iterator[Databases]:
    made = Databases(test_cluster, demo_dump)
    try:
        yield made
    finally:
        made.drop_all()


def app_env(database_url: str, files: Path, **extra: str) -> dict[str, str]:
    """The environment of a production process, for the recovery tests' servers and scripts."""
    return production_env(
        database_url,
        files,
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SAMHANDLING_PDF_WARM_UP="false",
        PG_BINDIR=str(PG_BINDIR),
        **extra,
    )


def seed(env: dict[str, str], *args: str) -> dict[str, Any]:
    """Writes the recovery tests' data through the services (tests/recovery/seed.py)."""
    result = subprocess.run(
        [sys.executable, "-m", "tests.recovery.seed", *args],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "config.test_settings", "DJANGO_DEBUG": "true"},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    return data


@pytest.fixture
def servers() -> Iterator[list[Gunicorn]]:
    """Every server a test starts is stopped afterwards, also when the test fails."""
    started: list[Gunicorn] = []
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def client(server: Gunicorn, session_key: str | None = None) -> requests.Session:
    """An HTTP client for the municipality's host; logged in when given a session key."""
    http = requests.Session()
    http.headers["Host"] = HOST
    if session_key:
        http.cookies.set("sessionid", session_key)
    return http


def csrf_token(http: requests.Session, url: str) -> str:
    page = http.get(url, timeout=10)
    assert page.status_code == 200, page.status_code
    marker = 'name="csrfmiddlewaretoken" value="'
    start = page.text.index(marker) + len(marker)
    return page.text[start : page.text.index('"', start)]
