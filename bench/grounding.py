"""Grounding cost on a 100,000-character article (issue 12's bound): figures against a plain ``str.find``.

Rows, each timed in this process against its baseline in the same run:
- index: normalising and indexing the article once (cached per article; every quote of a digest reuses it);
- absent: one digest's worth of 24 quotes that are not in the article (the worst ordinary case: both the
  exact and the clitic pass run to the end), index already built;
- adversarial: one 40-word quote of a repeated word, against an article of that word repeated, with every
  40th word a near miss (a clitic form) so that the exact pass fails and the clitic pass has a candidate at
  every position;
- verify: the claim checker on the seed article's fixture digest.
Targets: absent digest <= 50 ms, adversarial quote <= 50 ms.

    .venv/bin/python bench/grounding.py
"""

from __future__ import annotations

import contextlib
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from summarizer.claims import verify
from summarizer.grounding import QuoteNotFound, _article_index, locate
from summarizer.schema import Digest

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8")
FIXTURE = ROOT / "tests" / "fixtures" / "reference_seed_digest_en.json"
SIZE = 100_000


def best_of(fn: Callable[[], object], runs: int = 7) -> float:
    """Median of ``runs`` timings, in milliseconds."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def long_article() -> str:
    """~100k characters of real Arabic news text: the seed article, each copy numbered so copies differ."""
    parts: list[str] = []
    n = 0
    while sum(map(len, parts)) < SIZE:
        parts.append(f"{SEED}\n(الجزء {n})\n")
        n += 1
    return "".join(parts)[:SIZE]


ABSENT = [f"قتل {n} جنود أميركيين في هجوم بطائرة مسيرة على قاعدة التنف في ريف حمص الشرقي" for n in range(12)] + [
    f"وأعلن الجيش الأردني إسقاط {n} طائرات مسيرة قادمة من الأراضي السورية" for n in range(12)
]


def absent_digest(article: str) -> None:
    for quote in ABSENT:
        with contextlib.suppress(QuoteNotFound):
            locate(quote, article)


def main() -> None:
    article = long_article()

    def index_fresh() -> None:
        _article_index.cache_clear()
        _article_index(article)

    index_ms = best_of(index_fresh, runs=3)
    _article_index(article)
    absent_ms = best_of(lambda: absent_digest(article))
    find_ms = best_of(lambda: [article.find(q) for q in ABSENT])

    words = ["قال"] * (SIZE // 4)
    for i in range(39, len(words), 40):
        words[i] = "وقال"  # a clitic form: the exact pass fails everywhere, the clitic pass matches it
    adversarial = " ".join(words)
    quote = " ".join(["قال"] * 39 + ["قالت"])  # absent: the last word never matches
    _article_index(adversarial)
    adversarial_ms = best_of(lambda: absent_digest_one(quote, adversarial))
    adversarial_find_ms = best_of(lambda: adversarial.find(quote))

    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    data.pop("_fixture")
    digest = Digest.model_validate(data, context={"article": SEED, "language": "en"})
    verify_ms = best_of(lambda: verify(digest, SEED))

    rows = [
        ("index the 100k-character article once", index_ms, None),
        ("24 absent quotes (one digest), index built", absent_ms, find_ms),
        ("1 adversarial repeated-word quote, index built", adversarial_ms, adversarial_find_ms),
        ("claim checker on the seed fixture digest (3.2k chars)", verify_ms, None),
    ]
    print(f"{'what':58} {'ms':>8} {'str.find ms':>12} {'ratio':>8}")
    for what, ms, base in rows:
        baseline = f"{base:12.3f}" if base is not None else " " * 12
        ratio = f"{ms / base:7.1f}x" if base else ""
        print(f"{what:58} {ms:8.2f} {baseline} {ratio}")
    absent_ok = "ok" if absent_ms <= 50 else "MISSED"
    adversarial_ok = "ok" if adversarial_ms <= 50 else "MISSED"
    print(f"targets: absent digest <= 50 ms ({absent_ok}), adversarial quote <= 50 ms ({adversarial_ok})")


def absent_digest_one(quote: str, article: str) -> None:
    with contextlib.suppress(QuoteNotFound):
        locate(quote, article)


if __name__ == "__main__":
    main()
