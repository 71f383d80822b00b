"""Numbers a text states, as intervals with a qualifier, in English and Arabic.

A number is read from digits (Western or Arabic-Indic), English and Arabic number words
(compounds such as «خمسة وعشرين» and "twenty-five"), Arabic duals of countable nouns
(«شخصين» = 2), and vague quantities («عشرات», "dozens") read as ranges. A qualifier in front
(about / نحو, at least / على الأقل, more than / أكثر من, up to, between ... and ...) is kept.

Years, dates, clock times, ordinals ("second day", «اليوم الثاني») and numbers inside names
("Resolution 1701") are not counts, so they are not returned: a summary that drops or
reformats them is not making a numeric claim we can check this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.arabic import normalize_text

EXACT, ABOUT, AT_LEAST, MORE_THAN, AT_MOST, RANGE, VAGUE = (
    "exact",
    "approximate",
    "at_least",
    "more_than",
    "at_most",
    "range",
    "vague",
)


@dataclass(frozen=True)
class Quantity:
    """A stated quantity: [low, high] (equal for a plain number) and how it was qualified."""

    low: int
    high: int
    qualifier: str
    text: str


_EN_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000}
_EN_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "several": (3, 9), "tens": (20, 99),
}  # fmt: skip
# Words that make a following number something other than a count.
_EN_NAME_BEFORE = re.compile(r"(?:resolution|route|highway|flight|brigade|division|unit|article|no\.?|number)$", re.I)
_EN_MONTHS = (  # noqa: SIM905
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()

# Arabic number words after normalisation (ة→ه, أ/إ/آ→ا, ى→ي).
_AR_UNITS = {
    "واحد": 1, "واحده": 1, "واحدا": 1, "احد": 1, "احدي": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2, "اثنا": 2,
    "اثني": 2, "اثنتا": 2, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6,
    "سته": 6, "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9, "عشر": 10,
    "عشره": 10,
}  # fmt: skip
_AR_TENS = {
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40, "خمسون": 50,
    "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70, "ثمانون": 80, "ثمانين": 80,
    "تسعون": 90, "تسعين": 90,
}  # fmt: skip
_AR_HUNDREDS = {
    "مئه": 100, "مائه": 100, "مئتين": 200, "مائتين": 200, "مئتان": 200, "مائتان": 200, "مئتي": 200, "مائتي": 200,
    "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400, "اربعمائه": 400, "خمسمئه": 500, "خمسمائه": 500, "ستمئه": 600,
    "ستمائه": 600, "سبعمئه": 700, "سبعمائه": 700, "ثمانمئه": 800, "ثمانمائه": 800, "تسعمئه": 900,
    "تسعمائه": 900, "الف": 1000, "الفين": 2000, "الفان": 2000, "مليون": 1_000_000,
}  # fmt: skip
_AR_VAGUE = {"عشرات": (20, 99), "مئات": (200, 999), "الاف": (2000, 9999), "بضع": (3, 9), "بضعه": (3, 9)}
# Countable nouns whose dual («شخصين», «قتيلين») states the number 2. Stems after normalisation.
# Only nouns with a broken plural: a sound plural (مسلحين, مدنيين) is spelt exactly like the dual.
_DUAL_MASC = (
    "شخص", "قتيل", "جريح", "جندي", "عنصر", "طفل", "صاروخ", "هجوم", "انفجار", "منزل", "مبني", "يوم",
    "شهر", "عام", "اسبوع", "شاب", "رجل", "ضابط", "سجين", "حادث", "فصيل", "حزب", "طرف", "معسكر", "حاجز",
)  # fmt: skip
_DUAL_FEM = (
    "طائر", "غار", "قذيف", "سيار", "ساع", "مسير", "امرا", "قاعد", "عبو", "مدرع", "رهين", "عشير", "بلد",
    "قري", "دباب", "سفين",
)  # fmt: skip
# Nouns with a sound plural: only the nominative dual («مدنيان») differs from the plural («مدنيون»).
_DUAL_AN_ONLY = ("مدني", "مسلح", "مقاتل", "عسكري", "صحفي", "صحافي", "شرطي", "مواطن", "ناشط", "معتقل", "موظف", "مسعف")
_AR_DUAL = re.compile(
    r"^(?:[وفبل])?(?:ال)?(?:(?:" + "|".join(_DUAL_MASC) + r")(?:ين|ان)|(?:" + "|".join(_DUAL_FEM) + r")(?:تين|تان)"
    r"|(?:" + "|".join(_DUAL_AN_ONLY) + r")ان)$"
)
# An indefinite singular countable noun after a verb of harm states one: «قُتل شخص» = one person killed.
# Singular nouns with no dual stem above («امرأة», «طفلة»), and «راكبها» / «سائقها» ("its rider", "its driver").
_ONE_NOUNS = ("امراه", "سيده", "فتاه", "طفله", "مسن", "مسنه", "سائق", "راكب", "مدني", "مدنيه", "شرطي", "مسعف")
_AR_ONE = re.compile(
    r"(?<!\w)(?:قتل|اصيب|جرح|اعتقل|اختطف|خطف|اصابه|مقتل)\s+(?:"
    + "|".join(_DUAL_MASC + _DUAL_AN_ONLY + _ONE_NOUNS)
    + r")(?:ه|ها|هم)?(?!\w)"
)
_AR_MONTHS = (  # noqa: SIM905
    "يناير فبراير مارس ابريل مايو يونيو يوليو اغسطس سبتمبر اكتوبر نوفمبر ديسمبر "
    "كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين"
).split()
_WEEKDAY_NUMBERS = {"الاحد", "الاثنين"}
_AR_NAME_BEFORE = {"قرار", "القرار", "رقم", "اللواء", "الفرقه", "الطريق", "الكتيبه"}

# Written above in plain spelling; matched after the same normalisation as the text (ئ→ي, ة→ه, ...).
_AR_UNITS, _AR_TENS, _AR_HUNDREDS = (
    {normalize_text(k): v for k, v in t.items()} for t in (_AR_UNITS, _AR_TENS, _AR_HUNDREDS)
)
_AR_VAGUE = {normalize_text(k): v for k, v in _AR_VAGUE.items()}

_WORD = re.compile(r"[0-9][0-9,.]*[0-9]|[0-9]+|\w+(?:-\w+)*")


def _qualifier(before: list[str], after: list[str]) -> str:
    """The qualifier stated just before (or, for «على الأقل» / "at least", after) a number."""
    b = " ".join(before[-3:]).lower()
    a = " ".join(after[:3]).lower()
    if True:  # Arabic and English qualifiers share no words, so both are tried
        if re.search(r"(?:اكثر|ازيد) من$|ما يزيد (?:عن|علي)$|يزيد (?:عن|علي)$|يفوق$|يتجاوز$", b):
            return MORE_THAN
        if re.search(r"ما لا يقل عن$|لا يقل عن$|علي الاقل$", b) or "علي الاقل" in a:
            return AT_LEAST
        if re.search(r"(?:اقل من|حتي|ما يصل الي|يصل الي)$", b):
            return AT_MOST
        if re.search(r"(?:^|\s)[وب]?(?:نحو|حوالي|قرابه|زهاء|يقارب|يناهز)$", b) or a.startswith("تقريبا"):
            return ABOUT
    if re.search(r"(?:more than|over|upwards of|in excess of)$", b):
        return MORE_THAN
    if re.search(r"(?:at least|no fewer than|no less than|a minimum of)$", b) or a.startswith("at least"):
        return AT_LEAST
    if re.search(r"(?:up to|fewer than|less than|under|at most)$", b):
        return AT_MOST
    if re.search(r"(?:about|around|approximately|nearly|almost|roughly|some|an estimated|close to)$", b):
        return ABOUT
    return EXACT


_WORD_VALUES = {
    **{w: v for w, v in _EN_UNITS.items() if w not in ("a", "an", "no", "single", "dozen")},
    **_EN_SCALES,
    **_AR_UNITS,
    **_AR_TENS,
    **_AR_HUNDREDS,
    "صفر": 0,
}


def word_value(token: str) -> int | None:
    """The exact value of one normalised, lower-cased token, for word-by-word comparison (the eval scorer):
    Western digits (Arabic-Indic ones are folded to them by normalisation), an English number word, or an
    Arabic number word that may carry the conjunction و or ف («وعشرين» in «خمسة وعشرين»), never the article:
    «الاثنين» is Monday. Duals and vague words («شخصين», «عشرات») are not values here: they are read only in
    context, by ``quantities``."""
    if token.isascii() and token.isdigit():
        return int(token)
    if token in _WORD_VALUES:
        return _WORD_VALUES[token]
    if len(token) > 3 and token[0] in "وف" and _is_arabic(token) and token[1:] in _WORD_VALUES:
        return _WORD_VALUES[token[1:]]
    return None


def _is_arabic(word: str) -> bool:
    return bool(re.search(r"[\u0621-\u064A]", word))


def _ar_word_value(word: str) -> tuple[int, int, str] | None:
    """Value of one Arabic word: a number word (clitics و ب ل allowed), a dual, or a vague quantity."""
    candidates = [word]
    if len(word) > 3 and word[0] in "وبل":
        candidates.append(word[1:])
    # «الآلاف», «الخمسة»; but «الأحد» and «الاثنين» with the article are Sunday and Monday, not 1 and 2
    candidates += [c[2:] for c in list(candidates) if c.startswith("ال") and len(c) > 4 and c not in _WEEKDAY_NUMBERS]
    for w in candidates:
        for table in (_AR_UNITS, _AR_TENS, _AR_HUNDREDS):
            if w in table:
                return table[w], table[w], EXACT
        if w in _AR_VAGUE:
            low, high = _AR_VAGUE[w]
            return low, high, VAGUE
    if _AR_DUAL.match(word):
        return 2, 2, EXACT
    return None


def _en_word_value(word: str) -> tuple[int, int, str] | None:
    w = word.lower()
    if w in _EN_VAGUE:
        low, high = _EN_VAGUE[w]
        return low, high, VAGUE
    if "-" in w:
        parts = w.split("-")
        if all(p in _EN_UNITS for p in parts):
            return sum(_EN_UNITS[p] for p in parts), sum(_EN_UNITS[p] for p in parts), EXACT
    if w in _EN_UNITS and w not in ("a", "an", "no"):
        return _EN_UNITS[w], _EN_UNITS[w], EXACT
    return None


def _digits(word: str) -> int | None:
    if len(word) > 1 and word[0] in "وبل" and word[1].isdigit():  # «و14», «ب10»
        word = word[1:]
    if not word[0].isdigit():
        return None
    clean = word.replace(",", "")
    if re.fullmatch(r"[0-9]+", clean):
        return int(clean)
    return None


def _is_date_or_name(words: list[str], i: int, value: int, raw: list[str]) -> bool:
    """A number that is a year, a day of a month, a clock time or part of a name is not a count."""
    neighbours = [w.lower() for w in words[max(0, i - 2) : i] + words[i + 1 : i + 3]]
    if any(n in _EN_MONTHS or n in _AR_MONTHS for n in neighbours):
        return True
    if 1900 <= value <= 2100 and "," not in words[i]:  # "2,000" is a number, "2000" a year
        return True
    if i + 1 < len(words) and words[i + 1].lower() in ("am", "pm", "a", "p", "gmt", "utc", "صباحا", "مساء", "م", "هـ"):
        return True
    if i > 0 and (_EN_NAME_BEFORE.search(words[i - 1]) or words[i - 1] in _AR_NAME_BEFORE):
        return True
    # "Brigade 93", "Resolution 1701": a capitalised word (not sentence-initial) right before digits.
    return i > 1 and raw[i - 1][:1].isupper() and raw[i - 1].isalpha() and raw[i - 2][-1:] not in ".!?"


def quantities(text: str) -> list[Quantity]:
    """Every count-like quantity stated in ``text`` (see the module docstring for what is left out)."""
    norm = normalize_text(text)
    norm = re.sub(r"(\d{1,2}):(\d{2})", " TIME ", norm)  # clock times
    raw = [m.group() for m in _WORD.finditer(re.sub(r"(\d{1,2}):(\d{2})", " TIME ", text))]
    words = [m.group() for m in _WORD.finditer(norm)]
    if len(raw) != len(words):
        raw = words
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        word = words[i]
        arabic = _is_arabic(word)
        value: tuple[int, int, str] | None = None
        span = 1
        number = _digits(word)
        if number is not None:
            if _is_date_or_name(words, i, number, raw):
                i += 1
                continue
            value = (number, number, EXACT)
            if i + 1 < len(words) and words[i + 1].lower() in ("million", "thousand", "مليون", "الف", "الاف"):
                scale = 1_000_000 if words[i + 1] in ("million", "مليون") else 1000
                value, span = (number * scale, number * scale, EXACT), 2
        elif arabic:
            value = _ar_word_value(word)
            if value is not None and value[2] == EXACT:
                # compounds: «خمسة وعشرين», «ثلاثة عشر», «مئة وخمسين»
                total = value[0]
                j = i + 1
                while j < len(words):
                    nxt = _ar_word_value(words[j])
                    if nxt is None or nxt[2] != EXACT or _AR_DUAL.match(words[j]):
                        break
                    if words[j] in ("عشر", "عشره") and total < 10:
                        total += 10
                    elif nxt[0] in (1000, 1_000_000) and total < nxt[0]:
                        total *= nxt[0]
                    elif words[j].startswith("و"):
                        total += nxt[0]
                    else:
                        break
                    j += 1
                value, span = (total, total, EXACT), j - i
        else:
            value = _en_word_value(word)
            if value is not None and value[2] == EXACT:
                total = value[0]
                j = i + 1
                while j < len(words):
                    w = words[j].lower()
                    if w in _EN_SCALES:
                        total = total * _EN_SCALES[w] if total else _EN_SCALES[w]
                    elif w == "and" and j + 1 < len(words) and _en_word_value(words[j + 1]):
                        pass
                    elif (nxt := _en_word_value(w)) is not None and nxt[2] == EXACT and words[j - 1] in ("and",):
                        total += nxt[0]
                    else:
                        break
                    j += 1
                value, span = (total, total, EXACT), j - i
            elif word.lower() in _EN_SCALES and (i == 0 or words[i - 1].lower() in ("a", "one")):
                value = (_EN_SCALES[word.lower()],) * 2 + (EXACT,)
        if value is None:
            i += 1
            continue
        low, high, qualifier = value
        if qualifier == EXACT:
            qualifier = _qualifier(words[:i], words[i + span :])
        after = words[i + span : i + span + 3]
        # ranges: "between 10 and 15", "10 to 15", «بين 10 و15», «من 10 الى 15»
        joined = bool(after) and re.fullmatch(r"و\d+", after[0]) is not None
        if after and (after[0].lower() in ("to", "and", "-", "الي", "و") or joined):
            nxt_word = after[0][1:] if joined else (after[1] if len(after) > 1 else "")
            nxt_value = _digits(nxt_word) if nxt_word and nxt_word[0].isdigit() else None
            if nxt_value is None and nxt_word:
                read = _ar_word_value(nxt_word) if _is_arabic(nxt_word) else _en_word_value(nxt_word)
                nxt_value = read[0] if read and read[2] == EXACT else None
            if nxt_value is not None and nxt_value > high and qualifier == EXACT:
                found.append(Quantity(low, nxt_value, RANGE, " ".join(words[i : i + span + 2])))
                i += span + (1 if joined else 2)
                continue
        found.append(Quantity(low, high, qualifier, " ".join(words[i : i + span])))
        i += span
    return found


def supports(claim: Quantity, stated: Quantity) -> bool:
    """Does a quantity stated in the evidence back the claimed one?

    A plain number is backed by the same number under any qualifier ("10 rockets" by «نحو 10
    صواريخ»); a qualified claim needs a compatible statement ("more than 10" by «أكثر من 10» or by
    «12»); a vague claim ("dozens") by the same vague word or a number inside its range.
    """
    if claim.qualifier == EXACT:
        return claim.low in (stated.low, stated.high) and stated.qualifier != VAGUE
    if claim.qualifier == ABOUT:
        return claim.low in (stated.low, stated.high) and stated.qualifier != VAGUE
    if claim.qualifier == MORE_THAN:
        return (stated.qualifier == MORE_THAN and stated.low >= claim.low) or (
            stated.qualifier in (EXACT, AT_LEAST, RANGE) and stated.low > claim.low
        )
    if claim.qualifier == AT_LEAST:  # «العشرات» backs "at least 20"
        return stated.qualifier in (EXACT, AT_LEAST, MORE_THAN, RANGE, VAGUE) and stated.low >= claim.low
    if claim.qualifier == AT_MOST:
        return stated.qualifier in (AT_MOST, EXACT, RANGE) and stated.high <= claim.high
    if claim.qualifier == RANGE:
        return stated.low == claim.low and stated.high == claim.high
    if claim.qualifier == VAGUE:
        return (
            (stated.qualifier == VAGUE and (stated.low, stated.high) == (claim.low, claim.high))
            or (stated.qualifier != VAGUE and claim.low <= stated.low <= claim.high)
            or (stated.qualifier == VAGUE and stated.low <= claim.low <= stated.high)
        )
    return False


def unsupported_quantities(claim_text: str, evidence_text: str) -> list[Quantity]:
    """Quantities ``claim_text`` states that ``evidence_text`` does not back."""
    stated = quantities(evidence_text)
    return [q for q in quantities(claim_text) if not any(supports(q, s) for s in stated)]


def states_value(evidence_text: str, value: int) -> bool:
    """Does the evidence state ``value`` (a count's low or high) as a number?"""
    return any(value in (q.low, q.high) and q.qualifier != VAGUE for q in quantities(evidence_text))


def states_one(evidence_text: str) -> bool:
    """Does the evidence state «one» through a singular noun («قُتل شخص»)?"""
    return bool(_AR_ONE.search(normalize_text(evidence_text)))
