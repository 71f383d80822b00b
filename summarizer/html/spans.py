"""Cut an article into runs of text, each tagged with the evidence quotes that cover it.

Quotes may overlap (a bullet and an event often quote the same sentence), so a
highlight cannot be one ``<mark>`` per quote. Every boundary of every span splits
the text; each piece carries the ids of all quotes covering it. A quote's
highlighted text is then the concatenation of the pieces carrying its id, which
the browser test compares with ``article[start:end]``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A located quote: an id the page links by, and its verified offsets in the article."""

    id: str
    start: int
    end: int


@dataclass(frozen=True)
class Piece:
    start: int  # offset of this piece in the article
    text: str
    ids: tuple[str, ...]  # the quotes covering this piece, empty for plain text


class SpanError(ValueError):
    """A span outside the article or empty: the digest's offsets are not for this article."""


def segment(article: str, spans: list[Span]) -> list[Piece]:
    """Split ``article`` at every span boundary; the pieces concatenate back to the article exactly."""
    for span in spans:
        if not 0 <= span.start < span.end <= len(article):
            raise SpanError(f"quote {span.id} spans [{span.start}:{span.end}], outside the article (0-{len(article)})")
    cuts = sorted({0, len(article), *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[Piece] = []
    for left, right in itertools.pairwise(cuts):
        ids = tuple(s.id for s in spans if s.start <= left and right <= s.end)
        pieces.append(Piece(left, article[left:right], ids))
    return pieces
