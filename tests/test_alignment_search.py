"""Quote repair's indexed search gives what the plain search over every start and every span end gives.

``plain_fuzzy_locate`` below is the first implementation (an LCS table per article word, no index, no pruning),
kept here as the oracle: the fast search must agree with it on every quote, snapped or refused.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

import pytest

from summarizer import alignment
from summarizer.alignment import (
    AMBIGUITY_MARGIN,
    FUZZY_THRESHOLD,
    MIN_COVERAGE,
    MIN_MATCHED_TOKENS,
    FuzzySpan,
    _is_negation,
    _is_number,
    fuzzy_locate,
)
from summarizer.arabic import normalize_text, same_word
from summarizer.article_index import article_index

CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"
_WORD = alignment._TOKEN


def _plain_best_window(matches: list[list[bool]], start: int, n: int) -> tuple[float, int]:
    best = (0.0, start)
    if not any(matches[start]):
        return best
    previous = [0] * (n + 1)
    for offset in range(min(len(matches) - start, 2 * n)):
        column, current = matches[start + offset], [0] * (n + 1)
        for j in range(n):
            current[j + 1] = previous[j] + 1 if column[j] else max(previous[j + 1], current[j])
        previous = current
        score = 2 * current[n] / (n + offset + 1)
        if score > best[0]:
            best = (score, start + offset)
    return best


def _plain_used(matches: list[list[bool]], first: int, last: int, n: int) -> set[int]:
    table = [[0] * (n + 1) for _ in range(last - first + 2)]
    for i in range(first, last + 1):
        row, above = table[i - first + 1], table[i - first]
        for j in range(n):
            row[j + 1] = above[j] + 1 if matches[i][j] else max(above[j + 1], row[j])
    used: set[int] = set()
    i, j = last - first + 1, n
    while i > 0 and j > 0:
        if matches[first + i - 1][j - 1] and table[i][j] == table[i - 1][j - 1] + 1:
            used.add(j - 1)
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return used


def plain_fuzzy_locate(quote: str, article: str) -> FuzzySpan | None:
    """The first implementation: every article word a start, every span end scored."""
    quote_tokens = _WORD.findall(normalize_text(quote))
    n = len(quote_tokens)
    if n < MIN_MATCHED_TOKENS:
        return None
    index = article_index(article)
    tokens = index.tokens
    agree = {(q, t): same_word(q, t) for q in set(quote_tokens) for t in index.words}
    matches = [[agree[q, t] for q in quote_tokens] for t in tokens]
    floor = FUZZY_THRESHOLD - AMBIGUITY_MARGIN
    candidates = []
    for start in range(len(tokens)):
        score, last = _plain_best_window(matches, start, n)
        if score >= floor:
            candidates.append((score, start, last))
    if not candidates:
        return None
    candidates.sort(key=lambda c: (-c[0], c[1]))
    score, first, last = candidates[0]
    if score < FUZZY_THRESHOLD:
        return None
    if any(
        s >= score - AMBIGUITY_MARGIN and (o_last < first or o_first > last) for s, o_first, o_last in candidates[1:]
    ):
        return None
    used = _plain_used(matches, first, last, n)
    if len(used) < MIN_MATCHED_TOKENS or len(used) / n < MIN_COVERAGE:
        return None
    if any((_is_number(t) or _is_negation(t)) for j, t in enumerate(quote_tokens) if j not in used):
        return None
    start, end = index.span(first, last)
    return FuzzySpan(start, end, round(score, 3))


def _articles() -> list[str]:
    return [json.loads(p.read_text(encoding="utf-8"))["article"] for p in sorted(CASES.glob("*.json"))]


def _edited_quotes(article: str, rng: random.Random, count: int) -> list[str]:
    """Runs of 4-47 article words with a word dropped, replaced, inserted, given a clitic, or three replaced."""
    words = article.split()
    quotes = []
    for _ in range(count):
        n = rng.randint(4, 47)
        i = rng.randint(0, max(0, len(words) - n))
        w = words[i : i + n]
        edit = rng.randint(0, 4)
        if edit == 0 and len(w) > 1:
            del w[rng.randrange(len(w))]
        elif edit == 1:
            w[rng.randrange(len(w))] = rng.choice(words)
        elif edit == 2:
            w.insert(rng.randrange(len(w) + 1), rng.choice(words))
        elif edit == 3:
            w[rng.randrange(len(w))] = "و" + w[rng.randrange(len(w))]
        else:
            for _ in range(3):
                w[rng.randrange(len(w))] = rng.choice(words)
        quotes.append(" ".join(w))
    return quotes


def test_the_indexed_search_agrees_with_the_plain_one_on_edited_quotes_of_every_article() -> None:
    rng = random.Random(23)
    compared = snapped = 0
    for article in _articles():
        for quote in _edited_quotes(article, rng, 2):
            fast, plain = fuzzy_locate(quote, article), plain_fuzzy_locate(quote, article)
            assert fast == plain, quote
            compared += 1
            snapped += fast is not None
    assert compared >= 80 and 0 < snapped < compared  # both outcomes are exercised


@pytest.mark.parametrize(
    ("quote", "article"),
    [
        ("قال قال قال قال قال", "قال قال قال قال قال قال قال قال قال قال"),  # every start ties
        ("قال قال قال قال قال", "وقال قال فقال قال بقال قال"),  # clitic forms everywhere
        ("أعلن الجيش أنه أسقط طائرة مسيرة", "أعلن الجيش أنه أسقط طائرة. أعلن الجيش أنه أسقط مسيرة. أعلن الجيش"),
        ("وذكرت المصادر أن أكثر من 10 صواريخ سقطت", "وأفادت مصادر محلية أن أكثر من 10 صواريخ سقطت على القاعدة"),
    ],
)
def test_the_indexed_search_agrees_on_repeats_and_ties(quote: str, article: str) -> None:
    assert fuzzy_locate(quote, article) == plain_fuzzy_locate(quote, article)


def test_work_past_the_cap_reports_the_quote_absent_fast() -> None:
    """400 near-copies of one sentence: every copy a candidate. The cap ends the search; the quote is absent."""
    words = _articles()[5].split()[:40]
    copies = []
    for i in range(400):
        edited = list(words)
        edited[i % 40] = f"كلمة{i % 7}"
        copies.append(" ".join(edited) + ".")
    article = " ".join(copies)
    quote = " ".join([*words[:5], "مختلفة", *words[6:]])
    article_index(article)
    started = time.process_time()
    assert fuzzy_locate(quote, article) is None
    assert time.process_time() - started < 0.5  # milliseconds in practice; seconds before the cap


def test_the_suites_quotes_need_well_under_the_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """Half the cap still repairs every edited quote of the suite as the plain search does."""
    monkeypatch.setattr(alignment, "MAX_REPAIR_STEPS", alignment.MAX_REPAIR_STEPS // 2)
    rng = random.Random(5)
    for article in _articles():
        for quote in _edited_quotes(article, rng, 1):
            assert fuzzy_locate(quote, article) == plain_fuzzy_locate(quote, article), quote


def test_the_article_index_cache_is_bounded_by_characters_and_keeps_the_recent(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import article_index as module

    cache = module._Cache(budget_chars=10_000)
    monkeypatch.setattr(module, "_cache", cache)
    articles = [f"({n}) " + "قال المتحدث إن الاجتماع انتهى. " * 100 for n in range(10)]  # ~3k characters each
    first = module.article_index(articles[0])
    assert module.article_index(articles[0]) is first  # the same article: the same index
    for text in articles[1:]:
        module.article_index(text)
    assert cache.chars <= 10_000 and articles[-1] in cache.entries and articles[0] not in cache.entries
