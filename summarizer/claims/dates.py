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
from summarizer.article_index import article_index, per_article
from summarizer.claims.months import LOCALE_MONTHS
from summarizer.claims.numbers import (
    _AR_ONE_AFTER,
    ORDINAL,
    after_a_definite_dual,
    lone_ordinal,
    quantities,
    word_value,
)

_MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "فبراير": 2, "شباط": 2, "مارس": 3, "اذار": 3, "ابريل": 4, "نيسان": 4,
    "مايو": 5, "ايار": 5, "يونيو": 6, "حزيران": 6, "يوليو": 7, "تموز": 7, "اغسطس": 8, "اب": 8,
    "سبتمبر": 9, "ايلول": 9, "اكتوبر": 10, "تشرين الاول": 10, "نوفمبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "كانون الاول": 12, "january": 1, "february": 2, "march": 3, "april": 4, "may": 5,
    "june": 6, "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
# Round 11: the Maghreb's names («جانفي», «فيفري», «جوان», «أوت»; Morocco's «يوليوز», «غشت», «دجنبر») and every other
# Arabic locale's, from CLDR (``summarizer.claims.months``, read once for every reading of month names).
for _names in LOCALE_MONTHS.values():
    for _number, _name in enumerate(_names, 1):
        _MONTHS.setdefault(normalize_text(_name), _number)
_MONTH_RE = "|".join(sorted((normalize_text(m) for m in _MONTHS), key=len, reverse=True))
_MONTH_NUMBER = {normalize_text(k): v for k, v in _MONTHS.items()}
# «14 آذار/مارس 2025»: Levantine and Egyptian names side by side, the year after the second one.
_DAY_MONTH = re.compile(
    rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_MONTH_RE})(?:\s*/\s*(?:{_MONTH_RE}))?"
    rf"(?:\s*(?:عام|سنه)?\s*(\d{{4}}))?"
)
_NUMERIC = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)|(?<!\d)(\d{1,2})/(\d{1,2})/(\d{4})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)")


@per_article
def written_dates(article: str) -> frozenset[date]:
    """Full dates the article writes; a day and month without a year take the article's only year.
    Cached per article: every ISO date of a digest (and of every re-ask) asks about the same article."""
    text = article_index(article).text
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
    r"|كل\s+(?P<every>" + "|".join(w[2:] for w in _WEEKDAYS if not w.isascii()) + r")"  # «كل جمعة»
    r"|(?P<month>" + _AR_MONTH_RE + r")"
    # session 15: a month after «و» / «ب» / «ل» / «ف» («بين جانفي 2021 وأوت 2023»); names of three letters or more,
    # not «باب» (a door) for «آب», unless a year or «/» follows («بين آذار 2024 وآب 2025», «وآب/أغسطس»)
    r"|[وفبل](?P<clitic_month>" + "|".join(m for m in _AR_MONTH_RE.split("|") if len(m) >= 3) + r")"
    r"|[وفبل](?P<short_month>" + "|".join(m for m in _AR_MONTH_RE.split("|") if len(m) < 3) + r")(?=\s*(?:\d{4}|/))"
    # «1827م», «1446 هـ»; a year may carry a clitic: «بين عامي 1905 و1917», «ل2024»
    r"|[وفبل]?(?P<year>1[89]\d\d|20\d\d)(?:م|ه)?|[وفبل]?(?P<hijri>1[34]\d\d)\s*ه)(?!\w)"
)
# English names only when capitalised: "a peaceful march" names no month.
_EN_TERM = re.compile(
    r"\b(?:(?P<weekday>" + "|".join(w.title() for w in _WEEKDAYS if w.isascii()) + r")"
    r"|(?P<month>" + "|".join(m.title() for m in _MONTH_NUMBER if m.isascii()) + r"))\b"
)


_EN_MONTH_RE = "|".join(m.title() for m in _MONTH_NUMBER if m.isascii())
_AR_DAY = re.compile(rf"(?<!\d)(\d{{1,2}})\s+(?:من\s+)?(?:شهر\s+)?({_AR_MONTH_RE})(?!\w)")
_EN_DAY = re.compile(
    rf"\b(?:({_EN_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b|(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_EN_MONTH_RE})\b)"
)
# Units of time a text counts in: "weeks of escalation", «منذ سنوات», «قبل أسبوعين». «يوم الخميس», «اليوم»
# ("today"), «العام» ("general", or a year with a number) and "a day" ("per day") name no span of time.
_EN_PERIOD = re.compile(r"\b(minute|hour|day|week|month|year)s?\b(?!-old)", re.I)
_AR_PERIOD = {
    "hour": ("ساعه", "ساعات", "ساعتين", "ساعتان"),
    "day": ("ايام", "يومين", "يومان"),
    "week": ("اسبوع", "اسابيع", "اسبوعين", "اسبوعان"),
    "month": ("اشهر", "شهور", "شهرين", "شهران"),
    "year": ("سنوات", "سنين", "اعوام", "عامين", "عامان", "سنتين", "سنتان", "سنه", "سنويا"),
}
_AR_PERIOD["day"] += ("يوميا", "باليوم")
_AR_PERIOD["week"] += ("اسبوعيا", "بالاسبوع")
_AR_PERIOD["month"] += ("شهريا", "بالشهر")  # «بالشهر» "a month" (per month)
_AR_PERIOD["year"] += ("بالسنه", "بالعام")
# Round 11: the accusative singular a figure from 11 to 99 counts in («18 شهراً», «15 يوماً», «12 عاماً»), and minutes
# (plural and dual only: «دقيقة» is also "precise").
_AR_PERIOD["day"] += ("يوما",)
_AR_PERIOD["week"] += ("اسبوعا",)
_AR_PERIOD["month"] += ("شهرا",)
_AR_PERIOD["year"] += ("عاما",)
_AR_PERIOD["minute"] = ("دقائق", "دقيقتين", "دقيقتان")
# (normalised: «دقائق» is read as «دقايق», and was never found before round 17)
_AR_PERIOD_WORD = {normalize_text(form): unit for unit, forms in _AR_PERIOD.items() for form in forms}
# «الشهر الماضي» "last month", «الأسبوع المقبل»: a unit named by a relative adjective is a span too.
_AR_RELATIVE = re.compile(
    r"(?<!\w)[وفبل]?(?:ال|لل)(شهر|اسبوع|عام|سنه)\s+(?:الماضي|الفائت|المنصرم|المقبل|القادم|الجاري|الحالي)(?!\w)"
)
_AR_RELATIVE_UNIT = {"شهر": "month", "اسبوع": "week", "عام": "year", "سنه": "year"}
# «منذ بداية العام», «مطلع الشهر», «أواخر الأسبوع»: a part of a unit of time names that unit (session 14)
_AR_PART_OF = re.compile(
    r"(?<!\w)[وفبل]?(?:بدايه|مطلع|نهايه|اواخر|اوائل|منتصف|اول|اخر|اواسط)\s+(?:ال|لل)(شهر|اسبوع|عام|سنه)(?!\w)"
)

# Spans of time in hours, to tell "two days" from «48 ساعة» apart from the unit they are counted in.
_HOURS = {
    "minute": 1 / 60, "hour": 1, "day": 24, "week": 24 * 7, "month": 24 * 30, "year": 24 * 365, "decade": 24 * 3650,
    "century": 24 * 36500,
}  # fmt: skip
_EN_UNIT = r"(minute|hour|day|week|month|year|decade|centur(?:y|ies))"
# "two days", "18 months", "a year", "two and a half years", "a year and a half", "half an hour"
_EN_DURATION = re.compile(
    rf"\b(?:([\w.-]+)\s+(and\s+a\s+half\s+)?{_EN_UNIT}s?(\s+and\s+a\s+half)?|(half)\s+an?\s+{_EN_UNIT})\b", re.I
)
_AR_UNIT_WORDS = {
    "ساعه": "hour", "ساعات": "hour", "يوم": "day", "يوما": "day", "ايام": "day", "اسبوع": "week",
    "اسابيع": "week", "شهر": "month", "شهرا": "month", "اشهر": "month", "شهور": "month", "عام": "year",
    "عاما": "year", "اعوام": "year", "سنه": "year", "سنوات": "year", "دقيقه": "minute", "دقائق": "minute",
    "عقود": "decade", "قرون": "century", "عقدا": "decade", "قرنا": "century",
}  # fmt: skip
_AR_DUAL_UNITS = {
    "ساعتين": "hour", "ساعتان": "hour", "يومين": "day", "يومان": "day", "اسبوعين": "week", "اسبوعان": "week",
    "شهرين": "month", "شهران": "month", "عامين": "year", "عامان": "year", "سنتين": "year", "سنتان": "year",
    "دقيقتين": "minute", "دقيقتان": "minute", "عقدين": "decade", "عقدان": "decade", "قرنين": "century",
}  # fmt: skip
# A unit alone is one of it after a word that tells how long («نحو ساعة», «منذ عام», «قبل أسبوع», «لمدة شهر»), and
# «عقد» / «قرن» (also "contract", "horn") only there or before «من الزمن»; «نصف قرن», «ربع ساعة»: a half, a quarter.
_AR_ONE_UNIT = {**{k: v for k, v in _AR_UNIT_WORDS.items() if k in ("ساعه", "يوم", "اسبوع", "شهر", "عام", "سنه")}}
_AR_ONE_UNIT |= {"دقيقه": "minute", "عقد": "decade", "قرن": "century"}
_AR_ONE_UNIT |= {"يوما": "day", "اسبوعا": "week", "شهرا": "month", "عاما": "year", "عقدا": "decade", "قرنا": "century"}
_AR_HOW_LONG = {"نحو", "قرابه", "حوالي", "زهاء", "منذ", "قبل", "بعد", "خلال", "لمده", "مده", "طوال", "طيله", "غضون"}
_AR_FRACTIONS = {"نصف": 0.5, "ربع": 0.25}
_AR_HALF_AFTER = {"ونصف", "ونص"}


# Session 15: an age is no span of time: «شاب يبلغ اثنين وعشرين عاماً», «البالغ من العمر 40 عاماً», «بعمر 30 سنة»,
# «خمسون عاماً من العمر», "aged 22", "22 years of age", "22 years old". Its year word is left out of the units a
# text counts in (the evidence writes the age otherwise: «في الثانية والعشرين من عمره»).
_AR_AGE_BEFORE = frozenset(
    normalize_text(w)
    for w in ("يبلغ", "تبلغ", "البالغ", "البالغة", "بعمر", "عمره", "عمرها", "عمرهم", "بسن", "سن", "العمر", "يناهز")
)
_AR_AGE_AFTER = frozenset(normalize_text(w) for w in ("العمر", "عمره", "عمرها", "عمرهم"))
_AR_YEAR_WORDS = frozenset(normalize_text(w) for w in ("عاما", "عاماً", "عام", "سنة", "سنوات", "أعوام"))
_EN_AGE_YEAR = re.compile(r"\b(?:aged|age of)\s+\S+(?:\s+\S+)?\s+years?\b|\byears?(?=\s+(?:of\s+age|old)\b)", re.I)


def _without_ages(text: str) -> str:
    text = _EN_AGE_YEAR.sub(" ", text)
    tokens = re.findall(r"\w+", normalize_text(text))
    ages = set()
    for k, token in enumerate(tokens):
        if token not in _AR_YEAR_WORDS:
            continue
        if tokens[k + 1 : k + 2] == ["من"] and tokens[k + 2 : k + 3] and tokens[k + 2] in _AR_AGE_AFTER:
            ages.add(k)  # «خمسين عاماً من العمر»
            continue
        j = k - 1
        while j >= 0 and k - j <= 4 and (tokens[j][:1].isdigit() or word_value(tokens[j]) is not None):
            j -= 1  # the figure of the age: «اثنين وعشرين», «40»
        if j < k - 1 and j >= 0 and tokens[j] == "العمر" and j and tokens[j - 1] == "من":
            j -= 2  # «البالغ من العمر 40 عاماً»
        if j < k - 1 and j >= 0 and tokens[j] in _AR_AGE_BEFORE:
            ages.add(k)
    if not ages:
        return text
    return " ".join(token for k, token in enumerate(tokens) if k not in ages)


# Round 17: idioms that name a unit of time and no span of it: a comparison ("up 12% year on year", "month-on-month"),
# a repetition ("day after day", "year by year", "day-to-day"), "day and night", "the busiest time of day".
_EN_NOT_A_SPAN = re.compile(
    r"\b(?P<unit>day|week|month|year)[- ](?:on|over|after|by|to)[- ](?P=unit)\b"
    r"|\b(?:day and night|night and day|time of (?:the )?day)\b",
    re.I,
)


def _blank(m: re.Match[str]) -> str:
    return " " * len(m.group())


def _periods(text: str) -> set[tuple[str, int | str]]:
    units: set[tuple[str, int | str]] = set()
    text = _without_ages(text)
    for m in _EN_PERIOD.finditer(_EN_NOT_A_SPAN.sub(_blank, text)):
        before = text[max(0, m.start() - 6) : m.start()].lower()
        after = text[m.end() : m.end() + 12].lower()
        wider = text[max(0, m.start() - 16) : m.start()].lower()
        if (
            re.search(r"\b(?:a|per|the|one|each|every)\s+$", before)
            and not (re.search(r"\ba\s+$", before) and re.match(r"\s+(?:after|before|earlier|later|ago)\b", after))
            and not re.search(r"\b(?:for|within)\s+an?\s+$", wider)
        ):
            continue  # "ten hours a day", "7 trillion dinars a month", "the day before" (not "a month after")
        units.add(("period", m.group(1).lower()))
    for token in re.findall(r"\w+", normalize_text(text)):
        for stem in (
            token,
            token[1:] if token[:1] in "وبلف" else token,
            token[2:] if token.startswith("ال") else token,
            token[:-1] if token.endswith("ا") and len(token) > 4 else token,  # «أشهراً», «أسابيعاً»: accusative
        ):
            if stem in _AR_PERIOD_WORD:
                units.add(("period", _AR_PERIOD_WORD[stem]))
                break
    for m in _AR_RELATIVE.finditer(normalize_text(text)):
        units.add(("period", _AR_RELATIVE_UNIT[m.group(1)]))
    for m in _AR_PART_OF.finditer(normalize_text(text)):  # session 14: «منذ بداية العام», «مطلع الشهر»
        units.add(("period", _AR_RELATIVE_UNIT[m.group(1)]))
    for count, hours in durations(text):  # session 14: «في أقل من يوم», «نحو ساعة»: one of a unit, read in context
        unit = next((name for name, size in _HOURS.items() if abs(hours / count - size) < 1e-9), None)
        if unit in ("minute", "hour", "day", "week", "month", "year"):
            units.add(("period", unit))
    return units


def _clitic_free(token: str) -> str:
    return token[1:] if len(token) > 3 and token[:1] in "وبلف" else token


def _en_count(word: str) -> float | None:
    word = word.lower()
    if word in ("a", "an", "one"):
        return 1
    if word.replace(".", "", 1).isdigit():
        return float(word)
    value = word_value(word)
    if value is None and "-" in word:
        parts = [word_value(p) for p in word.split("-")]
        value = sum(p for p in parts if p is not None) if all(p is not None for p in parts) else None
    return value


def _ar_unit(token: str, table: dict[str, str]) -> str | None:
    bare = _clitic_free(token)
    return table.get(token) or table.get(bare) or (table.get(bare[2:]) if bare.startswith("ال") else None)


@lru_cache(maxsize=65536)
def _ar_units(token: str) -> tuple[str | None, str | None, str | None]:
    """The token's unit as a dual («يومين»), as a counted unit («أيام») and as one of the unit («يوم»)."""
    return _ar_unit(token, _AR_DUAL_UNITS), _ar_unit(token, _AR_UNIT_WORDS), _ar_unit(token, _AR_ONE_UNIT)


@lru_cache(maxsize=4096)
def durations(text: str) -> frozenset[tuple[float, float]]:
    """Spans of time the text counts, as (the count, the span in hours): "two days" (2, 48), «48 ساعة» (48, 48),
    «يومين» (2, 48), «عام ونصف» (1.5, 13140), «نصف قرن» (0.5, 438000). A writer may count the same span in another
    unit; the count alone is then no claim."""
    found: set[tuple[float, float]] = set()
    for m in _EN_DURATION.finditer(text):
        if m.group(5):  # "half an hour"
            found.add((0.5, 0.5 * _HOURS[_unit_name(m.group(6))]))
            continue
        count = _en_count(m.group(1))
        if count:
            count += 0.5 if (m.group(2) or m.group(4)) else 0
            found.add((count, count * _HOURS[_unit_name(m.group(3))]))
    tokens = re.findall(r"\w+", normalize_text(text))
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else ""
        following = tokens[i + 1] if i + 1 < len(tokens) else ""
        half = 0.5 if following in _AR_HALF_AFTER else 0  # «عام ونصف», «ساعتين ونصف»
        value: float | None = None
        dual, counted, one = _ar_units(token)
        unit = dual
        if unit:
            value = 2
        elif (unit := counted) and previous:
            value = _figure_before(tokens, i)
        if not value and (unit := one):
            fraction = _AR_FRACTIONS.get(_clitic_free(previous)) if previous[:1] != "و" else None
            if fraction:
                value, half = fraction, 0  # «نصف قرن», «ربع ساعة» (not «عام ونصف العام»)
            elif half or _one_unit(token, previous, following, tokens[i + 2] if i + 2 < len(tokens) else ""):
                value = 1  # «ساعة ونصف», «نحو ساعة», «استمر عاماً»
        if value and unit:
            found.add((value + half, (value + half) * _HOURS[unit]))
    return frozenset(found)


def _figure_before(tokens: list[str], i: int) -> float | None:
    """The figure that ends right before ``tokens[i]``: «18 شهراً», «اثني عشر عاماً», «خمسة وعشرين يوماً»."""
    previous = tokens[i - 1]
    if previous.isdigit():
        return float(previous)
    found = quantities(" ".join(tokens[max(0, i - 4) : i]))
    last = found[-1] if found else None
    if last is not None and last.low == last.high and last.text.split()[-1] == previous:
        return last.low
    if previous[:1] in "وبف" and len(previous) == 3 and word_value(previous[1:]) is not None:
        return word_value(previous[1:])  # round 17: «وست سنوات» (six), a three-letter number after a clitic
    return word_value(previous)


def _unit_name(word: str) -> str:
    word = word.lower()
    return "century" if word.startswith("centur") else word


def _one_unit(token: str, previous: str, following: str, after: str) -> bool:
    """«نحو ساعة», «منذ عام» (not «منذ عام 2020», «منذ يوم الخميس»), «عقد من الزمن»: one of the unit."""
    if token.startswith(("ال", "وال", "بال", "لل")):
        return False
    if following in _AR_ONE_AFTER:
        return True  # round 17: «ليوم واحد», «ساعة واحدة»: one of the unit, said
    if token.endswith("ا") and not previous[:1].isdigit() and word_value(previous) is None:
        return True  # «استمر عاماً», «بقي شهراً»: the accusative alone, one of the unit
    if following[:1].isdigit() or following in _WEEKDAYS:
        return False
    decade_or_century = _clitic_free(token) in ("عقد", "قرن")
    if decade_or_century and " ".join((following, after)) == "من الزمن":
        return True
    if decade_or_century and previous not in ("نحو", "قرابه", "حوالي", "زهاء", "منذ"):
        return False
    return previous in _AR_HOW_LONG or (previous in ("من",) and not decade_or_century)


def _close(hours: float, others: set[float]) -> bool:
    """The same span within 3%: twelve months and a year (360 and 365 days), 18 months and a year and a half."""
    return any(abs(hours - other) <= 0.03 * max(hours, other) for other in others)


_EN_SPAN_FLOOR = re.compile(r"\b(?:more than|over|at least|upwards of|longer than)\s+(?:an?|one|\w+)\s", re.I)
_EN_SPAN_CEILING = re.compile(r"\b(?:within|under|less than|up to|no more than|inside)\s+(?:an?|one|\w+)\s", re.I)
_EN_SPAN_ABOUT = re.compile(r"\b(?:about|around|nearly|almost|roughly|some|approximately|close to)\s", re.I)
_AR_SPAN_FLOOR = re.compile(r"(?<!\w)(?:اكثر من|ما يزيد علي|ما يزيد عن|ما لا يقل عن|اطول من)\s")
_AR_SPAN_CEILING = re.compile(r"(?<!\w)(?:اقل من|في غضون|خلال|لا يتجاوز|حتي)\s")
_AR_SPAN_ABOUT = re.compile(r"(?<!\w)[وب]?(?:نحو|حوالي|قرابه|زهاء|ما يقارب|قراب)\s")


def _agrees(claim: str, hours: float, stated: set[float]) -> bool:
    """A span of the claim the evidence states in other words: the same within 3%, or within the bound the claim
    puts on it, up to twice the span ("more than a month" for «40 يوماً», "within an hour" for «45 دقيقة»; not "at
    least three months" for «ثلاث سنوات على الأقل»), or about it within a quarter ("about two weeks" for «15 يوماً»)."""
    if _close(hours, stated):
        return True
    norm = normalize_text(claim)
    floor = bool(_EN_SPAN_FLOOR.search(claim) or _AR_SPAN_FLOOR.search(norm))
    if floor and any(0.97 * hours <= other <= 2 * hours for other in stated):
        return True  # a bound at most half the figure misreports it, as for counts
    ceiling = bool(_EN_SPAN_CEILING.search(claim) or _AR_SPAN_CEILING.search(norm))
    if ceiling and any(hours / 2 <= other <= 1.03 * hours for other in stated):
        return True
    if _EN_SPAN_ABOUT.search(claim) or _AR_SPAN_ABOUT.search(norm):
        return any(abs(hours - other) <= 0.25 * max(hours, other) for other in stated)
    return False


# Session 14: a span told with the opposite bound ("more than an hour" for «بعد أقل من ساعة»): the span and its unit
# are the evidence's, so neither the period nor the figure checks see it.
_EN_BOUNDED_SPAN = re.compile(
    r"\b(?P<bound>more than|over|at least|longer than|less than|under|fewer than|no more than|shorter than)\s+"
    r"(?P<span>(?:an?|one|[\w.-]+)\s+(?:and\s+a\s+half\s+)?" + _EN_UNIT + r"s?)\b",
    re.I,
)
_AR_BOUNDED_SPAN = re.compile(
    r"(?<!\w)(?P<bound>اكثر من|ازيد من|ما يزيد (?:عن|علي)|ما لا يقل عن|اطول من|اقل من|لا يتجاوز|ما لا يزيد (?:عن|علي))"
    r"\s+(?P<span>\w+(?:\s+\w+)?)"
)
_FLOORS = ("more", "over", "at least", "longer", "اكثر", "ازيد", "ما يزيد", "ما لا يقل", "اطول")


def _bounded_spans(text: str) -> set[tuple[str, float]]:
    """("floor" | "ceiling", hours) for each span the text bounds: "more than an hour", «أقل من ساعة»."""
    found: set[tuple[str, float]] = set()
    norm = normalize_text(text)
    matches = [*_EN_BOUNDED_SPAN.finditer(text), *_AR_BOUNDED_SPAN.finditer(norm)]
    for m in matches:
        bound = m.group("bound").lower()
        direction = "floor" if bound.startswith(_FLOORS) else "ceiling"
        phrase = m.group("span") if m.re is _EN_BOUNDED_SPAN else f"نحو {m.group('span')}"
        for _, hours in durations(phrase):
            found.add((direction, hours))
    return found


def flipped_span_bounds(claim: str, evidence: str) -> list[str]:
    """The bounds the claim puts on a span its evidence bounds the other way ("more than" for «أقل من»)."""
    theirs = _bounded_spans(evidence) if _bounded_spans(claim) else set()
    flipped = []
    for direction, hours in sorted(_bounded_spans(claim)):
        other = "ceiling" if direction == "floor" else "floor"
        if (other, hours) in theirs and (direction, hours) not in theirs:
            flipped.append(f"{'more' if direction == 'floor' else 'less'} than {hours:g} hours")
    return flipped


def same_duration(claim: str, evidence: str) -> frozenset[float]:
    """The counts of ``claim``'s spans of time that the evidence states in other words ("two days" for «48 ساعة»)."""
    theirs = durations(evidence)
    stated = {hours for _, hours in theirs}
    return frozenset(
        count for count, hours in durations(claim) if _close(hours, stated) and (count, hours) not in theirs
    )


def date_terms(text: str) -> set[tuple[str, int | str]]:
    """See ``_date_terms`` (a copy, so callers may change it)."""
    return set(_date_terms(text))


def _two_not_monday(norm: str, m: re.Match[str]) -> bool:
    if m.group("weekday") != "الاثنين" or m.group().startswith(("يوم", "ويوم", "فيوم", "بيوم")):
        return False
    before, after = norm[: m.start()].split()[-1:], norm[m.end() :].split()[:1]
    return bool(before) and after_a_definite_dual([*before, "الاثنين", *after], 1)


def _eleven_not_sunday(norm: str, m: re.Match[str]) -> bool:
    """Session 15, found on round 15's blind file after it was run: «المصابين الأحد عشر» is eleven, not Sunday
    (numbers.py reads it as 11)."""
    return m.group("weekday") == "الاحد" and re.match(r"\s+عشر", norm[m.end() :]) is not None


@lru_cache(maxsize=4096)
def _date_terms(text: str) -> frozenset[tuple[str, int | str]]:
    """The weekdays, months, years, days of a month and units of time a text names, language-neutral:
    {("weekday", 2), ("month", 5), ("year", 2024), ("day", 514) for 14 May, ("period", "week"), ...}."""
    terms: set[tuple[str, int | str]] = set()
    norm = normalize_text(text)
    for m in [*_AR_TERM.finditer(norm), *_EN_TERM.finditer(text)]:
        if m.group("weekday") and (_two_not_monday(norm, m) or _eleven_not_sunday(norm, m)):
            continue  # session 15: «الصحفيين الاثنين» (the two journalists), «الجرحى الأحد عشر» (the eleven wounded)
        if m.group("weekday") or m.groupdict().get("every"):
            name = m.group("weekday") or "ال" + m.group("every")
            terms.add(("weekday", _WEEKDAYS[normalize_text(name).lower()]))
        elif m.group("month") or m.groupdict().get("clitic_month") or m.groupdict().get("short_month"):
            month = m.group("month") or m.group("clitic_month") or m.group("short_month")
            terms.add(("month", _MONTH_NUMBER[normalize_text(month).lower()]))
        elif m.groupdict().get("year"):
            terms.add(("year", int(m.group("year"))))
        elif m.groupdict().get("hijri"):
            terms.add(("year", int(m.group("hijri"))))
    for m in re.finditer(r"\b(1[34]\d\d)\s*(?:AH|A\.H\.)", text):  # a Hijri year in English: "1446 AH"
        terms.add(("year", int(m.group(1))))
    for day, month in _AR_DAY.findall(norm):
        terms.add(("day", _MONTH_NUMBER[month] * 100 + int(day)))
    for month_a, day_a, day_b, month_b in _EN_DAY.findall(text):
        month, day = (month_a, day_a) if month_a else (month_b, day_b)
        terms.add(("day", _MONTH_NUMBER[month.lower()] * 100 + int(day)))
    terms |= {("day", day) for day in _days_told_in_words(text, norm)}  # month 0: the month the article is in
    terms |= {("season", season) for season in _seasons(text, norm)}
    return frozenset(terms | _periods(text))


# Session 14: a season ("last winter" where the evidence says «مطلع الصيف»). English after a word that makes it a
# time ("in spring", "last winter"; not "a hot spring"); Arabic with the article («الصيف», «فصل الشتاء»; not «الربيع
# العربي») or before a year («صيف 2025»).
_SEASONS = {"winter": "winter", "summer": "summer", "spring": "spring", "autumn": "autumn"}
_EN_SEASON = re.compile(
    r"\b(?:in|this|last|next|the|early|late|mid|since|until|by|during|of|that|past|coming)\s+(?:(?:early|late)\s+)?"
    r"(winter|summer|spring|autumn)\b(?!\s+(?:water|rolls?|break|school|session|term|offensive|games|olympics))",
    re.I,
)
_AR_SEASONS = {"شتاء": "winter", "صيف": "summer", "ربيع": "spring", "خريف": "autumn"}
_AR_SEASON = re.compile(
    r"(?<!\w)(?:[وفبل]?(?:ال|لل)(?P<season>شتاء|صيف|ربيع|خريف)(?!\w)(?!\s+العربي)"
    r"|(?P<before_year>شتاء|صيف|ربيع|خريف)\s+(?=\d{4}))"
)


def _seasons(text: str, norm: str) -> set[str]:
    found = {_SEASONS[m.group(1).lower()] for m in _EN_SEASON.finditer(text)}
    for m in _AR_SEASON.finditer(norm):
        found.add(_AR_SEASONS[m.group("season") or m.group("before_year")])
    return found


# Round 11: a day of the month the article is in, by its figure or its ordinal: «حتى 19 من الشهر الجاري», «السابع عشر
# من الشهر الجاري», «في الخامس من الشهر», "until the 17th", "on the 5th of this month".
_AR_OF_THIS_MONTH = re.compile(
    rf"(?<!\w)من (?:(?:الشهر|شهر) ?(?:الجاري|الحالي)?|(?:شهر )?(?P<month>{_AR_MONTH_RE}))(?!\w)"
)
_EN_OF_THIS_MONTH = re.compile(
    r"\b(?:(?:on|until|till|by|from|since|before|after) )?the (\d{1,2})(?:st|nd|rd|th)"
    r"(?: of (?:this|the) month\b|(?= *[,.;)]| *$| and\b| to\b))",
    re.I,
)


_AR_BEFORE_A_DAY = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في حتى منذ يوم قبل بعد من إلى ابتداء اعتبارا بحلول ليل ليلة صباح مساء فجر ظهر مطلع حتي الى"
    ).split()
}


# Round 17: the twentieth and thirtieth days are written as the definite ten («العشرين من», «الثلاثين من»).
_AR_DAY_TENS = {"العشرين": 20, "الثلاثين": 30}


def _days_told_in_words(text: str, norm: str) -> set[int]:
    """Days of a month by an ordinal («الثامن من شباط» 208) or of the article's month («حتى 19 من الشهر الجاري» 19,
    month 0), as ``_date_terms`` keys them (month * 100 + day)."""
    days: set[int] = set()
    for m in _AR_OF_THIS_MONTH.finditer(norm):
        month = _MONTH_NUMBER[m.group("month")] if m.group("month") else 0
        before = norm[: m.start()].split()[-3:]
        if not before:
            continue
        if before[-1].isdigit():
            day = int(before[-1])
        else:
            ordinals = [q for q in quantities(" ".join(before)) if q.qualifier == ORDINAL]
            last = ordinals[-1] if ordinals else None
            if last is not None and last.text.split()[-1] == before[-1] and len(last.text.split()) > 1:
                day = int(last.low)
            elif len(before) > 1 and (
                before[-2] in _AR_BEFORE_A_DAY or before[-2][1:] in _AR_BEFORE_A_DAY or before[-1][:1] in "وفبل"
            ):
                day = lone_ordinal(before[-1]) or (1 if before[-1] in ("الاول", "الاولي") else 0)
                day = day or _AR_DAY_TENS.get(before[-1], 0)
            elif len(before) > 1 and before[-2] in _WEEKDAYS:
                day = _AR_DAY_TENS.get(before[-1], 0)  # round 17: «يوم الاثنين الثلاثين من نوفمبر»
            else:
                day = 0  # «النصف الثاني من الشهر», «الأسبوع الثالث من شهر»: no day
        if 1 <= day <= 31:
            days.add(month * 100 + day)
    days |= {int(d) for d in _EN_OF_THIS_MONTH.findall(text) if 1 <= int(d) <= 31}
    return days


_YESTERDAY = re.compile(r"(?<!\w)[وب]?امس(?!\w)|\byesterday\b|\blast night\b", re.I)


def missing_terms(claim: str, evidence: str) -> dict[str, list[int | str]]:
    """The date terms of ``claim`` its evidence lacks, by kind. A day of a month counts only where the evidence
    gives that month another day (a day it writes in words cannot be compared); a unit of time only where the
    evidence counts in some other unit ("last month" against «الأسبوع الماضي»)."""
    stated = date_terms(evidence)
    missing: dict[str, list[int | str]] = {}
    spans = durations(claim)
    stated_spans = {h for _, h in durations(evidence)}
    same_spans = bool(spans) and all(_agrees(claim, h, stated_spans) for _, h in spans)
    yesterday = bool(_YESTERDAY.search(normalize_text(evidence)))
    counted = {q.low for q in quantities(evidence) if q.low == q.high}
    for kind, value in sorted(date_terms(claim) - stated, key=str):
        if kind == "year" and value in counted:
            continue  # round 11: «2000 عامل» for «ألفا عامل»: a count the evidence gives, written as a year is
        if kind == "day":
            month = int(value) // 100
            if not any(k == "day" and int(v) // 100 == month for k, v in stated):
                continue
            if yesterday and ("day", int(value) + 1) in stated:
                continue  # a dateline's 14 March and «ليل أمس»: the 13th
        if kind == "period" and (same_spans or not any(k == "period" for k, _ in stated)):
            continue
        if kind == "season" and not any(k == "season" for k, _ in stated):
            continue  # session 14: a season only against another season the evidence names
        missing.setdefault(kind, []).append(value)
    return missing


# Session 15: a day the evidence names by reference to one told before it: «مساء اليوم نفسه», «في اليوم ذاته», "the
# same day", «في اليوم التالي», "the next day". The weekday is the last one the article names before the evidence
# (the next one for "the next day"); a bullet that names it says what the article says.
_SAME_DAY = re.compile(
    r"(?<!\w)(?:[وفبل]?(?:ال)?يوم (?:نفسه|ذاته)|نفس اليوم|ذات اليوم|the same day|that same day|later that day)(?!\w)",
    re.I,
)
_NEXT_DAY = re.compile(r"(?<!\w)(?:[وفبل]?(?:ال)?يوم (?:التالي|الموالي)|the (?:next|following) day)(?!\w)", re.I)


def referred_weekdays(evidence: str, before: str) -> frozenset[int]:
    """The weekdays ``evidence`` names by reference («اليوم نفسه», "the next day") to the last weekday the text
    ``before`` it (the article up to the evidence) names."""
    norm = normalize_text(evidence)
    same, following = bool(_SAME_DAY.search(norm)), bool(_NEXT_DAY.search(norm))
    if not (same or following):
        return frozenset()
    named = [
        _WEEKDAYS[normalize_text(m.group("weekday")).lower()]
        for m in [*_AR_TERM.finditer(normalize_text(before)), *_EN_TERM.finditer(before)]
        if m.group("weekday")
    ]
    if not named:
        return frozenset()
    last = named[-1]  # Arabic and English never share one article: the order within one language is the text's
    return frozenset({last} if same else set()) | frozenset({(last + 1) % 7} if following else set())


# Round 7: the period of a rate ("7 trillion dinars a year" for «7 تريليونات دينار شهريا»). A figure per day, week,
# month or year is read from either language; reported where the evidence gives rates only per another period.
_EN_NOT_RATE_BEFORE = r"(?<!\bfor )(?<!\bin )(?<!\bwithin )(?<!\bthan )(?<!\bover )(?<!\babout )(?<!\bhalf )"
_EN_NOT_RATE_AFTER = r"(?!\s+(?:ago|earlier|later|after|before|since|into|of|long|old)\b)(?!-)"


def _en_rate(period: str) -> re.Pattern[str]:
    """ "a month", "per month", "monthly"; not "a month ago", "for a month", "a month-long"."""
    every = rf"{_EN_NOT_RATE_BEFORE}\b(?:a|per|each|every) {period}\b{_EN_NOT_RATE_AFTER}"
    return re.compile(rf"{every}|\b{period}ly\b" if period != "day" else rf"{every}|\bdaily\b", re.I)


_EN_RATES = {period: _en_rate(period) for period in ("day", "week", "month", "year")}
_EN_RATES["year"] = re.compile(rf"{_EN_RATES['year'].pattern}|\bannual(?:ly)?\b|\bper annum\b", re.I)
_EN_RATES["week"] = re.compile(
    rf"{_EN_RATES['week'].pattern}|\bevery (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b", re.I
)
_AR_NOT_RATE_AFTER = r"(?!\s+(?:الماضي|الماضيه|الجاري|المقبل|الحالي|نفسه|ذاته|السابق))"
_AR_RATES = {
    "day": re.compile(rf"(?<!\w)(?:يوميا|في اليوم|كل يوم)(?!\w){_AR_NOT_RATE_AFTER}"),
    # «كل جمعة» (every Friday): once a week (round 10)
    "week": re.compile(
        r"(?<!\w)(?:اسبوعيا|في الاسبوع|كل اسبوع|كل (?:سبت|احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه))(?!\w)"
        + _AR_NOT_RATE_AFTER
    ),
    "month": re.compile(rf"(?<!\w)(?:شهريا|في الشهر|كل شهر)(?!\w){_AR_NOT_RATE_AFTER}"),
    "year": re.compile(rf"(?<!\w)(?:سنويا|في السنه|في العام|كل عام|كل سنه)(?!\w){_AR_NOT_RATE_AFTER}"),
}


# Every rate pattern holds one of these words (a cheap test first: the patterns' look-behinds are tried at every
# position of a text, most of which has no period word at all).
_PERIOD_WORD = re.compile(
    r"day|dai|week|month|year|annu|يوم|اسبوع|شهر|سن|عام|جمعه|سبت|احد|اثنين|ثلاثاء|اربعاء|خميس", re.I
)


@lru_cache(maxsize=8192)
def _rates(text: str) -> frozenset[str]:
    norm = normalize_text(text)
    if not _PERIOD_WORD.search(norm):
        return frozenset()
    found = {period for period, pattern in _AR_RATES.items() if pattern.search(norm)}
    return frozenset(found | {period for period, pattern in _EN_RATES.items() if pattern.search(text)})


def other_rates(bullet: str, evidence: str) -> list[str]:
    """The periods a bullet gives a rate per, where its evidence gives rates only per other periods."""
    claimed = _rates(bullet)
    stated = _rates(evidence) if claimed else frozenset()
    return sorted(claimed - stated) if stated else []


# Round 11: a year, month or week told relative to now ("later this year" where the evidence says «خلال العام المقبل»,
# «هذا العام» for «العام الماضي»): -1 last, 0 this, +1 next. Reported where the evidence tells the same unit relative to
# now otherwise (``date.relative``, a warning). A year named by its number, or "the following year" (relative to a
# past event), is no such term.
_EN_RELATIVE = re.compile(
    r"\b(?P<which>last|past|previous|recent|this|current|next|coming|upcoming)\s+(?:(?:fiscal|financial|academic|"
    r"school|calendar|few|two|three|several)\s+)?(?P<unit>year|month|week)s?\b",
    re.I,
)
_EN_OFFSET = {"last": -1, "past": -1, "previous": -1, "recent": -1, "this": 0, "current": 0, "next": 1, "coming": 1}
_EN_OFFSET["upcoming"] = 1
_AR_UNIT_OF = {
    "العام": "year", "السنه": "year", "الاعوام": "year", "السنوات": "year", "الشهر": "month", "الاشهر": "month",
    "الشهور": "month", "الاسبوع": "week", "الاسابيع": "week",
}  # fmt: skip
_AR_OFFSET = {
    "الماضي": -1, "الماضيه": -1, "الفايت": -1, "الفايته": -1, "المنصرم": -1, "المنصرمه": -1, "السابق": -1,
    "السابقه": -1, "الاخير": -1, "الاخيره": -1, "الجاري": 0, "الجاريه": 0, "الحالي": 0, "الحاليه": 0,
    "المقبل": 1, "المقبله": 1, "القادم": 1, "القادمه": 1,
}  # fmt: skip
_AR_RELATIVE_TERM = re.compile(
    r"(?<!\w)(?:[وفبل]?ال|لل)(?P<unit>" + "|".join(u[2:] for u in _AR_UNIT_OF) + r")"
    r"(?:\s+(?:ال\w+ي|ال\w+يه))?\s+(?P<which>" + "|".join(_AR_OFFSET) + r")(?!\w)"
    r"|(?<!\w)[وفب]?(?:هذا|هذه)\s+(?P<this>" + "|".join(_AR_UNIT_OF) + r")(?!\w)"
)


def _relative_terms(text: str) -> dict[tuple[str, int], str]:
    """(unit, offset) -> the words that tell it, in either language."""
    found: dict[tuple[str, int], str] = {}
    for m in _EN_RELATIVE.finditer(text):
        found.setdefault((m.group("unit").lower(), _EN_OFFSET[m.group("which").lower()]), m.group())
    for m in _AR_RELATIVE_TERM.finditer(normalize_text(text)):
        if m.group("this"):
            found.setdefault((_AR_UNIT_OF[m.group("this")], 0), m.group())
        else:
            unit = _AR_UNIT_OF.get("ال" + m.group("unit"))
            if unit:
                found.setdefault((unit, _AR_OFFSET[m.group("which")]), m.group())
    return found


def other_relatives(bullet: str, evidence: str) -> list[str]:
    """The bullet's words telling a year, month or week relative to now ("this year") where its evidence tells that
    unit relative to now only otherwise («العام المقبل»)."""
    claimed = _relative_terms(bullet)
    if not claimed:
        return []
    stated = _relative_terms(evidence)
    return [
        words
        for (unit, offset), words in claimed.items()
        if (unit, offset) not in stated and any(u == unit for u, _ in stated)
    ]
