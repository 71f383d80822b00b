"""Event fields read from the cited units by code, not written by the model (prompt v6's lean events).

Why: on the recorded local answers an event costs about half of the completion tokens (0.5B, prompt v4: 53%),
and the small models fill its dates and counts badly (gated Arabic default: counts compatible with the gold
label in 0 of 38 events). A count's number and qualifier and the date words as written are in the units the
event cites, so code reads them there: what it fills is an exact reading of the cited text, never a guess, and
the model spends its tokens on what only it can judge (the event's type, actors and place).

Counts pair each death or injury word (the claim checker's lexicon, ``summarizer.claims.events``) with the
figure right before it («7 قتلى») or the first one after it («مقتل أكثر من 10»), its qualifier kept; the largest
figure of a kind is the count.
A unit that says nobody was hurt («دون وقوع إصابات», "no casualties") gives ``none_reported``; silence gives
``not_mentioned``. The date is the first date phrase of the cited units, copied as written («فجر الجمعة», «الأحد
12 كانون الثاني»), with an ACLED time precision (1 when a weekday or a day of a month is named).
"""

from __future__ import annotations

import re
from typing import Any

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.events import AR_ONE_WORDS, harm_of
from summarizer.claims.numbers import EXACT, Quantity, quantities
from summarizer.pointer import LeanEvent, unit_evidence
from summarizer.units import Unit, split_units

_A = "[اأإآ]"  # an alef as an article may write it
_WEEKDAY = rf"(?:{_A}ل{_A}حد|{_A}ل{_A}ثنين|{_A}لثلاثاء|{_A}ل{_A}ربعاء|{_A}لخميس|{_A}لجمع[ةه]|{_A}لسبت)"
_PART_OF_DAY = r"(?:بعد\s+ظهر|قبيل\s+ظهر|قبل\s+ظهر|ظهيرة|فجر|صباح|مساء|ليل[ةه]?|ظهر|عصر|منتصف\s+ليل[ةه]?)"
_MONTH = (
    r"(?:يناير|فبراير|مارس|[اأإ]بريل|مايو|يوني[وه]|يولي[وه]|[اأ]غسطس|سبتمبر|[اأ]كتوبر|نوفمبر|ديسمبر"
    r"|كانون\s+[اأ]لثاني|كانون\s+[اأ]ل[اأ]ول|شباط|آذار|اذار|نيسان|[اأ]يار|حزيران|تموز|آب|[اأ]يلول"
    r"|تشرين\s+[اأ]ل[اأ]ول|تشرين\s+[اأ]لثاني)"
)
_DAY = r"[0-9٠-٩]{1,2}"
_YEAR = r"[0-9٠-٩]{4}"
# «فجر الجمعة», «ليل الخميس الجمعة», «يوم الأحد 12 كانون الثاني 2025», «صباح اليوم», «مساء أمس», «12 أكتوبر».
_WEEKDAY_PHRASE = (
    rf"(?:{_PART_OF_DAY}\s+)?(?:(?:يوم|[اأ]مس|{_A}ليوم)\s+)?{_WEEKDAY}(?:\s+{_WEEKDAY})?"
    rf"(?:\s+(?:{_A}لموافق\s+)?{_DAY}\s+{_MONTH}(?:\s*/\s*{_MONTH})?(?:\s+{_YEAR})?)?"
)
_DATE = re.compile(
    rf"(?<!\w)[وفب]?(?P<phrase>{_WEEKDAY_PHRASE}"
    rf"|{_DAY}\s+{_MONTH}(?:\s*/\s*{_MONTH})?(?:\s+{_YEAR})?"
    rf"|{_PART_OF_DAY}\s+(?:{_A}ليوم|[اأ]مس)|[اأ]مس|{_A}ليوم)(?!\w)"
)
_ENGLISH_DATE = re.compile(
    r"\b(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?: (?:morning|afternoon|evening|night))?(?:,? \d{1,2} (?:January|February|March|April|May|June|July"
    r"|August|September|October|November|December)(?: \d{4})?)?|\d{1,2} (?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December)(?: \d{4})?|yesterday|today|last night)\b"
)

_NONE_REPORTED = re.compile(
    r"(?:دون|بدون|من\s+دون|بلا|لا|ولا|لم\s+[يت](?:سفر|سجل|قع|سقط)\s+(?:\w+\s+){0,2}?(?:عن\s+)?)\s*"
    r"(?:وقوع\s+|تسجيل\s+|سقوط\s+|[اأ]ي\s+)?(?:[اإ]صابات|ضحايا|خسائر\s+بشري[ةه]|قتلى|جرحى)"
    r"|\bno (?:casualties|injuries|deaths|one was (?:hurt|injured|killed))\b|\bwithout (?:casualties|injuries)\b"
)
_KINDS = {"fatalities": "death", "injuries": "injury"}


def written_date(text: str, last: bool = False) -> dict[str, Any] | None:
    """The first (``last``: the last) date phrase of ``text`` as written, with its ACLED time precision; None when
    it names none."""
    arabic = list(_DATE.finditer(text))
    found = [m.group("phrase") for m in arabic] or [m.group(0) for m in _ENGLISH_DATE.finditer(text)]
    if not found:
        return None
    phrase = found[-1] if last else found[0]
    return {"as_written": phrase, "time_precision": 1}


_BREAK = frozenset(",،;؛:.")


def _figure_before(tokens: list[str], i: int) -> Quantity | None:
    """The figure whose last word is right before the harm word at ``i`` («7 قتلى», «ونحو 20 جريحا»)."""
    window = tokens[max(0, i - 5) : i]
    cut = max((n + 1 for n, t in enumerate(window) if t in _BREAK), default=0)
    found = quantities(" ".join(window[cut:])) if window[cut:] else []
    if found and found[-1].text.split()[-1] == window[-1]:
        return found[-1]
    return None


def _figure_after(tokens: list[str], kinds: list[str | None], i: int, arabic: bool) -> Quantity | None:
    """The first figure in the few words after the harm word at ``i``, up to a break or another harm word
    («مقتل أكثر من 10 مدنيين», "killing at least two")."""
    ahead: list[str] = []
    for j in range(i + 1, min(i + 6, len(tokens))):
        if kinds[j] or tokens[j] in _BREAK:
            break
        ahead.append(tokens[j])
    found = quantities(" ".join(ahead)) if ahead else []
    if not found and arabic and ahead[:1] and ahead[0] in AR_ONE_WORDS:
        return Quantity(1, 1, EXACT, ahead[0])  # «قتل شخص»: one
    return found[0] if found else None


def _harm_counts(text: str) -> dict[str, list[Quantity]]:
    """Each harm kind ("death", "injury") with the figures the text counts it with, qualifiers kept."""
    arabic = mostly_arabic(text)
    tokens = re.findall(r"\w+(?:-\w+)*|[,،;؛:.]", normalize_text(text) if arabic else text)
    kinds = [harm_of(t, arabic) for t in tokens]
    counts: dict[str, list[Quantity]] = {}
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        figure = _figure_before(tokens, i) or _figure_after(tokens, kinds, i, arabic)
        if figure is not None and figure.qualifier in _COUNT_QUALIFIERS:
            counts.setdefault(kind, []).append(figure)
    return counts


_COUNT_QUALIFIERS = frozenset({"exact", "approximate", "at_least", "more_than", "at_most", "range"})


def _count(figure: Quantity) -> dict[str, Any]:
    if figure.qualifier == "range":
        return {"qualifier": "range", "low": int(figure.low), "high": int(figure.high)}
    if figure.qualifier == "at_most":
        return {"qualifier": "at_most", "low": None, "high": int(figure.high)}
    return {"qualifier": figure.qualifier, "low": int(figure.low), "high": None}


def stated_counts(text: str) -> dict[str, dict[str, Any]]:
    """Fatalities and injuries as ``text`` states them: the largest figure of each harm with its qualifier,
    ``none_reported`` when it says nobody was hurt, else ``not_mentioned``."""
    figures = _harm_counts(text)
    nobody = _NONE_REPORTED.search(normalize_text(text) if not text.isascii() else text) is not None
    counts: dict[str, dict[str, Any]] = {}
    for field, kind in _KINDS.items():
        if kind in figures:
            counts[field] = _count(max(figures[kind], key=lambda q: q.high))
        elif nobody:
            counts[field] = {"qualifier": "none_reported", "low": None, "high": None}
        else:
            counts[field] = {"qualifier": "not_mentioned", "low": None, "high": None}
    return counts


def event_date(cited: list[Unit], article: str) -> dict[str, Any]:
    """The date of an event as written: the first date phrase of its cited units, else the last one written
    before them (the lead usually dates what follows), else none (an empty phrase, ACLED precision 3)."""
    found = written_date(" ".join(u.text for u in cited))
    if found is None and cited:
        found = written_date(article[: cited[0].start], last=True)
    return found or {"as_written": "", "time_precision": 3}


def _filled_count(count: dict[str, Any], evidence: list[dict[str, Any]]) -> dict[str, Any]:
    return {**count, "evidence": evidence if count["qualifier"] != "not_mentioned" else []}


def lean_event_data(event: LeanEvent, number: int, article: str) -> dict[str, Any]:
    """A Digest event (as data) from a lean event: date and counts read from its cited units, a description made
    of its own fields (``summarizer.pointer.digest_data``'s ``lean_event``)."""
    units = split_units(article)
    cited = [units[n - 1] for n in event.cite]
    evidence = [unit_evidence(u) for u in cited]
    counts = stated_counts(" ".join(u.text for u in cited))
    where = ", ".join(part for part in (event.location.name_en, event.location.country) if part)
    return {
        "event_id": f"E{number}",
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "description_en": f"{event.sub_event_type.value} in {where}.",
        "actors": [a.model_dump() for a in event.actors],
        "location": event.location.model_dump(),
        "date": {**event_date(cited, article), "iso": None},
        "fatalities": _filled_count(counts["fatalities"], evidence),
        "injuries": _filled_count(counts["injuries"], evidence),
        "evidence": evidence,
    }
