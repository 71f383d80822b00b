"""Arabic-aware normalisation that remembers where every character came from.

Grounding (is this quote in the article?) and scoring (does this bullet convey
that fact?) both compare text that differs only in spelling variants: hamza
forms on alef, alef maqsura, ta marbuta, diacritics, tatweel, Arabic-Indic
digits, typographic quotes. One function serves both, and it returns an index
map so a match in normalised text maps back to offsets in the original.

We do not use pyarabic's ``normalize_alef``: it also folds ى into ا, which
merges unrelated words (على / علا).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_right

_DIACRITICS = {chr(c) for c in range(0x064B, 0x0653)} | {"\u0670", "\u0640"}  # harakat, dagger alef, tatweel
_INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff", "\u202a", "\u202b", "\u202c"}
_CHAR_MAP = {
    "أ": "ا",
    "إ": "ا",
    "آ": "ا",
    "ٱ": "ا",
    "ى": "ي",
    "ة": "ه",
    "ؤ": "و",
    "ئ": "ي",
    "،": ",",
    "؛": ";",
    "؟": "?",
    "«": '"',
    "»": '"',
    "“": '"',
    "”": '"',
    "„": '"',
    "‘": "'",
    "’": "'",
    "–": "-",
    "—": "-",
}
_DIGITS = {chr(0x0660 + d): str(d) for d in range(10)} | {chr(0x06F0 + d): str(d) for d in range(10)}  # ٠-٩, ۰-۹
_CHAR_MAP.update(_DIGITS)
_DIGIT_TABLE = str.maketrans(_DIGITS)

# Runs of letters, not single letters: counting by the runs' lengths makes one match per word instead of one
# string per letter (speed only: the same counts).
_ARABIC_LETTERS = re.compile(r"[\u0621-\u064A\u0671-\u06D3]+")
_LATIN_LETTERS = re.compile(r"[A-Za-z]+")


class Normalized:
    """Normalised text plus where each of its characters came from in the original.

    The fast path does not keep a per-character map: it keeps the few places where the offset between the
    normalised and the original text changes (a dropped diacritic, whitespace collapsed), and maps an offset
    back on demand (``origin_of``), so normalising a long article costs string operations only.
    """

    def __init__(
        self,
        text: str,
        origin: tuple[int, ...] | None,
        original_length: int,
        shifts: tuple[list[int], list[int], list[int], list[int]] | None = None,
    ) -> None:
        self.text = text
        self.original_length = original_length
        self._origin = origin
        self._shifts = shifts or ([], [], [], [])

    def origin_of(self, index: int) -> int:
        """Index in the original of the normalised text's character ``index``.

        A space stands for a collapsed run of whitespace and maps where the next character does.
        """
        if self._origin is not None:
            return self._origin[index]
        if self.text[index] == " ":
            index += 1
        collapse_at, collapsed, drop_at, dropped = self._shifts
        k = bisect_right(collapse_at, index) - 1
        folded = index + (collapsed[k] if k >= 0 else 0)
        k = bisect_right(drop_at, folded) - 1
        return folded + (dropped[k] if k >= 0 else 0)

    def origins_of(self, indices: list[int]) -> list[int]:
        """``origin_of`` of each of ``indices``, which ascend: one walk along the shifts instead of two binary searches
        per index (speed only, issue 23: the same offsets; ``units`` maps every word of an article with it)."""
        if self._origin is not None:
            return [self._origin[index] for index in indices]
        collapse_at, collapsed, drop_at, dropped = self._shifts
        if not collapse_at and not drop_at:
            return [index + 1 if self.text[index] == " " else index for index in indices]
        text, out = self.text, []
        k, j, n_collapse, n_drop = -1, -1, len(collapse_at), len(drop_at)
        for index in indices:
            if text[index] == " ":
                index += 1
            while k + 1 < n_collapse and collapse_at[k + 1] <= index:
                k += 1
            folded = index + (collapsed[k] if k >= 0 else 0)
            while j + 1 < n_drop and drop_at[j + 1] <= folded:
                j += 1
            out.append(folded + (dropped[j] if j >= 0 else 0))
        return out

    @property
    def origin(self) -> tuple[int, ...]:
        """For each character of the normalised text, its index in the original."""
        if self._origin is None:
            self._origin = tuple(self.origin_of(i) for i in range(len(self.text)))
        return self._origin

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Normalized):
            return NotImplemented
        return (self.text, self.original_length, self.origin) == (other.text, other.original_length, other.origin)

    __hash__ = None  # type: ignore[assignment]  # mutable (its origin map fills in on demand), as a dataclass's

    def __repr__(self) -> str:
        return f"Normalized(text={self.text!r}, origin={self.origin!r}, original_length={self.original_length})"

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        if start >= end:
            raise ValueError("empty span")
        return self.origin_of(start), self.origin_of(end - 1) + 1


_DROP_TABLE = {ord(c): None for c in _DIACRITICS | _INVISIBLE}
_FOLD_TABLE = {**_DROP_TABLE, **{ord(k): v for k, v in _CHAR_MAP.items()}}
_SLOW_PATH = re.compile("[\ufb01-\U0010ffff\u0130\u03a3]")  # NFKC ranges; İ and Σ lower-case by context
_FOLDS = tuple((chr(code), replacement or "") for code, replacement in _FOLD_TABLE.items())
_FOLD_BY_REPLACING = 64  # characters: from here ``_fold`` replaces; below, one ``str.translate`` is cheaper
_COLLAPSED = re.compile(r"^\s+|\s{2,}")  # whitespace that normalising removes (a run keeps one space)
_DROPPED = re.compile("[" + "".join(sorted(_DIACRITICS | _INVISIBLE)) + "]+")


def normalize(text: str) -> Normalized:
    """Fold spelling variants and whitespace; keep a map back to the original's offsets.

    Same result as ``_normalize_slow``, in C-speed string operations when the text has no character that
    NFKC would change or that lower-cases by context: a 100,000-character article in a few ms, not 100+.
    A long text (an article) is remembered for the next few calls: the article's index and each of the claim
    checker's per-article tables ask for the same article (0.5 ms at 2,700 characters, 5 ms at 34,000).
    """
    return _normalize_long(text) if len(text) > _MEMO_CHARS else _normalize(text)


def _normalize(text: str) -> Normalized:
    if _SLOW_PATH.search(text):
        return _normalize_slow(text)
    drop_at: list[int] = []  # folded offset from which ``dropped`` more original characters lie before
    dropped: list[int] = []
    total = 0
    for run in _DROPPED.finditer(text):  # few: diacritics and invisible marks
        drop_at.append(run.start() - total)
        total += run.end() - run.start()
        dropped.append(total)
    folded = _fold(text).lower()
    collapse_at: list[int] = []  # normalised offset from which ``collapsed`` more folded characters lie before
    collapsed: list[int] = []
    total = 0
    for run in _COLLAPSED.finditer(folded):  # paragraph breaks, double spaces: few
        start, end = run.span()
        if start == 0:  # leading whitespace: gone
            total += end
            collapse_at.append(0)
        else:  # one space stays, at normalised offset start - total
            collapse_at.append(start - total + 1)
            total += end - start - 1
        collapsed.append(total)
    # each whitespace run one space, none at the ends (``str.split`` and ``\s`` know the same whitespace: tested)
    return Normalized(" ".join(folded.split()), None, len(text), (collapse_at, collapsed, drop_at, dropped))


def _fold(text: str) -> str:
    """``text.translate(_FOLD_TABLE)``. Why: ``str.translate`` looks each character up in a dict (0.27 ms for a
    2,700-character article, two thirds of normalising it); replacing each folded character that occurs is a few
    C-speed scans (0.02 ms). The same string: no replacement holds a character that is replaced (tested)."""
    if len(text) < _FOLD_BY_REPLACING:
        return text.translate(_FOLD_TABLE)
    for char, replacement in _FOLDS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def _normalize_slow(text: str) -> Normalized:
    """The reference implementation, character by character (NFKC for presentation forms and ligatures)."""
    out: list[str] = []
    origin: list[int] = []
    pending_space = False
    for index, raw in enumerate(text):
        for char in unicodedata.normalize("NFKC", raw) if ord(raw) > 0xFB00 else raw:
            if char in _DIACRITICS or char in _INVISIBLE:
                continue
            if char.isspace():
                pending_space = bool(out)
                continue
            mapped = _CHAR_MAP.get(char, char).lower()
            if pending_space:
                out.append(" ")
                origin.append(index)
                pending_space = False
            for piece in mapped:
                out.append(piece)
                origin.append(index)
    return Normalized("".join(out), tuple(origin), len(text))


def normalize_text(text: str) -> str:
    """Just the normalised string, for comparisons that need no offsets.

    Short strings (words, aliases, quotes) are normalised again and again by grounding, the claim checker and
    the scorers: they are memoised (bounded: at most ``_MEMO_SIZE`` strings of ``_MEMO_CHARS`` characters).
    """
    return _normalize_short(text) if len(text) <= _MEMO_CHARS else normalize(text).text


_MEMO_CHARS, _MEMO_SIZE = 400, 65536
_LONG_MEMO_SIZE = 64  # articles: more than a batch's concurrency keeps in flight at once (64)


@functools.lru_cache(maxsize=_LONG_MEMO_SIZE)
def _normalize_long(text: str) -> Normalized:
    return _normalize(text)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _normalize_short(text: str) -> str:
    return normalize(text).text


# Clitics that attach to the front of a word: conjunctions و ف, prepositions ب ل ك,
# and the article ال (also لل = ل + ال). Longest first so والـ is stripped whole.
_PROCLITIC = re.compile(r"^(?:[وف]?(?:[بلك]?ال|لل|[بلك])|[وف])(?=\w{2,})")


def strip_proclitics(token: str) -> str:
    """Remove attached و/ف/ب/ل/ك/ال from the start of a normalised token."""
    return _PROCLITIC.sub("", token)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def clitic_parses(token: str) -> tuple[tuple[frozenset[str], str], ...]:
    """Every reading of ``token`` as (set of attached clitics, stem), the bare reading first (memoised, bounded).

    A single-letter clitic (و ف ب ل ك) must leave a stem of at least 3 letters, and the article ال one of
    at least 2: Arabic roots have three letters, so the و of وعد or the ب of بعد is a root letter, not a
    conjunction, and «عد» is no stem. لل reads as ل + ال (the alef of the article drops after ل).
    """
    parses: list[tuple[frozenset[str], str]] = [(frozenset(), token)]
    for conj in ("", "و", "ف"):
        if conj and not token.startswith(conj):
            continue
        rest1 = token[len(conj) :]
        for prep in ("", "ب", "ل", "ك"):
            if prep and not rest1.startswith(prep):
                continue
            rest2 = rest1[len(prep) :]
            articles = [""]
            if rest2.startswith("ال") and prep != "ل":
                articles.append("ال")
            if prep == "ل" and rest2.startswith("ل"):
                articles.append("ل")  # لل: ل + ال with the alef dropped
            for art in articles:
                if not (conj or prep or art):
                    continue
                stem = rest2[len(art) :]
                minimum = 2 if art else 3
                if len(stem) >= minimum:
                    chain = frozenset(c for c in (conj, prep, "ال" if art else "") if c)
                    parses.append((chain, stem))
    return tuple(parses)


def same_word(a: str, b: str, *, prefix: bool = False) -> bool:
    """Do two normalised tokens agree once attached clitics are allowed on either side?

    They do when some reading of each has the same stem and one side's clitics are a subset of the
    other's: «وللقوات» = «القوات» (و ل added), «بالمدينة» = «المدينة». Swapping one clitic for another
    is not tolerated (وصول ≠ فصول, فرقة ≠ الرقة), nor is reading a root letter as a clitic (وعد ≠ بعد,
    ولد ≠ بلد, كما ≠ ما). With ``prefix``, ``a``'s stem may be the start of ``b``'s.

    Memoised (bounded), like ``clitic_parses``: grounding, the claim checker and the scorers ask about the same
    pairs of words again and again.
    """
    if a == b or (prefix and b.startswith(a)):
        return True
    return _same_word(a, b, prefix)


@functools.lru_cache(maxsize=_MEMO_SIZE)
def _same_word(a: str, b: str, prefix: bool) -> bool:
    for chain_a, stem_a in clitic_parses(a):
        for chain_b, stem_b in clitic_parses(b):
            if not (chain_a <= chain_b or chain_b <= chain_a):
                continue
            if stem_b.startswith(stem_a) if prefix else stem_a == stem_b:
                return True
    return False


@functools.lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """A text's content words, as bullets and their evidence are compared by words: normalised, proclitics
    stripped; numbers, and words of 3 letters or more (particles and prepositions would match anything).
    Memoised (bounded; speed only): a bullet's and its evidence's words are asked for by several checks."""
    stems = (strip_proclitics(w) for w in re.findall(r"\w+", normalize_text(text)))
    return frozenset(s for s in stems if s.isdigit() or len(s) > 2)


@functools.lru_cache(maxsize=16384)
def arabic_letter_ratio(text: str) -> float:
    """Share of letters (Arabic + Latin) that are Arabic; 0.0 when there are none. Memoised (bounded; speed only):
    the claim checker asks it of the same bullet and evidence from most of its checks (``mostly_arabic``)."""
    arabic = sum(map(len, _ARABIC_LETTERS.findall(text)))
    latin = sum(map(len, _LATIN_LETTERS.findall(text)))
    total = arabic + latin
    return arabic / total if total else 0.0


def mostly_arabic(text: str) -> bool:
    """More than half of the text's letters are Arabic: how the claim checker tells an Arabic bullet or evidence
    from an English one."""
    return arabic_letter_ratio(text) > 0.5


def western_digits(text: str) -> str:
    """``text`` with Arabic-Indic digits (٠-٩, ۰-۹) as ASCII digits, and nothing else changed."""
    return text.translate(_DIGIT_TABLE)
