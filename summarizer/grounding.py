"""Find a model's evidence quote in the article and return its original offsets.

Three passes, strictest first:
1. ``exact``: the normalised quote stands in the normalised article on word boundaries
   («ما قتل» is not in «كما قتل», «770 م» is not in «1770 م»);
2. ``clitic``: token by token, a clitic may be added or dropped (`arabic.same_word`), so
   «القوات الأميركية» grounds in «وللقوات الأمريكية», but «وعد» never grounds in «بعد».
3. ``fuzzy``: quote repair (``summarizer.alignment``) snaps a near-verbatim quote to the one
   article span it clearly reproduces, with its similarity.
A quote that passes none is not in the article. Spans always start and end on word boundaries.

Cost is bounded: the article is normalised and indexed once (``summarizer.article_index``, shared
with the claim checker), the clitic pass looks quote words up in that index and intersects position
bitsets (Python ints), and quote repair searches only where the quote's words stand, with a cap on its
work, so a digest with two dozen absent quotes, a 47-word near-miss or one adversarial repeated-word
quote on a 100,000-character article stays in milliseconds (``bench/grounding.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.alignment import fuzzy_locate
from summarizer.arabic import normalize_text
from summarizer.article_index import ArticleIndex, article_index

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


def quote_words(quote: str) -> list[str]:
    """The words of a quote after normalisation (what the 3-40 word rule counts)."""
    return _TOKEN.findall(normalize_text(quote))


def _exact(norm_quote: str, index: ArticleIndex) -> Span | None:
    """``str.find`` (fast, and most quotes are absent or found at once), checking word boundaries at each
    hit; after a few hits inside longer words («ما» in «كما» again and again) one regex scan finishes."""
    text = index.text
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


def _clitic(words: list[str], index: ArticleIndex) -> Span | None:
    """Consecutive article words equal to ``words`` up to clitics: position bitsets shifted and intersected."""
    starts = -1  # all positions
    for offset, word in enumerate(words):
        starts &= index.bits_of(word) >> offset
        if not starts:
            return None
    first = (starts & -starts).bit_length() - 1
    if first + len(words) > len(index.tokens):
        return None
    start, end = index.span(first, first + len(words) - 1)
    return Span(start, end, "clitic")


def _strict(norm: str, index: ArticleIndex) -> Span | None:
    """The exact pass, then the clitic pass."""
    span = _exact(norm, index)
    if span is None:
        words = _TOKEN.findall(norm)
        span = _clitic(words, index) if words else None
    return span


def locate(quote: str, article: str) -> Span:
    """Return where ``quote`` stands in ``article``; raise QuoteNotFound if it does not (remembered per article)."""
    index = article_index(article)
    found = index.found.get(("quote", quote))
    if found is None:
        found = index.found[("quote", quote)] = _locate(quote, article, index)
    if isinstance(found, Span):
        return found
    raise QuoteNotFound(found)


def _locate(quote: str, article: str, index: ArticleIndex) -> Span | str:
    """The span, or why there is none."""
    norm_quote = normalize_text(quote).strip(_EDGE_PUNCT)
    if len(norm_quote) < MIN_QUOTE_CHARS:
        return f"quote too short to ground: {quote!r}"
    span = _strict(norm_quote, index)
    if span is None and (repaired := fuzzy_locate(quote, article, index)):
        span = Span(repaired.start, repaired.end, "fuzzy", repaired.similarity)
    return span if span is not None else f"quote not found in the article: {quote!r}"


_ABSENT = "absent"


def find_phrase(phrase: str, article: str) -> Span | None:
    """Where a short phrase (a name, a date as written) stands in the article, on word boundaries; None if absent.

    Same two passes as ``locate`` but no length rule: names may be one word. Remembered per article.
    """
    index = article_index(article)
    found = index.found.get(("phrase", phrase))
    if found is None:
        norm = normalize_text(phrase).strip(_EDGE_PUNCT)
        found = index.found[("phrase", phrase)] = (_strict(norm, index) if norm else None) or _ABSENT
    return found if isinstance(found, Span) else None
