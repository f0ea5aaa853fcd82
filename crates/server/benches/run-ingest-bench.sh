#!/usr/bin/env bash
# The ingest load benchmark, all of it on this machine: a throwaway PostgreSQL cluster, a
# release build, the server (per-key rate limit off), the ingest_load bench (single purchases
# at concurrency C, then batches of 1,000) and, in the same run against the same cluster,
# `pgbench` inserting rows of the same shape into a copy of `purchases` (same columns,
# indexes and foreign keys) at the same concurrency for the same time; then the ratio.
#
#   crates/server/benches/run-ingest-bench.sh
#
# Settings (environment): CONCURRENCY=32 BATCH_CONCURRENCY=4 DURATION=20 WARMUP=3
# CUSTOMERS=10000 POOL=10 (the server's database connections) WORKERS= (actix workers;
# default one per core) SYNC_MODES="on off" (PostgreSQL `synchronous_commit` for each pass;
# `on` is the default and the durable one) IDEMPOTENCY=1 (send an Idempotency-Key with every
# request). NICE (build) and NICE_SERVER (the measured server) as in bench-common.sh.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$root"
CONCURRENCY=${CONCURRENCY:-32}
BATCH_CONCURRENCY=${BATCH_CONCURRENCY:-4}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-3}
CUSTOMERS=${CUSTOMERS:-10000}
POOL=${POOL:-10}
WORKERS=${WORKERS:-}
SYNC_MODES=${SYNC_MODES:-on off}
IDEMPOTENCY=${IDEMPOTENCY:-}
source "$root/crates/server/benches/bench-common.sh"

build_bench ingest_load
start_cluster "$(mktemp -d /tmp/voronka-ingest-bench.XXXXXX)" -c shared_buffers=1GB \
  -c effective_cache_size=4GB -c max_wal_size=8GB -c max_connections=200
psql -d postgres -c "CREATE DATABASE voronka_bench"
db_url="postgres://postgres@127.0.0.1:$pg_port/voronka_bench"
server_env=(VORONKA_API_KEY_RATE_PER_SECOND=0 VORONKA_DATABASE_MAX_CONNECTIONS="$POOL")
if [ -n "$WORKERS" ]; then server_env+=(VORONKA_WORKERS="$WORKERS"); fi
bench_flags=()
if [ -n "$IDEMPOTENCY" ]; then bench_flags+=(--idempotency-keys); fi

# The same row as the server writes: a purchase of one of the company's customers (found by
# its external id, as the server does), two JSON texts, three timestamps.
cat >"$bench_dir/single.sql" <<'SQL'
\set c random(1, :customers)
INSERT INTO pgbench_purchases (id, tenant_id, contact_id, external_id, amount_minor, currency,
  purchased_at, items, attributes, created_at, updated_at)
SELECT gen_random_uuid(), c.tenant_id, c.id, gen_random_uuid()::text, :c * 7, 'USD', now(),
  '[{"sku":"TEA-01","name":"Green tea","quantity":"2","unit_price":"5.00"}]', '{"channel":"web"}', now(), now()
FROM contacts c WHERE c.tenant_id = CAST(:tenant AS uuid) AND c.external_id = 'c-' || CAST(:c AS text);
SQL
cat >"$bench_dir/batch.sql" <<'SQL'
INSERT INTO pgbench_purchases (id, tenant_id, contact_id, external_id, amount_minor, currency,
  purchased_at, items, attributes, created_at, updated_at)
SELECT gen_random_uuid(), c.tenant_id, c.id, gen_random_uuid()::text, 700, 'USD', now(),
  '[{"sku":"TEA-01","name":"Green tea","quantity":"2","unit_price":"5.00"}]', '{"channel":"web"}', now(), now()
FROM (SELECT 'c-' || (1 + floor(random() * CAST(:customers AS int)))::int AS ext FROM generate_series(1, 1000)) g
JOIN contacts c ON c.tenant_id = CAST(:tenant AS uuid) AND c.external_id = g.ext;
SQL
pgbench() {
  "$pgbin/pgbench" -h 127.0.0.1 -p "$pg_port" -U postgres -n -M prepared -j 1 -T "$DURATION" \
    -D customers="$CUSTOMERS" -D tenant="$tenant" "$@" voronka_bench 2>&1
}
tps_of() { sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -n 1; }

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $("$pgbin/postgres" --version)"
for mode in $SYNC_MODES; do
  psql -d postgres -c "ALTER DATABASE voronka_bench SET synchronous_commit = $mode"
  start_server "$db_url" "${server_env[@]}"
  echo
  echo "=== synchronous_commit=$mode: server pool $POOL, single C=$CONCURRENCY, batches C=$BATCH_CONCURRENCY, ${DURATION}s each after ${WARMUP}s warm-up"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  out=$("$bench_bin" --base-url "http://127.0.0.1:$port" --customers "$CUSTOMERS" --concurrency "$CONCURRENCY" \
    --batch-concurrency "$BATCH_CONCURRENCY" --seconds "$DURATION" --warmup-seconds "$WARMUP" \
    --server-pid "$server_pid" "${bench_flags[@]}")
  echo "$out" | grep -v '^RESULT'
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  stop_server
  result=$(echo "$out" | grep '^RESULT')
  tenant=$(psql -d voronka_bench -c "SELECT id FROM tenants ORDER BY created_at DESC LIMIT 1")
  psql -d voronka_bench -c "DROP TABLE IF EXISTS pgbench_purchases;
    CREATE TABLE pgbench_purchases (LIKE purchases INCLUDING ALL);
    ALTER TABLE pgbench_purchases ADD FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE,
      ADD FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE CASCADE"
  psql -d voronka_bench -c "SELECT count(*) FROM purchases" >/dev/null
  single_log=$(pgbench -c "$CONCURRENCY" -f "$bench_dir/single.sql")
  single_tps=$(echo "$single_log" | tps_of)
  single_lat=$(echo "$single_log" | sed -n 's/^latency average = //p')
  batch_log=$(pgbench -c "$BATCH_CONCURRENCY" -f "$bench_dir/batch.sql")
  batch_tps=$(echo "$batch_log" | tps_of)
  rows=$(psql -d voronka_bench -c "SELECT count(*) FROM pgbench_purchases")
  echo "pgbench, single-row INSERT, $CONCURRENCY clients: $single_tps tps (latency average $single_lat)"
  echo "pgbench, 1,000-row INSERT, $BATCH_CONCURRENCY clients: $batch_tps tps = $(python3 -c "print(round($batch_tps * 1000))") rows/s ($rows rows in all)"
  RESULT="$result" SINGLE="$single_tps" BATCH="$batch_tps" python3 -c '
import os
r = dict(kv.split("=") for kv in os.environ["RESULT"].split()[1:])
single, batch = float(os.environ["SINGLE"] or 0), float(os.environ["BATCH"] or 0) * 1000
rps, pps = float(r.get("single_rps", 0)), float(r.get("batch_pps", 0))
if rps and single:
    print(f"ratio, single: Voronka {rps:.0f} req/s / pgbench {single:.0f} tps = {rps / single:.2f}")
if pps and batch:
    print(f"ratio, batches: Voronka {pps:.0f} purchases/s / pgbench {batch:.0f} rows/s = {pps / batch:.2f}")
'
done
