#!/usr/bin/env bash
# Restore a backup made by scripts/backup.sh into the database of DATABASE_URL and the file
# directories (SAMHANDLING_PRIVATE_ROOT, DJANGO_MEDIA_ROOT), then check it.
#   scripts/restore.sh BACKUP_DIRECTORY [--force]
# The target database must be empty (createdb): --force (or RESTORE_FORCE=1) empties it first.
# Checks, in order: the backup's checksums, pg_restore in one transaction (stops at the first
# error), the files, every table and file against the manifest (backup_check), the audit chain
# (verify_audit). Exit status 0 only when all of them pass.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
PY=${PYTHON:-$root/.venv/bin/python}

fail() { echo "Gjenoppretting avbrutt: $*" >&2; exit 1; }

backup=${1:-}
force=${RESTORE_FORCE:-}
[ "${2:-}" = "--force" ] && force=1
if [ -z "$backup" ]; then
  echo "Bruk: scripts/restore.sh KATALOG [--force]   (make restore BACKUP=KATALOG)" >&2
  ls -d "${BACKUP_DIR:-$root/var/backup}"/samhandling-* 2>/dev/null | sed 's/^/  /' >&2 || true
  exit 2
fi
backup=$(realpath -m "$backup")
case "${DATABASE_URL:-}" in
  postgres://* | postgresql://*) ;;
  *) echo "Gjenoppretting krever PostgreSQL: sett DATABASE_URL=postgres://bruker@vert:port/database." >&2; exit 2 ;;
esac
if [ -z "${PG_BINDIR:-}" ]; then
  PG_BINDIR=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  export PG_BINDIR
fi
bin() { if [ -n "${PG_BINDIR:-}" ]; then echo "$PG_BINDIR/$1"; else echo "$1"; fi; }

[ -f "$backup/SHA256SUMS" ] || fail "$backup er ikke en sikkerhetskopi (SHA256SUMS mangler)."
(cd "$backup" && sha256sum --quiet --strict -c SHA256SUMS) \
  || fail "sikkerhetskopien i $backup er endret eller skadet (sjekksummene stemmer ikke)."
for name in database.dump files.tar manifest.json; do
  grep -q "  $name\$" "$backup/SHA256SUMS" || fail "$name er ikke med i SHA256SUMS."
done

objects=$("$(bin psql)" "$DATABASE_URL" -v ON_ERROR_STOP=1 -qtAc \
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'") \
  || fail "får ikke kontakt med måldatabasen."
if [ "$objects" != "0" ]; then
  [ -n "$force" ] || fail "måldatabasen er ikke tom ($objects objekter). Gjenopprett til en ny, tom database (createdb), eller bruk --force for å tømme den først."
  echo "Tømmer måldatabasen (--force)."
  "$(bin psql)" "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"
fi

echo "Gjenoppretter databasen."
# One transaction: an error leaves the database as empty as it was. In a -Fc archive the
# table data comes before the triggers (post-data), so the audit triggers do not stop it.
"$(bin pg_restore)" --no-owner --no-privileges --exit-on-error --single-transaction \
  -d "$DATABASE_URL" "$backup/database.dump" || fail "pg_restore feilet; ingenting er gjenopprettet."

cd "$root"
"$PY" manage.py backup_restore_files "$backup" ${force:+--force}
"$PY" manage.py backup_check "$backup"
"$PY" manage.py verify_audit
echo "Gjenopprettingen er fullført og kontrollert."
