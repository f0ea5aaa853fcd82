#!/usr/bin/env bash
# Runs the given command with VORONKA_TEST_LLM_URL pointing at the local LLM: the one already
# set, or SmolLM2 served here by scripts/local-llm.py (one thread, a free port on 127.0.0.1)
# and stopped when the command ends. Without the LLM's venv (scripts/install-tools.sh makes
# it) the command runs without it and the LLM tests say they are skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${VORONKA_TEST_LLM_URL:-}" ]; then
  exec "$@"
fi

venv="${VORONKA_LLM_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/voronka/llm-venv}"
if [ ! -x "$venv/bin/python" ]; then
  echo "no local LLM in $venv (run scripts/install-tools.sh): the LLM tests are skipped" >&2
  exec "$@"
fi

dir=$(mktemp -d /tmp/voronka-llm.XXXXXX)
"$venv/bin/python" scripts/local-llm.py >"$dir/url" 2>"$dir/server.log" &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

url=""
for _ in $(seq 1 600); do
  url=$(head -n 1 "$dir/url")
  [ -n "$url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the local LLM did not start:" >&2
    tail -n 20 "$dir/server.log" >&2
    exit 1
  fi
  sleep 0.2
done
if [ -z "$url" ]; then
  echo "the local LLM did not answer within 120 s" >&2
  exit 1
fi
echo "local LLM on $url" >&2

export VORONKA_TEST_LLM_URL="$url"
"$@"
