"""Re-point a failing bullet to the article units that hold its words, before paying for a repair round.

Why: a small model copies an article sentence well and miscounts its unit number. On Qwen2.5-Coder 1.5B's
prompt-v3 recordings, 76 of the 316 Arabic bullets of first answers failed the claim checker; 66 of them stood
once cited to the unit(s) holding most of their words, and a re-ask (a whole generation on a 2-core machine,
~20 s) was paid for most of them. Locating a model's text in the source is what langextract's aligner does for
extractions; here it picks whole units, so the evidence stays an exact slice of the article by construction.

Grounding is unchanged by it: a re-pointed bullet is kept only if the claim checker supports it against its new
units, exactly as for a bullet the model cited right. Only Arabic bullets are re-pointed (their words can be
found in the article); a bullet is moved only to units that hold at least ``MIN_COVERAGE`` of its content words,
so a vague bullet that would pass against any unit is never given evidence it does not share words with. A
supported bullet whose units hold under ``MISCITED`` of its words is re-pointed too, so its evidence is what
backs it. Each move is written in the run's notes.
"""

from __future__ import annotations

from collections.abc import Iterator

from summarizer.arabic import content_words, mostly_arabic
from summarizer.units import unit_words

# The share of a bullet's content words its new units must hold. On the v3 recordings, bullets that stood once
# re-pointed held 86-100% of their words in their best unit, but for five near-copies of one garbled sentence
# (40-42%); 0.6 keeps the first kind and refuses the second.
MIN_COVERAGE = 0.6
# A bullet the checker supports is re-pointed too when its cited units hold under this share of its words: the
# checker judges names, numbers, dates and negation, so a bullet with none of them stands on any unit. On the v3
# recordings 11 of 120 supported Arabic first-answer bullets cited units holding 0-20% of their words («لم تصدر
# وزارة التربية أي تعليق رسمي» citing a unit about the protest), the other 109 60% or more.
MISCITED = 0.5
MIN_WORDS = 3
MAX_CITES = 2  # a bullet cites 1 or 2 units (pointer.PointerBullet)


def coverage(text: str, numbers: list[int], article: str) -> float:
    """The share of ``text``'s content words that units ``numbers`` hold (1.0 for a text without any)."""
    words = content_words(text)
    if not words:
        return 1.0
    units = unit_words(article)
    held = words & frozenset().union(*(units[n - 1] for n in numbers if 1 <= n <= len(units)))
    return len(held) / len(words)


def miscited(text: str, numbers: list[int], article: str) -> bool:
    """Is an Arabic bullet citing units that hold too few of its words (``MISCITED``)?"""
    return mostly_arabic(text) and coverage(text, numbers, article) < MISCITED


def candidates(text: str, cited: list[int], article: str) -> Iterator[list[int]]:
    """Unit numbers to try for a bullet citing ``cited``, best first: the unit holding most of its words, then
    that unit with the next best when the pair holds more. Nothing for a bullet that is not Arabic, too short,
    or whose words no unit holds to ``MIN_COVERAGE``; never ``cited`` itself."""
    if not mostly_arabic(text):
        return
    words = content_words(text)
    if len(words) < MIN_WORDS:
        return
    units = unit_words(article)
    ranked = sorted(range(len(units)), key=lambda k: (-len(words & units[k]), k))
    best, tried = ranked[0], {tuple(sorted(cited))}
    options = [[best]]
    if len(ranked) > 1 and MAX_CITES > 1:
        second = ranked[1]
        if words & units[second] - units[best]:
            options.append(sorted([best, second]))
    for option in options:
        numbers = [k + 1 for k in option]
        if coverage(text, numbers, article) >= MIN_COVERAGE and tuple(numbers) not in tried:
            tried.add(tuple(numbers))
            yield numbers
