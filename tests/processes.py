"""Real processes for the tests that need them (browser, recovery, scale-out): a free port on
loopback, the environment of a production process, and gunicorn with the production settings."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[1]
HOST = "eksempelvik.localhost"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def database_url_for_processes() -> str:
    """The URL of the test database, for processes outside the test (skips on SQLite)."""
    s = connection.settings_dict
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    return f"postgres://{s['USER']}:{s['PASSWORD'] or ''}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def production_env(database_url: str, files: Path, **extra: str) -> dict[str, str]:
    """The production settings (DEBUG off) on loopback without TLS, on ``database_url``, with
    the test process's fødselsnummer keys (it wrote the demo data) and files under ``files``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "SAMHANDLING_"))}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DATABASE_URL": database_url,
            "DJANGO_SECRET_KEY": "test-server-secret-key-" + "x" * 40,
            "SAMHANDLING_FNR_KEYS": ",".join(settings.SAMHANDLING_FNR_KEYS),
            "SAMHANDLING_FNR_HASH_KEY": settings.SAMHANDLING_FNR_HASH_KEY,
            "DJANGO_ALLOWED_HOSTS": ".localhost,localhost,127.0.0.1",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_SECURE_COOKIES": "false",
            "DJANGO_HSTS_SECONDS": "0",
            "DJANGO_MEDIA_ROOT": str(files / "media"),
            "SAMHANDLING_PRIVATE_ROOT": str(files / "private"),
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


class Gunicorn:
    """gunicorn with the production settings; started, stopped, or killed with SIGKILL and
    started again."""

    def __init__(
        self, env: dict[str, str], log_path: Path, workers: int = 2, port: int | None = None
    ) -> None:
        self.env = env
        self.port = port or free_port()
        self.log_path = log_path
        self.workers = workers
        self.process: subprocess.Popen[bytes] | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("ab") as log:
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
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(self.base + "/", headers={"Host": HOST}, timeout=15)
                return
            except requests.RequestException:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(
                        "gunicorn did not start: " + self.log_path.read_text()
                    ) from None
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
