#!/usr/bin/env bash
# Runs the browser tests. With VORONKA_E2E_BASE_URL set, against that server; without it,
# through scripts/e2e.sh (what `make e2e` runs), which starts the built server with the built
# PWA on a free port and a throwaway SQLite database, then stops it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if [[ -z "${VORONKA_E2E_BASE_URL:-}" ]]; then
  exec "$here/../../scripts/e2e.sh"
fi
cd "$here"
npm ci --no-audit --no-fund --loglevel=error
node --test --test-concurrency=1
