"""Find a model's evidence quote in the article and return its original offsets.

Two passes, strictest first:
1. the normalised quote is a substring of the normalised article;
2. token by token, after stripping attached proclitics (و ف ب ل ك ال) from
   both sides, so «القوات الأميركية» grounds in «وللقوات الأمريكية» only when
   the letters after the clitics agree.
A quote that passes neither is not in the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.arabic import Normalized, normalize, same_word

MIN_QUOTE_CHARS = 3
_TOKEN = re.compile(r"[^\s\"'.,;:?!()\[\]{}<>/\\|-]+")


@dataclass(frozen=True)
class Span:
    """A located quote: [start, end) in the original article, and how it matched."""

    start: int
    end: int
    method: str


class QuoteNotFound(ValueError):
    """The quote is not in the article, even after normalisation."""


@lru_cache(maxsize=64)
def _article_index(article: str) -> tuple[Normalized, tuple[tuple[str, int, int], ...]]:
    normalized = normalize(article)
    tokens = tuple((m.group(), m.start(), m.end()) for m in _TOKEN.finditer(normalized.text))
    return normalized, tokens


def locate(quote: str, article: str) -> Span:
    """Return where ``quote`` stands in ``article``; raise QuoteNotFound if it does not."""
    norm_quote = normalize(quote).text.strip(" \"'.,;:")
    if len(norm_quote) < MIN_QUOTE_CHARS:
        raise QuoteNotFound(f"quote too short to ground: {quote!r}")
    norm_article, article_tokens = _article_index(article)
    position = norm_article.text.find(norm_quote)
    if position >= 0:
        start, end = norm_article.span_in_original(position, position + len(norm_quote))
        return Span(start, end, "normalized")
    quote_tokens = [m.group() for m in _TOKEN.finditer(norm_quote)]
    if quote_tokens:
        width = len(quote_tokens)
        for i in range(len(article_tokens) - width + 1):
            window = article_tokens[i : i + width]
            if all(same_word(q, t) for (t, _, _), q in zip(window, quote_tokens, strict=True)):
                start, end = norm_article.span_in_original(window[0][1], window[-1][2])
                return Span(start, end, "clitic")
    raise QuoteNotFound(f"quote not found in the article: {quote!r}")
