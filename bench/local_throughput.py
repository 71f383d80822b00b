"""Articles/s through summarizer against a real llama.cpp server: parallel slots x client concurrency.

llama-cpp-python's server (what ``--local`` starts) answers one request at a time (a global lock), so client
concurrency cannot help there. llama.cpp's own C++ ``llama-server`` has parallel slots (``-np N``: N sequences
decoded in one batch, the context split between them). This measures both:

- ``llama-server -np S`` for S in --slots, each with client concurrency C in --concurrency (``summarize_many``);
- optionally (--python-server) llama-cpp-python's server at the same concurrencies, for reference.

Every article is one request (``max_reasks=0``) capped at --max-tokens, so a run measures serving throughput,
not the model's quality (the default model, Gemma 270M base, fails validation; its tokens are still decoded).
Run (needs a llama-server binary built from the vendored llama.cpp, see README):
  nice -n 10 .venv/bin/python bench/local_throughput.py --server /tmp/llb/build-portable/bin/llama-server
Results: bench/results/local_throughput.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from summarizer.api import ItemError, asummarize_many
from summarizer.evals.cases import load_cases
from summarizer.local import _die_with_parent, _stop, free_port, local_server
from summarizer.models import MODELS, pull, resolve
from summarizer.settings import ProviderSettings

ROOT = Path(__file__).resolve().parent.parent
CONTEXT_PER_SLOT = 8192


@contextmanager
def cpp_server(binary: Path, gguf: Path, alias: str, slots: int, threads: int) -> Iterator[ProviderSettings]:
    port = free_port()
    command = [
        str(binary), "-m", str(gguf), "--alias", alias, "--host", "127.0.0.1", "--port", str(port),
        "-np", str(slots), "-c", str(CONTEXT_PER_SLOT * slots), "-t", str(threads), "-tb", str(threads),
    ]  # fmt: skip
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"llama-server-{port}.log"
    with log.open("wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, preexec_fn=_die_with_parent)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"llama-server exited: {log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        yield ProviderSettings(
            model=alias,
            base_url=f"http://127.0.0.1:{port}/v1",
            mode="json_schema",
            context_tokens=CONTEXT_PER_SLOT,
        )
    finally:
        _stop(process)


def run(settings: ProviderSettings, texts: list[str], concurrency: int, max_tokens: int) -> dict[str, Any]:
    settings = settings.with_overrides(
        max_output_tokens=max_tokens,
        max_reasks=0,
        max_transient_attempts=1,
        request_timeout_s=3600.0,
        time_budget_s=3600.0,
    )
    started = time.perf_counter()
    results = asyncio.run(asummarize_many(texts, "en", settings=settings, concurrency=concurrency))
    seconds = time.perf_counter() - started
    completion = 0
    for result in results:
        usage = result.usage if isinstance(result, ItemError) else result.run.usage if result.run else None
        completion += usage.completion_tokens if usage else 0
    errors = sorted({r.code for r in results if isinstance(r, ItemError)})
    return {
        "concurrency": concurrency,
        "articles": len(texts),
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(texts) / seconds, 4),
        "completion_tokens": completion,
        "completion_tokens_per_s": round(completion / seconds, 1),
        "error_codes": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--server", type=Path, help="llama-server binary (C++); omit to skip the slot runs")
    parser.add_argument("--python-server", action="store_true", help="also measure llama-cpp-python's server")
    parser.add_argument("--model", default="gemma3-270m")
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--max-tokens", type=int, default=192)
    parser.add_argument("--slots", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if args.model in MODELS:
        pull(args.model)
    gguf, known = resolve(args.model)
    alias = known.alias if known else gguf.stem
    texts = [case.article for case in load_cases(ROOT / "evals" / "cases")][: args.articles]

    rows: list[dict[str, Any]] = []
    if args.server:
        for slots in args.slots:
            with cpp_server(args.server, gguf, alias, slots, args.threads) as settings:
                run(settings, texts[:1], 1, 8)  # warm-up: grammar compilation, page cache
                for concurrency in args.concurrency:
                    row = {
                        "server": "llama-server",
                        "slots": slots,
                        **run(settings, texts, concurrency, args.max_tokens),
                    }
                    print(json.dumps(row), flush=True)
                    rows.append(row)
    if args.python_server:
        with local_server(args.model, threads=args.threads) as settings:
            run(settings, texts[:1], 1, 8)
            for concurrency in args.concurrency:
                row = {"server": "llama-cpp-python", "slots": 1, **run(settings, texts, concurrency, args.max_tokens)}
                print(json.dumps(row), flush=True)
                rows.append(row)

    out = Path(__file__).parent / "results" / "local_throughput.json"
    out.parent.mkdir(exist_ok=True)
    result = {
        "model": alias,
        "cpu_threads": args.threads,
        "cpu_count": os.cpu_count(),
        "max_tokens": args.max_tokens,
        "rows": rows,
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
