"""Figures a bullet works out from figures it or its evidence states (round 17): readings of ``number.value`` /
``number.value_words`` that are arithmetic a reader does without thinking, not a changed figure.

- A total the bullet marks as one («أي تسعة قتلى إجمالاً», "a total of 14", "2,000 in all") that is the sum of
  two or more other figures of the same bullet, each of which the evidence states: the parts are checked as usual,
  so a wrong part is still caught, and a wrong total is no such sum.
- A share written as "N in M" / "N out of M" / «N من كل M» ("four in five producers") for a percentage the evidence
  states (80%), and a percentage for a fraction word the evidence writes («ربع إنتاج اليمن» for "25 per cent").
- (the other way) A fraction word the bullet gives a share ("about a third of Yemen's crude") where its evidence
  writes another fraction word («نحو ربع إنتاج اليمن»): ``other_fractions``, a ``number.value_words``.
- (the other way) A span of time the bullet counts in a unit its evidence counts with another figure ("about two
  hours" for «نحو ساعة»): ``recounted_spans``, a ``number.noun`` (the figure alone may be backed by another count).
- A count of days that is the distance between two dates of the evidence («قبل يومين» for the 26th and the 28th).
- A count for the ordinal that numbers the last of a series in a span of time ("four attacks since early November"
  for «الهجوم هو الرابع ... منذ مطلع تشرين الثاني», «هجومين خلال 2026» for «ثاني هجوم ... خلال عام 2026»).
"""

from __future__ import annotations

import re
from itertools import combinations

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.dates import _HOURS, date_terms, durations
from summarizer.claims.numbers import EXACT, Quantity, lone_ordinal, quantities, supports, word_value

_AR_TOTAL_BEFORE = re.compile(
    r"(?:(?<!\w)اي(?:\s+ان)?|(?<!\w)[بل]?(?:مجموع|اجمالي|المجموع|الاجمالي)|(?<!\w)(?:ما\s+)?مجموعه)"
    r"(?:\s+(?:نحو|حوالي|قرابه))?\s*$"
)
_AR_TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+)?(?:اجمالا|اجمالي|في\s+المجموع|بالمجموع|مجتمعين|مجتمعه|في\s+المحصله)")
_EN_TOTAL_BEFORE = re.compile(
    r"\b(?:i\.e\.,?|that is,?|a total of|in total|altogether|totall?ing|bringing the (?:total|toll) to|total of)"
    r"(?:\s+(?:about|nearly|around|some|roughly))?\s*$",
    re.I,
)
_EN_TOTAL_AFTER = re.compile(r"^\s*(?:\w+\s+){0,2}?(?:in all|in total|altogether|combined|total)\b", re.I)
_MAX_PARTS = 4


def _marked_as_total(claim: Quantity, bullet: str) -> bool:
    arabic = mostly_arabic(bullet)
    text = normalize_text(bullet) if arabic else bullet
    at = text.find(claim.text) if arabic else text.lower().find(claim.text.lower())
    if at < 0:
        return False
    before, after = text[:at], text[at + len(claim.text) :]
    if arabic:
        return bool(_AR_TOTAL_BEFORE.search(before) or _AR_TOTAL_AFTER.match(after))
    return bool(_EN_TOTAL_BEFORE.search(before) or _EN_TOTAL_AFTER.match(after))


def bullet_total(claim: Quantity, claimed: list[Quantity], stated: list[Quantity], bullet: str) -> bool:
    """Is ``claim`` a total the bullet marks as one, the sum of two or more of its other figures that its evidence
    states («قُتل خمسة ... وأربعة ...، أي تسعة قتلى إجمالاً»)?"""
    if claim.low != claim.high or claim.low <= 0 or not _marked_as_total(claim, bullet):
        return False
    plain = [q for q in claimed if q is not claim and q.low == q.high and q.low > 0 and q.qualifier == EXACT]
    parts = [q.low for q in plain if any(supports(q, s) for s in stated)]
    if len(parts) > 8:
        return False
    sizes = range(2, min(_MAX_PARTS, len(parts)) + 1)
    return any(sum(chosen) == claim.low for size in sizes for chosen in combinations(parts, size))


_PERCENT_AFTER = re.compile(r"\s*(?:%|٪|per\s*cent|percent|(?:بال|في\s+ال)(?:مئ|مائ|مي|ماي)(?:ة|ه))", re.I)


def _percents(text: str) -> set[float]:
    """The percentages ``text`` states ("80%", «ثمانين بالمئة»)."""
    found: set[float] = set()
    for q in quantities(text):
        if q.low != q.high:
            continue
        for written in (text, normalize_text(text)):
            at = written.find(q.text)
            if at >= 0 and _PERCENT_AFTER.match(written, at + len(q.text)):
                found.add(q.low)
                break
    return found


# "four in five", "one out of three", «واحد من كل خمسة», «ثلاثة من كل أربعة»
_EN_SHARE = re.compile(r"\b(\w+)\s+(?:in|out\s+of)\s+(?:every\s+)?(\w+)\b", re.I)
_AR_SHARE = re.compile(r"(?<!\w)(\w+)\s+من\s+كل\s+(\w+)(?!\w)")


def _figure(word: str) -> float | None:
    if word.isdigit():
        return float(word)
    value = word_value(word.lower())
    return float(value) if value is not None else None


def shares_stated(bullet: str, evidence: str) -> set[float]:
    """The figures of the bullet's "N in M" shares whose percentage the evidence states (within a point): both N
    and M are read as counts by ``quantities``, and neither is one."""
    percents = _percents(evidence)
    if not percents:
        return set()
    text = normalize_text(bullet) if mostly_arabic(bullet) else bullet
    found: set[float] = set()
    for pattern in (_EN_SHARE, _AR_SHARE):
        for m in pattern.finditer(text):
            part, whole = _figure(m.group(1)), _figure(m.group(2))
            if part is None or whole is None or not 0 < part < whole:
                continue
            if any(abs(100 * part / whole - p) <= 1 for p in percents):
                found |= {part, whole}
    return found


_FRACTION_WORDS = {
    **{normalize_text(w): 25.0 for w in ("ربع", "وربع", "بربع", "الربع", "a quarter", "one quarter")},
    **{normalize_text(w): 50.0 for w in ("نصف", "ونصف", "بنصف", "النصف", "half")},
    **{normalize_text(w): 100 / 3 for w in ("ثلث", "وثلث", "بثلث", "الثلث", "a third", "one third")},
    **{normalize_text(w): 75.0 for w in ("ثلاثه ارباع", "three quarters", "three-quarters")},
    **{normalize_text(w): 200 / 3 for w in ("ثلثي", "ثلثا", "two thirds", "two-thirds")},
}
_FRACTION = re.compile(
    r"(?<!\w)(" + "|".join(sorted((re.escape(w) for w in _FRACTION_WORDS), key=len, reverse=True)) + r")(?!\w)", re.I
)


def fraction_for_percent(claim: Quantity, bullet: str, evidence: str) -> bool:
    """Is ``claim`` a percentage ("25 per cent", «نحو 25 بالمئة») for a fraction word its evidence writes («ربع
    إنتاج اليمن», "half the students") of a noun, not of a scale word («ربع مليون» is read as 250,000)?"""
    if claim.low != claim.high or claim.low not in _percents(bullet):
        return False
    norm = normalize_text(evidence)
    for m in _FRACTION.finditer(norm):
        share = _FRACTION_WORDS[m.group(1).lower()]
        if abs(share - claim.low) < 1:
            following = norm[m.end() :].split()[:1]
            if following and word_value(following[0].lower()) is not None:
                continue  # «ربع مليون»: a figure (read by ``quantities``)
            return True
    return False


_AR_SPAN = re.compile(r"(?<!\w)(?:منذ|خلال|حتي|هذا\s+العام|العام\s+الجاري|هذا\s+الشهر)(?!\w)")
_EN_SPAN = re.compile(r"\b(?:since|during|so far|this year|this month|to date|in \d{4})\b", re.I)
_ORDINAL_STEMS = {
    normalize_text(w): v
    for v, w in enumerate(("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), 2)
}


def _ar_ordinals_in_a_span(evidence: str) -> set[int]:
    """Ordinals of a series the evidence bounds in time: «هو الرابع على سوق ... منذ مطلع تشرين الثاني», «ثاني هجوم
    ... خلال عام 2026» (the ordinal and «منذ» / «خلال» in the same clause, eight words apart at most)."""
    words = normalize_text(evidence).split()
    found: set[int] = set()
    for i, word in enumerate(words):
        value = lone_ordinal(word)
        if value is None:
            value = _ORDINAL_STEMS.get(word)  # «ثاني هجوم»: the construct before its noun
        if value is None:
            continue
        window = " ".join(words[i + 1 : i + 9])
        if _AR_SPAN.search(window):
            found.add(value)
    return found


def count_for_ordinal(claim: Quantity, bullet: str, evidence: str) -> bool:
    """Is ``claim`` (two to ten, a count) the number of a series its evidence gives by the ordinal of its latest
    ("the fourth attack since November": four attacks since November), the bullet bounding it in time too?"""
    if claim.low != claim.high or claim.qualifier != EXACT or not 2 <= claim.low <= 10:
        return False
    arabic = mostly_arabic(bullet)
    span = _AR_SPAN.search(normalize_text(bullet)) if arabic else _EN_SPAN.search(bullet)
    return span is not None and int(claim.low) in _ar_ordinals_in_a_span(evidence)


_EN_DAYS_AFTER = re.compile(r"^\s*days?\b", re.I)
_AR_DAYS_AFTER = re.compile(r"^\s*(?:ايام|يوما|يوم)(?!\w)")
_AR_DAYS_DUAL = re.compile(r"^(?:[وفبل]|وب)?(?:ال)?يوم(?:ين|ان)$")


def days_between(claim: Quantity, bullet: str, evidence: str) -> bool:
    """Is ``claim`` a count of days ("two days before", «قبل يومين») that is the distance between two days of one
    month its evidence dates («الخميس 26 نوفمبر» and «السبت 28 تشرين الثاني»)?"""
    if claim.low != claim.high or not 1 <= claim.low <= 30:
        return False
    arabic = mostly_arabic(bullet)
    text = normalize_text(bullet) if arabic else bullet
    at = text.find(claim.text) if arabic else text.lower().find(claim.text.lower())
    if at < 0:
        return False
    after = text[at + len(claim.text) :]
    counted = _AR_DAYS_DUAL.match(claim.text) or _AR_DAYS_AFTER.match(after) if arabic else _EN_DAYS_AFTER.match(after)
    if not counted:
        return False
    days = sorted(int(v) for k, v in date_terms(evidence) if k == "day")
    return any(b - a == claim.low and a // 100 == b // 100 for i, a in enumerate(days) for b in days[i + 1 :])


_YEARS = (1800, 2100)


def arithmetic_of_stated(claim: Quantity, stated: list[Quantity]) -> bool:
    """Round 17, after its validation run and designed from it: is a plain figure the evidence does not state the
    sum, the difference or the share (p% of n) of two figures it does state, or what two stated shares leave of 100?
    ("leaving 21 in custody" for 23 detained and two freed; «23 بين جريح ومعتقل» for 9 and 14; "20 per cent" for
    58 and 22 per cent and «والباقي»; «أي 6 قضايا» for 40% of 15.) Such a figure may be arithmetic the writer did, or
    a wrong figure that happens to be one: the checker cannot tell which, so it is its own warning
    (``number.value_worked_out``), never an error."""
    if claim.low != claim.high or claim.low <= 0 or _YEARS[0] <= claim.low <= _YEARS[1]:
        return False
    plain = [s.low for s in stated if s.low == s.high and s.low > 0 and not (_YEARS[0] <= s.low <= _YEARS[1])]
    target = claim.low
    for a, b in combinations(plain, 2):
        if target in (a + b, abs(a - b)) or target + a + b == 100:
            return True
        if any(share < 100 and abs(share * whole / 100 - target) < 0.5 for share, whole in ((a, b), (b, a))):
            return True
    return False


def worked_out(claim: Quantity, claimed: list[Quantity], stated: list[Quantity], bullet: str, evidence: str) -> bool:
    """Any of the readings above (the module docstring)."""
    return (
        bullet_total(claim, claimed, stated, bullet)
        or (claim.low == claim.high and claim.low in shares_stated(bullet, evidence))
        or fraction_for_percent(claim, bullet, evidence)
        or count_for_ordinal(claim, bullet, evidence)
        or days_between(claim, bullet, evidence)
    )


# Round 17: shares told by fraction words, of a noun (not of a scale word: «ربع مليون» is a figure, read elsewhere).
_EN_FRACTION_OF = re.compile(
    r"\b(?:(?:a|one)\s+(?P<one>third|quarter|fifth|tenth)|(?P<half>half)"
    r"|(?P<two>two|three)[- ](?P<parts>thirds|quarters))"
    r"(?=\s+(?:of|the|its|their|his|her|an?)\b)",
    re.I,
)
_EN_SHARES = {"third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0, "half": 50.0}
_AR_FRACTION_OF = re.compile(r"(?<!\w)(?:[وبل]|وب)?(?:ال)?(نصف|ربع|ثلث|ثلثي|ثلثا)(?!\w)\s+(\w+)")
_AR_SHARES = {"نصف": 50.0, "ربع": 25.0, "ثلث": 100 / 3, "ثلثي": 200 / 3, "ثلثا": 200 / 3}


def _fraction_shares(text: str) -> list[tuple[str, float]]:
    """The shares ``text`` gives by a fraction word of a noun: "a third of", "half the", «ربع إنتاج», «نصف الموظفين»."""
    found: list[tuple[str, float]] = []
    if mostly_arabic(text):
        for m in _AR_FRACTION_OF.finditer(normalize_text(text)):
            word, following = m.group(1), m.group(2)
            if word not in _AR_SHARES or word_value(following) is not None or following.startswith(("ساع", "الساع")):
                continue  # «ربع مليون» (a figure), «نصف ساعة» (a span)
            found.append((m.group(0).split()[0], _AR_SHARES[word]))
        return found
    for m in _EN_FRACTION_OF.finditer(text):
        if m.group("one") or m.group("half"):
            found.append((m.group(0), _EN_SHARES[(m.group("one") or m.group("half")).lower()]))
        else:
            whole = 3 if m.group("parts").lower() == "thirds" else 4
            found.append((m.group(0), 100 * (2 if m.group("two").lower() == "two" else 3) / whole))
    return found


def other_fractions(bullet: str, evidence: str) -> list[str]:
    """Fraction words the bullet gives a share by where its evidence gives shares by other fraction words ("a third"
    for «ربع»), and no percentage near it: the same kind of figure, changed. Only where the evidence writes some
    fraction word: a fraction against a percentage may be a rounding ("half" for 48%)."""
    theirs = _fraction_shares(evidence)
    if not theirs:
        return []
    stated = {share for _, share in theirs} | _percents(evidence)
    return [word for word, share in _fraction_shares(bullet) if not any(abs(share - s) <= 2 for s in stated)]


# A rate names a unit and counts no span of it: "4% a year", "1.5 million a month", «مليون ونص بالشهر», «في اليوم».
_RATE = re.compile(
    r"\b(?:a|an|per|each|every)\s+(?:minute|hour|day|week|month|year)\b"
    r"|(?<!\w)(?:بال|في\s+ال|كل\s+)(?:ساعة|ساعه|يوم|أسبوع|اسبوع|شهر|سنة|سنه|عام)(?!\w)",
    re.I,
)


# An estimate in the bullet ("about two hours", «قرابة ساعتين») admits a span within 15% of the evidence's. Bounds
# ("more than", "under") are not read: bullet-wide, "under control" and "no less than" would pass as bounds.
_ABOUT = re.compile(
    r"\b(?:about|nearly|almost|roughly)\b|(?<!\w)(?:نحو|قرابة|قرابه|حوالي|حوالى|زهاء|يقارب)(?!\w)", re.I
)


def _span_agrees(hours: float, stated: float, about: bool) -> bool:
    """The same span within 3%, or within 15% where the bullet gives an estimate ("nearly two hours" for «ساعة و50
    دقيقة»)."""
    return abs(hours - stated) <= (0.15 if about else 0.03) * max(hours, stated)


def _unit(count: float, hours: float) -> float:
    return round(hours / count, 6) if count else 0.0


def recounted_spans(bullet: str, evidence: str) -> list[str]:
    """Round 17: spans of time the bullet counts in a unit its evidence counts the same kind of span in, with
    another count and no span of the same length ("about two hours" for «نحو ساعة», «ثلاثة أيام» for «يومين»): the
    count of a unit, changed, where the figure alone may be backed by another count («اثنين من عناصره»)."""
    theirs = durations(_RATE.sub(" ", evidence))
    if not theirs:
        return []
    found: list[str] = []
    about = _ABOUT.search(bullet) is not None
    for count, hours in sorted(durations(_RATE.sub(" ", bullet))):
        unit = _unit(count, hours)
        same_unit = [c for c, h in theirs if _unit(c, h) == unit]
        if any(abs(a - b) == count for i, a in enumerate(same_unit) for b in same_unit[i + 1 :]):
            continue  # «أكثر بعامين» for ten years against eight: a difference
        if same_unit and not any(_span_agrees(hours, h, about) for _, h in theirs):
            name = next((k for k, v in _HOURS.items() if abs(v - unit) < 1e-6), "span")
            found.append(f"{count:g} {name}")
    return found
