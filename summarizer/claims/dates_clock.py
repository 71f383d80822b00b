"""Clock times with the part of the day they fall in, in English and Arabic (session 14).

Why: the clock-hour check (``compass.other_hours``) reads an Arabic hour only after «الساعة» and compares hours on a
twelve-hour dial, so "8 p.m." for «الثامنة صباحاً» (the same hour, another half of the day), «نحو الثانية ظهراً»
for «قرابة الساعة الثانية فجراً» and «قبل الثالثة فجراً» (no «الساعة») for «قبل الساعة الخامسة صباحاً» all passed.
Here an hour is read with its part of the day: after «الساعة», or (without it) before a word that tells the part
(«فجراً», «صباحاً», «ظهراً», «عصراً», «مساءً»), and in English before "a.m." / "p.m." / "in the morning". A range
("between 3 and 4 a.m.", «بين الساعة الثالثة والرابعة فجراً») gives its part to both hours. Reported as
``date.time`` (a warning) where the evidence gives times and none at the bullet's hour in a compatible part of the
day; an hour the clock-hour check already reports is left to it.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.compass import clock_hours

AM, PM = "am", "pm"

_AR_HOURS = {
    normalize_text(w): n
    for n, w in enumerate(
        ("الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة", "السابعة", "الثامنة", "التاسعة", "العاشرة"),
        1,
    )
}
_AR_HOURS |= {normalize_text("الحادية عشرة"): 11, normalize_text("الثانية عشرة"): 12}
_AR_PARTS = {
    normalize_text(w): part
    for w, part in (
        ("فجراً", AM), ("فجرا", AM), ("صباحاً", AM), ("صباحا", AM), ("ظهراً", PM), ("ظهرا", PM), ("عصراً", PM),
        ("عصرا", PM), ("مساءً", PM), ("مساء", PM), ("مساءا", PM),
    )
}  # fmt: skip
# Session 15: «ليلاً» (at night) puts an evening hour after noon («العاشرة ليلاً» = 10 p.m.) and a small hour before
# it («الثانية ليلاً» = 2 a.m.); midnight and five are left untold.
_AR_NIGHT = normalize_text("ليلاً")
_AR_NIGHT_WORDS = {_AR_NIGHT, "ليلا"}
_AR_PARTS |= {w: "night" for w in _AR_NIGHT_WORDS}
_AR_HOUR = "|".join(sorted((re.escape(h) for h in _AR_HOURS), key=len, reverse=True))
_AR_PART = "|".join(sorted(_AR_PARTS, key=len, reverse=True)) + "|بعد الظهر"
# «الساعة الثالثة», «الثالثة فجراً», «بين الساعة الثالثة والرابعة فجراً», «الساعة 8 مساءً», «الثامنة والنصف صباحاً»;
# session 15: a range's second hour with its own part of the day, «بين العاشرة مساءً والثامنة صباحاً»
_AR_CLOCK = re.compile(
    rf"(?<!\w)(?:و(?=ال))?(?P<clock>(?:[وفبل]|لل)?ساعه\s+)?(?P<hour>{_AR_HOUR}|\d{{1,2}})"
    rf"(?:\s+و(?P<second>{_AR_HOUR}))?"
    rf"(?:\s+(?:والنصف|والربع|الا ربعا|الا ربع))?"
    rf"(?:\s+(?:من\s+)?(?P<part>{_AR_PART}))?(?!\w)"
)
_EN_WORDS = {
    w: n
    for n, w in enumerate("one two three four five six seven eight nine ten eleven twelve".split(), 1)  # noqa: SIM905
}
_EN_HOUR = r"\d{1,2}(?::\d{2})?|" + "|".join(_EN_WORDS)
_EN_CLOCK = re.compile(
    rf"\b(?P<hour>{_EN_HOUR})(?:\s*(?:and|to|-|–|until|till)\s*(?P<second>{_EN_HOUR}))?\s*"
    r"(?P<part>a\.?m\b\.?|p\.?m\b\.?|in the (?:morning|afternoon|evening)|at night)",
    re.I,
)


def _en_hour(value: str) -> int:
    value = value.lower().split(":")[0]
    return int(value) if value.isdigit() else _EN_WORDS[value]


def _part_of(hour: int, part: str | None) -> tuple[int, str | None]:
    if hour > 12:
        return hour - 12, PM  # «الساعة 20»: 8 p.m.
    return hour, part


def _at_night(hour: int) -> str | None:
    if 6 <= hour <= 11:
        return PM
    if 1 <= hour <= 4:
        return AM
    return None


@lru_cache(maxsize=4096)
def clock_times(text: str) -> frozenset[tuple[int, str | None]]:
    """The clock hours a text gives (1-12) with the half of the day its words put them in (``None``: not told)."""
    found: set[tuple[int, str | None]] = set()
    if mostly_arabic(text):
        for m in _AR_CLOCK.finditer(normalize_text(text)):
            part_word = m.group("part")
            if not m.group("clock") and not part_word:
                continue  # «الثالثة» alone: an ordinal, not an hour
            part = PM if part_word == "بعد الظهر" else _AR_PARTS.get(part_word or "")
            for value in (m.group("hour"), m.group("second")):
                if value:
                    hour = int(value) if value.isdigit() else _AR_HOURS[value]
                    if 0 < hour <= 24:
                        found.add(_part_of(hour, _at_night(hour) if part == "night" else part))
        return frozenset(found)
    for m in _EN_CLOCK.finditer(text):
        word = m.group("part").lower()
        part = AM if word.startswith("a") or "morning" in word else PM if not word.endswith("night") else None
        for value in (m.group("hour"), m.group("second")):
            if value:
                hour = _en_hour(value)
                if 0 < hour <= 24:
                    found.add(_part_of(hour, part))
    return frozenset(found)


def hours_stated(evidence: str) -> frozenset[int]:
    """The hours (0-11, as the clock-hour check keys them) an evidence gives, ranges' second hours included."""
    return frozenset(hour % 12 for hour, _ in clock_times(evidence))


def other_parts_of_day(bullet: str, evidence: str) -> list[str]:
    """The bullet's clock times ("8 p.m.") where its evidence gives times and none at that hour in a compatible half
    of the day («الثامنة صباحاً»); hours the clock-hour check reports already (another hour after «الساعة») are left
    out."""
    stated = clock_times(evidence)
    if not stated:
        return []
    reported = set(clock_hours(bullet)) - set(clock_hours(normalize_text(evidence)))
    found = []
    for hour, part in sorted(clock_times(bullet), key=str):
        if any(h == hour and (p is None or part is None or p == part) for h, p in stated):
            continue
        if hour % 12 in reported and clock_hours(normalize_text(evidence)):
            continue
        found.append(f"{hour} {part}" if part else str(hour))
    return found
