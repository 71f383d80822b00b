"""Matching a label against text: key facts and traps as whole words, numbers by value, negation respected.

Shared by the case validator (``cases``: every alias must be in its article) and the scorers (``scoring``),
so they live below both: neither imports the other for it.

Facts, not words: a key fact is conveyed when a sentence states one of its aliases as whole words (numbers
compared by value: two = 2 = ٢ = اثنين, never "six" for "sixteen"), outside a negated clause. A trap fires on
the sentence that states it, unless that sentence negates or denies it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from summarizer.arabic import normalize_text, same_word
from summarizer.claims.numbers import word_value

_NEGATION = {
    # English
    "no", "not", "never", "none", "nor", "neither", "without", "denied", "denies", "deny", "denying", "false",
    "unconfirmed", "rejected", "dismissed", "nobody", "cannot", "didn", "wasn", "weren", "isn", "aren", "hasn",
    "haven", "hadn", "doesn", "don", "won",
    # Arabic (normalised)
    "لا", "لم", "لن", "ليس", "ليست", "دون", "بدون", "عدم", "نفي", "نفت", "ينفي", "تنفي", "نفى", "نفوا",
    "تنفيان", "ينفون",
}  # fmt: skip
_DENIAL = {
    "denied",
    "denies",
    "deny",
    "denying",
    "rejected",
    "dismissed",
    "نفي",
    "نفت",
    "ينفي",
    "تنفي",
    "نفى",
    "نفوا",
    "ينفون",
}
# Negation reaches a few words: "No US soldiers were killed", «لم يُقتل أي جندي», "... were killed, which the
# army denied" (only a denial counts after the match: "a house in X, with no word on casualties" is not negated).
_NEGATION_BEFORE, _NEGATION_AFTER = 4, 5
# Sentence ends: not the dot of 29.25 or of U.S.
_SENTENCE = re.compile(r"[!?;\n]+|(?<![A-Z\d])\.|(?<=\d)\.(?!\d)")


_INITIALISM_DOT = re.compile(r"(?<=[A-Za-z])\.(?=[A-Za-z])")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_NON_WORD = re.compile(r"[^\w]+")


def fold(text: str) -> str:
    """Normalise for matching: Arabic folding, lower case, punctuation to spaces, dots in U.S. dropped."""
    text = _INITIALISM_DOT.sub("", normalize_text(text)).replace("u.s", "us")
    text = _THOUSANDS.sub("", text)  # 2,500 -> 2500
    text = _DECIMAL.sub("_", text)  # 29.25 stays one token
    return " ".join(_NON_WORD.sub(" ", text).split())


def canonical_numbers(words: list[str]) -> list[str]:
    """Replace each number (one token, or a units-tens / tens-units / teen compound: "twenty five", «خمسة
    وعشرين», «ثلاثة عشر») with ``#<value>``, token values read by ``claims.numbers.word_value``."""
    out: list[str] = []
    i = 0
    while i < len(words):
        first = word_value(words[i])
        if first is None:
            out.append(words[i])
            i += 1
            continue
        second = word_value(words[i + 1]) if i + 1 < len(words) else None
        combined = None
        if second is not None:
            nxt = words[i + 1]
            if 20 <= first <= 90 and first % 10 == 0 and 1 <= second <= 9 and nxt.isalpha() and nxt.isascii():
                combined = first + second  # twenty five
            elif 1 <= first <= 9 and 20 <= second <= 90 and second % 10 == 0 and nxt[0] in "وف":
                combined = first + second  # خمسة وعشرين
            elif 1 <= first <= 9 and second == 10 and not nxt.isascii():
                combined = first + 10  # ثلاثة عشر
        if combined is not None:
            out.append(f"#{combined}")
            i += 2
        else:
            out.append(f"#{first}")
            i += 1
    return out


def words_of(text: str) -> list[str]:
    """Folded words with every number replaced by its value (two, 2, ٢, اثنين -> #2)."""
    return list(_words(text))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """``words_of``, memoised: every alias and bullet sentence is read once per run, not once per comparison."""
    return tuple(canonical_numbers(fold(text).split()))


def _same(alias_word: str, word: str) -> bool:
    if alias_word.startswith("#") or word.startswith("#"):
        return alias_word == word  # numbers: by value, whole token
    return same_word(alias_word, word)


def _starts(words: Sequence[str]) -> dict[str, list[int]]:
    """The positions of the words by their last character, ascending: an alias whose first word ends in ``c`` can
    start only at a word ending in ``c``. Speed only: two words ``_same`` holds for end alike (equal numbers are
    equal tokens; ``same_word`` compares stems, and clitics attach only in front), and one pass per sentence is much
    cheaper than asking ``_same`` at every word for every alias (~130,000 calls per scoring of the gated run)."""
    starts: dict[str, list[int]] = {}
    for position, word in enumerate(words):
        starts.setdefault(word[-1], []).append(position)
    return starts


# A text's key facts and traps are looked for one after another (5-10 calls for one answer's bullets): its sentences
# are split and read once for them. Sized for that, not to serve a later run of the same answers (a warm benchmark
# round must score its answers anew).
_JUST_READ = 8


@lru_cache(maxsize=_JUST_READ)
def _sentences(text: str) -> tuple[tuple[str, tuple[str, ...], dict[str, list[int]]], ...]:
    """Each sentence of ``text`` with its words and their positions by last character (callers must not change
    them)."""
    return tuple(
        (sentence, words, _starts(words)) for sentence in _SENTENCE.split(text) for words in [_words(sentence)]
    )


def _is_negated(words: Sequence[str], start: int, end: int, alias_words: Sequence[str]) -> bool:
    if any(w in _NEGATION for w in alias_words):
        return False  # the alias itself is negative ("no casualties"): the negation is the fact
    before = words[max(0, start - _NEGATION_BEFORE) : start]
    return any(w in _NEGATION for w in before) or any(w in _DENIAL for w in words[end : end + _NEGATION_AFTER])


def find_alias(text: str, aliases: Sequence[str], *, negation_aware: bool = True) -> tuple[str, str] | None:
    """The first (alias, sentence) where ``text`` states an alias as whole words, not negated."""
    for sentence, words, starts in _sentences(text):
        for alias in aliases:
            wanted = _words(alias)
            if not wanted:
                continue
            first = wanted[0]
            for start in starts.get(first[-1], ()):
                if start > len(words) - len(wanted):
                    break
                if not _same(first, words[start]):  # most windows fail on their first word: skip the slice
                    continue
                window = words[start : start + len(wanted)]
                if all(_same(a, b) for a, b in zip(wanted, window, strict=True)):
                    if negation_aware and _is_negated(words, start, start + len(wanted), wanted):
                        continue
                    return alias, sentence.strip()
    return None


def mentions(text: str, aliases: Sequence[str]) -> bool:
    """Does ``text`` contain any alias as a run of whole words (clitics tolerated, numbers by value)?"""
    return find_alias(text, aliases, negation_aware=False) is not None
