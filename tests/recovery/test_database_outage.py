"""A database outage while the production server runs: every page answers 503 with a plain
Norwegian page (bokmål and nynorsk) and Retry-After, never a stack trace; when PostgreSQL is
back on the same port the same server processes serve and save again, without a restart.
The test stops and starts a PostgreSQL cluster of its own."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.processes import ROOT, Gunicorn, free_port, manage
from tests.recovery.conftest import PG_BINDIR, app_env, client, csrf_token, restore_dump, seed

pytestmark = [pytest.mark.recovery, pytest.mark.django_db]


def _as_owner(*command: str) -> list[str]:
    # PostgreSQL refuses to run as root (as in scripts/pg.sh).
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else list(command)


class OwnCluster:
    def __init__(self) -> None:
        # Not under pytest's tmp_path: the postgres user must be able to reach it.
        self.dir = Path(f"/tmp/samhandling-outage-{uuid.uuid4().hex[:8]}")  # noqa: S108
        self.port = free_port()

    def start(self) -> str:
        result = subprocess.run(
            [str(ROOT / "scripts" / "pg.sh"), "start", str(self.dir), str(self.port)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    def stop_immediately(self) -> None:
        """Like a crash of the database server: no shutdown checkpoint, connections cut."""
        subprocess.run(
            _as_owner(str(PG_BINDIR / "pg_ctl"), "-D", str(self.dir), "-m", "immediate", "stop"),
            capture_output=True,
            check=True,
            timeout=60,
        )

    def remove(self) -> None:
        subprocess.run(
            [str(ROOT / "scripts" / "pg.sh"), "stop", str(self.dir)],
            capture_output=True,
            timeout=120,
        )


@pytest.fixture
def cluster() -> Iterator[OwnCluster]:
    own = OwnCluster()
    try:
        yield own
    finally:
        own.remove()


def assert_unavailable_page(response: Any) -> None:
    assert response.status_code == 503, (response.status_code, response.text[:500])
    assert response.headers["Retry-After"].isdigit()
    assert response.headers["Content-Type"].startswith("text/html")
    text = response.text
    assert "Tjenesten er ikke tilgjengelig" in text  # bokmål
    assert "Tenesta er ikkje tilgjengeleg" in text  # nynorsk
    for leak in ("Traceback", "OperationalError", "psycopg", "connection", "5432"):
        assert leak not in text


def test_database_outage_gives_503_and_the_server_recovers_by_itself(
    cluster: OwnCluster,
    demo_dump: Path,
    servers: list[Gunicorn],
    tmp_path: Path,
) -> None:
    url = cluster.start()
    restore_dump(url, demo_dump)
    # The production default: persistent connections (CONN_MAX_AGE 60) that the outage breaks.
    env = app_env(url, tmp_path)
    data = seed(env)
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    servers.append(server)
    server.start()
    public = client(server)
    staff = client(server, data["sessions"][0])
    log_page = f"{server.base}/stafettlogg/{data['log']}/"
    form_page = f"{server.base}/stafettlogg/{data['log']}/ny/lysglimt/"
    token = csrf_token(staff, form_page)
    for _ in range(4):  # both workers hold a connection
        assert public.get(server.base + "/", timeout=10).status_code == 200
        assert staff.get(log_page, timeout=10).status_code == 200

    cluster.stop_immediately()

    for _ in range(3):
        # The tenant middleware meets the database first; the log pages in the view.
        assert_unavailable_page(public.get(server.base + "/", timeout=20))
        assert_unavailable_page(client(server).get(server.base + "/sok/?q=plan", timeout=20))
        assert_unavailable_page(staff.get(log_page, timeout=20))
        assert_unavailable_page(
            staff.post(
                form_page,
                data={"csrfmiddlewaretoken": token, "text": "under utfallet"},
                allow_redirects=False,
                timeout=20,
            )
        )

    cluster.start()  # the same port, the same data

    for _ in range(4):
        assert public.get(server.base + "/", timeout=10).status_code == 200
        assert staff.get(log_page, timeout=10).status_code == 200
    saved = staff.post(
        form_page,
        data={"csrfmiddlewaretoken": token, "text": "etter utfallet"},
        allow_redirects=False,
        timeout=10,
    )
    assert saved.status_code == 302, saved.text[:500]
    assert "etter utfallet" in staff.get(log_page, timeout=10).text
    assert "under utfallet" not in staff.get(log_page, timeout=10).text
    assert server.process is not None and server.process.poll() is None  # never restarted
    verified = manage(env, "verify_audit")
    assert verified.returncode == 0, verified.stderr
