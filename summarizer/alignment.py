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
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.arabic import Normalized, clitic_parses, normalize, normalize_text, same_word

FUZZY_THRESHOLD = 0.8
MIN_COVERAGE = 0.85
MIN_MATCHED_TOKENS = 4
AMBIGUITY_MARGIN = 0.1
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


@lru_cache(maxsize=64)
def _article_index(article: str) -> tuple[Normalized, tuple[tuple[str, int, int], ...], dict[str, list[int]]]:
    normalized = normalize(article)
    tokens = tuple((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalized.text))
    where: dict[str, list[int]] = {}
    for index, (token, _, _) in enumerate(tokens):
        for form in _forms(token):
            where.setdefault(form, []).append(index)
    return normalized, tokens, where


def _lcs_table(matches: list[list[bool]], first: int, last: int, n_quote: int) -> list[list[int]]:
    table = [[0] * (n_quote + 1) for _ in range(last - first + 2)]
    for i in range(first, last + 1):
        row, above = table[i - first + 1], table[i - first]
        for j in range(n_quote):
            row[j + 1] = above[j] + 1 if matches[i][j] else max(above[j + 1], row[j])
    return table


def _best_window(matches: list[list[bool]], start: int, n_quote: int) -> tuple[float, int]:
    """Best (similarity, last token) over spans starting at article token ``start``.

    The LCS table grows one article token at a time, so every span end is scored at once. A token that
    does not extend the match only lengthens the span and lowers the score, so the best span ends on a
    matched token; spans are tried only from tokens that match some quote token.
    """
    best = (0.0, start)
    if not any(matches[start]):
        return best
    previous = [0] * (n_quote + 1)
    for offset in range(min(len(matches) - start, 2 * n_quote)):
        column, current = matches[start + offset], [0] * (n_quote + 1)
        for j in range(n_quote):
            current[j + 1] = previous[j] + 1 if column[j] else max(previous[j + 1], current[j])
        previous = current
        score = 2 * current[n_quote] / (n_quote + offset + 1)
        if score > best[0]:
            best = (score, start + offset)
    return best


def _matched_quote_tokens(matches: list[list[bool]], first: int, last: int, n_quote: int) -> set[int]:
    """Which quote tokens the longest common subsequence with article tokens [first, last] uses."""
    table = _lcs_table(matches, first, last, n_quote)
    used: set[int] = set()
    i, j = last - first + 1, n_quote
    while i > 0 and j > 0:
        if matches[first + i - 1][j - 1] and table[i][j] == table[i - 1][j - 1] + 1:
            used.add(j - 1)
            i, j = i - 1, j - 1
        elif table[i - 1][j] >= table[i][j - 1]:
            i -= 1
        else:
            j -= 1
    return used


def fuzzy_locate(quote: str, article: str) -> FuzzySpan | None:
    """The article span ``quote`` unambiguously reproduces near-verbatim, or None."""
    quote_tokens = _TOKEN.findall(normalize_text(quote))
    n_quote = len(quote_tokens)
    if n_quote < MIN_MATCHED_TOKENS:
        return None
    normalized, tokens, where = _article_index(article)
    matches = [[False] * n_quote for _ in tokens]
    for j, token in enumerate(quote_tokens):
        for form in _forms(token):
            for i in where.get(form, ()):
                matches[i][j] = matches[i][j] or same_word(token, tokens[i][0])
    floor = FUZZY_THRESHOLD - AMBIGUITY_MARGIN
    candidates = []
    for start in range(len(tokens)):
        score, last = _best_window(matches, start, n_quote)
        if score >= floor:
            candidates.append((score, start, last))
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
    used = _matched_quote_tokens(matches, first, last, n_quote)
    if len(used) < MIN_MATCHED_TOKENS or len(used) / n_quote < MIN_COVERAGE:
        return None
    if any(_is_number(t) for j, t in enumerate(quote_tokens) if j not in used):
        return None  # a number the article does not have at this place: not a copying slip
    if any(_is_negation(t) for j, t in enumerate(quote_tokens) if j not in used):
        return None  # «تنفي», «لم» left out would make the source assert what it denies
    start, end = normalized.span_in_original(tokens[first][1], tokens[last][2])
    return FuzzySpan(start, end, round(score, 3))
