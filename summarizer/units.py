"""Split an article into numbered units the model can cite by number instead of copying quotes.

Why: a small model copies Arabic quotes badly (a quote not in the article, a quote under 3 words were a
third of prompt v2's failures), and the claim checker needs exactly the article text a claim rests on. So
the prompt shows the article as ``[n] unit`` lines, the model answers with unit numbers, and the evidence is
the unit itself: in the article, 3 to 40 words, by construction.

A unit is a sentence; a sentence longer than ``MAX_UNIT_WORDS`` is cut at clause punctuation (، ؛ , ; :,
a dash between spaces), and a clause still too long at word boundaries into even pieces. A line break
always ends a unit (paragraphs, live-blog entries, a dateline on its own line). A time stamp or dateline
that opens a line ("18:40 -", «واغادوغو (أ ف ب) -») stays with the sentence it introduces; a fragment
under ``MIN_UNIT_WORDS`` (a one-word heading, «عاجل») joins a neighbour. A sentence ends at . ! ? ؟ …
(with any closing quote or bracket, «» " ) ]) before a space, except after an initial or abbreviation
(«د.», "U.S.").

Every unit is an exact slice ``article[start:end]`` (no surrounding whitespace); units are in order, do
not overlap, and what lies between them is whitespace only, so the article is rebuilt from them exactly
(``tests/test_units.py``). Words are counted as ``grounding.quote_words`` counts them (normalised ``\\w+``
tokens), so every unit is valid evidence.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from summarizer.arabic import content_words, normalize
from summarizer.article_index import per_article
from summarizer.grounding import MAX_QUOTE_WORDS, MIN_QUOTE_WORDS

MAX_UNIT_WORDS = MAX_QUOTE_WORDS  # a unit is always a valid evidence quote: at most 40 words...
MIN_UNIT_WORDS = MIN_QUOTE_WORDS  # ...and at least 3 (when the article has that many)

_CLOSERS = re.escape("»\"'”’)]")
_SENTENCE_END = re.compile(rf"[.!?؟…]+[{_CLOSERS}]*$")
_CLAUSE_END = re.compile(rf"[،؛,;:][{_CLOSERS}]*$")
_DASHES = {"-", "–", "—"}
# The last characters a sentence or clause end can have (``_SENTENCE_END``, ``_CLAUSE_END``): ends and closers.
_MAY_END = frozenset(".!?؟…" + "»\"'”’)]" + "،؛,;:")
_TOKEN = re.compile(r"\w+")
_NON_SPACE = re.compile(r"\S+")
_INITIALS = re.compile(rf"^[(«\"']*(?:\w\.)+[{_CLOSERS}]*$")  # «د.», "U.S.", «أ.ف.ب.»


@dataclass(frozen=True)
class Unit:
    """One numbered unit: ``article[start:end]``."""

    number: int  # 1-based, as the prompt shows it
    start: int
    end: int
    text: str
    words: int  # as grounding.quote_words counts them


@dataclass(slots=True)
class _Word:
    """A whitespace-delimited run of the article, with the normalised tokens it holds."""

    start: int
    end: int
    tokens: int


def _words(article: str) -> list[_Word]:
    """Whitespace-delimited words with their token counts; a word holding more tokens than a unit may
    ("a/b/c/..." runs) is cut between tokens, so no single piece ever exceeds MAX_UNIT_WORDS."""
    norm = normalize(article)
    # where each token starts in the article (``span_in_original`` would map its end too: unused)
    token_starts = norm.origins_of([m.start() for m in _TOKEN.finditer(norm.text)])
    words: list[_Word] = []
    # the tokens starting inside each whitespace-delimited word: both ascend, so one walk along the tokens
    # (``bisect_left`` twice per word before: speed only, the same counts)
    first, total = 0, len(token_starts)
    for match in _NON_SPACE.finditer(article):
        start, end = match.span()
        while first < total and token_starts[first] < start:
            first += 1
        last = first
        while last < total and token_starts[last] < end:
            last += 1
        if last - first <= MAX_UNIT_WORDS:
            words.append(_Word(start, end, last - first))
            continue
        inside = token_starts[first:last]
        cuts = [match.start(), *inside[MAX_UNIT_WORDS::MAX_UNIT_WORDS], match.end()]
        for index, (a, b) in enumerate(itertools.pairwise(cuts)):
            count = min(MAX_UNIT_WORDS, len(inside) - index * MAX_UNIT_WORDS)
            words.append(_Word(a, b, count))
    return words


def _is_sentence_end(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) and not _INITIALS.match(text)


def _segments(article: str, words: list[_Word]) -> list[list[list[_Word]]]:
    """Sentences (hard boundaries: a line break or a sentence end), each a list of clauses."""
    sentences: list[list[list[_Word]]] = []
    clause: list[_Word] = []
    sentence: list[list[_Word]] = []
    for index, word in enumerate(words):
        clause.append(word)
        text = article[word.start : word.end]
        following = words[index + 1] if index + 1 < len(words) else None
        line_break = following is None or "\n" in article[word.end : following.start]
        may_end = text[-1] in _MAY_END  # speed only: neither pattern can match a word ending otherwise
        if line_break or (may_end and _is_sentence_end(text)):
            sentence.append(clause)
            sentences.append(sentence)
            clause, sentence = [], []
        elif (may_end and _CLAUSE_END.search(text)) or text in _DASHES:
            sentence.append(clause)
            clause = []
    return sentences


def _tokens(run: list[_Word]) -> int:
    return sum(w.tokens for w in run)


def _even_pieces(run: list[_Word], parts: int) -> list[list[_Word]]:
    """Cut a run of words into ``parts`` pieces of about equal token counts, each at most MAX_UNIT_WORDS."""
    total = _tokens(run)
    pieces: list[list[_Word]] = [[]]
    seen = 0
    for word in run:
        boundary = total * len(pieces) / parts
        full = _tokens(pieces[-1]) + word.tokens > MAX_UNIT_WORDS
        # a word without tokens (a lone «،») stays with the piece before it
        if pieces[-1] and word.tokens and ((len(pieces) < parts and seen >= boundary) or full):
            pieces.append([])
        pieces[-1].append(word)
        seen += word.tokens
    return pieces


def _pack(clauses: list[list[_Word]]) -> list[list[_Word]]:
    """A sentence as units of at most MAX_UNIT_WORDS tokens: whole when it fits, else clauses packed in
    order, a clause that alone is too long cut into even pieces."""
    whole = [w for c in clauses for w in c]
    if _tokens(whole) <= MAX_UNIT_WORDS:
        return [whole]
    units: list[list[_Word]] = []
    current: list[_Word] = []
    for clause in clauses:
        size = _tokens(clause)
        if size > MAX_UNIT_WORDS:
            if current:
                units.append(current)
                current = []
            units.extend(_even_pieces(clause, -(-size // MAX_UNIT_WORDS)))
        elif _tokens(current) + size > MAX_UNIT_WORDS:
            units.append(current)
            current = list(clause)
        else:
            current.extend(clause)
    if current:
        units.append(current)
    return units


def _two_pieces(run: list[_Word]) -> list[list[_Word]]:
    """A run just past MAX_UNIT_WORDS in two pieces, each MIN_UNIT_WORDS to MAX_UNIT_WORDS tokens and as even as
    the words allow (a word holding many tokens can leave no such cut: then even pieces, as near as they come)."""
    total = _tokens(run)
    best: tuple[int, int] | None = None
    left = 0
    for cut in range(1, len(run)):
        left += run[cut - 1].tokens
        right = total - left
        fits = MIN_UNIT_WORDS <= left <= MAX_UNIT_WORDS and MIN_UNIT_WORDS <= right <= MAX_UNIT_WORDS
        if fits and (best is None or abs(left - right) < best[0]):
            best = (abs(left - right), cut)
    if best is None:
        return _even_pieces(run, 2)
    return [run[: best[1]], run[best[1] :]]


def _join_short(units: list[list[_Word]]) -> list[list[_Word]]:
    """A unit under MIN_UNIT_WORDS tokens joins the next (the previous when it is last); a join past
    MAX_UNIT_WORDS is cut again in two pieces, each long enough."""
    out: list[list[_Word]] = []
    pending: list[_Word] = []
    for unit in units:
        unit = pending + unit
        pending = []
        if _tokens(unit) < MIN_UNIT_WORDS:
            pending = unit
            continue
        out.extend(_two_pieces(unit) if _tokens(unit) > MAX_UNIT_WORDS else [unit])
    if pending:
        if out:
            last = out.pop() + pending
            out.extend(_two_pieces(last) if _tokens(last) > MAX_UNIT_WORDS else [last])
        else:
            out.append(pending)  # the whole article has fewer than MIN_UNIT_WORDS words
    return out


@lru_cache(maxsize=64)
def split_units(article: str) -> tuple[Unit, ...]:
    """The article's numbered units (cached: the prompt, the schema and validation all ask for them)."""
    words = _words(article)
    runs = [unit for sentence in _segments(article, words) for unit in _pack(sentence)]
    units = []
    for number, run in enumerate(_join_short([r for r in runs if r]), start=1):
        start, end = run[0].start, run[-1].end
        units.append(Unit(number, start, end, article[start:end], _tokens(run)))
    return tuple(units)


def units_overlapped(article: str, spans: Sequence[tuple[int, int]]) -> list[int]:
    """The indexes of the units any of the character ``spans`` overlaps: the whole sentences a window lies in."""
    return [
        n for n, u in enumerate(split_units(article)) if any(u.start < end and start < u.end for start, end in spans)
    ]


def overlapped_text(article: str, spans: Sequence[tuple[int, int]]) -> str:
    """The text of the units the ``spans`` overlap, joined by « … »."""
    units = split_units(article)
    return " … ".join(units[n].text for n in units_overlapped(article, spans))


@per_article
def unit_words(article: str) -> tuple[frozenset[str], ...]:
    """Each unit's content words (``arabic.content_words``), in unit order: what a bullet's words are looked for in."""
    return tuple(content_words(unit.text) for unit in split_units(article))


def numbered(article: str) -> str:
    """The article as the prompt shows it: one ``[n] unit`` per line, a blank line between paragraphs.

    Nothing is dropped or reworded: stripping the ``[n] `` prefixes gives the article back, up to whitespace.
    """
    units = split_units(article)
    lines: list[str] = []
    for previous, unit in zip((None, *units), units, strict=False):
        if previous is not None and article.count("\n", previous.end, unit.start) >= 2:
            lines.append("")
        lines.append(f"[{unit.number}] {unit.text}")
    return "\n".join(lines)
