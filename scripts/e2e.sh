#!/usr/bin/env bash
# Starts the real server (built binary + built PWA) on a free port with a throwaway SQLite
# database, runs the browser tests in tests/e2e against it, and stops it. Webhooks may target
# 127.0.0.1 there (the tests run their own receiver), and the job worker looks every 250 ms.
set -euo pipefail
cd "$(dirname "$0")/.."

binary="${VORONKA_BINARY:-target/debug/voronka}"
[ -x "$binary" ] || { echo "no server binary at $binary: build it first" >&2; exit 1; }
[ -f frontend/dist/index.html ] || { echo "no PWA build in frontend/dist: run 'make pwa'" >&2; exit 1; }

work=$(mktemp -d /tmp/voronka-e2e.XXXXXX)
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
VORONKA_PORT=$port \
VORONKA_DATABASE_URL="sqlite://$work/e2e.db?mode=rwc" \
VORONKA_STATIC_DIR="$PWD/frontend/dist" \
VORONKA_PUBLIC_URL="http://127.0.0.1:$port" \
VORONKA_LOG_LEVEL=warn \
VORONKA_WEBHOOKS_ALLOW_PRIVATE=true \
VORONKA_JOBS_POLL_MS=250 \
  "$binary" serve >"$work/server.log" 2>&1 &
server=$!
cleanup() { kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

for _ in $(seq 1 100); do
  curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
curl -fsS "http://127.0.0.1:$port/health" >/dev/null || { cat "$work/server.log" >&2; exit 1; }

cd tests/e2e
[ -d node_modules ] && [ node_modules -nt package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error
VORONKA_E2E_BASE_URL="http://127.0.0.1:$port" node --test --test-concurrency=1
