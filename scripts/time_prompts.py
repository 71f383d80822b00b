"""Prompt versions timed against each other on one live server, interleaved, per request and per article.

Why: recorded latencies come from different sessions, servers and loads; a ratio is only honest when both sides
run in one process on one server, alternating. For each case and language this runs every prompt version once
(the order alternates between cases), through ``asummarize`` with each version's recording settings, and logs
every request's wall time and completion tokens (from the response's usage block). Prints medians per version
and language, and the median of the per-article ratios. No recording is written.

  python scripts/time_prompts.py BASE_URL MODEL --case 001_... --case ... [--prompt v2:0 --prompt v3:1]
      (PROMPT:MAX_REASKS; the load average is printed before and after: state it beside any figure)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any

import httpx

from summarizer.api import asummarize
from summarizer.client import make_async_client
from summarizer.errors import SummarizerError
from summarizer.evals.cases import load_cases
from summarizer.settings import ProviderSettings


class Timed(httpx.AsyncBaseTransport):
    """An httpx transport that notes each request's wall time and the completion tokens it was answered with."""

    def __init__(self) -> None:
        self.inner = httpx.AsyncHTTPTransport()
        self.log: list[tuple[float, int]] = []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        started = time.monotonic()
        response = await self.inner.handle_async_request(request)
        body = await response.aread()
        seconds = time.monotonic() - started
        try:
            tokens = int((json.loads(body).get("usage") or {}).get("completion_tokens") or 0)
        except ValueError:
            tokens = 0
        self.log.append((seconds, tokens))
        return httpx.Response(response.status_code, headers=response.headers, content=body, request=request)


async def one(article: str, language: str, prompt: str, settings: ProviderSettings) -> dict[str, Any]:
    transport = Timed()
    started = time.monotonic()
    outcome = "ok"
    async with httpx.AsyncClient(transport=transport, timeout=settings.request_timeout_s) as http:
        client = make_async_client(settings, http_client=http)
        try:
            digest = await asummarize(article, language, settings=settings, prompt_version=prompt, client=client)  # type: ignore[arg-type]
            outcome = digest.run.status if digest.run else "ok"
        except SummarizerError as exc:
            outcome = exc.code
    return {
        "prompt": prompt,
        "language": language,
        "outcome": outcome,
        "article_s": round(time.monotonic() - started, 2),
        "requests": [{"s": round(s, 2), "completion_tokens": t} for s, t in transport.log],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("base_url")
    parser.add_argument("model")
    parser.add_argument("--case", action="append", required=True)
    parser.add_argument("--lang", action="append", default=None)
    parser.add_argument("--prompt", action="append", default=None, help="VERSION:MAX_REASKS")
    parser.add_argument("--out", type=Path, default=Path("bench/results/time_prompts.jsonl"))
    args = parser.parse_args()
    prompts = [(p.split(":")[0], int(p.split(":")[1])) for p in (args.prompt or ["v2:0", "v3:1"])]
    languages = args.lang or ["en", "ar"]
    cases = [c for c in load_cases(Path("evals/cases")) if c.id in set(args.case)]
    print(f"load average before: {os.getloadavg()}")
    rows: list[dict[str, Any]] = []
    for n, case in enumerate(cases):
        for language in languages:
            order = prompts if n % 2 == 0 else list(reversed(prompts))
            for prompt, reasks in order:
                settings = ProviderSettings(
                    model=args.model, base_url=args.base_url, api_key="local", mode="json_object",
                    max_output_tokens=1500, max_reasks=reasks, request_timeout_s=2400, time_budget_s=2400,
                )  # fmt: skip
                row = {"case": case.id, **asyncio.run(one(case.article, language, prompt, settings))}
                rows.append(row)
                print(json.dumps(row), flush=True)
    print(f"load average after: {os.getloadavg()}")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    summarise(rows, prompts, languages, [c.id for c in cases])


def summarise(rows: list[dict[str, Any]], prompts: list[tuple[str, int]], languages: list[str], ids: list[str]) -> None:
    """Medians per version and language; the median of per-case ratios between two versions."""
    med = statistics.median
    for language in languages:
        for prompt, _ in prompts:
            mine = [r for r in rows if r["prompt"] == prompt and r["language"] == language]
            first = [r["requests"][0] for r in mine if r["requests"]]
            tokens = [sum(q["completion_tokens"] for q in r["requests"]) for r in mine]
            print(
                f"{language} {prompt}: n = {len(mine)}; first answer median {med(q['s'] for q in first):.1f} s, "
                f"{med(q['completion_tokens'] for q in first)} tokens; article median "
                f"{med(r['article_s'] for r in mine):.1f} s, {med(tokens)} tokens"
            )
        if len(prompts) == 2:
            (a, _), (b, _) = prompts
            by = {(r["case"], r["prompt"]): r for r in rows if r["language"] == language}
            pairs = [(by[(i, a)], by[(i, b)]) for i in ids if (i, a) in by and (i, b) in by]
            if pairs:
                first = med(y["requests"][0]["s"] / x["requests"][0]["s"] for x, y in pairs)
                article = med(y["article_s"] / x["article_s"] for x, y in pairs)
                print(f"{language} {b}/{a}: median per-case ratio, first answer {first:.2f}, article {article:.2f}")


if __name__ == "__main__":
    main()
