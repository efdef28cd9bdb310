#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests, on a private socket (no TCP).
#
#   scripts/pg-test-server.sh start DIR   creates DIR/data, starts the server, and
#                                         prints the URI to export as PATHWAY_TEST_PG
#   scripts/pg-test-server.sh stop DIR    stops it and removes DIR
#
# The server trusts local connections and runs with fsync off: for tests only.
# initdb and pg_ctl refuse to run as root, so as root they run as the
# `postgres` user that Debian's package creates.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PORT=${PATHWAY_TEST_PG_PORT:-54329}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$cmd" in
start)
  [ -x "$PGBIN/initdb" ] || { echo "pg-test-server: $PGBIN/initdb not found (apt-get install postgresql-15)" >&2; exit 1; }
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$dir"; fi
  as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
    --no-sync >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-p $PORT -k $dir -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  # libpq URI with the socket folder as host (percent-encoded slashes).
  host=$(printf '%s' "$dir" | sed 's|/|%2F|g')
  echo "postgresql://postgres@$host:$PORT/postgres"
  ;;
stop)
  if [ -d "$dir/data" ]; then
    as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  ;;
*)
  echo "usage: $0 start|stop DIR" >&2
  exit 2
  ;;
esac
