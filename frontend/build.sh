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
# Leptos' `erase_components` type-erases every component's view: the release wasm comes out
# ~15% smaller (gzip ~360 KB instead of ~420 KB). Only the wasm32 target sees this flag.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="${CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS:---cfg erase_components}"
cd "$here/.."
exec trunk build --release --offline "$@"
