"""Prompt and generation time per answer under llama-server settings that could make a local answer faster.

Issue 23 asks for a local answer in <= 15 s on 2 idle cores. About a third of an answer is reading the article
(prompt eval), the rest writing it. llama-server's CPU settings that can change either without changing the
model: flash attention (``--flash-attn``, "auto" by default), the physical batch (``--ubatch-size``, how many
prompt tokens one matrix pass reads), the busy-wait of idle threads (``--poll``) and the KV cache's type.

Each setting starts its own server (one slot, the threads ``--local`` uses) with ``summarizer.local.model_options``
plus the setting's flags, reads one warm-up article (not measured, so the shared system prompt is cached, as in a
batch), then sends the same distinct articles with the same request bodies ``summarize --local`` sends first
(greedy, full answers) and keeps llama-server's own timings (``prompt_n``/``prompt_ms``,
``predicted_n``/``predicted_ms``). Settings run in turn, twice, in alternating order (ABBA), so a drift in the
machine's speed lands on all of them. Greedy answers can differ when a setting changes the arithmetic's order
(flash attention does); completion tokens are reported per setting, and time per token is the figure to compare.

Run on a quiet machine: .venv/bin/python bench/local_server_flags.py --model qwen2.5-0.5b --lang ar --articles 6
Results: bench/results/local_server_flags.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
from pathlib import Path
from typing import Any

from local_prompt_cache import ask, body_for, row  # type: ignore[import-not-found]
from local_server_tools import server_options  # type: ignore[import-not-found]

from summarizer.evals.cases import load_cases
from summarizer.local import local_server
from summarizer.models import MODELS, default_local_prompt, pull
from summarizer.schema import Language

ROOT = Path(__file__).resolve().parent.parent
SETTINGS: dict[str, dict[str, str]] = {
    "default": {},
    "flash-attn off": {"flash-attn": "off"},
    "flash-attn on": {"flash-attn": "on"},
    "ubatch 128": {"ubatch-size": "128"},
    "poll 0": {"poll": "0"},
    "kv q8_0": {"flash-attn": "on", "cache-type-k": "q8_0", "cache-type-v": "q8_0"},
}


def run_setting(
    label: str, model: str, articles: list[str], language: Language, version: str, max_tokens: int, warmup: str
) -> list[dict[str, Any]]:
    with server_options(SETTINGS[label]), local_server(model, slots=1, backend="llama-server") as settings:
        settings = settings.with_overrides(max_output_tokens=max_tokens)
        ask(settings, {**body_for(settings, warmup, language, version), "max_tokens": 1})
        rows = []
        for index, article in enumerate(articles):
            seconds, answer = ask(settings, body_for(settings, article, language, version))
            rows.append(row(label, index, language, seconds, answer))
            print(json.dumps(rows[-1]), flush=True)
        return rows


def summary(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out = {}
    for label in dict.fromkeys(r["server"] for r in rows):
        mine = [r for r in rows if r["server"] == label]
        prompt_s = sum(r["prompt_s"] for r in mine)
        generation_s = sum(r["generation_s"] for r in mine)
        out[label] = {
            "answers": len(mine),
            "seconds_per_answer": round(statistics.mean(r["seconds"] for r in mine), 2),
            "prompt_s_per_answer": round(prompt_s / len(mine), 2),
            "generation_s_per_answer": round(generation_s / len(mine), 2),
            "prompt_tokens_per_s": round(sum(r["prompt_read"] for r in mine) / prompt_s, 1),
            "generated_tokens_per_s": round(sum(r["completion_tokens"] for r in mine) / generation_s, 1),
            "completion_tokens": sum(r["completion_tokens"] for r in mine),
        }
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-0.5b")
    parser.add_argument("--lang", default="ar", choices=["ar", "en"])
    parser.add_argument("--articles", type=int, default=6)
    parser.add_argument("--prompt", default=None, help="default: what --local uses for --lang")
    parser.add_argument("--max-tokens", type=int, default=1500)
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "local_server_flags.json")
    args = parser.parse_args()
    if args.model in MODELS:
        pull(args.model)
    version = args.prompt or default_local_prompt(args.lang)
    cases = load_cases(ROOT / "evals" / "cases")
    warmup = cases[-1].article  # not measured
    articles = [case.article for case in cases[: args.articles]]
    load_before = os.getloadavg()
    rows: list[dict[str, Any]] = []
    order = [*args.settings, *reversed(args.settings)]
    for label in order:
        rows += run_setting(label, args.model, articles, args.lang, version, args.max_tokens, warmup)
    result = {
        "model": args.model,
        "prompt_version": version,
        "lang": args.lang,
        "order": order,
        "cpu_count": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "summary": summary(rows),
        "rows": rows,
    }
    args.out.parent.mkdir(exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(result["summary"], indent=2))


if __name__ == "__main__":
    main()
