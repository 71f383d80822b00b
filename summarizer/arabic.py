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

import re
import unicodedata
from dataclasses import dataclass

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
_CHAR_MAP.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_CHAR_MAP.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Extended (Persian) digits

_ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u0671-\u06D3]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Normalized:
    """Normalised text plus, for each of its characters, the index in the original."""

    text: str
    origin: tuple[int, ...]
    original_length: int

    def span_in_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the normalised text back to the original."""
        if start >= end:
            raise ValueError("empty span")
        return self.origin[start], self.origin[end - 1] + 1


def normalize(text: str) -> Normalized:
    """Fold spelling variants and whitespace; keep a per-character origin map."""
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
    """Just the normalised string, for comparisons that need no offsets."""
    return normalize(text).text


# Clitics that attach to the front of a word: conjunctions و ف, prepositions ب ل ك,
# and the article ال (also لل = ل + ال). Longest first so والـ is stripped whole.
_PROCLITIC = re.compile(r"^(?:[وف]?(?:[بلك]?ال|لل|[بلك])|[وف])(?=\w{2,})")


def strip_proclitics(token: str) -> str:
    """Remove attached و/ف/ب/ل/ك/ال from the start of a normalised token."""
    return _PROCLITIC.sub("", token)


def same_word(a: str, b: str, *, prefix: bool = False) -> bool:
    """Do two normalised tokens agree once attached clitics are allowed on either side?

    Stripping is ambiguous (the و of وقف is a root letter, the و of وقال a conjunction), so a
    token also matches the other's stripped form. With ``prefix``, ``a`` may be the start of ``b``.
    """
    for x in (a, strip_proclitics(a)):
        for y in (b, strip_proclitics(b)):
            if y.startswith(x) if prefix else x == y:
                return True
    return False


def arabic_letter_ratio(text: str) -> float:
    """Share of letters (Arabic + Latin) that are Arabic; 0.0 when there are none."""
    arabic = len(_ARABIC_LETTER.findall(text))
    latin = len(_LATIN_LETTER.findall(text))
    total = arabic + latin
    return arabic / total if total else 0.0
