"""Backup and restore of the whole installation: the PostgreSQL database and the files.

A backup is a directory with
  database.dump   ``pg_dump -Fc`` of the database
  files.tar       the private files (signed consent forms, archive PDFs) and the media files
  manifest.json   rows and a content digest per table, and every file with its SHA-256

The dump and the manifest come from one snapshot of the database (``pg_export_snapshot``), so
the manifest describes exactly what the dump holds, even while the application writes.
After a restore ``backup_check`` compares the restored database and files with the manifest.
``scripts/backup.sh`` and ``scripts/restore.sh`` (``make backup``, ``make restore``) drive it.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import storages
from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper
from django.utils import timezone
from wagtail import hooks

FORMAT = 1
DUMP = "database.dump"
FILES = "files.tar"
MANIFEST = "manifest.json"

# What the summary counts, the tables an operator asks about after a restore, comes from the
# apps that own them: each function registered for this hook gives the tables to count under
# each name of the summary (for example {"logs": ["stafettlogg_log"]}).
SUMMARY_HOOK = "register_backup_summary"
# What else of the database's state a backup records and a restore must give back, from the
# apps that own it: each function registered for this hook gives a list of BackupState (the
# audit trail: the head of its hash chain).
STATE_HOOK = "register_backup_state"


@dataclass(frozen=True)
class BackupState:
    """One value a backup records besides the tables: ``read(cursor)`` reads it in the
    snapshot of the dump (or of the restored database); ``mismatch`` is the operator's message
    when a restore does not give it back."""

    name: str  # its key in the manifest
    read: Callable[[CursorWrapper], Any]
    mismatch: str


def registered_states() -> list[BackupState]:
    """What the apps register for STATE_HOOK, in their order."""
    return [state for hook in hooks.get_hooks(STATE_HOOK) for state in hook()]


class BackupError(RuntimeError):
    """A backup or restore that cannot go on; the message is for the operator."""


def require_postgresql() -> None:
    if connection.vendor != "postgresql":
        raise BackupError(
            "Sikkerhetskopi og gjenoppretting krever PostgreSQL "
            "(DATABASE_URL=postgres://...); SQLite brukes bare i utvikling."
        )


def file_roots() -> dict[str, Path]:
    """The directories whose files belong in a backup, by the name they have in the tar."""
    private = storages["private"]
    return {
        "private": Path(private.location),  # type: ignore[attr-defined]
        "media": Path(settings.MEDIA_ROOT),
    }


def _pg_program(name: str) -> str:
    bindir = os.environ.get("PG_BINDIR")
    if bindir:
        return str(Path(bindir) / name)
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=_version_key)
    if not candidates:
        raise BackupError(f"Fant ikke {name} (PostgreSQL-klientprogrammene er ikke installert).")
    return str(candidates[-1])


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(part) for part in path.parts[-3].split(".") if part.isdigit())


def _libpq_env() -> tuple[str, dict[str, str]]:
    """Connection string and environment for pg_dump: the password never on the command line."""
    s = connection.settings_dict
    parts = {"dbname": s["NAME"], "host": s["HOST"], "port": s["PORT"], "user": s["USER"]}
    conninfo = " ".join(f"{key}='{value}'" for key, value in parts.items() if value)
    env = dict(os.environ)
    if s["PASSWORD"]:
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return conninfo, env


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def table_digests(cursor: CursorWrapper) -> dict[str, dict[str, Any]]:
    """Rows and a digest of the content of every table, independent of physical row order."""
    cursor.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') ORDER BY c.relname"
    )
    tables: dict[str, dict[str, Any]] = {}
    for (name,) in cursor.fetchall():
        quoted = connection.ops.quote_name(name)
        cursor.execute(
            f"SELECT count(*), encode(sha256(convert_to(coalesce("  # noqa: S608
            f"string_agg(md5(t::text), '' ORDER BY md5(t::text)), ''), 'UTF8')), 'hex') "
            f"FROM {quoted} t"
        )
        rows, digest = cursor.fetchone()
        tables[name] = {"rows": rows, "sha256": digest}
    return tables


def summary(tables: dict[str, dict[str, Any]]) -> dict[str, int]:
    """The rows of the tables the apps register for the summary (SUMMARY_HOOK), by name."""

    def rows(name: str) -> int:
        return int(tables.get(name, {}).get("rows", 0))

    counts: dict[str, int] = {}
    for hook in hooks.get_hooks(SUMMARY_HOOK):
        for name, counted in hook().items():
            counts[name] = counts.get(name, 0) + sum(rows(table) for table in counted)
    return counts


def _write_files_tar(path: Path) -> dict[str, dict[str, Any]]:
    """Put every file of the file roots into one tar, hashing each as it goes in."""
    files: dict[str, dict[str, Any]] = {}
    with tarfile.open(path, "w") as tar:
        for prefix, root in file_roots().items():
            if not root.is_dir():
                continue
            for current, dirnames, filenames in os.walk(root):
                dirnames.sort()
                for filename in sorted(filenames):
                    source = Path(current) / filename
                    if source.is_symlink() or not source.is_file():
                        continue
                    name = f"{prefix}/{source.relative_to(root).as_posix()}"
                    data = source.read_bytes()
                    info = tarfile.TarInfo(name)
                    info.size = len(data)
                    info.mtime = int(source.stat().st_mtime)
                    info.mode = 0o640
                    tar.addfile(info, io.BytesIO(data))
                    files[name] = {"size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return files


def backup_create(target: Path) -> dict[str, Any]:
    """Write a backup into ``target`` (a new directory). Returns the manifest."""
    require_postgresql()
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} finnes allerede og er ikke tom.")
    target.mkdir(parents=True, exist_ok=True)
    pg_dump = _pg_program("pg_dump")
    conninfo, env = _libpq_env()
    with transaction.atomic(), connection.cursor() as cursor:
        # One snapshot for the dump and the manifest: what the manifest counts is in the dump.
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        result = subprocess.run(  # noqa: S603
            [pg_dump, "-Fc", f"--snapshot={snapshot}", "-f", str(target / DUMP), conninfo],
            env=env,
            capture_output=True,
            text=True,
        )
        if result.returncode != 0:
            raise BackupError(f"pg_dump feilet: {result.stderr.strip()}")
        tables = table_digests(cursor)
        recorded = {state.name: state.read(cursor) for state in registered_states()}
    files = _write_files_tar(target / FILES)
    version = subprocess.run(  # noqa: S603
        [pg_dump, "--version"], capture_output=True, text=True, check=True
    ).stdout.strip()
    manifest = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.settings_dict["NAME"],
        "pg_dump": version,
        "dump_sha256": sha256_file(target / DUMP),
        "files_sha256": sha256_file(target / FILES),
        "summary": summary(tables),
        **recorded,
        "tables": tables,
        "files": files,
    }
    (target / MANIFEST).write_text(
        json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def read_manifest(source: Path) -> dict[str, Any]:
    path = source / MANIFEST
    if not path.is_file():
        raise BackupError(f"{path} finnes ikke: er {source} en sikkerhetskopi?")
    try:
        manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise BackupError(f"{path} er ikke gyldig JSON: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Ukjent format på {path}.")
    return manifest


def restore_files(source: Path, *, force: bool = False) -> int:
    """Put the backup's files back into the file roots. Refuses roots that already hold files
    unless ``force``. Returns the number of files written."""
    manifest = read_manifest(source)
    roots = file_roots()
    if not force:
        busy = [str(root) for root in roots.values() if root.is_dir() and any(root.iterdir())]
        if busy:
            raise BackupError(
                "Filkatalogene er ikke tomme: " + ", ".join(busy) + ". Bruk --force for å "
                "skrive over (filer som ikke er i sikkerhetskopien blir liggende)."
            )
    written = 0
    with tarfile.open(source / FILES) as tar:
        for member in tar.getmembers():
            prefix, _, rest = member.name.partition("/")
            if prefix not in roots or not member.isfile() or member.name not in manifest["files"]:
                raise BackupError(f"Uventet fil i {FILES}: {member.name}")
            member.name = rest
            tar.extract(member, roots[prefix], filter="data")
            written += 1
    return written


@dataclass
class CheckResult:
    problems: list[str] = field(default_factory=list)
    tables: int = 0
    files: int = 0
    summary: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def backup_check(source: Path) -> CheckResult:
    """Compare the current database and files with a backup's manifest: every table with the
    same rows and content, every file present with the same content."""
    require_postgresql()
    manifest = read_manifest(source)
    result = CheckResult()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        tables = table_digests(cursor)
        states = [(state, state.read(cursor)) for state in registered_states()]
    expected: dict[str, dict[str, Any]] = manifest["tables"]
    for name in sorted(set(expected) | set(tables)):
        if name not in tables:
            result.problems.append(f"Tabellen {name} mangler.")
        elif name not in expected:
            result.problems.append(f"Tabellen {name} er ikke i sikkerhetskopien.")
        elif tables[name]["rows"] != expected[name]["rows"]:
            result.problems.append(
                f"Tabellen {name} har {tables[name]['rows']} rader, "
                f"sikkerhetskopien {expected[name]['rows']}."
            )
        elif tables[name]["sha256"] != expected[name]["sha256"]:
            result.problems.append(f"Tabellen {name} har annet innhold enn sikkerhetskopien.")
    for state, value in states:
        if value != manifest.get(state.name):
            result.problems.append(state.mismatch)
    roots = file_roots()
    for name, expected_file in sorted(manifest["files"].items()):
        prefix, _, rest = name.partition("/")
        path = roots[prefix] / rest
        if not path.is_file():
            result.problems.append(f"Filen {name} mangler.")
        elif sha256_file(path) != expected_file["sha256"]:
            result.problems.append(f"Filen {name} har annet innhold enn sikkerhetskopien.")
    result.tables = len(expected)
    result.files = len(manifest["files"])
    result.summary = summary(tables)
    return result
