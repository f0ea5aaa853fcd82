#!/usr/bin/env bash
# Runs the given command with VORONKA_TEST_POSTGRES_URL pointing at a PostgreSQL server:
# the one already set, or a throwaway cluster started here (initdb into a temp dir as user
# `postgres`, a free port on 127.0.0.1) and removed when the command ends.
set -euo pipefail

if [ -n "${VORONKA_TEST_POSTGRES_URL:-}" ]; then
  exec "$@"
fi

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pgbin" ]; then
  echo "PostgreSQL server binaries not found: run 'make tools' (apt-get install postgresql-15)" >&2
  exit 1
fi

as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}

dir=$(mktemp -d /tmp/voronka-pg.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres "$dir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

cleanup() {
  as_postgres "$pgbin/pg_ctl -D $dir/data -m immediate stop" >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap cleanup EXIT

as_postgres "$pgbin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
# Durability is pointless for a throwaway test cluster: turn it off for speed.
as_postgres "$pgbin/pg_ctl -D $dir/data -l $dir/server.log -w -o '-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400' start" >/dev/null
echo "throwaway PostgreSQL on 127.0.0.1:$port" >&2

export VORONKA_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
"$@"
