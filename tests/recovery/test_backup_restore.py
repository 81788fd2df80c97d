"""The restore drill: a backup made with scripts/backup.sh of a database written through the
services, restored with scripts/restore.sh into an empty database, gives back every log,
entry, consent, hand-over and audit record, and every file; the audit chain still verifies.
A changed backup and a non-empty target are refused."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.processes import ROOT, manage
from tests.recovery.conftest import Cluster, Databases, app_env, restore_dump, seed

# django_db: the test database (and the demo data the dumps come from) must be set up.
pytestmark = [pytest.mark.recovery, pytest.mark.django_db]

# Compared row by row between the source and the restored database.
TABLES = [
    "stafettlogg_log",
    "stafettlogg_guardian",
    "stafettlogg_participant",
    "stafettlogg_consent",
    "stafettlogg_consent_given_by_guardians",
    "stafettlogg_consent_units",
    "stafettlogg_attentionarea",
    "stafettlogg_goal",
    "stafettlogg_measure",
    "stafettlogg_evaluation",
    "stafettlogg_meeting",
    "stafettlogg_lysglimt",
    "stafettlogg_childvoice",
    "stafettlogg_levelchange",
    "stafettlogg_handover",
    "stafettlogg_logarchive",
    "audit_auditevent",
    "audit_audithead",
]


def script(name: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ROOT / "scripts" / name), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def rows(databases: Databases, url: str, table: str) -> list[tuple[Any, ...]]:
    return databases.cluster.fetch(url.rsplit("/", 1)[1], f"SELECT * FROM {table} ORDER BY 1")  # noqa: S608


def tables_in(databases: Databases, url: str) -> list[tuple[Any, ...]]:
    return databases.cluster.fetch(
        url.rsplit("/", 1)[1], "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
    )


def files_under(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def source(
    test_cluster: Cluster, demo_dump: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """A source database with data of every kind, and a backup of it (made once per module;
    tests that change the backup work on a copy)."""
    made = Databases(test_cluster, demo_dump)
    try:
        url = made.with_demo("source")
        files = tmp_path_factory.mktemp("source")
        env = app_env(url, files)
        seed(env, "--full")
        backup = tmp_path_factory.mktemp("backup") / "drill"
        result = script("backup.sh", {**env, "BACKUP": str(backup)})
        assert result.returncode == 0, result.stdout + result.stderr
        yield {"source": url, "env": env, "backup": backup, "files": files}
    finally:
        made.drop_all()


@pytest.fixture
def backed_up(source: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    copy = tmp_path / "backup"
    shutil.copytree(source["backup"], copy)
    return {**source, "backup": copy}


def test_restore_drill_gives_back_every_record_and_file(
    backed_up: dict[str, Any], databases: Databases, tmp_path: Path
) -> None:
    backup: Path = backed_up["backup"]
    assert sorted(p.name for p in backup.iterdir()) == [
        "SHA256SUMS",
        "database.dump",
        "files.tar",
        "manifest.json",
    ]
    target = databases.empty("target")
    env = app_env(target, tmp_path / "target")

    restored = script("restore.sh", env, str(backup))

    assert restored.returncode == 0, restored.stdout + restored.stderr
    assert "Databasen stemmer med sikkerhetskopien" in restored.stdout
    assert "Revisjonssporet er intakt" in restored.stdout
    # The manifest records the head of the audit chain (audit's register_backup_state), which
    # the check compares with the restored one.
    [(_, seq, chain_hash)] = rows(databases, target, "audit_audithead")
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["audit_head"] == {"seq": seq, "hash": chain_hash} and seq > 0
    for table in TABLES:
        expected = rows(databases, backed_up["source"], table)
        assert expected, f"the seed wrote nothing to {table}"
        assert rows(databases, target, table) == expected, table
    # Signed consent forms, the archive PDF and the media files are back, byte for byte.
    source_files = files_under(backed_up["files"])
    assert any(name.startswith("private/samtykke/") for name in source_files)
    assert any(name.startswith("private/arkiv/") for name in source_files)
    assert any(name.startswith("media/") for name in source_files)
    assert files_under(tmp_path / "target") == source_files
    # The chain verifies on the restored database on its own too, and the check is repeatable.
    assert manage(env, "verify_audit").returncode == 0
    assert manage(env, "backup_check", str(backup)).returncode == 0


def test_restore_refuses_a_changed_backup(
    backed_up: dict[str, Any], databases: Databases, tmp_path: Path
) -> None:
    dump = backed_up["backup"] / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    target = databases.empty("tampered")

    restored = script("restore.sh", app_env(target, tmp_path / "target"), str(backed_up["backup"]))

    assert restored.returncode != 0
    assert "endret eller skadet" in restored.stderr
    assert tables_in(databases, target) == []


def test_a_changed_dump_with_new_checksums_restores_nothing(
    backed_up: dict[str, Any], databases: Databases, tmp_path: Path
) -> None:
    backup: Path = backed_up["backup"]
    dump = backup / "database.dump"
    data = bytearray(dump.read_bytes())
    data[len(data) // 2] ^= 0xFF
    dump.write_bytes(bytes(data))
    sums = subprocess.run(
        ["sha256sum", "database.dump", "files.tar", "manifest.json"],
        cwd=backup,
        capture_output=True,
        text=True,
        check=True,
    )
    (backup / "SHA256SUMS").write_text(sums.stdout)
    target = databases.empty("resummed")

    restored = script("restore.sh", app_env(target, tmp_path / "target"), str(backup))

    # pg_restore stops at the damage, in one transaction: the target stays empty.
    assert restored.returncode != 0
    assert "pg_restore feilet" in restored.stderr
    assert tables_in(databases, target) == []


def test_restore_refuses_a_database_that_is_not_empty(
    backed_up: dict[str, Any], databases: Databases, tmp_path: Path
) -> None:
    source = backed_up["source"]
    before = rows(databases, source, "audit_auditevent")

    restored = script("restore.sh", app_env(source, tmp_path / "target"), str(backed_up["backup"]))

    assert restored.returncode != 0
    assert "måldatabasen er ikke tom" in restored.stderr
    assert "--force" in restored.stderr
    assert rows(databases, source, "audit_auditevent") == before


def test_backup_check_finds_a_record_missing_after_restore(
    backed_up: dict[str, Any], databases: Databases, tmp_path: Path
) -> None:
    target = databases.empty("partial")
    env = app_env(target, tmp_path / "target")
    restore_dump(target, backed_up["backup"] / "database.dump")
    with psycopg.connect(target) as conn:
        conn.execute("DELETE FROM stafettlogg_lysglimt")

    checked = manage(env, "backup_check", str(backed_up["backup"]))

    assert checked.returncode != 0
    assert "stafettlogg_lysglimt har 0 rader" in checked.stderr


def test_backup_needs_postgresql(tmp_path: Path) -> None:
    made = script(
        "backup.sh",
        {**app_env(f"sqlite:///{tmp_path}/db.sqlite3", tmp_path), "BACKUP": str(tmp_path / "b")},
    )
    assert made.returncode == 2
    assert "krever PostgreSQL" in made.stderr
    assert not (tmp_path / "b").exists()
