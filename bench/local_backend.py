"""Seconds per article and tokens/s: summarizer's path vs llama.cpp called directly, same prompt, same process.

ours   = instructor + openai SDK + HTTP + llama-cpp-python's server (what `summarize --local` does)
direct = llama_cpp.Llama.create_chat_completion in this process, same messages, same JSON-schema grammar

Each request carries a fresh nonce at the start of the system message so neither side profits from
llama.cpp's prompt-prefix cache. Prompt throughput is measured with max_tokens=1; generation throughput is
(completion tokens) / (total time - prompt time).
Run: .venv/bin/python bench/local_backend.py [--runs N] [--model NAME|PATH]. Needs the [local] extra.
Results: bench/results/local_backend.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
import uuid
from pathlib import Path
from typing import Any

from llama_cpp import Llama

from summarizer.client import make_async_client, structured_call
from summarizer.errors import ModelOutputInvalid
from summarizer.local import DEFAULT_CONTEXT, local_server
from summarizer.models import MODELS, pull, resolve
from summarizer.prompts import get_version
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8")


def fresh_messages() -> list[dict[str, str]]:
    messages = get_version().messages(ARTICLE, "en")
    messages[0]["content"] = f"[run {uuid.uuid4().hex}]\n" + messages[0]["content"]
    return messages


def ours(settings: ProviderSettings, max_tokens: int) -> tuple[float, int, int]:
    """One request through summarizer's client; returns (seconds, prompt tokens, completion tokens)."""
    settings = settings.with_overrides(max_output_tokens=max_tokens, max_reasks=0)
    started = time.perf_counter()
    try:
        _, outcome = asyncio.run(
            structured_call(make_async_client(settings), settings, fresh_messages(), Digest, {"language": "en"})
        )
        usage = outcome.usage
    except ModelOutputInvalid as failure:  # the 270M model's answers rarely validate; the work was done
        usage = failure.usage
    return time.perf_counter() - started, usage.prompt_tokens, usage.completion_tokens


def direct(llm: Llama, max_tokens: int) -> tuple[float, int, int]:
    schema = Digest.model_json_schema()
    started = time.perf_counter()
    response: Any = llm.create_chat_completion(
        messages=fresh_messages(),  # type: ignore[arg-type]
        response_format={"type": "json_object", "schema": schema},
        max_tokens=max_tokens,
        temperature=0.0,
    )
    usage = response["usage"]
    return time.perf_counter() - started, usage["prompt_tokens"], usage["completion_tokens"]


def summarise(
    name: str, prompt_runs: list[tuple[float, int, int]], full_runs: list[tuple[float, int, int]]
) -> dict[str, float]:
    prompt_s = statistics.median(r[0] for r in prompt_runs)
    prompt_tokens = statistics.median(r[1] for r in prompt_runs)
    total_s = statistics.median(r[0] for r in full_runs)
    completion = statistics.median(r[2] for r in full_runs)
    return {
        "seconds_per_article": round(total_s, 2),
        "prompt_tokens": prompt_tokens,
        "completion_tokens": completion,
        "prompt_tokens_per_s": round(prompt_tokens / prompt_s, 1),
        "generation_tokens_per_s": round(completion / max(total_s - prompt_s, 1e-6), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=2)
    parser.add_argument("--max-tokens", type=int, default=256)
    parser.add_argument("--model", default="gemma3-270m", help="a name from `summarizer models` or a GGUF path")
    args = parser.parse_args()
    threads = os.cpu_count() or 2
    if args.model in MODELS:
        pull(args.model)
    gguf, known = resolve(args.model)

    with local_server(args.model, threads=threads) as settings:
        ours_prompt = [ours(settings, 1) for _ in range(args.runs)]
        ours_full = [ours(settings, args.max_tokens) for _ in range(args.runs)]
    llm = Llama(model_path=str(gguf), n_ctx=DEFAULT_CONTEXT, n_threads=threads, verbose=False)
    direct_prompt = [direct(llm, 1) for _ in range(args.runs)]
    direct_full = [direct(llm, args.max_tokens) for _ in range(args.runs)]

    result = {
        "model": known.alias if known else gguf.stem,
        "cpu_threads": threads,
        "runs": args.runs,
        "max_tokens": args.max_tokens,
        "ours": summarise("ours", ours_prompt, ours_full),
        "direct": summarise("direct", direct_prompt, direct_full),
    }
    result["ratio_ours_over_direct_seconds"] = round(
        result["ours"]["seconds_per_article"] / result["direct"]["seconds_per_article"], 3
    )
    out = Path(__file__).parent / "results" / "local_backend.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
