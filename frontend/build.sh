#!/usr/bin/env bash
# Builds the PWA into frontend/dist: `frontend/build.sh` (extra arguments go to trunk).
#
# wasm-opt comes from npm's `binaryen` (pinned in package.json, version 132, matching
# Trunk.toml's [tools]): Debian bookworm's binaryen 108 corrupts the wasm-bindgen externref
# table export. `--offline` makes any other wasm-opt or wasm-bindgen version fail loudly.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
if [[ ! -x node_modules/.bin/wasm-opt ]]; then
  npm ci --no-audit --no-fund
fi
export PATH="$here/node_modules/.bin:$PATH"
cd "$here/.."
exec trunk build --release --offline "$@"
