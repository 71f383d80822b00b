"""ISO dates: derivable from the article, or null.

An ISO date is derivable when the article writes that day (day + month + a year written in the
article), or when it is within the week before a full written date (a dateline plus «أمس», a
weekday, "yesterday"). A year the article never writes cannot be derived, so the ISO date must
then be null: a model that fills 2019-01-01 from nowhere is flagged.
"""

from __future__ import annotations

import contextlib
import re
from datetime import date, timedelta
from functools import lru_cache

from summarizer.arabic import normalize_text

_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "اذار": 3, "ابريل": 4, "نيسان": 4,
    "مايو": 5, "ايار": 5, "يونيو": 6, "حزيران": 6, "يوليو": 7, "تموز": 7, "اغسطس": 8, "اب": 8,
    "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10, "تشرين الاول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الاول": 12, "january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
_MONTH_RE = "|".join(sorted((normalize_text(m) for m in _MONTHS), key=len, reverse=True))
_MONTH_NUMBER = {normalize_text(k): v for k, v in _MONTHS.items()}
# «14 آذار/مارس 2025»: Levantine and Egyptian names side by side, the year after the second one.
_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_MONTH_RE})(?:\s*/\s*(?:{_MONTH_RE}))?"
    rf"(?:\s*(?:عام|سنه)?\s*(\d{{4}}))?"
)
_NUMERIC = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20[0-4]\d)(?!\d)")


@lru_cache(maxsize=16)
def written_dates(article: str) -> frozenset[date]:
    """Full dates the article writes; a day and month without a year take the article's only year.
    Cached per article: every ISO date of a digest (and of every re-ask) asks about the same article."""
    text = normalize_text(article)
    years = {int(y) for y in _YEAR.findall(text)}
    found: set[date] = set()
    for day, month, year in _DAY_MONTH.findall(text):
        candidates = [int(year)] if year else (sorted(years) if len(years) == 1 else [])
        for y in candidates:
            with contextlib.suppress(ValueError):  # 31 February: not a date
                found.add(date(y, _MONTH_NUMBER[month], int(day)))
    for m in _NUMERIC.finditer(text):
        try:
            if m.group(1):
                found.add(date(int(m.group(1)), int(m.group(2)), int(m.group(3))))
            else:
                found.add(date(int(m.group(6)), int(m.group(5)), int(m.group(4))))
        except ValueError:
            pass
    return frozenset(found)


def derivable(iso: date, article: str) -> bool:
    """Is ``iso`` a written date of the article, or up to a week before one (relative days)?"""
    return any(timedelta(0) <= written - iso <= timedelta(days=7) for written in written_dates(article))


_WEEKDAYS = {
    "الاحد": 0, "الاثنين": 1, "الثلاثاء": 2, "الاربعاء": 3, "الخميس": 4, "الجمعه": 5, "السبت": 6,
    "sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6,
}  # fmt: skip
_AR_MONTH_RE = "|".join(m for m in _MONTH_RE.split("|") if not m.isascii())
_AR_TERM = re.compile(
    r"(?<!\w)(?:[وفب]?(?:يوم\s+)?(?P<weekday>" + "|".join(w for w in _WEEKDAYS if not w.isascii()) + r")"
    r"|(?P<month>" + _AR_MONTH_RE + r")|(?P<year>19[5-9]\d|20[0-4]\d))(?!\w)"
)
# English names only when capitalised: "a peaceful march" names no month.
_EN_TERM = re.compile(
    r"\b(?:(?P<weekday>" + "|".join(w.title() for w in _WEEKDAYS if w.isascii()) + r")"
    r"|(?P<month>" + "|".join(m.title() for m in _MONTH_NUMBER if m.isascii()) + r"))\b"
)


def date_terms(text: str) -> set[tuple[str, int]]:
    """The weekdays, months and years a text names, language-neutral: {("weekday", 2), ("month", 5), ...}."""
    terms: set[tuple[str, int]] = set()
    for m in [*_AR_TERM.finditer(normalize_text(text)), *_EN_TERM.finditer(text)]:
        if m.group("weekday"):
            terms.add(("weekday", _WEEKDAYS[normalize_text(m.group("weekday")).lower()]))
        elif m.group("month"):
            terms.add(("month", _MONTH_NUMBER[normalize_text(m.group("month")).lower()]))
        else:
            terms.add(("year", int(m.group("year"))))
    return terms
