#!/usr/bin/env bash
# The CRM load benchmark, all of it on this machine: a throwaway PostgreSQL cluster, a
# release build, `voronka seed-demo` with a million leads, the server, the crm_load bench
# (median/p90/p99 per scenario against the targets), then everything stopped and removed.
#
#   crates/server/benches/run-crm-bench.sh
#
# Settings (environment): LEADS=1000000 CONTACTS=300000 DEALS=200000 MANAGERS=50 SEED=1
# REQUESTS=500 WARMUP=200 RUNS=1 (measuring passes against the same server). CRM_BENCH_DIR=/some/dir keeps the cluster there and reuses it
# (already seeded) on the next run, so only the measuring is repeated. NICE="nice -n 10"
# is applied to the build and the seeding (the machine is shared); the measured server and
# PostgreSQL run at normal priority unless NICE_SERVER is set too.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
LEADS=${LEADS:-1000000}
CONTACTS=${CONTACTS:-300000}
DEALS=${DEALS:-200000}
MANAGERS=${MANAGERS:-50}
SEED=${SEED:-1}
REQUESTS=${REQUESTS:-500}
WARMUP=${WARMUP:-200}
RUNS=${RUNS:-1}
NICE=${NICE:-nice -n 10}
NICE_SERVER=${NICE_SERVER:-}
EMAIL=owner@bench.voronka.test
PASSWORD=Bench-Voronka-2026
target=${CARGO_TARGET_DIR:-$root/target}

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$pgbin" ] || { echo "PostgreSQL server binaries not found (apt-get install postgresql-15)" >&2; exit 1; }
as_postgres() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$1"; else sh -c "$1"; fi
}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

echo "== building (release)" >&2
# One release build of the server and the bench target (`cargo bench` would compile the
# server library a second time in its own profile).
bench_bin=$($NICE cargo build --release -q -p voronka-server --bin voronka --bench crm_load \
  --message-format=json-render-diagnostics | python3 -c '
import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "crm_load" and m.get("executable"):
        print(m["executable"])')
[ -x "$bench_bin" ] || { echo "the crm_load bench did not build" >&2; exit 1; }

dir=${CRM_BENCH_DIR:-$(mktemp -d /tmp/voronka-bench.XXXXXX)}
mkdir -p "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres "$dir"; fi
pg_port=$(free_port)
server_pid=
cleanup() {
  local status=$?
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  as_postgres "$pgbin/pg_ctl -D $dir/data -m fast stop" >/dev/null 2>&1 || true
  if [ -z "${CRM_BENCH_DIR:-}" ]; then rm -rf "$dir"; fi
  exit "$status"
}
trap cleanup EXIT

if [ ! -d "$dir/data" ]; then
  as_postgres "$pgbin/initdb -D $dir/data -A trust -U postgres -E UTF8 --locale=C.UTF-8" >/dev/null
fi
# Memory for a 2-core, 23 GB machine shared with others; asynchronous commit speeds up the
# seeding's many transactions without risking corruption (reads are unaffected).
as_postgres "$pgbin/pg_ctl -D $dir/data -l $dir/postgres.log -w -o '-p $pg_port -k $dir \
  -c listen_addresses=127.0.0.1 -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB \
  -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off' start" >/dev/null
db_url="postgres://postgres@127.0.0.1:$pg_port/voronka_bench"
psql() { "$pgbin/psql" -X -q -t -A -h 127.0.0.1 -p "$pg_port" -U postgres "$@"; }

if [ ! -f "$dir/seeded" ]; then
  psql -d postgres -c "CREATE DATABASE voronka_bench"
  echo "== seeding $LEADS leads, $CONTACTS contacts, $DEALS deals, $MANAGERS managers" >&2
  started=$(date +%s)
  VORONKA_DATABASE_URL=$db_url VORONKA_LOG_LEVEL=warn $NICE "$target/release/voronka" seed-demo \
    --owner-email "$EMAIL" --password "$PASSWORD" --leads "$LEADS" --contacts "$CONTACTS" \
    --deals "$DEALS" --managers "$MANAGERS" --seed "$SEED" | tee "$dir/seed.txt"
  echo "seeding took $(( $(date +%s) - started ))s (including VACUUM ANALYZE)" | tee -a "$dir/seed.txt"
  touch "$dir/seeded"
fi
echo "== database: $(psql -d voronka_bench -c "SELECT pg_size_pretty(pg_database_size('voronka_bench'))")" >&2
psql -d voronka_bench -c "SELECT relname || ': ' || n_live_tup FROM pg_stat_user_tables
  WHERE relname IN ('leads','contacts','contact_identities','deals','stage_changes') ORDER BY relname" >&2

port=$(free_port)
echo "== starting the server on port $port" >&2
VORONKA_DATABASE_URL=$db_url VORONKA_PORT=$port VORONKA_LOG_LEVEL=warn VORONKA_JOBS_ENABLED=false \
  VORONKA_JWT_SECRET=bench-secret-bench-secret-bench-secret-0 VORONKA_ACCESS_TOKEN_TTL_SECS=86400 \
  VORONKA_STATIC_DIR=/nonexistent $NICE_SERVER "$target/release/voronka" serve >"$dir/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
  sleep 1
done

echo "== measuring ($REQUESTS requests per scenario after $WARMUP warm-up, $RUNS run(s))" >&2
for run in $(seq 1 "$RUNS"); do
  echo "run $run, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bench_bin" --base-url "http://127.0.0.1:$port" \
    --email "$EMAIL" --password "$PASSWORD" --requests "$REQUESTS" --warmup "$WARMUP" --server-pid "$server_pid"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
done
