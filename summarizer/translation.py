"""What a small model is given to translate one Arabic bullet: the bullet made whole, and its names' English.

Why (prompt v5, issue 19): Qwen 1.5B translating v4's Arabic bullets all at once, with the article in front of it,
lost 56 of 132 bullets to the claim checker: it wrote facts from other units of the article into a bullet,
invented names («المصرية» as "Qatari") and weapons, and translated bullets cut short. Each bullet is now translated
alone, from a source prepared here by code:

- ``made_whole``: an Arabic bullet cut where the article opens an ASCII quote (the model's JSON string ended
  there: «... بتهمة الانضمام إلى») gets the quoted words back from its cited unit, as «...»;
- ``glossary``: the countries, demonyms, agencies, armed groups and (after a place word) towns the checker's own
  gazetteer knows in the bullet, as Arabic = English pairs, so the model copies a name instead of guessing it;
- ``translation_terms``: months in every calendar's names, weekdays, compass points and bodies known by common nouns
  («الدفاع المدني» = Civil Defence), read only where the word cannot be something else;
- ``numbers``: its quantities as the checker reads them, with English it accepts («مئات» = hundreds);
- and (``summarizer.arabic.western_digits``) Arabic-Indic digits as ASCII digits, so numbers are copied, not
  translated.
"""

from __future__ import annotations

import re

from summarizer.arabic import clitic_parses, normalize_text
from summarizer.claims.arabic_names import AR_FUNCTION, PLACE_CUES
from summarizer.claims.gazetteer import Entry, gazetteer
from summarizer.translation_terms import terms

_OPENING = {'"': '"', "«": "»", "“": "”"}
_TAIL_WORDS = (5, 4, 3, 2)
_MAX_QUOTE = 120  # characters: a longer "quote" is more likely a stray mark than a name or slogan
_SENTENCE_END = (".", "!", "؟", "?", "»", ")")
# Words that are ordinary far more often than names: «المالية» (financial, not Malian), «البلاد» (the country),
# «الهوية» (identity: "Hue"), «فصائل» (factions: a village).
_ORDINARY = frozenset(normalize_text(w) for w in ("المالية", "المالي", "البلاد", "البلد", "الهوية", "فصائل"))
MAX_NAMES = 8
BIG_CITY = 500_000  # people: a city this big is named wherever it is written (Beirut, Basra, Taiz)


def made_whole(bullet: str, units: list[str]) -> str:
    """The bullet, with the quoted words its cited unit opens right where the bullet stops, when it stops short.

    A bullet that ends a sentence is returned as it is; so is one whose last words are in no cited unit, or are
    not followed there by a quote."""
    text = bullet.rstrip()
    if not text or text.endswith(_SENTENCE_END):
        return bullet
    words = text.split()
    for unit in units:
        for n in _TAIL_WORDS:
            if len(words) < n:
                continue
            tail = " ".join(words[-n:])
            at = unit.find(tail)
            if at < 0:
                continue
            rest = unit[at + len(tail) :].lstrip()
            if not rest or rest[0] not in _OPENING:
                break
            close = rest.find(_OPENING[rest[0]], 1)
            if close < 0 or close > _MAX_QUOTE:
                break
            quoted = rest[1:close].strip()
            return f"{text} «{quoted}»" if quoted else bullet
    return bullet


def glossary(arabic: str) -> list[tuple[str, str]]:
    """The known names of an Arabic text with their English, in order, once each: countries and their adjectives,
    news agencies and armed groups wherever written; a town only after a place word, a city of BIG_CITY people
    anywhere it is written without a clitic (a small town's name is often an ordinary word: «مصدر» is a village)."""
    from summarizer.grounding import find_phrase

    tokens = re.findall(r"\w+", normalize_text(arabic))
    pairs: list[tuple[str, str]] = []
    for start, _end, form, entries in gazetteer().arabic_hits(arabic):
        town = all(e.kind == "city" for e in entries)
        big = max(e.population for e in entries) >= BIG_CITY and tokens[start] == form and len(form) >= 3
        if town and not (big or _after_place_word(tokens, start)):
            continue
        token = tokens[start]
        ordinary = form in _ORDINARY or token in AR_FUNCTION or (token[:1] in "وف" and token[1:] in AR_FUNCTION)
        if ordinary or (span := find_phrase(form, arabic)) is None:
            continue
        english = _english(form, entries)
        pair = (arabic[span.start : span.end], english)
        if english and pair not in pairs:
            pairs.append(pair)
    return pairs[:MAX_NAMES]


def names_and_terms(arabic: str) -> list[tuple[str, str]]:
    """The glossary's names, then the months, weekdays, compass points and bodies ``translation_terms`` reads."""
    pairs = glossary(arabic)
    return pairs + [pair for pair in terms(arabic) if pair not in pairs]


_SCALES = {20: "dozens", 200: "hundreds", 2000: "thousands", 20_000: "tens of thousands"}
_SCALES |= {200_000: "hundreds of thousands", 2_000_000: "millions"}
_QUALIFIED = {
    "approximate": "about {}",
    "more_than": "more than {}",
    "at_least": "at least {}",
    "at_most": "at most {}",
}


def numbers(arabic: str) -> list[tuple[str, str]]:
    """The quantities of an Arabic text as the claim checker reads them, with English it accepts: «مئات» =
    hundreds, «نحو عشرين» = about 20, «خمسة» = 5. Why: the 1.5B turned «مئات المعلمين» into "thousands of
    teachers" and «عشرات» into "10"; a vague or worded number is where its translations went wrong."""
    from summarizer.claims.numbers import quantities
    from summarizer.grounding import find_phrase

    pairs: list[tuple[str, str]] = []
    for q in quantities(arabic):
        if (span := find_phrase(q.text, arabic)) is None or q.low != int(q.low):
            continue
        if q.qualifier == "vague":
            english = _SCALES.get(int(q.low), "")
        elif q.qualifier == "range":
            continue  # «بين 5 و7 آلاف»: its words are read as one span, too loosely to show as a pair
        else:
            english = _QUALIFIED.get(q.qualifier, "{}").format(int(q.low))
        written = arabic[span.start : span.end]
        if english and written != english and (written, english) not in pairs:
            pairs.append((written, english))
    return pairs


def _english(form: str, entries: list[Entry]) -> str:
    """The English the checker accepts for ``form``: a country's adjective for its adjective, an agency's or group's
    spelt-out name, else the first English name."""
    entry = max(entries, key=lambda e: (e.kind != "city", e.population))
    if entry.kind == "country" and gazetteer().nisba_entries(form) and entry.demonyms:
        return entry.demonyms[0]
    if entry.kind in ("agency", "group") and len(entry.english) > 1:
        return entry.english[1] if entry.english[0].isupper() else entry.english[0]
    return entry.english[0] if entry.english else ""


def _after_place_word(tokens: list[str], index: int) -> bool:
    """A town's name stands after a place noun («بلدة», «قرب», «ريف»). Stricter than the checker's rule (which also
    takes any preposition): a wrong pair in the prompt is copied, a missing one only leaves the name to the model."""
    if index == 0:
        return False
    before = tokens[index - 1]
    return before in PLACE_CUES or any(stem in PLACE_CUES for _, stem in clitic_parses(before))
