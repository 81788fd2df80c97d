#!/usr/bin/env bash
# A backup of the database and the files (see "Backup and recovery" in docs/operations.md).
#   scripts/backup.sh                   writes $BACKUP_DIR/samhandling-<UTC time>/ (default var/backup)
#   BACKUP=path scripts/backup.sh       writes exactly that (new) directory
# The directory holds database.dump (pg_dump -Fc), files.tar (private files and media),
# manifest.json (rows and a digest per table, every file's SHA-256) and SHA256SUMS.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$root/.venv/bin/python}

case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *)
    echo "Sikkerhetskopi krever PostgreSQL: sett DATABASE_URL=postgres://bruker@vert:port/database." >&2
    exit 2
    ;;
esac
if [ -z "${PG_BINDIR:-}" ]; then
  PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  export PG_BINDIR
fi

stamp=$(date -u +%Y%m%dT%H%M%SZ)
target=$(realpath -m "${BACKUP:-${BACKUP_DIR:-$root/var/backup}/samhandling-$stamp}")
umask 077 # the backup holds personal data: readable by its owner only
mkdir -p "$(dirname "$target")"

cd "$root"
"$PY" manage.py backup_create "$target"
(cd "$target" && sha256sum database.dump files.tar manifest.json >SHA256SUMS)
echo "$target"
