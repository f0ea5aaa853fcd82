# Shared by the load benchmarks (`source`d by run-crm-bench.sh and run-ingest-bench.sh): a
# release build of the server and one bench target, a throwaway PostgreSQL cluster on a free
# port, the server started against it, and everything stopped (and removed) on exit.
#
# The sourcing script sets `root` (the repository) and may set NICE (build) and NICE_SERVER
# (the measured server), then calls, in order:
#   build_bench <bench-name>          -> $bench_bin, $server_bin
#   start_cluster <dir> [-c name=value …]  -> $pgbin, $pg_port, psql (function)
#   start_server <db-url> [VAR=value …]    -> $port, $server_pid
#   stop_server
# `cleanup` (installed as the EXIT trap by start_cluster) stops the server and the cluster
# and removes the directory unless KEEP_BENCH_DIR is set.

NICE=${NICE:-nice -n 10}
NICE_SERVER=${NICE_SERVER:-}
target=${CARGO_TARGET_DIR:-$root/target}
# SERVER_BIN and BENCH_BIN run already built binaries (e.g. an older build, for a before/after).
server_bin=${SERVER_BIN:-$target/release/voronka}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2; exit 1; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One release build of the server and the bench target (`cargo bench` would compile the
# server library a second time in its own profile). Sets bench_bin.
build_bench() {
  local name=$1
  if [ -n "${BENCH_BIN:-}" ]; then bench_bin=$BENCH_BIN; return 0; fi
  echo "== building (release)" >&2
  bench_bin=$($NICE cargo build --release -q -p voronka-server --bin voronka --bench "$name" \
    --message-format=json-render-diagnostics | BENCH="$name" python3 -c '
import json, os, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == os.environ["BENCH"] and m.get("executable"):
        print(m["executable"])')
  [ -x "$bench_bin" ] || { echo "the $name bench did not build" >&2; exit 1; }
}

bench_dir=
server_pid=
pg_port=
cleanup() {
  local status=$?
  stop_server
  if [ -n "$bench_dir" ]; then
    as_postgres "$pgbin/pg_ctl -D $bench_dir/data -m fast stop" >/dev/null 2>&1 || true
    if [ -z "${KEEP_BENCH_DIR:-}" ]; then rm -rf "$bench_dir"; fi
  fi
  exit "$status"
}

# start_cluster DIR [-c name=value …]: initdb (once) and start on a free port of 127.0.0.1.
start_cluster() {
  bench_dir=$1
  shift
  mkdir -p "$bench_dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$bench_dir"; fi
  trap cleanup EXIT
  if [ ! -d "$bench_dir/data" ]; then
    as_postgres "$pgbin/initdb -D $bench_dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  pg_port=$(free_port)
  as_postgres "$pgbin/pg_ctl -D $bench_dir/data -l $bench_dir/postgres.log -w -o '-p $pg_port -k $bench_dir \
    -c listen_addresses=127.0.0.1 $*' start" >/dev/null
}

psql() { "$pgbin/psql" -X -q -t -A -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }

# start_server DB_URL [VAR=value …]: the release server with the jobs worker off, waits for
# /health. Extra settings go into its environment.
start_server() {
  local db_url=$1
  shift
  port=$(free_port)
  echo "== starting the server on port $port" >&2
  env VORONKA_DATABASE_URL="$db_url" VORONKA_PORT="$port" VORONKA_LOG_LEVEL=warn VORONKA_JOBS_ENABLED=false \
    VORONKA_JWT_SECRET=bench-secret-bench-secret-bench-secret-0 VORONKA_ACCESS_TOKEN_TTL_SECS=86400 \
    VORONKA_STATIC_DIR=/nonexistent "$@" $NICE_SERVER "$server_bin" serve >>"$bench_dir/server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 600); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$bench_dir/server.log" >&2; exit 1; }
    sleep 1
  done
  echo "the server did not answer /health" >&2
  exit 1
}

stop_server() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=
  fi
}
