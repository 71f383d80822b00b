"""One article, normalised and indexed once: what grounding, quote repair and the claim checker look words up in.

Every check of a digest asks about the same article: is this quote in it, at which word does this word stand
(clitics allowed), which words does it have at all. Normalising a 100,000-character article costs a few ms and
indexing it tens of ms, so it is done once per article and shared (``article_index``); each lookup of a word is
then a dictionary access, memoised per word.

The cache holds the most recently used articles up to a budget of characters (not a count: a batch of short
articles all stay, a few 100k-character ones do not crowd memory), keyed by the article text itself, so
distinct articles in flight each keep their own index and the same article asked about again hits it.
"""

from __future__ import annotations

import functools
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cached_property
from itertools import accumulate
from typing import TypeVar, cast

from summarizer.arabic import clitic_parses, normalize, same_word

WORD = re.compile(r"\w+")  # spans start and end on word boundaries
_WORDS_AND_GAPS = re.compile(r"(\w+)")
CACHE_CHARS = 4_000_000  # ~40 articles of 100k characters, or ~1,000 of 4k
T = TypeVar("T")


class ArticleIndex:
    """The normalised article, its words in order, and where each distinct word stands.

    ``tokens[i]`` is the i-th word of the normalised text, at ``bounds[i]`` (normalised offsets); ``span()`` maps a
    run of words back to offsets in the original article. Each part is built on first use (a digest whose quotes
    all stand verbatim in the article needs only the normalised text), then kept; lookups by word are memoised.
    """

    def __init__(self, article: str) -> None:
        self.article = article
        self.normalized = normalize(article)
        self._matching: dict[str, tuple[int, ...]] = {}
        self._bits: dict[str, int] = {}
        # What a lookup in this article found, per key (kind first): grounding keeps where each quote and phrase
        # stands, the claim checker each digest's result and each per-article table (``per_article``), so
        # validating the same answer again (a re-ask, best-effort salvage, an audit) costs dictionary lookups.
        self.found: dict[tuple[object, ...], object] = {}

    @property
    def text(self) -> str:
        """The normalised article (``arabic.normalize``)."""
        return self.normalized.text

    @cached_property
    def _split(self) -> tuple[list[str], list[int]]:
        """The normalised text as [gap, word, gap, word, ..., gap] and the running end offset of each piece."""
        pieces = _WORDS_AND_GAPS.split(self.normalized.text)
        return pieces, list(accumulate(map(len, pieces)))

    @cached_property
    def tokens(self) -> tuple[str, ...]:
        """The words of the normalised text, in order."""
        return tuple(self._split[0][1::2])

    @cached_property
    def bounds(self) -> tuple[tuple[int, int], ...]:
        """Normalised offsets [start, end) of each word."""
        ends = self._split[1]
        return tuple(zip(ends[0::2], ends[1::2], strict=False))

    @cached_property
    def words(self) -> frozenset[str]:
        """Every distinct normalised word of the article."""
        return frozenset(self.tokens)

    @cached_property
    def positions(self) -> dict[str, tuple[int, ...]]:
        """Each distinct word's positions, ascending."""
        positions: dict[str, list[int]] = {}
        get = positions.get  # (bound once: speed only)
        for position, token in enumerate(self.tokens):
            where = get(token)
            if where is None:
                positions[token] = [position]
            else:
                where.append(position)
        return _frozen(positions)

    @cached_property
    def by_stem(self) -> dict[str, tuple[str, ...]]:
        """Stem (each reading of ``arabic.clitic_parses``) -> the distinct words having it."""
        by_stem: dict[str, list[str]] = {}
        get = by_stem.get  # (bound once, no new list per reading as setdefault made: speed only)
        for token in self.positions:
            for _, stem in clitic_parses(token):
                where = get(stem)
                if where is None:
                    by_stem[stem] = [token]
                else:
                    where.append(token)
        return _frozen(by_stem)

    def matching_words(self, word: str) -> list[str]:
        """Distinct article words equal to the normalised ``word`` up to attached clitics (``arabic.same_word``)."""
        candidates: dict[str, None] = {}
        for _, stem in clitic_parses(word):
            for token in self.by_stem.get(stem, ()):
                candidates[token] = None
        return [token for token in candidates if same_word(word, token)]

    def positions_of(self, word: str) -> tuple[int, ...]:
        """Ascending positions of the article words that equal ``word`` up to clitics (memoised per word)."""
        found = self._matching.get(word)
        if found is None:
            matching = self.matching_words(word)
            if len(matching) == 1:
                found = self.positions[matching[0]]
            else:
                found = tuple(sorted(p for token in matching for p in self.positions[token]))
            self._matching[word] = found
        return found

    def bits_of(self, word: str) -> int:
        """``positions_of`` as a bitset (bit i set when word i matches), for intersecting runs of words."""
        bits = self._bits.get(word)
        if bits is None:
            positions = self.positions_of(word)
            if not positions:
                bits = 0
            else:  # as binary digits, lowest position last: linear, where OR-ing ints one by one is quadratic
                digits = bytearray(b"0") * (positions[-1] + 1)
                for position in positions:
                    digits[-1 - position] = 49  # "1"
                bits = int(digits.decode(), 2)
            self._bits[word] = bits
        return bits

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Original-article offsets [start, end) of words ``first`` to ``last`` (inclusive)."""
        return self.normalized.span_in_original(self.bounds[first][0], self.bounds[last][1])


def _frozen(lists: dict[str, list[T]]) -> dict[str, tuple[T, ...]]:
    """The same table with tuples for lists. Why: an index is kept for as long as its article stays in the cache,
    and every list in it is an object the cyclic collector walks on each full pass, for the life of the process (a
    4,800-character article held ~600); a tuple of strings or ints is untracked after its first collection, so
    the caller's collector runs less often and each pass walks less (speed only: the values are the same)."""
    return {key: tuple(values) for key, values in lists.items()}


def build(article: str) -> ArticleIndex:
    """Normalise ``article`` and index it on demand (no cache: ``article_index`` is the shared entry point)."""
    return ArticleIndex(article)


class _Cache:
    """Most recently used indexes, bounded by the characters of their articles."""

    def __init__(self, budget_chars: int) -> None:
        self.budget = budget_chars
        self.entries: OrderedDict[str, ArticleIndex] = OrderedDict()
        self.chars = 0
        self.lock = threading.Lock()
        # The entry looked up last (speed only, issue 23): a digest's checks ask for the same article thousands of
        # times in a row, and the same object each time; it is the most recently used entry already.
        self.last: tuple[str, ArticleIndex] | None = None

    def get(self, article: str) -> ArticleIndex:
        last = self.last
        if last is not None and last[0] is article:
            return last[1]
        with self.lock:
            index = self.entries.get(article)
            if index is not None:
                self.entries.move_to_end(article)
                self.last = (article, index)
                return index
        index = build(article)  # outside the lock: two threads may build the same index once each
        with self.lock:
            if article not in self.entries:
                self.entries[article] = index
                self.chars += len(article)
                while self.chars > self.budget and len(self.entries) > 1:
                    _, evicted = self.entries.popitem(last=False)
                    self.chars -= len(evicted.article)
            self.last = (article, self.entries[article]) if article in self.entries else None
        return index

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
            self.chars = 0
            self.last = None


_cache = _Cache(CACHE_CHARS)


def article_index(article: str) -> ArticleIndex:
    """The shared index of ``article``: built on first use, then reused by every check of every digest of it."""
    return _cache.get(article)


def clear_cache() -> None:
    """Forget every index (benchmarks time a fresh build with it)."""
    _cache.clear()


def per_article(function: Callable[[str], T]) -> Callable[[str], T]:
    """``function(article)`` computed once per article and kept on the article's shared index.

    For the claim checker's per-article tables (names after cues, written dates...): an ``lru_cache(16)`` keyed by
    the article text evicts them as soon as more than 16 distinct articles are in flight (a batch at concurrency
    64), so each was rebuilt for every digest; here they live as long as the article's index (a budget of
    characters, ``CACHE_CHARS``), like grounding's look-ups. Callers must not change what it returns."""
    key = ("per_article", f"{function.__module__}.{function.__qualname__}")

    @functools.wraps(function)
    def cached(article: str) -> T:
        found = article_index(article).found
        if key not in found:
            found[key] = function(article)
        return cast(T, found[key])

    return cached
