"""The English of the words a small model mistranslates in news: months, weekdays, compass points, a few bodies.

Why (issue 19, English supported claims): every bullet Qwen 1.5B lost in English (prompt v5) was an Arabic bullet the
checker supported, translated wrong. A third of those were words a glossary can carry: a month in another
calendar's name («أيلول/سبتمبر» as "October", «مايو» as "June"), a compass point («ريف دير الزور الشرقي» as "northern
Deir ez-Zor"), a body known by a common noun («الدفاع المدني» as "the Defense Ministry», «المبعوث الأممي» as "the
American envoy"). These pairs go into the translation request beside the names and numbers
(``summarizer.translation``), in the English the claim checker accepts for them.

Each reading is taken only where the word cannot be something else: a month name beside a day, a year or its other
calendar's name («آذار/مارس») or after «شهر» («مارس» is also a verb), «الاثنين» after a time word («يوم», «مساء»)
(it is also "the two"), a compass point that is not part of a name («جنوب السودان», «الشرق الأوسط», «حلف شمال
الأطلسي»).
"""

from __future__ import annotations

import calendar
import functools
import re
from typing import NamedTuple

from summarizer.arabic import normalize_text
from summarizer.claims.months import LOCALE_MONTHS

MAX_TERMS = 8
_WORD = re.compile(r"[\w\u064B-\u065F\u0670]+")
_CLITIC = r"(?:[وفبل]|وب|وال|بال|فال|لل|ال)?"


class _Token(NamedTuple):
    start: int
    end: int
    norm: str


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.start(), m.end(), normalize_text(m.group())) for m in _WORD.finditer(text)]


@functools.cache
def _month_names() -> tuple[tuple[tuple[str, ...], int], ...]:
    """Every calendar's month names (CLDR, ``summarizer.claims.months``) as normalised word tuples with their month
    1-12, longest first (so «كانون الثاني» is read before «كانون»)."""
    names: dict[tuple[str, ...], int] = {}
    for months in LOCALE_MONTHS.values():
        for number, name in enumerate(months, start=1):
            names[tuple(normalize_text(name).split())] = number
    return tuple(sorted(names.items(), key=lambda kv: -len(kv[0])))


def _phrase_at(tokens: list[_Token], i: int, words: tuple[str, ...]) -> bool:
    """``words`` (normalised) start at token ``i``, the first perhaps behind a one-letter clitic (و ف ب ل)."""
    window = [t.norm for t in tokens[i : i + len(words)]]
    if len(window) != len(words) or window[1:] != list(words[1:]):
        return False
    return window[0] == words[0] or (window[0][:1] in "وفبل" and window[0][1:] == words[0])


def _month_at(tokens: list[_Token], i: int) -> tuple[int, int] | None:
    """(month, tokens it spans) for a month name starting at token ``i`` (a clitic «في»/«ب» allowed), or None."""
    return next(((month, len(words)) for words, month in _month_names() if _phrase_at(tokens, i, words)), None)


_MONTH_CUES = frozenset(("شهر", "وشهر", "بشهر", "لشهر", "فشهر"))  # «شهر مارس»: the month of March
_TIME_CUES = frozenset(normalize_text(w) for w in ("يوم", "مساء", "صباح", "فجر", "ليل", "ليلة", "ظهر", "عصر", "منذ"))
_WEEKDAYS = {
    normalize_text(ar): en
    for ar, en in (
        ("الأحد", "Sunday"), ("الاثنين", "Monday"), ("الثلاثاء", "Tuesday"), ("الأربعاء", "Wednesday"),
        ("الخميس", "Thursday"), ("الجمعة", "Friday"), ("السبت", "Saturday"),
    )
}  # fmt: skip
_WEEKDAY_FORMS = {prefix + day: day for day in _WEEKDAYS for prefix in ("", "و", "ب", "وب")}
_AMBIGUOUS_DAYS = {normalize_text("الاثنين"), normalize_text("الأحد")}  # "the two"; «الأحد عشر» (eleven)
_COMPASS = {"شمال": "north", "جنوب": "south", "شرق": "east", "غرب": "west"}
_COMPASS_FORM = re.compile(_CLITIC + r"(شمال|جنوب|شرق|غرب)(ي|يه|يا|ا)?")
# Names that hold a compass word: the next word (or the word before) makes it a name, no direction of the event.
_NAME_AFTER = frozenset(
    normalize_text(w) for w in ("السودان", "الأوسط", "الأطلسي", "أفريقيا", "افريقيا", "آسيا", "كردفان", "دارفور")
)
_NAME_BEFORE = frozenset(normalize_text(w) for w in ("الضفة", "القدس", "كوريا", "الدول", "العواصم", "حلف"))
_BODIES = (
    (("الدفاع", "المدني"), "Civil Defence"),
    (("حلف", "شمال", "الأطلسي"), "NATO"),
    (("الناتو",), "NATO"),
    (("الهلال", "الأحمر"), "Red Crescent"),
    (("الصليب", "الأحمر"), "Red Cross"),
    (("الأممي",), "UN"),
    (("الأممية",), "UN"),
    (("أممي",), "UN"),
    (("أممية",), "UN"),
)
_BODY_WORDS = tuple((tuple(normalize_text(w) for w in words), english) for words, english in _BODIES)


def _is_number(token: _Token) -> bool:
    return token.norm.isdigit()


def months(text: str) -> list[tuple[str, str]]:
    """Month names as written, with their English: «14 آذار/مارس» gives («آذار/مارس», "March")."""
    tokens, pairs, i = _tokens(text), [], 0
    while i < len(tokens):
        found = _month_at(tokens, i)
        if found is None:
            i += 1
            continue
        month, n = found
        end = i + n
        again = _month_at(tokens, end) if end < len(tokens) else None
        if again and again[0] == month:  # «آذار/مارس»: one month in two calendars
            end += again[1]
        before = tokens[i - 1] if i else None
        after = tokens[end] if end < len(tokens) else None
        anchored = end - i > n or (before is not None and (_is_number(before) or before.norm in _MONTH_CUES))
        anchored = anchored or (after is not None and _is_number(after))
        if anchored:
            pairs.append((text[tokens[i].start : tokens[end - 1].end], calendar.month_name[month]))
        i = end
    return pairs


def weekdays(text: str) -> list[tuple[str, str]]:
    """Weekdays as written, with their English; «الاثنين» and «الأحد» only after a time word («يوم», «مساء»)."""
    tokens, pairs = _tokens(text), []
    for i, token in enumerate(tokens):
        day = _WEEKDAY_FORMS.get(token.norm)
        if day is None:
            continue
        cued = i > 0 and tokens[i - 1].norm in _TIME_CUES
        if day in _AMBIGUOUS_DAYS and not cued:
            continue
        pairs.append((text[token.start : token.end], _WEEKDAYS[day]))
    return pairs


def compass(text: str) -> list[tuple[str, str]]:
    """Compass points as written, with their English: «الشرقي» = "eastern", «شمال غربي» = "north-west"; none for
    coordinated points («الشرق والغرب»: everywhere) or a point inside a name."""
    tokens, pairs, i = _tokens(text), [], 0
    points = [_COMPASS_FORM.fullmatch(t.norm) for t in tokens]
    while i < len(tokens):
        match = points[i]
        if match is None:
            i += 1
            continue
        follows = points[i + 1] if i + 1 < len(tokens) else None
        coordinated = (follows and tokens[i + 1].norm.startswith("و")) or (i and points[i - 1])
        if coordinated or tokens[i].norm in ("الغرب", "الشرق"):  # also "the West", "the East": no direction
            i += 2 if follows else 1
            continue
        end, point, suffix = i + 1, _COMPASS[match.group(1)], match.group(2)
        if follows and match.group(1) in ("شمال", "جنوب") and follows.group(1) in ("شرق", "غرب"):
            end, point, suffix = i + 2, f"{point}-{_COMPASS[follows.group(1)]}", None  # «شمال غربي»
        before = tokens[i - 1].norm if i else ""
        following = tokens[end].norm if end < len(tokens) else ""
        if before not in _NAME_BEFORE and following not in _NAME_AFTER:
            pairs.append(
                (text[tokens[i].start : tokens[end - 1].end], point + ("ern" if suffix in ("ي", "يه") else ""))
            )
        i = end
    return pairs


def bodies(text: str) -> list[tuple[str, str]]:
    """Bodies known by common nouns, as written, with their English: «الدفاع المدني» = "Civil Defence"."""
    tokens, pairs, i = _tokens(text), [], 0
    while i < len(tokens):
        for words, english in _BODY_WORDS:
            if _phrase_at(tokens, i, words):
                pairs.append((text[tokens[i].start : tokens[i + len(words) - 1].end], english))
                i += len(words) - 1
                break
        i += 1
    return pairs


def terms(text: str) -> list[tuple[str, str]]:
    """Every pair above for one Arabic text, in text order, once each, at most ``MAX_TERMS``."""
    found = [*months(text), *weekdays(text), *compass(text), *bodies(text)]
    found.sort(key=lambda pair: text.find(pair[0]))
    out: list[tuple[str, str]] = []
    for pair in found:
        if pair not in out:
            out.append(pair)
    return out[:MAX_TERMS]
