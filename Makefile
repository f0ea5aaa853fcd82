# Voronka: `make run` starts the CRM on http://127.0.0.1:8080, `make test` runs every check.
# Both install what is missing first (scripts/install-tools.sh).

SHELL := /bin/bash
CARGO ?= cargo
TEST_RUNNER := $(shell command -v cargo-nextest >/dev/null 2>&1 && echo "nextest run --no-fail-fast" || echo "test --no-fail-fast")

.PHONY: run test tools tools-build pwa server fmt fmt-check clippy test-sqlite test-postgres e2e openapi clean

## run: build the PWA and start the server on the embedded SQLite database
run: tools-build pwa
	$(CARGO) run --release -p voronka-server --bin voronka -- serve

## test: every check CI runs
test: tools fmt-check clippy test-sqlite test-postgres pwa e2e
	@echo "all checks passed"

tools:
	@scripts/install-tools.sh all

tools-build:
	@scripts/install-tools.sh build

## pwa: release build of the PWA into frontend/dist (wasm-opt'ed, offline: nothing downloaded)
pwa:
	frontend/build.sh

fmt:
	$(CARGO) fmt --all

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --exclude voronka-frontend --all-targets -- -D warnings
	$(CARGO) clippy -p voronka-frontend --target wasm32-unknown-unknown -- -D warnings

# The local LLM (scripts/with-local-llm.sh) serves the LLM API tests once, on SQLite.
test-sqlite:
	VORONKA_TEST_DATABASE=sqlite scripts/with-local-llm.sh $(CARGO) $(TEST_RUNNER) --workspace

test-postgres:
	VORONKA_TEST_DATABASE=postgres scripts/with-postgres.sh $(CARGO) $(TEST_RUNNER) -p voronka-server

## e2e: browser tests (headless Chromium) against the real server and the built PWA
e2e:
	$(CARGO) build -p voronka-server --bin voronka
	scripts/e2e.sh

## openapi: regenerate openapi.yaml from the code
openapi:
	$(CARGO) run -q -p voronka-server --bin voronka -- openapi > openapi.yaml

clean:
	$(CARGO) clean
	rm -rf frontend/dist tests/e2e/node_modules
