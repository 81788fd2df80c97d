#!/usr/bin/env bash
# make bench: production configuration (nginx front cache → gunicorn → PostgreSQL) against
# nginx serving the same pages as static files, all on loopback. JSON in bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
workdir=$(mktemp -d /tmp/samhandling-bench.XXXXXX)
chmod 755 "$workdir"  # the postgres user must reach the cluster inside it
pgdir="$workdir/pg"
port=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cleanup() { scripts/pg.sh stop "$pgdir"; rm -rf "$workdir"; }
trap cleanup EXIT
DATABASE_URL=$(scripts/pg.sh start "$pgdir" "$port")

export DATABASE_URL
$PY bench/run.py --workdir "$workdir" "$@"
