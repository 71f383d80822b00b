"""Quote repair's index-backed search against rapidfuzz (issue 23.1: "measure both"), CPU ms, medians.

On ``bench/grounding.py``'s 100,000-character article and quotes: ours (``alignment.fuzzy_locate`` on a built index)
against rapidfuzz's character-level best-window alignment (``fuzz.partial_ratio_alignment``) and its C token LCS
over every window a start could use (``LCSseq``; exact token equality, so it would still need our clitic rule,
per-end Dice scores and the ambiguity check on top). Needs ``pip install rapidfuzz`` (not a dependency).

    .venv/bin/python bench/repair_vs_rapidfuzz.py     (writes bench/results/repair_vs_rapidfuzz.json)
"""

from __future__ import annotations

import functools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import grounding as g  # noqa: E402

from summarizer.alignment import _TOKEN, fuzzy_locate  # noqa: E402
from summarizer.arabic import normalize_text  # noqa: E402
from summarizer.article_index import article_index, clear_cache  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "repair_vs_rapidfuzz.json"


def cpu_ms(fn: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.process_time()
        fn()
        times.append((time.process_time() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    article = g.long_article()
    norm_article = normalize_text(article)
    tokens = _TOKEN.findall(norm_article)
    quotes = {
        "47-word near-miss": g.near_miss(article),
        "near-miss, a number changed": g.near_miss(article, changed_number=True),
        "absent quote": g.ABSENT[0],
    }
    rows = {}
    for name, quote in quotes.items():
        norm_quote = normalize_text(quote)
        words = _TOKEN.findall(norm_quote)
        ids = {w: i for i, w in enumerate(dict.fromkeys(words))}
        article_ids = [ids.get(t, -1 - i) for i, t in enumerate(tokens)]
        quote_ids = [ids[w] for w in words]
        n = len(quote_ids)

        def windows(quote_ids: list[int] = quote_ids, article_ids: list[int] = article_ids, n: int = n) -> int:
            return max(
                (
                    LCSseq.similarity(quote_ids, article_ids[s : s + 2 * n])
                    for s in range(len(article_ids))
                    if article_ids[s] >= 0
                ),
                default=0,
            )

        def ours(quote: str = quote) -> float:
            clear_cache()
            g.built(article)
            index = article_index(article)
            started = time.process_time()
            fuzzy_locate(quote, article, index)
            return (time.process_time() - started) * 1000

        rows[name] = {
            "ours_ms": statistics.median(ours() for _ in range(5)),
            "rapidfuzz_partial_ratio_alignment_ms": cpu_ms(
                functools.partial(fuzz.partial_ratio_alignment, norm_quote, norm_article)
            ),
            "rapidfuzz_lcsseq_windows_ms": cpu_ms(windows, runs=3),
        }
        r = rows[name]
        print(
            f"{name:28} ours {r['ours_ms']:7.2f} ms | rapidfuzz partial_ratio_alignment "
            f"{r['rapidfuzz_partial_ratio_alignment_ms']:7.2f} ms | "
            f"rapidfuzz LCSseq windows {r['rapidfuzz_lcsseq_windows_ms']:7.2f} ms"
        )
    load = round(os.getloadavg()[0], 2)
    print(f"load average (1 min) {load}")
    RESULTS.write_text(json.dumps({"load_avg_1m": load, "rows": rows}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
