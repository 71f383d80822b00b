"""Figures a bullet uses more often than its evidence, and ages told by decade.

Why (round 9): a figure is checked against the evidence's figures one at a time, so "killed four militants and
destroyed four hideouts" passes against «قتل أربعة إرهابيين ... وتدمير ثلاثة أوكار»: four is stated, once. A bullet
that uses one figure twice where its evidence states it once, and leaves out another figure of that evidence,
has given the second noun the first one's count (``number.reused``). Ages by decade ("a man in his sixties" for «في
الخمسينيات من عمره») are read by neither the figure nor the date rules (``number.age``). Both are warnings.
"""

from __future__ import annotations

import re
from collections import Counter

from summarizer.arabic import normalize_text
from summarizer.claims.numbers import ORDINAL, Quantity

_YEARS = (1800, 2100)


def _counts(stated: list[Quantity]) -> Counter[float]:
    return Counter(
        q.low
        for q in stated
        if q.low == q.high and q.low >= 2 and q.qualifier != ORDINAL and not _YEARS[0] <= q.low <= _YEARS[1]
    )


def reused_figures(claimed: list[Quantity], stated: list[Quantity]) -> list[float]:
    """Figures the bullet (its quantities, ``claimed``) states more often than its evidence (``stated``) does, where
    the evidence states another figure the bullet never gives (the noun it counted got the reused figure instead)."""
    mine, theirs = _counts(claimed), _counts(stated)
    if not any(value not in mine for value in theirs):
        return []
    return sorted(value for value, n in mine.items() if 0 < theirs.get(value, 0) < n)


_EN_DECADES = {
    "twenties": 20, "thirties": 30, "forties": 40, "fifties": 50, "sixties": 60, "seventies": 70,
    "eighties": 80, "nineties": 90,
}  # fmt: skip
_EN_AGE = re.compile(r"\b(?:in (?:his|her|their) (?:early |mid-|mid |late )?)(" + "|".join(_EN_DECADES) + r")\b", re.I)
_AR_DECADES = {
    normalize_text(w): v
    for w, v in (
        ("العشرينيات", 20), ("الثلاثينيات", 30), ("الأربعينيات", 40), ("الخمسينيات", 50), ("الستينيات", 60),
        ("السبعينيات", 70), ("الثمانينيات", 80), ("التسعينيات", 90), ("العشرين", 20), ("الثلاثين", 30),
        ("الأربعين", 40), ("الخمسين", 50), ("الستين", 60), ("السبعين", 70), ("الثمانين", 80), ("التسعين", 90),
    )
}  # fmt: skip
_AR_AGE = re.compile(r"(?<!\w)(?:في |فى )(\w+)(?= من (?:عمر|العمر))")


def _ar_ages(text: str) -> set[int]:
    return {_AR_DECADES[m.group(1)] for m in _AR_AGE.finditer(normalize_text(text)) if m.group(1) in _AR_DECADES}


def other_decades(bullet: str, evidence: str) -> list[str]:
    """ "in his sixties" where the evidence gives the age in another decade («في الخمسينيات من عمره»), in either
    language."""
    stated = _ar_ages(evidence)
    if not stated:
        return []
    claimed = [(m.group(0), _EN_DECADES[m.group(1).lower()]) for m in _EN_AGE.finditer(bullet)]
    claimed += [(f"{value}", value) for value in _ar_ages(bullet)]
    return [text for text, value in claimed if value not in stated]
