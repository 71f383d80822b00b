"""Find a model's evidence quote in the article and return its original offsets.

Three passes, strictest first:
1. ``exact``: the normalised quote stands in the normalised article on word boundaries
   («ما قتل» is not in «كما قتل», «770 م» is not in «1770 م»);
2. ``clitic``: token by token, a clitic may be added or dropped (`arabic.same_word`), so
   «القوات الأميركية» grounds in «وللقوات الأمريكية», but «وعد» never grounds in «بعد».
3. ``fuzzy``: quote repair (``summarizer.alignment``) snaps a near-verbatim quote to the one
   article span it clearly reproduces, with its similarity.
A quote that passes none is not in the article. Spans always start and end on word boundaries.

Cost is bounded: the article is indexed once (cached), the clitic pass looks quote tokens up in
that index and intersects position bitsets (Python ints), so a digest with two dozen absent quotes
or one adversarial repeated-word quote on a 100,000-character article stays in milliseconds
(``bench/grounding.py``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from summarizer.alignment import fuzzy_locate
from summarizer.arabic import Normalized, clitic_parses, normalize, same_word

MIN_QUOTE_CHARS = 3
MIN_QUOTE_WORDS = 3
MAX_QUOTE_WORDS = 40
_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
_EDGE_PUNCT = " \"'.,;:!?()[]-"


@dataclass(frozen=True)
class Span:
    """A located quote: [start, end) in the original article, and how it matched.

    ``method`` is ``exact`` or ``clitic`` here; quote repair (``summarizer.alignment``) adds ``fuzzy``
    with a ``similarity`` below 1. Claims are checked against ``article[start:end]``, never the quote.
    """

    start: int
    end: int
    method: str
    similarity: float = 1.0

    def text(self, article: str) -> str:
        return article[self.start : self.end]


class QuoteNotFound(ValueError):
    """The quote is not in the article, even after normalisation."""


@dataclass
class _Index:
    normalized: Normalized
    tokens: list[tuple[str, int, int]]
    positions: dict[str, int] = field(default_factory=dict)  # distinct token -> bitset of its positions
    by_stem: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # stem -> distinct tokens


@lru_cache(maxsize=32)
def _article_index(article: str) -> _Index:
    normalized = normalize(article)
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalized.text)]
    index = _Index(normalized, tokens)
    bits: dict[str, int] = defaultdict(int)
    for position, (token, _, _) in enumerate(tokens):
        bits[token] |= 1 << position
    index.positions = dict(bits)
    for token in index.positions:
        for _, stem in clitic_parses(token):
            index.by_stem[stem].add(token)
    return index


def quote_words(quote: str) -> list[str]:
    """The words of a quote after normalisation (what the 3-40 word rule counts)."""
    return _TOKEN.findall(normalize(quote).text)


def _exact(norm_quote: str, index: _Index) -> Span | None:
    """``str.find`` (fast, and most quotes are absent or found at once), checking word boundaries at each
    hit; after a few hits inside longer words («ما» in «كما» again and again) one regex scan finishes."""
    text = index.normalized.text
    position = text.find(norm_quote)
    for _ in range(16):
        if position < 0:
            return None
        end = position + len(norm_quote)
        if (position == 0 or not _WORD_CHAR.match(text[position - 1])) and (
            end == len(text) or not _WORD_CHAR.match(text[end])
        ):
            start, stop = index.normalized.span_in_original(position, end)
            return Span(start, stop, "exact")
        position = text.find(norm_quote, position + 1)
    found = re.compile(r"(?<!\w)" + re.escape(norm_quote) + r"(?!\w)").search(text, position)
    if found is None:
        return None
    start, stop = index.normalized.span_in_original(found.start(), found.end())
    return Span(start, stop, "exact")


def _matching_positions(word: str, index: _Index) -> int:
    """Bitset of article positions whose token equals ``word`` up to clitics."""
    candidates: set[str] = set()
    for _, stem in clitic_parses(word):
        candidates |= index.by_stem.get(stem, set())
    bits = 0
    for token in candidates:
        if same_word(word, token):
            bits |= index.positions[token]
    return bits


def _clitic(words: list[str], index: _Index) -> Span | None:
    starts = -1  # all positions
    for offset, word in enumerate(words):
        starts &= _matching_positions(word, index) >> offset
        if not starts:
            return None
    first = (starts & -starts).bit_length() - 1
    if first + len(words) > len(index.tokens):
        return None
    start, end = index.normalized.span_in_original(index.tokens[first][1], index.tokens[first + len(words) - 1][2])
    return Span(start, end, "clitic")


def locate(quote: str, article: str) -> Span:
    """Return where ``quote`` stands in ``article``; raise QuoteNotFound if it does not."""
    norm_quote = normalize(quote).text.strip(_EDGE_PUNCT)
    if len(norm_quote) < MIN_QUOTE_CHARS:
        raise QuoteNotFound(f"quote too short to ground: {quote!r}")
    index = _article_index(article)
    span = _exact(norm_quote, index)
    if span is None:
        words = _TOKEN.findall(norm_quote)
        span = _clitic(words, index) if words else None
    if span is None and (repaired := fuzzy_locate(quote, article)):
        span = Span(repaired.start, repaired.end, "fuzzy", repaired.similarity)
    if span is None:
        raise QuoteNotFound(f"quote not found in the article: {quote!r}")
    return span


def find_phrase(phrase: str, article: str) -> Span | None:
    """Where a short phrase (a name, a date as written) stands in the article, on word boundaries; None if absent.

    Same two passes as ``locate`` but no length rule: names may be one word.
    """
    norm = normalize(phrase).text.strip(_EDGE_PUNCT)
    if not norm:
        return None
    index = _article_index(article)
    span = _exact(norm, index)
    if span is None:
        words = _TOKEN.findall(norm)
        span = _clitic(words, index) if words else None
    return span
