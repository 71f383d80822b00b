"""Directions: "the northern berth" where the evidence says «الرصيف الجنوبي», «شمال المدينة» for «جنوب المدينة».

Why: a direction swapped is a place error no name rule can see (the town is right, its side is wrong). Read
through the four compass points in English and Arabic (a documented lexicon: no library has the Arabic forms):
the bullet names a direction, its evidence names directions, none of them the bullet's. A compound («شمال شرقي»,
"north-eastern") claims each of its points.
"""

from __future__ import annotations

import functools
import re

from summarizer.arabic import mostly_arabic, normalize_text

_EN = {
    "north": re.compile(r"\bnorth(?:ern|wards?)?\b|\bnorth-?(?=east|west)", re.I),
    "south": re.compile(r"\bsouth(?:ern|wards?)?\b|\bsouth-?(?=east|west)", re.I),
    "east": re.compile(r"\beast(?:ern|wards?)?\b|(?<=north)-?east(?:ern)?\b|(?<=south)-?east(?:ern)?\b", re.I),
    "west": re.compile(r"\bwest(?:ern|wards?)?\b|(?<=north)-?west(?:ern)?\b|(?<=south)-?west(?:ern)?\b", re.I),
}
# Normalised Arabic: «شمال», «شمالي», «الشمالي», «الشماليه», «شمالا», «شرقه» (its east), with clitics.
_AR = {
    point: re.compile(r"(?<!\w)(?:[وفبل]|وب|وال|بال|لل|ال)?" + stem + r"(?:ي|يه|يا|ا|يين|يون|ه|ها|هم)?(?!\w)")
    for point, stem in (("north", "شمال"), ("south", "جنوب"), ("east", "شرق"), ("west", "غرب"))
}
# Names that hold a compass word and are no direction of the event: "South Sudan", «جنوب السودان», "West Bank",
# «الضفة الغربية», "East Jerusalem", "North Korea", the Middle East, the Western countries.
_EN_NAMES = re.compile(
    r"\b(?:South Sudan\w*|West Bank|East Jerusalem|North Korea\w*|South Korea\w*|Middle East\w*|Western"
    r"(?: countries| governments| powers| diplomats)|North Africa\w*|West Africa\w*|East Africa\w*)\b",
    re.I,
)
_AR_NAMES = re.compile(
    r"جنوب السودان|الضفه الغربيه|القدس الشرقيه|كوريا الشماليه|كوريا الجنوبيه|الشرق الاوسط|الدول الغربيه"
    r"|شمال افريقيا|غرب افريقيا|شرق افريقيا|الغرب(?!\w)|المغرب\w*"
)


# Round 10: two opposite points coordinated («من الشرق والغرب», "East and West", "north to south") say "from
# everywhere", no direction of the event.
_AR_BOTH = re.compile(
    r"(?<!\w)(?:[وفبل]|لل|ال|بال|وال)?(شرق|غرب|شمال|جنوب)\w{0,3}\s+"
    r"(?:و|او |الي |وحتي )(?:ال)?(شرق|غرب|شمال|جنوب)\w{0,3}"
)
_EN_BOTH = re.compile(
    r"\b(east|west|north|south)(?:ern)?\s+(?:and|or|to|as well as)\s+(?:the\s+)?(east|west|north|south)(?:ern)?\b", re.I
)
_OPPOSITE = {("شرق", "غرب"), ("غرب", "شرق"), ("شمال", "جنوب"), ("جنوب", "شمال")}
_OPPOSITE |= {("east", "west"), ("west", "east"), ("north", "south"), ("south", "north")}


def _drop_both(pattern: re.Pattern[str], text: str) -> str:
    return pattern.sub(lambda m: " " if (m.group(1).lower(), m.group(2).lower()) in _OPPOSITE else m.group(), text)


def _points(text: str) -> set[str]:
    if mostly_arabic(text):
        norm = _AR_NAMES.sub(" ", _drop_both(_AR_BOTH, normalize_text(text)))
        return {point for point, pattern in _AR.items() if pattern.search(norm)}
    bare = _EN_NAMES.sub(" ", _drop_both(_EN_BOTH, text))
    return {point for point, pattern in _EN.items() if pattern.search(bare)}


@functools.lru_cache(maxsize=4096)
def _evidence_points(evidence: str) -> frozenset[str]:
    return frozenset(_points(evidence))


def swapped_directions(bullet: str, evidence: str) -> list[str]:
    """The compass points the bullet names where its evidence names other points and never these."""
    stated = _evidence_points(evidence)
    if not stated:
        return []
    return sorted(_points(bullet) - stated)


# Clock times: "at around 2 a.m." where the evidence says «قرابة الساعة الرابعة فجراً». Hours are compared on a
# twelve-hour dial (the evidence's «الرابعة فجراً» and "4 a.m." are one hour; "4 p.m." is the same hour on it, and
# the day-part words are left to the reader).
_HOUR_WORDS = "zero one two three four five six seven eight nine ten eleven twelve"
_EN_HOURS = {w: n for n, w in enumerate(_HOUR_WORDS.split(" "))}
_EN_CLOCK = re.compile(
    r"\b(\d{1,2}|" + "|".join(_EN_HOURS) + r")(?::\d{2})?\s*(?:a\.?m\b\.?|p\.?m\b\.?|o['’]clock)", re.I
)
_AR_HOURS = {
    "الواحده": 1, "الثانيه": 2, "الثالثه": 3, "الرابعه": 4, "الخامسه": 5, "السادسه": 6, "السابعه": 7,
    "الثامنه": 8, "التاسعه": 9, "العاشره": 10, "الحاديه عشره": 11, "الثانيه عشره": 12,
}  # fmt: skip
_AR_CLOCK = re.compile(
    r"(?<!\w)(?:[وفبل]|لل)?(?:الساعه|ساعه)\s+(\d{1,2}|الحاديه عشره|الثانيه عشره|" + "|".join(_AR_HOURS) + r")(?!\w)"
)


def _hour(value: str) -> int:
    value = value.lower()
    number = int(value) if value.isdigit() else _EN_HOURS.get(value, _AR_HOURS.get(value, -1))
    return number % 12


def clock_hours(text: str) -> set[int]:
    """The clock hours a text gives (on a twelve-hour dial)."""
    if mostly_arabic(text):
        return {_hour(m.group(1)) for m in _AR_CLOCK.finditer(normalize_text(text))}
    return {_hour(m.group(1)) for m in _EN_CLOCK.finditer(text)}


def other_hours(bullet: str, evidence: str) -> list[int]:
    """Clock hours the bullet gives where its evidence gives other hours and never these."""
    stated = clock_hours(normalize_text(evidence))
    if not stated:
        return []
    return sorted(clock_hours(bullet) - stated)
