#!/usr/bin/env bash
# Runs the browser tests. With VORONKA_E2E_BASE_URL set (the Makefile starts the real server
# with the built PWA), tests go there. Without it, this script starts target/debug/voronka
# itself on a free port with a throwaway SQLite database and frontend/dist, then stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
npm ci --no-audit --no-fund >/dev/null

if [[ -z "${VORONKA_E2E_BASE_URL:-}" ]]; then
  bin="${VORONKA_BIN:-$root/target/debug/voronka}"
  [[ -x "$bin" ]] || { echo "no server binary at $bin (cargo build -p voronka-server)" >&2; exit 1; }
  [[ -f "$root/frontend/dist/index.html" ]] || { echo "no PWA build (trunk build --release --offline)" >&2; exit 1; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  workdir="$(mktemp -d)"
  VORONKA_DATABASE_URL="sqlite://$workdir/e2e.db?mode=rwc" \
  VORONKA_PORT="$port" \
  VORONKA_STATIC_DIR="$root/frontend/dist" \
    "$bin" >"$workdir/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true; rm -rf "$workdir"' EXIT
  for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$port/" >/dev/null 2>&1 && break
    kill -0 "$server" 2>/dev/null || { cat "$workdir/server.log" >&2; exit 1; }
    sleep 0.2
  done
  export VORONKA_E2E_BASE_URL="http://127.0.0.1:$port"
fi

node --test --test-concurrency=1
