"""Quote repair: snap a near-verbatim quote to the one article span it clearly comes from.

Small models copy quotes *almost* verbatim: «وذكرت المصادر أن أكثر من 10 صواريخ» where
the article says «وأفادت مصادر محلية أن أكثر من 10 صواريخ». Exact and clitic-aware
grounding (``summarizer.grounding``) rightly refuse that. This module is the last,
most lenient pass, modelled on langextract's resolver (statuses MATCH_EXACT /
MATCH_FUZZY, a token-overlap ratio against sliding windows of the source), with
stricter conditions because a wrong snap would put words in a source's mouth:

- *high overlap*: Dice similarity ``2·M / (len(quote) + len(span))`` of at least
  ``FUZZY_THRESHOLD``, and at least ``MIN_COVERAGE`` of the quote's tokens matched,
  where M is the longest common subsequence of tokens (tokens agree when equal after
  stripping attached clitics, as in ``arabic.same_word``);
- *in order*: M counts tokens matched in the same order (a subsequence);
- *long enough*: at least ``MIN_MATCHED_TOKENS`` matched tokens;
- *numbers kept*: a quote token holding a digit or a number word must be matched
  («ثمانية» never snaps onto «ثلاثة»);
- *negations kept*: a quote token that negates or denies («لم», «تنفي») must be matched, or the
  repaired quote would assert what the source denies;
- *unambiguous*: no second, non-overlapping span of the article scores within
  ``AMBIGUITY_MARGIN`` of the best one.

The span returned starts and ends on matched tokens and is the article's text, not
the model's; it is marked ``fuzzy`` with its similarity so a reader (and the claim
checker) can tell a repaired quote from a copied one.

Cost: the article is indexed once (``summarizer.article_index``); the search starts only at article words
that match some quote word, visits only such words, skips every start whose best possible score (from how
many matching words its window holds) cannot matter, and scores a window with a bit-parallel LCS (one
integer per quote). Its work is capped (``MAX_REPAIR_STEPS``): a quote that needs more is not repaired.
The result is the one the plain search over every start and every window end gives (tests compare them).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import itemgetter

from summarizer.arabic import clitic_parses, normalize_text
from summarizer.article_index import ArticleIndex, article_index

FUZZY_THRESHOLD = 0.8
MIN_COVERAGE = 0.85
MIN_MATCHED_TOKENS = 4
AMBIGUITY_MARGIN = 0.1
# Work per quote: article positions looked at, candidate starts and window words scored. The suite's quotes, its
# key-fact quotes against every article and thousands of edited copies of its sentences need under 6,000 (tested);
# a quote past the cap is reported absent (not repaired), never guessed. A few ms of CPU at the cap.
MAX_REPAIR_STEPS = 12_000
_TOKEN = re.compile(r"\w+")  # as grounding: spans start and end on word boundaries


@dataclass(frozen=True)
class FuzzySpan:
    """Where a repaired quote stands in the original article: [start, end), and how close it was."""

    start: int
    end: int
    similarity: float
    match: str = "fuzzy"


_NUMBER_WORDS = frozenset(
    normalize_text(word)
    for word in (  # noqa: SIM905 - one readable block of words
        "واحد واحدة اثنان اثنين اثنتان اثنتين ثلاث ثلاثة أربع أربعة خمس خمسة ست ستة سبع سبعة ثماني ثمانية "
        "تسع تسعة عشر عشرة عشرات عشرون عشرين ثلاثون ثلاثين أربعون أربعين خمسون خمسين ستون ستين سبعون سبعين "
        "ثمانون ثمانين تسعون تسعين مئة مائة مئات مئتين مائتين ألف آلاف ألفين مليون ملايين نصف ربع"
    ).split()
)


# Negation and denial words (normalised; و ف may be attached): as in ``claims.polarity``, which imports
# grounding and so cannot be imported here.
_NEGATION = re.compile(
    r"[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|عدم|دون|بدون|نفي|نفت|نفوا|ينفي|تنفي|ينفون|نافيا|نافيه"
    r"|نفاه|نفاها|نفته|نفتها|نفوه|ينفيه|تنفيه)"
)


def _is_negation(token: str) -> bool:
    return _NEGATION.fullmatch(normalize_text(token)) is not None


def _forms(token: str) -> set[str]:
    """Every stem a token may have (itself first): candidates for ``arabic.same_word``, which decides."""
    return {stem for _, stem in clitic_parses(token)}


def _is_number(token: str) -> bool:
    return any(c.isdigit() for c in token) or any(f in _NUMBER_WORDS for f in _forms(token))


def _matched_quote_tokens(rows: dict[int, int], window: list[int], n_quote: int) -> set[int]:
    """Which quote tokens the longest common subsequence with an article span uses (the usual DP traceback).

    ``window`` lists the span's positions whose words match some quote word, ``rows`` their masks. A word that
    matches nothing adds a DP row equal to the one above, which the traceback passes straight up, so such
    rows are left out: the tokens found are the ones the full table gives.
    """
    matches = [[bool(rows[i] >> j & 1) for j in range(n_quote)] for i in window]
    table = [[0] * (n_quote + 1) for _ in range(len(matches) + 1)]
    for i, row in enumerate(matches):
        current, above = table[i + 1], table[i]
        for j in range(n_quote):
            current[j + 1] = above[j] + 1 if row[j] else max(above[j + 1], current[j])
    used: set[int] = set()
    i, j = len(matches), n_quote
    while i > 0 and j > 0:
        if matches[i - 1][j - 1] and table[i][j] == table[i - 1][j - 1] + 1:
            used.add(j - 1)
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return used


def _best_window(rows: dict[int, int], hits: list[int], k: int, n_quote: int) -> tuple[float, int, int]:
    """Best (similarity, last position) over spans starting at ``hits[k]``, and how many words it scored.

    A span may run for ``2 * n_quote`` article words. Its LCS with the quote grows only at words that match
    some quote word, so only those are visited (a word that matches nothing lengthens the span and lowers
    the score, so the best span ends on a match), and the LCS is the bit-parallel one: a bit per quote
    token, zero where the LCS has used it (Hyyrö 2004).
    """
    start = hits[k]
    limit = start + 2 * n_quote
    full = (1 << n_quote) - 1
    vector, best, last, m = full, 0.0, start, k
    while m < len(hits) and hits[m] < limit:
        position = hits[m]
        matched = vector & rows[position]
        vector = ((vector + matched) | (vector - matched)) & full
        score = 2 * (n_quote - vector.bit_count()) / (n_quote + position - start + 1)
        if score > best:
            best, last = score, position
        m += 1
    return best, last, m - k


def _bound(c: int, n_quote: int) -> float:
    """The best similarity a span could reach with ``c`` quote-matching words among its first ``2 * n_quote``: all
    of them matched with no gap between (at most ``n_quote`` count)."""
    c = min(c, n_quote)
    return 2 * c / (n_quote + c)


def _promising_starts(hits: list[int], n_quote: int, floor: float) -> list[int]:
    """Indexes k of the starts ``hits[k]`` whose window holds enough quote-matching words to reach ``floor``."""
    need = next((c for c in range(1, n_quote + 1) if _bound(c, n_quote) >= floor), n_quote + 1)
    reach = 2 * n_quote
    # hits[k + need - 1] inside the window of hits[k]: at least ``need`` matching words there (C-speed filter)
    return [k for k, (a, b) in enumerate(zip(hits, hits[need - 1 :], strict=False)) if b - a < reach]


def _by_bound(hits: list[int], starts: list[int], n_quote: int) -> list[tuple[float, int]]:
    """(bound, k) for each start, best bound first, then by position."""
    reach = 2 * n_quote
    counted = [(min(bisect_left(hits, hits[k] + reach, k) - k, n_quote), k) for k in starts]
    counted.sort(key=itemgetter(0), reverse=True)  # stable: equal counts stay in position order
    return [(_bound(c, n_quote), k) for c, k in counted]


def fuzzy_locate(quote: str, article: str, index: ArticleIndex | None = None) -> FuzzySpan | None:
    """The article span ``quote`` unambiguously reproduces near-verbatim, or None.

    ``index`` is ``article``'s shared index (looked up when not given).
    """
    quote_tokens = _TOKEN.findall(normalize_text(quote))
    n_quote = len(quote_tokens)
    if n_quote < MIN_MATCHED_TOKENS:
        return None
    index = index or article_index(article)
    masks: dict[str, int] = {}
    for j, token in enumerate(quote_tokens):
        masks[token] = masks.get(token, 0) | 1 << j
    rows: dict[int, int] = {}  # article position -> the quote tokens its word matches
    nowhere = 0  # quote tokens no article word matches: never part of any match
    steps = 0
    for token, mask in masks.items():
        where = index.positions_of(token)
        if not where:
            nowhere |= mask
            continue
        steps += len(where)
        if steps > MAX_REPAIR_STEPS:
            return None
        for position in where:
            rows[position] = rows.get(position, 0) | mask
    # The checks below on the matched tokens, decided early when tokens matched nowhere already fail them.
    unmatched = [t for j, t in enumerate(quote_tokens) if nowhere >> j & 1]
    reachable = n_quote - len(unmatched)
    if reachable < MIN_MATCHED_TOKENS or reachable / n_quote < MIN_COVERAGE:
        return None
    if any(_is_number(t) or _is_negation(t) for t in unmatched):
        return None
    floor = FUZZY_THRESHOLD - AMBIGUITY_MARGIN
    hits = sorted(rows)
    starts = _promising_starts(hits, n_quote, floor)
    steps += len(starts)
    if steps > MAX_REPAIR_STEPS:
        return None
    candidates, top = [], 0.0
    for bound, k in _by_bound(hits, starts, n_quote):
        if bound < top - AMBIGUITY_MARGIN:
            break  # no later start can be the best or come close enough to it to make it ambiguous
        score, last, scored = _best_window(rows, hits, k, n_quote)
        steps += scored
        if steps > MAX_REPAIR_STEPS:
            return None
        if score >= floor:
            candidates.append((score, hits[k], last))
            top = max(top, score)
    if not candidates:
        return None
    candidates.sort(key=lambda c: (-c[0], c[1]))
    score, first, last = candidates[0]
    if score < FUZZY_THRESHOLD:
        return None
    if any(
        o_score >= score - AMBIGUITY_MARGIN and (o_last < first or o_first > last)
        for o_score, o_first, o_last in candidates[1:]
    ):
        return None  # two places fit about as well: refuse to guess
    used = _matched_quote_tokens(rows, hits[bisect_left(hits, first) : bisect_left(hits, last + 1)], n_quote)
    if len(used) < MIN_MATCHED_TOKENS or len(used) / n_quote < MIN_COVERAGE:
        return None
    if any(_is_number(t) for j, t in enumerate(quote_tokens) if j not in used):
        return None  # a number the article does not have at this place: not a copying slip
    if any(_is_negation(t) for j, t in enumerate(quote_tokens) if j not in used):
        return None  # «تنفي», «لم» left out would make the source assert what it denies
    start, end = index.span(first, last)
    return FuzzySpan(start, end, round(score, 3))
