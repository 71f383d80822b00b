"""Prompt and generation time per answer on a local model, with and without llama.cpp's prompt cache.

Every article's request starts with the same system prompt (instructions, event taxonomy), then the article,
then a short instruction. llama-server keeps each slot's last prompt in its KV cache (``cache_prompt``, its
default), so the next article's request reads only what follows the shared prefix. This measures that:

- ``llama-server, cache off``: ``cache_prompt: false`` on every request (every prompt token is read);
- ``llama-server, cache on``: the default, after one warm-up request with another article;
- ``llama-cpp-python`` (what ``--local`` ran before): its own server, one slot, sequential requests (it reuses
  the previous request's common prefix too); its prompt and generation times come from its log.

Same process, same distinct articles (the suite's cases, languages alternating), same request bodies as
``summarize --local`` sends (``client.request_body``), full answers (greedy, up to --max-tokens). llama-server
reports its own timings per request (``prompt_n``/``prompt_ms``, ``predicted_n``/``predicted_ms``,
``cache_n``). Nothing is tuned on these cases: it is a timing, not a quality, benchmark.
Run on a quiet machine (see /work/TEAM.md's quiet protocol):
  .venv/bin/python bench/local_prompt_cache.py --model qwen2.5-1.5b --articles 4
Results: bench/results/local_prompt_cache.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx
from local_server_tools import EVAL_LINE, PROMPT_LINE  # type: ignore[import-not-found]

from summarizer.client import request_body
from summarizer.evals.cases import load_cases
from summarizer.local import local_server
from summarizer.models import MODELS, default_local_prompt, pull
from summarizer.prompts import get_version
from summarizer.schema import Language
from summarizer.settings import ProviderSettings

ROOT = Path(__file__).resolve().parent.parent


def body_for(settings: ProviderSettings, article: str, language: Language, version: str) -> dict[str, Any]:
    """The first request ``summarize --local`` sends: for prompt v3 in English, the Arabic answer it translates."""
    prompt = get_version(version)
    language = prompt.answer_language(language)
    model = prompt.response_model_for(language)
    return request_body(settings, prompt.messages(article, language), model, article)


def ask(settings: ProviderSettings, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = httpx.post(f"{settings.base_url}/chat/completions", json=body, timeout=3600)
    response.raise_for_status()
    return time.perf_counter() - started, response.json()


def row(label: str, index: int, language: str, seconds: float, answer: dict[str, Any]) -> dict[str, Any]:
    timings = answer.get("timings") or {}
    return {
        "server": label,
        "article": index,
        "language": language,
        "seconds": round(seconds, 2),
        "prompt_tokens": answer["usage"]["prompt_tokens"],
        "completion_tokens": answer["usage"]["completion_tokens"],
        "prompt_read": timings.get("prompt_n"),
        "prompt_cached": timings.get("cache_n"),
        "prompt_s": round(timings["prompt_ms"] / 1000, 2) if "prompt_ms" in timings else None,
        "generation_s": round(timings["predicted_ms"] / 1000, 2) if "predicted_ms" in timings else None,
    }


def llama_server_rows(
    model: str, jobs: list[tuple[int, str, Language]], version: str, max_tokens: int, warmup: str
) -> list[dict[str, Any]]:
    rows = []
    with local_server(model, slots=1, backend="llama-server") as settings:
        settings = settings.with_overrides(max_output_tokens=max_tokens)
        for cache in (False, True):
            label = f"llama-server, cache {'on' if cache else 'off'}"
            ask(settings, {**body_for(settings, warmup, "en", version), "max_tokens": 1, "cache_prompt": cache})
            for index, article, language in jobs:
                body = {**body_for(settings, article, language, version), "cache_prompt": cache}
                seconds, answer = ask(settings, body)
                rows.append(row(label, index, language, seconds, answer))
                print(json.dumps(rows[-1]), flush=True)
    return rows


def python_server_rows(
    model: str, jobs: list[tuple[int, str, Language]], version: str, max_tokens: int, warmup: str
) -> list[dict[str, Any]]:
    rows = []
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"bench-llama-cpp-python-{os.getpid()}.log"
    with local_server(model, backend="llama-cpp-python", log_path=log) as settings:
        settings = settings.with_overrides(max_output_tokens=max_tokens)
        ask(settings, {**body_for(settings, warmup, "en", version), "max_tokens": 1})
        for index, article, language in jobs:
            before = len(log.read_text(errors="replace"))
            seconds, answer = ask(settings, body_for(settings, article, language, version))
            time.sleep(0.5)  # the server logs its perf lines after answering
            text = log.read_text(errors="replace")[before:]
            prompt, generation = PROMPT_LINE.search(text), EVAL_LINE.search(text)  # the log's perf lines
            result = row("llama-cpp-python", index, language, seconds, answer)
            if prompt and generation:
                result |= {
                    "prompt_read": int(prompt.group(2)),
                    "prompt_s": round(float(prompt.group(1)) / 1000, 2),
                    "generation_s": round(float(generation.group(1)) / 1000, 2),
                }
            rows.append(result)
            print(json.dumps(rows[-1]), flush=True)
    return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, float | None]]:
    out: dict[str, dict[str, float | None]] = {}
    for label in dict.fromkeys(r["server"] for r in rows):
        mine = [r for r in rows if r["server"] == label]

        def median(key: str, rows: list[dict[str, Any]] = mine) -> float | None:
            values = [r[key] for r in rows if r.get(key) is not None]
            return round(statistics.median(values), 2) if values else None

        out[label] = {
            "seconds": median("seconds"),
            "prompt_s": median("prompt_s"),
            "generation_s": median("generation_s"),
            "prompt_tokens": median("prompt_tokens"),
            "prompt_read": median("prompt_read"),
            "completion_tokens": median("completion_tokens"),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--articles", type=int, default=4)
    parser.add_argument("--prompt", default=default_local_prompt("en"))
    parser.add_argument("--max-tokens", type=int, default=1500)
    parser.add_argument("--skip-python-server", action="store_true")
    args = parser.parse_args()
    if args.model in MODELS:
        pull(args.model)
    cases = load_cases(ROOT / "evals" / "cases")
    warmup = cases[-1].article  # not measured
    jobs: list[tuple[int, str, Language]] = [
        (i, case.article, "en" if i % 2 == 0 else "ar") for i, case in enumerate(cases[: args.articles])
    ]
    load_before = os.getloadavg()
    rows = llama_server_rows(args.model, jobs, args.prompt, args.max_tokens, warmup)
    if not args.skip_python_server:
        rows += python_server_rows(args.model, jobs, args.prompt, args.max_tokens, warmup)
    result = {
        "model": args.model,
        "prompt_version": args.prompt,
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "summary": summary(rows),
        "rows": rows,
    }
    out = ROOT / "bench" / "results" / "local_prompt_cache.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["summary"], indent=2))


if __name__ == "__main__":
    main()
