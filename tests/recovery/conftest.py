"""Recovery tests run real processes: pg_dump and pg_restore, the production server (gunicorn,
DEBUG off), and for the outage test a PostgreSQL cluster of its own that the test stops.

Each test gets databases of its own, restored from a dump of the test database (which holds the
demo data), so that what the server and the scripts write is committed and visible to them, and
nothing of it reaches the other tests. Every process and database is removed in teardown."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import pytest
import requests
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
PG_BINDIR = max(
    Path("/usr/lib/postgresql").glob("*/bin"),
    key=lambda p: tuple(int(x) for x in p.parent.name.split(".") if x.isdigit()),
    default=Path("/usr/bin"),
)
SECRET_KEY = "recovery-test-secret-key-" + "x" * 40
HOST = "eksempelvik.localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


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
    """The environment of a production process (settings as in the browser tests' server)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAMHANDLING_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": SECRET_KEY,
            # The same keys as the test process, which wrote the demo data.
            "SAMHANDLING_FNR_KEYS": ",".join(settings.SAMHANDLING_FNR_KEYS),
            "SAMHANDLING_FNR_HASH_KEY": settings.SAMHANDLING_FNR_HASH_KEY,
            "DJANGO_ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_MEDIA_ROOT": str(files / "media"),
            "SAMHANDLING_PRIVATE_ROOT": str(files / "private"),
            "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "SAMHANDLING_PDF_WARM_UP": "false",
            "PG_BINDIR": str(PG_BINDIR),
        }
    )
    env.update(extra)
    return env


def manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
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


class Server:
    """gunicorn with the production settings; can be killed with SIGKILL and started again."""

    def __init__(self, env: dict[str, str], log_path: Path, workers: int = 2) -> None:
        self.env = env
        self.port = free_port()
        self.log_path = log_path
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.base + "/", headers={"Host": HOST}, timeout=15)
                return
            except requests.RequestException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    log_text = self.log_path.read_text()
                    raise RuntimeError("gunicorn did not start: " + log_text) from None
                time.sleep(0.2)

    def pids(self) -> list[int]:
        """The master and its workers."""
        assert self.process is not None
        master = self.process.pid
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == master:
                children.append(int(stat.parent.name))
        return [master, *children]

    def kill(self) -> None:
        """kill -9: no shutdown, no cleanup, requests cut off mid-way."""
        assert self.process is not None
        for pid in self.pids():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        pids = self.pids()
        self.process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=20)
        for pid in pids:  # workers that outlived their master
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.wait(timeout=10)


@pytest.fixture
def servers() -> Iterator[list[Server]]:
    """Every server a test starts is stopped afterwards, also when the test fails."""
    started: list[Server] = []
    try:
        yield started
    finally:
        for server in started:
            server.stop()


def client(server: Server, session_key: str | None = None) -> requests.Session:
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
