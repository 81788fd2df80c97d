#!/usr/bin/env bash
# A private, throwaway PostgreSQL cluster for tests and benchmarks.
#   scripts/pg.sh start DIR PORT   initialise (if needed) and start; prints the DATABASE_URL
#   scripts/pg.sh stop DIR         stop and remove the cluster
set -euo pipefail
cmd=${1:?start|stop}
dir=${2:?directory}
bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bindir" ] || { echo "PostgreSQL er ikke installert (scripts/system-deps.sh)." >&2; exit 1; }

as_owner() {
  # initdb and postgres refuse to run as root.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
  start)
    port=${3:?port}
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
      as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
    "$bindir/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'samhandling'" | grep -q 1 \
      || "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres samhandling
    echo "postgres://postgres@127.0.0.1:$port/samhandling"
    ;;
  stop)
    if [ -f "$dir/postmaster.pid" ]; then
      as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *) echo "ukjent kommando: $cmd" >&2; exit 2 ;;
esac
