"""Articles per hour through summarizer on a local model: parallel slots x client concurrency.

llama-cpp-python's server (what ``--local`` ran before) answers one request at a time (a global lock), so
client concurrency cannot help there. llama.cpp's own ``llama-server`` (what ``--local`` runs now, built by
``scripts/setup.sh dev,local``) has parallel slots: N sequences decoded in one batch, each slot with its own
context. Each cell ``SxC`` starts ``local_server(model, slots=S)`` and sends the articles through
``asummarize_many(..., concurrency=C)``, the path ``summarizer batch --local`` takes, with the prompt
``--local`` uses. ``python`` is llama-cpp-python's server at C = 1.

Every article is one request (``--max-reasks 0`` by default) with the real answer length (up to
--max-tokens), so a run measures serving throughput, not quality. The articles are the suite's first N cases,
distinct, summarised in one language (--lang), as a batch does. Nothing is tuned on them.
Run on a quiet machine:
  .venv/bin/python bench/local_throughput.py --model qwen2.5-1.5b --articles 8 --cells 1x1 4x4
Results: bench/results/local_throughput.json (--out to keep another run beside it)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from local_server_tools import EVAL_LINE, PROMPT_LINE, server_options  # type: ignore[import-not-found]

from summarizer.api import ItemError, asummarize_many
from summarizer.evals.cases import load_cases
from summarizer.local import local_server
from summarizer.models import MODELS, default_local_prompt, pull
from summarizer.settings import ProviderSettings

ROOT = Path(__file__).resolve().parent.parent


def server_timings(log_text: str, answers: int) -> dict[str, float]:
    """Reading prompts and writing answers apart, per answer, from the server's timing lines: what the issue
    asks to see beside the whole answer's seconds (the rest is the client and HTTP)."""
    prompt = [(float(ms), int(n)) for ms, n in PROMPT_LINE.findall(log_text)]
    written = [(float(ms), int(n)) for ms, n in EVAL_LINE.findall(log_text)]
    if not prompt or not written or not answers:
        return {}
    return {
        "requests": len(prompt),
        "prompt_s_per_answer": round(sum(ms for ms, _ in prompt) / 1000 / answers, 2),
        "prompt_tokens_read_per_s": round(sum(n for _, n in prompt) / (sum(ms for ms, _ in prompt) / 1000), 1),
        "generation_s_per_answer": round(sum(ms for ms, _ in written) / 1000 / answers, 2),
        "generated_tokens_per_s": round(sum(n for _, n in written) / (sum(ms for ms, _ in written) / 1000), 1),
    }


def run(settings: ProviderSettings, texts: list[str], concurrency: int, args: argparse.Namespace) -> dict[str, Any]:
    settings = settings.with_overrides(
        max_output_tokens=args.max_tokens,
        max_reasks=args.max_reasks,
        max_transient_attempts=1,
        request_timeout_s=7200.0,
        time_budget_s=7200.0,
    )
    load = os.getloadavg()[0]
    started = time.perf_counter()
    results = asyncio.run(
        asummarize_many(texts, args.lang, settings=settings, prompt_version=args.prompt, concurrency=concurrency)
    )
    seconds = time.perf_counter() - started
    completion = 0
    for result in results:
        usage = result.usage if isinstance(result, ItemError) else result.run.usage if result.run else None
        completion += usage.completion_tokens if usage else 0
    return {
        "concurrency": concurrency,
        "articles": len(texts),
        "seconds": round(seconds, 1),
        "articles_per_hour": round(3600 * len(texts) / seconds, 1),
        "completion_tokens": completion,
        "completion_tokens_per_s": round(completion / seconds, 1),
        "error_codes": sorted({r.code for r in results if isinstance(r, ItemError)}),
        "load_average_1min_at_start": round(load, 2),
        "load_average_1min_at_end": round(os.getloadavg()[0], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--articles", type=int, default=8)
    parser.add_argument("--prompt", help="prompt version (default: what --local uses for --lang)")
    parser.add_argument("--lang", choices=["en", "ar"], default="en", help="summary language (as batch --lang)")
    parser.add_argument("--max-tokens", type=int, default=1500)
    parser.add_argument("--max-reasks", type=int, default=0)
    parser.add_argument("--cells", nargs="+", default=["1x1", "4x4"], help="SLOTSxCONCURRENCY, or 'python'")
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "local_throughput.json")
    parser.add_argument(
        "--server-option",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a llama-server setting over summarizer.local.model_options' (long flag name), to time a change",
    )
    args = parser.parse_args()
    with server_options(dict(option.split("=", 1) for option in args.server_option)):
        measure(args)


def measure(args: argparse.Namespace) -> None:
    args.prompt = args.prompt or default_local_prompt(args.lang)
    if args.model in MODELS:
        pull(args.model)
    cases = load_cases(ROOT / "evals" / "cases")
    texts = [case.article for case in cases[: args.articles]]
    warmup = [cases[-1].article]  # not measured

    rows: list[dict[str, Any]] = []
    for cell in args.cells:
        log = Path(tempfile.gettempdir()) / f"bench-local-throughput-{os.getpid()}-{cell}.log"
        if cell == "python":
            server, slots, concurrency = "llama-cpp-python", 1, 1
            context = local_server(args.model, threads=args.threads, backend="llama-cpp-python", log_path=log)
        else:
            slots, concurrency = (int(x) for x in cell.split("x"))
            server = "llama-server"
            context = local_server(args.model, slots=slots, threads=args.threads, backend="llama-server", log_path=log)
        with context as settings:
            quick = argparse.Namespace(**{**vars(args), "max_tokens": 8, "max_reasks": 0})
            run(settings, warmup, 1, quick)  # grammar compilation, page cache, the shared prompt prefix
            time.sleep(0.5)  # the server logs a request's timings after answering it
            before = len(log.read_text(errors="replace"))
            row = {"server": server, "slots": slots, **run(settings, texts, concurrency, args)}
            time.sleep(0.5)
            row["server_timings"] = server_timings(log.read_text(errors="replace")[before:], len(texts))
        log.unlink(missing_ok=True)
        print(json.dumps(row), flush=True)
        rows.append(row)

    base = next((r for r in rows if r["slots"] == 1 and r["concurrency"] == 1 and r["server"] == "llama-server"), None)
    for row in rows:
        if base:
            row["ratio_to_one_slot_sequential"] = round(row["articles_per_hour"] / base["articles_per_hour"], 2)
    out: Path = args.out
    out.parent.mkdir(exist_ok=True)
    result = {
        "model": args.model,
        "prompt_version": args.prompt,
        "lang": args.lang,
        "max_tokens": args.max_tokens,
        "max_reasks": args.max_reasks,
        "cpu_threads": args.threads,
        "cpu_count": os.cpu_count(),
        "server_options": args.server_option,
        "rows": rows,
    }
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
