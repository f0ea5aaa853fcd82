#!/usr/bin/env bash
# The CRM load benchmark, all of it on this machine: a throwaway PostgreSQL cluster, a
# release build, `voronka seed-demo` with a million leads, the server, the crm_load bench
# (median/p90/p99 per scenario against the targets), then everything stopped and removed.
#
#   crates/server/benches/run-crm-bench.sh              # issue 3: list, board, phone search
#   SUITE=team crates/server/benches/run-crm-bench.sh   # issue 6: team KPI, report builder
#
# Settings (environment): LEADS=1000000 CONTACTS=300000 DEALS=200000 MANAGERS=50 SEED=1
# REQUESTS=500 WARMUP=200 (team: 50 and 5) RUNS=1 (measuring passes against the same server). CRM_BENCH_DIR=/some/dir keeps the cluster there and reuses it
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
SUITE=${SUITE:-crm}
if [ "$SUITE" = team ]; then REQUESTS=${REQUESTS:-50}; WARMUP=${WARMUP:-5}; fi
REQUESTS=${REQUESTS:-500}
WARMUP=${WARMUP:-200}
RUNS=${RUNS:-1}
EMAIL=owner@bench.voronka.test
PASSWORD=Bench-Voronka-2026
source "$root/crates/server/benches/bench-common.sh"

build_bench crm_load
if [ -n "${CRM_BENCH_DIR:-}" ]; then KEEP_BENCH_DIR=1; fi
dir=${CRM_BENCH_DIR:-$(mktemp -d /tmp/voronka-bench.XXXXXX)}
# Memory for a 2-core, 23 GB machine shared with others; asynchronous commit speeds up the
# seeding's many transactions without risking corruption (reads are unaffected).
start_cluster "$dir" -c shared_buffers=1GB -c effective_cache_size=4GB -c work_mem=16MB \
  -c maintenance_work_mem=512MB -c max_wal_size=8GB -c synchronous_commit=off
db_url="postgres://postgres@127.0.0.1:$pg_port/voronka_bench"

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

start_server "$db_url"

echo "== measuring ($REQUESTS requests per scenario after $WARMUP warm-up, $RUNS run(s))" >&2
for run in $(seq 1 "$RUNS"); do
  echo "run $run, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$bench_bin" --base-url "http://127.0.0.1:$port" \
    --email "$EMAIL" --password "$PASSWORD" --requests "$REQUESTS" --warmup "$WARMUP" --server-pid "$server_pid" --suite "$SUITE"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
done
