#!/usr/bin/env bash
# Runs the whole suite against a private PostgreSQL cluster (started here, stopped on exit),
# then the smoke tests against SQLite. Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

pgdir=$(mktemp -d /tmp/samhandling-pg.XXXXXX)
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { scripts/pg.sh stop "$pgdir"; }
trap cleanup EXIT
DATABASE_URL=$(scripts/pg.sh start "$pgdir" "$port")
export DATABASE_URL

echo "== ruff"
$PY -m ruff check .
echo "== import layers (import-linter, contracts in pyproject.toml)"
.venv/bin/lint-imports --no-cache
echo "== mypy"
DJANGO_DEBUG=true $PY -m mypy core municipalities samhandlingsmodell handlingsveileder accounts stafettlogg grants stats devdata audit config
echo "== migrations are complete"
DJANGO_DEBUG=true $PY manage.py makemigrations --check --dry-run >/dev/null
echo "== production settings pass check --deploy"
DJANGO_SECRET_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(50))')" \
  DJANGO_ALLOWED_HOSTS=samhandling.example.no \
  SAMHANDLING_FNR_KEYS="$($PY -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')" \
  SAMHANDLING_FNR_HASH_KEY="$($PY -c 'import secrets; print(secrets.token_urlsafe(40))')" \
  $PY manage.py check --deploy --fail-level WARNING
echo "== pytest on PostgreSQL"
$PY -m pytest -q "$@"
echo "== smoke tests on SQLite"
DATABASE_URL="sqlite:///$pgdir-smoke.sqlite3" $PY -m pytest -q -m smoke -p no:randomly
rm -f "$pgdir-smoke.sqlite3"
