"""kill -9 of the production server (master and workers) while clients write: every write
that was answered as saved is in the database, nothing is half-saved (each entry has its
audit record and the chain verifies), and the server serves again after a restart."""

from __future__ import annotations

import threading
import time
import uuid
from pathlib import Path

import pytest
import requests

from tests.processes import Gunicorn, manage
from tests.recovery.conftest import Databases, app_env, client, csrf_token, seed

pytestmark = [pytest.mark.recovery, pytest.mark.django_db]
CLIENTS = 4


class Writer(threading.Thread):
    """Adds lysglimt through the real form, as fast as the server answers."""

    def __init__(self, number: int, server: Gunicorn, session: str, log_id: str) -> None:
        super().__init__(daemon=True)
        self.number = number
        self.http = client(server, session)
        self.form = f"{server.base}/stafettlogg/{log_id}/ny/lysglimt/"
        self.token = csrf_token(self.http, self.form)
        self.saved: list[str] = []  # answered with the redirect after saving
        self.unknown: list[str] = []  # cut off or failed: may or may not be saved
        self.halt = threading.Event()

    def run(self) -> None:
        n = 0
        while not self.halt.is_set():
            n += 1
            text = f"kill9-{self.number}-{n}"
            try:
                response = self.http.post(
                    self.form,
                    data={"csrfmiddlewaretoken": self.token, "text": text},
                    allow_redirects=False,
                    timeout=10,
                )
            except requests.RequestException:
                self.unknown.append(text)
                time.sleep(0.05)
                continue
            if response.status_code == 302:
                self.saved.append(text)
            else:
                self.unknown.append(text)


def wait_for(condition: object, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():  # type: ignore[operator]
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_kill_9_loses_no_committed_write_and_leaves_no_partial_record(
    databases: Databases, servers: list[Gunicorn], tmp_path: Path
) -> None:
    url = databases.with_demo("kill9")
    env = app_env(url, tmp_path)
    data = seed(env, f"--sessions={CLIENTS}")
    server = Gunicorn(env, tmp_path / "gunicorn.log")
    servers.append(server)
    server.start()
    writers = [Writer(i, server, data["sessions"][i], data["log"]) for i in range(CLIENTS)]
    for writer in writers:
        writer.start()
    try:
        wait_for(lambda: sum(len(w.saved) for w in writers) >= 40)
        server.kill()  # mid-stream: requests are in flight on every worker
        saved_before = sum(len(w.saved) for w in writers)
        wait_for(lambda: all(w.unknown for w in writers))  # every client saw the server go
        server.start()
        wait_for(lambda: sum(len(w.saved) for w in writers) >= saved_before + 20)
    finally:
        for writer in writers:
            writer.halt.set()
        for writer in writers:
            writer.join(timeout=30)

    name = url.rsplit("/", 1)[1]
    log_id = str(uuid.UUID(data["log"]))
    fetch = databases.cluster.fetch
    lysglimt = f"SELECT id, text FROM stafettlogg_lysglimt WHERE log_id = '{log_id}'"  # noqa: S608
    texts = [row[1] for row in fetch(name, lysglimt)]
    saved = [text for writer in writers for text in writer.saved]
    unknown = {text for writer in writers for text in writer.unknown}
    # Every write answered as saved is there, exactly once; nothing appears from nowhere.
    assert sorted(t for t in texts if t in set(saved)) == sorted(saved)
    assert set(texts) <= set(saved) | unknown
    # No partial record: every entry has its audit record and every record its entry.
    entries = {str(row[0]) for row in fetch(name, lysglimt)}
    audit = (
        "SELECT object_id FROM audit_auditevent WHERE action = 'entry.add' "  # noqa: S608
        f"AND object_type = 'Lysglimt' AND log_id = '{log_id}'"
    )
    audited = {row[0] for row in fetch(name, audit)}
    assert len(entries) >= len(saved)
    assert entries == audited
    verified = manage(env, "verify_audit")
    assert verified.returncode == 0, verified.stderr
    # The restarted server serves the log with everything in it.
    page = client(server, data["sessions"][0]).get(
        f"{server.base}/stafettlogg/{data['log']}/", timeout=10
    )
    assert page.status_code == 200
    assert saved[-1] in page.text
