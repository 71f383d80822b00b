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
from summarizer.claims.numbers import ORDINAL, Quantity, counted_nouns

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


# English nouns news counts, with the stems Arabic counts them by (after ``numbers._stem``): "four main roads" is
# checked against the figure the evidence puts before «طرق» («ثلاثة طرق»), not against any four in the window.
_EN_COUNTED = {
    r"children|child|kids": ("اطفال", "طفل"),
    r"women": ("نساء", "امراه", "سيدات"),
    r"soldiers|troops|servicemen": ("جنود", "جندي", "عسكري"),
    r"fighters|militants|gunmen|militiamen": ("مقاتل", "مسلح", "ارهابي"),
    r"roads|highways": ("طرق", "طريق"),
    r"rockets|missiles": ("صواريخ", "صاروخ"),
    r"drones": ("مسير", "طائرات مسير"),
    r"strikes|raids|airstrikes|air strikes": ("غار",),
    r"houses|homes": ("منازل", "منزل", "بيوت"),
    r"vehicles|cars": ("سيار", "اليات", "مركب"),
    r"villages": ("قري", "قرى"),
    r"towns": ("بلدات",),
    r"schools": ("مدارس", "مدرس"),
    r"hours": ("ساع",),
    r"days": ("ايام", "يوم"),
    r"weeks": ("اسابيع", "اسبوع"),
    r"months": ("اشهر", "شهور", "شهر"),
    r"hideouts|dens": ("اوكار", "وكر"),
    r"bodies": ("جث",),
    r"shells|mortar rounds": ("قذائف", "قذيف"),
    r"detainees|prisoners": ("معتقل", "اسري", "اسير", "سجين", "سجناء"),
}
_EN_NOUN = re.compile(r"^\s+(?:[a-z-]+\s+)?(" + "|".join(_EN_COUNTED) + r")\b", re.I)


def recounted_english(bullet: str, claimed: list[Quantity], evidence: str) -> list[str]:
    """An English bullet's "N nouns" (a noun of ``_EN_COUNTED``, one adjective allowed between) where its evidence
    counts that noun with other figures only («ثلاثة طرق» for "four main roads"): the figure is another noun's."""
    if not any(q.low >= 2 for q in claimed):
        return []
    counted = counted_nouns(evidence)
    found = []
    for q in claimed:
        at = bullet.find(q.text)
        if q.low != q.high or q.low < 2 or at < 0:
            continue
        noun = _EN_NOUN.match(bullet[at + len(q.text) :])
        if noun is None:
            continue
        forms = next(forms for pattern, forms in _EN_COUNTED.items() if re.fullmatch(pattern, noun.group(1), re.I))
        figures = {v for stem, values in counted.items() if any(stem.startswith(f) for f in forms) for v in values}
        if figures and q.low not in figures:
            found.append(f"{q.text} {noun.group(1)}")
    return found
