"""Numbers a text states, as intervals with a qualifier, in English and Arabic.

A number is read from digits (Western or Arabic-Indic), English and Arabic number words
(compounds such as «خمسة وعشرين» and "twenty-five"), Arabic duals of countable nouns
(«شخصين» = 2), and vague quantities («عشرات», "dozens") read as ranges. A qualifier in front
(about / نحو, at least / على الأقل, more than / أكثر من, up to, between ... and ...) is kept.

Years, dates, clock times and numbers inside names ("Resolution 1701") are not counts, so they are
not returned. Ordinals are returned as such (qualifier ``ordinal``) only where a figure is meant:
compounds («الثالثة والأربعون», "43rd", «الـ43»), a counted noun's place in order («لليوم الثالث»,
«الفرقة الخامسة», "a fifth straight day") and ages («طفل في العاشرة», "a ten-year-old"); a lone
ordinal elsewhere («كانون الثاني», "second only to") is no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.arabic import clitic_parses, mostly_arabic, normalize_text, strip_proclitics
from summarizer.claims.months import MONTH_WORDS

EXACT, ABOUT, AT_LEAST, MORE_THAN, AT_MOST, RANGE, VAGUE, ORDINAL = (
    "exact",
    "approximate",
    "at_least",
    "more_than",
    "at_most",
    "range",
    "vague",
    "ordinal",
)


@dataclass(frozen=True)
class Quantity:
    """A stated quantity: [low, high] (equal for a plain number) and how it was qualified."""

    low: float
    high: float
    qualifier: str
    text: str
    mantissa: float | None = None  # the figure before a scale word: 62 in "62 million" (None: no scale word)


_EN_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "dozen": 12,
}  # fmt: skip
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 10**9, "trillion": 10**12}
# Scale words after a figure: "62 million", «62 مليون», «ستة آلاف», «مليوني» (the dual: two million).
_SCALE_WORDS = {
    "thousand": 1000, "thousands": 1000, "million": 1_000_000, "millions": 1_000_000, "billion": 10**9,
    "billions": 10**9, "bn": 10**9, "trillion": 10**12, "trillions": 10**12,
    "الف": 1000, "الاف": 1000, "الفا": 1000, "مليون": 1_000_000, "ملايين": 1_000_000, "مليونا": 1_000_000,
    "مليار": 10**9, "مليارات": 10**9, "مليارا": 10**9, "بليون": 10**9, "ترليون": 10**12, "تريليون": 10**12,
    "تريليونات": 10**12, "ترليونات": 10**12,
}  # fmt: skip
_DUAL_SCALES = {"الفين": 2000, "الفان": 2000, "الفي": 2000, "مليوني": 2_000_000, "مليونين": 2_000_000,
                "مليونان": 2_000_000, "ملياري": 2 * 10**9, "مليارين": 2 * 10**9, "ملياران": 2 * 10**9}  # fmt: skip
# Arabic ordinals that make a compound with عشر or a ten: «الثانية عشرة» 12, «الثالثة والأربعون» 43.
_AR_ORDINAL_UNITS = {
    "الحادي": 1, "الحاديه": 1, "حادي": 1, "الثاني": 2, "الثانيه": 2, "ثاني": 2, "الاثنين": 2, "الثالث": 3,
    "الثالثه": 3, "ثالث": 3, "الرابع": 4, "الرابعه": 4, "رابع": 4, "الخامس": 5, "الخامسه": 5, "خامس": 5,
    "السادس": 6, "السادسه": 6, "سادس": 6, "السابع": 7, "السابعه": 7, "سابع": 7, "الثامن": 8, "الثامنه": 8,
    "ثامن": 8, "التاسع": 9, "التاسعه": 9, "تاسع": 9,
}  # fmt: skip
_EN_VAGUE = {
    "dozens": (24, 99), "scores": (40, 99), "hundreds": (200, 999), "thousands": (2000, 9999),
    "millions": (2_000_000, 999_999_999), "billions": (2 * 10**9, 999 * 10**9),
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
    "اثني": 2, "اثنتا": 2, "اثنتي": 2, "ثلاثا": 3, "اربعا": 4, "خمسا": 5, "ستا": 6, "سبعا": 7, "ثمانيا": 8,
    "تسعا": 9, "عشرا": 10, "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6,
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
    "مئتا": 200, "مائتا": 200,  # round 17: the construct's nominative dual, «ألف ومئتا جندي» (1,200 soldiers)
    "ثلاثمئه": 300, "ثلاثمائه": 300, "اربعمئه": 400, "اربعمائه": 400, "خمسمئه": 500, "خمسمائه": 500, "ستمئه": 600,
    "ستمائه": 600, "سبعمئه": 700, "سبعمائه": 700, "ثمانمئه": 800, "ثمانمائه": 800, "تسعمئه": 900,
    "تسعمائه": 900, "الف": 1000, "ألفاً": 1000, "الفين": 2000, "الفان": 2000, "مليون": 1_000_000, "مليونا": 1_000_000,
    "مليار": 10**9, "مليارا": 10**9,
}  # fmt: skip
_AR_VAGUE = {
    "عشرات": (20, 99), "مئات": (200, 999), "الاف": (2000, 9999), "بضع": (3, 9), "بضعه": (3, 9), "عده": (3, 9),
    "عديد": (3, 99), "العديد": (3, 99), "ملايين": (2_000_000, 999_999_999), "مليارات": (2 * 10**9, 999 * 10**9),
}  # fmt: skip
# Countable nouns whose dual («شخصين», «قتيلين») states the number 2. Stems after normalisation.
# Only nouns with a broken plural: a sound plural (مسلحين, مدنيين) is spelt exactly like the dual.
_DUAL_MASC = (
    "شخص", "قتيل", "جريح", "جندي", "عنصر", "طفل", "صاروخ", "هجوم", "انفجار", "منزل", "مبني", "يوم",
    "شهر", "عام", "اسبوع", "شاب", "رجل", "ضابط", "سجين", "حادث", "فصيل", "حزب", "طرف", "معسكر", "حاجز", "طالب",
    "عامل", "صاروخ",
    # round 11: countable nouns of the news whose plural is broken or feminine, so that «ـين»/«ـان» is a dual only
    "وزير", "رئيس", "زعيم", "قائد", "نائب", "سفير", "شقيق", "ولد", "ابن", "شهيد", "اسير", "مشروع",
    "اتفاق", "طريق", "جسر", "بير", "مطار", "ميناء", "مركز", "مستشفي", "مصنع", "قطاع", "شارع", "مسجد", "مكتب",
    "فندق", "هدف", "قرار", "اجتماع", "موقع", "بيان", "موسم", "قرن", "صوت", "مقعد", "حكم", "جانب", "برج", "فريق",
    "سجن", "مخيم",
    # session 14: measures, money and nouns of the news with a broken or «ـات» plural («كيلومترين», «الوفدين»)
    # (not «ميل», «طن», «حي»: «ميلان» is Milan, «طنين» a buzz)
    "كيلومتر", "متر", "دولار", "دينار", "ريال", "درهم", "جنيه", "برميل", "هكتار", "وفد", "كتاب", "ملف", "باب",
    "بند", "نوع", "جهاز", "محور", "مدفع", "قارب", "زورق", "فرع", "اسم", "عرض", "سلاح", "لغم", "مشهد",
    "درس", "فصل", "مدخل", "حقل", "مستودع", "مخزن", "سطر",
)  # fmt: skip
_DUAL_FEM = (
    "طائر", "غار", "قذيف", "سيار", "ساع", "مسير", "امرا", "قاعد", "عبو", "مدرع", "رهين", "عشير", "بلد",
    "قري", "دباب", "سفين",
)  # fmt: skip
# Nouns with a sound plural: only the nominative dual («مدنيان») differs from the plural («مدنيون»).
_DUAL_AN_ONLY = (
    "مدني", "مسلح", "مقاتل", "عسكري", "صحفي", "صحافي", "شرطي", "مواطن", "ناشط", "معتقل", "موظف", "مسعف",
    # session 14: «ومزارعان» (two farmers), and other people a sound plural counts
    "مزارع", "طبيب", "مهندس", "مسوول", "متهم", "لاعب", "مصاب", "مدير", "سائق", "راكب", "مسافر", "مراسل", "مصور",
    "معلم", "مدرس", "حارس", "مستشار", "مساعد", "محتج", "متظاهر", "مهاجر", "مسن",
)  # fmt: skip
_AR_CONSTRUCT_WITH_PRONOUN = re.compile(
    r"^(?:[وفبل])?(?:(?:" + "|".join(_DUAL_MASC) + r")ي|(?:" + "|".join(_DUAL_FEM) + r")تي)(?:ها|هما|هم|هن|نا|كم)$"
)  # «طفليها», «سيارتيهم»: a dual before a pronoun (its «ن» drops); not «ـيه», a nisba
_AR_DUAL = re.compile(
    r"^(?:[وفبل])?(?:ال)?(?:(?:" + "|".join(_DUAL_MASC) + r")(?:ين|ان)|(?:" + "|".join(_DUAL_FEM) + r")(?:تين|تان)"
    r"|بلدين"  # «البلدين» (two countries); «البلدان» is also their plural
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
_WEEKDAY_NUMBERS = {"الاحد", "الاثنين"}
_AR_NAME_BEFORE = {"قرار", "القرار", "رقم", "اللواء", "الفرقه", "الطريق", "الكتيبه"}

# Written above in plain spelling; matched after the same normalisation as the text (ئ→ي, ة→ه, ...).
_AR_UNITS, _AR_TENS, _AR_HUNDREDS = (
    {normalize_text(k): v for k, v in t.items()} for t in (_AR_UNITS, _AR_TENS, _AR_HUNDREDS)
)
_AR_VAGUE = {normalize_text(k): v for k, v in _AR_VAGUE.items()}
_SCALE_WORDS = {normalize_text(k): v for k, v in _SCALE_WORDS.items()}
_DUAL_SCALES = {normalize_text(k): v for k, v in _DUAL_SCALES.items()}
_AR_ORDINAL_UNITS = {normalize_text(k): v for k, v in _AR_ORDINAL_UNITS.items()}

_WORD = re.compile(r"[وبل]?[0-9][0-9,.٫٬]*[0-9]|[وبل]?[0-9]+|\w+(?:-\w+)*")


# Round 11: a verb of exceeding or nearing, in any person and tense, before the figure or before the figure's subject
# («تجاوزت أعمارهم ستين عاماً», «تخطت حصيلة القتلى 50», «ناهزت العائدات السياحية 7,2 مليارات», «تخطى عدد الليالي
# المقضاة في النزل 26 مليون»): the subject between them is a noun phrase of up to five words, each with the article,
# a possessive or feminine ending, or a preposition («عدد» «حجم» too); no verb, figure or clause between.
_AR_SUBJECT = (
    r"(?:[وفبل]?ال\w+|لل\w+|\w+(?:ه|ها|هم|هما|هن)|عدد|حجم|اجمالي|مجموع|في|من|علي|عن|الي|لدي"
    r"|\w+(?= [وفبل]?ال\w+))"  # the head of a construct: «درجات الحرارة», «أسعار النفط»
)
_AR_BOUND_VERB = re.compile(
    r"(?:^|\s)(?P<negated>[وف]?(?:لا|لن|لم) )?"
    r"[وف]?(?:(?P<more>[يت]?تجاوز|تجاوزت|فاق|فاقت|[يت]فوق|[يت]?تخطي|تخطت|[يت]?تعدي|تعدت)"
    r"|(?P<about>[يت]?ناهز|ناهزت|[يت]?قارب|قاربت))"
    rf"(?: {_AR_SUBJECT}){{0,5}}$"
)
# Session 15: «يزيد» / «تزيد» with its subject between it and «على» / «عن» («يزيد عدد سكانها على 2,3 مليون»,
# «تزيد قيمتها عن 40»): more than; «لا يزيد عددهم على» at most.
_AR_EXCEEDS_ON = re.compile(
    r"(?:^|\s)(?P<negated>[وف]?(?:لا|لن|لم) )?[وف]?(?:ما )?[يت]زيد(?: (?!علي|عن)" + _AR_SUBJECT + r"){1,4} (?:علي|عن)$"
)
_AR_PREPOSITIONS = {"في", "من", "علي", "عن", "الي", "لدي", "مع", "بين", "خلال", "منذ"}
_EN_SPAN_UNITS = {"year", "month", "week", "day", "hour", "minute", "decade", "century", "centuries", "season"}


def _en_over_a_span(before: str, after: list[str]) -> bool:
    """ "over twelve years" after a figure or a verb of doing tells a span (across twelve years), not a lower bound;
    "for over twelve years", "lasted over two hours", "over 60 years old" stay "more than"."""
    if not after or re.sub(r"s$", "", after[0].lower()) not in _EN_SPAN_UNITS:
        return False
    if len(after) > 1 and after[1].lower() in ("old", "ago", "of"):
        return False
    return not re.search(r"\b(?:for|lasted|lasting|lasts|last|took|takes|spent|of|aged|than|after)\s+over$", before)


def _at_least_after(after: list[str]) -> bool:
    """«100 نقطة أساس على الأقل»: «على الأقل» after a counted noun of two words (no figure, no «و» between)."""
    if len(after) < 4 or after[2:4] != ["علي", "الاقل"]:
        return False
    return not any(w[:1] in "وف" or w[:1].isdigit() or w in _NUMBER_WORDS for w in after[:2])


def _qualifier(before: list[str], after: list[str]) -> str:
    """The qualifier stated just before (or, for «على الأقل» / "at least", after) a number: read from the seven
    words before it and the four after, remembered by them (speed only: an evidence's figures recur in its bullets)."""
    return _qualifier_of(tuple(before[-7:]), tuple(after[:4]))


@lru_cache(maxsize=16384)
def _qualifier_of(before_words: tuple[str, ...], after_words: tuple[str, ...]) -> str:
    before, after = list(before_words), list(after_words)
    b = " ".join(before[-3:]).lower()
    a = " ".join(after[:3]).lower()
    if True:  # Arabic and English qualifiers share no words, so both are tried
        # «لا يتجاوز 200», «لا يزيد عن», «200 على الأكثر»: at most (before «يتجاوز» alone reads "more than")
        if re.search(r"(?:^|\s)[وف]?(?:لا|لن|لم) (?:[يت]تجاوز|[يت]زيد (?:عن|علي)|[يت]تعدي)$", b) or "علي الاكثر" in a:
            return AT_MOST
        if re.search(r"(?:اكثر|ازيد) من$|ما يزيد (?:عن|علي)$|يزيد (?:عن|علي)$", b):
            return MORE_THAN
        if re.search(r"(?:^|\s)(?:ما )?[يت]ربو علي$", b):  # «ما يربو على 200»: more than
            return MORE_THAN
        exceeds = _AR_EXCEEDS_ON.search(" ".join(before[-7:]))
        if exceeds:  # session 15: «يزيد عدد سكانها على 2,3 مليون»: more than (negated: at most)
            return AT_MOST if exceeds.group("negated") else MORE_THAN
        verb = _AR_BOUND_VERB.search(" ".join(before[-7:]))  # «تجاوزت أعمارهم ستين», «ناهزت العائدات 7,2»
        if verb and before and before[-1] in _AR_PREPOSITIONS:
            verb = None  # «تجاوز الجيش الحدود في 3 مواقع»: the figure is the preposition's, not the verb's
        if verb:  # «لم تتجاوز نسبتهم 5»: at most
            return (AT_MOST if verb.group("negated") else MORE_THAN) if verb.group("more") else ABOUT
        if re.search(r"ما لا يقل عن$|لا يقل عن$|علي الاقل$", b) or "علي الاقل" in a or _at_least_after(after):
            return AT_LEAST
        if re.search(r"(?:اقل من|حتي|ما يصل الي|يصل الي)$", b):
            return AT_MOST
        if re.search(r"(?:^|\s)[وب]?(?:نحو|حوالي|قرابه|زهاء|يقارب|يناهز)$", b) or a.startswith("تقريبا"):
            return ABOUT
    if re.search(r"\b(?:no|not) more than$", b):
        return AT_MOST  # "no more than two": at most
    if re.search(r"(?:\bnot|\bnever|n t|\bdidn t|\bdoesn t|\bwon t) (?:exceed|surpass|top|pass)\w*$", b):
        return AT_MOST  # session 14: "did not exceed 700 hectares", "never topped 50": at most
    if re.search(r"(?:^|\s)over$", b) and _en_over_a_span(b, after):
        return EXACT  # round 11: "143 issues over twelve years": across them, not more than twelve
    if re.search(r"(?:more than|over|upwards of|in excess of|above|exceed(?:ed|s|ing)?|surpass(?:ed|es|ing)?)$", b):
        return MORE_THAN
    if re.search(r"(?:^|\s)(?:topped|tops|topping)$", b):  # round 11: "the cost topped $3 billion"
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


_ARABIC_LETTER = re.compile(r"[\u0621-\u064A]")


def _is_arabic(word: str) -> bool:
    return bool(_ARABIC_LETTER.search(word))


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
    if _is_dual(word):
        return 2, 2, EXACT
    return None


# Multiples: «نحو ضعفَي مستواه», «ضعفين» (twice as much). The singular «ضعف» is also "weakness": not read.
_AR_MULTIPLE_DUALS = frozenset({"ضعفي", "ضعفين", "ضعفا", "ضعفان", "بضعفي", "بضعفين"})


def _is_dual(word: str) -> bool:
    """A dual that states the number 2: a listed countable noun («شخصين»), or (round 11) any feminine noun of the
    dictionary in «ـتين»/«ـتان» («سنتين», «رحلتين», «بدرجتين»): a feminine sound plural is «ـات», so that ending is
    never a plural. A name the dictionary's corpus reads as a name is none."""
    if _AR_DUAL.match(word) or word in _AR_MULTIPLE_DUALS or _AR_CONSTRUCT_WITH_PRONOUN.match(word):
        return True
    if not word.endswith(("تين", "تان")) or len(word) < 5:
        return False
    from summarizer.claims.lexicon import lexicon  # the dictionary loads on first use, not with this module

    parses = clitic_parses(word)
    if any(stem in lexicon() for _, stem in parses):
        return False  # round 17: «بستان» (an orchard), «فستان», «بهتان»: a singular the dictionary lists whole
    for _, stem in parses:
        base = stem[:-3]
        if stem in _ISTAN_PLACES:
            return False  # round 16: «كردستان» is Kurdistan, not a dual of «كردسة»
        if base.endswith("ي"):
            continue  # «سيارتين أمنيتين», «رحلتين أسبوعيتين»: a nisba adjective agrees with the dual it follows
        if len(base) >= 2 and base + "ه" in lexicon():
            return True
    return False


_EN_MEASURES = {"dollar", "percent", "kilometre", "kilometer", "mile", "metre", "meter", "hour", "day", "week", "month"}
_EN_AGE = re.compile(r"^([a-z0-9]+(?:-[a-z]+)?)-years?-old$")


# "a six-member crew", "a three-pronged attack": a figure as an adjective; not "one-sided", "a two-state solution",
# "two-thirds", "twofold".
_EN_NOT_FIGURES = {"a", "an", "no", "one", "single", "zero"}
_EN_NOT_COUNTED_AFTER = {
    "state", "way", "fold", "thirds", "third", "quarters", "quarter", "fifths", "sided", "tier", "faced", "edged",
    "time", "timer", "off", "hand", "handed", "legged", "track", "speed", "lane", "star", "digit",
}  # fmt: skip


def _en_word_value(word: str) -> tuple[int, int, str] | None:
    w = word.lower()
    age = _EN_AGE.match(w)
    if age:  # "twelve-year-old", "12-year-old": an age is a figure like any other
        figure = age.group(1)
        value = int(figure) if figure.isdigit() else (_en_word_value(figure) or (None,))[0]
        return (value, value, EXACT) if value is not None else None
    if w in _EN_VAGUE:
        low, high = _EN_VAGUE[w]
        return low, high, VAGUE
    if "-" in w:
        parts = w.split("-")
        if parts[-1] in _EN_MEASURES and len(parts) > 1:
            parts = parts[:-1]  # "a ten-dollar drop", "a twenty-five-kilometre road": a figure as an adjective
        if all(p in _EN_UNITS for p in parts):
            return sum(_EN_UNITS[p] for p in parts), sum(_EN_UNITS[p] for p in parts), EXACT
        figure, counted = (parts[0], parts[1]) if len(parts) == 2 else ("", "")
        noun = counted.isalpha() and counted not in _EN_NOT_COUNTED_AFTER and counted not in _EN_UNITS
        if noun and figure in _EN_UNITS and figure not in _EN_NOT_FIGURES:
            return _EN_UNITS[figure], _EN_UNITS[figure], EXACT  # session 14: "a six-member crew"
    if w in _EN_UNITS and w not in ("a", "an", "no"):
        return _EN_UNITS[w], _EN_UNITS[w], EXACT
    return None


def _digits(word: str) -> float | None:
    """The value of a figure: «و14», «ب10» (a clitic), "2,500" and «2٬500» (thousands), "12.5", «12٫5» and «12,5»
    (a decimal comma: a comma not followed by three digits), «ال43» («الـ٤٣», the 43rd)."""
    if len(word) > 1 and word[0] in "وبل" and word[1].isdigit():  # «و14», «ب10»
        word = word[1:]
    if word.startswith("ال") and word[2:3].isdigit():
        word = word[2:]
    if not word[:1].isdigit():
        return None
    word = word.replace("٬", ",").replace("٫", ".")
    if re.fullmatch(r"[0-9]{1,3}(?:,[0-9]{3})+", word) or word.isdigit():
        return int(word.replace(",", ""))
    if re.fullmatch(r"[0-9]+[.,][0-9]{1,2}", word) or re.fullmatch(r"[0-9]+\.[0-9]+", word):
        return float(word.replace(",", "."))
    return None


# Units and counted nouns in the accusative a figure from 11 to 99 puts them in (normalised), or as written after
# a figure ending in hundreds («1800 متر»): measures, money, people. An adverb in «ـاً» («تقريباً») is none.
_AR_COUNTED = frozenset(
    normalize_text(w)
    for w in (  # noqa: SIM905
        "متراً متر كيلومتراً كيلومتر كلم طناً طن ميلاً هكتاراً هكتار دولاراً دولار يورو جنيهاً جنيه ديناراً دينار "
        "ريالاً ريال درهماً درهم ليرة برميلاً برميل شخصاً شخص عاملاً عامل طالباً طالب معلماً معلم لاجئاً لاجئ "
        "سائحاً سائح زائراً زائر حاجاً حاج منزلاً منزل مسكن وحدة سريراً سرير موظفاً موظف جندياً جندي مقاتلاً "
        "أسرة عائلة حالة وفاة مريضاً مريض طفلاً طفل امرأة رجلاً قدماً مدرسة"
    ).split()
)
_EN_COUNTED = re.compile(
    r"(?:metres|meters|kilometres|kilometers|km|miles|tonnes|tons|people|persons|dollars|euros|pounds|feet|hectares"
    r"|barrels|workers|students|teachers|families|households|homes|houses|jobs|troops|soldiers|refugees|tourists"
    r"|visitors|pilgrims|cases|deaths|patients|beds|rooms|schools|vehicles|trucks|units)$"
)


def _counted_after(nxt: str) -> bool:
    """Is ``nxt`` a counted noun after a figure: an Arabic noun in the accusative a number from 11 to 99 puts it in
    («متراً», «شخصاً», «طناً», in normalised text «مترا»; a month or a year's marker is none), or an English unit?"""
    if _EN_COUNTED.match(nxt):
        return True
    return nxt in _AR_COUNTED


def _is_date_or_name(words: list[str], i: int, value: float, raw: list[str]) -> bool:
    """A number that is a year (1800 on; a Hijri year with «هـ»), a day of a month, a clock time or part of a
    name is not a count."""
    neighbours = [w.lower() for w in words[max(0, i - 2) : i] + words[i + 1 : i + 3]]
    day_like = (value == int(value) and 1 <= value <= 31) or 1800 <= value <= 2100
    if day_like and any(n in _EN_MONTHS or n in MONTH_WORDS for n in neighbours):
        return True  # "14 May", «أيار 2025»; "25.6% in January" is a figure, not a day
    nxt = words[i + 1].lower() if i + 1 < len(words) else ""
    if " ".join(words[i + 1 : i + 3]) in ("من الشهر", "من شهر") or " ".join(words[i + 1 : i + 4]) == "of the month":
        return True
    plain = value == int(value) and "," not in words[i] and "٬" not in words[i]  # "2,000" is a number
    if plain and 1800 <= value <= 2100 and _counted_after(nxt):
        return False  # round 11: «1850 متراً», "1850 metres": a figure, not a year
    if plain and (1800 <= value <= 2100 or (nxt in ("م", "ه", "هـ", "ad", "ah") and 1 <= value <= 2100)):
        return True  # "2000" a year; «1827م», «1446هـ»
    after_next = words[i + 2].lower() if i + 2 < len(words) else ""
    if (
        nxt in ("am", "pm", "gmt", "utc", "صباحا", "مساء")
        or (nxt in ("a", "p") and after_next == "m")
        or (i > 0 and words[i - 1] in ("الساعه", "o'clock"))
    ):
        return True
    if value == int(value) and 1 <= value <= 12 and _en_part_of_day(words[i + 1 : i + 4]):
        return True  # session 15: "6 in the morning", "9 at night", "7 o'clock": a clock hour, not a count
    if nxt in ("and", "to", "until", "till", "or") and i + 2 < len(words) and value == int(value) and value <= 12:
        # session 14: "between 3 and 4 a.m.", "from 9 to 11 pm": the first hour of a range of clock hours
        third = words[i + 3].lower() if i + 3 < len(words) else ""
        fourth = words[i + 4].lower() if i + 4 < len(words) else ""
        if _clock_after(third, fourth):
            return True
    if i > 0 and (_EN_NAME_BEFORE.search(words[i - 1]) or words[i - 1] in _AR_NAME_BEFORE):
        return True
    # "Brigade 93", "Resolution 1701": a capitalised word (not sentence-initial) right before digits; not a currency's
    # three-letter code ("EGP 154.5 billion", "SAR 2 million": round 11).
    currency = len(raw[i - 1]) == 3 and raw[i - 1].isupper() if i else False
    return i > 1 and raw[i - 1][:1].isupper() and raw[i - 1].isalpha() and raw[i - 2][-1:] not in ".!?" and not currency


def _en_part_of_day(after: list[str]) -> bool:
    """ "in the morning / afternoon / evening", "at night", "o'clock" after an hour."""
    words = [w.lower() for w in after]
    if (words[:1] == ["o"] and words[1:2] == ["clock"]) or words[:1] == ["o'clock"]:
        return True
    return words[:2] == ["at", "night"] or (
        words[:2] == ["in", "the"] and words[2:3] in (["morning"], ["afternoon"], ["evening"])
    )


def _clock_after(nxt: str, after_next: str) -> bool:
    return nxt in ("am", "pm") or (nxt in ("a", "p") and after_next == "m")


# A harm next to «أحد» makes it a count of one: «إصابة أحد المقاتلين», «تعرض أحد مقاتلينا لإصابة».
_HARM_BEFORE_ONE = {
    normalize_text(w)
    for w in ("قتل", "مقتل", "إصابة", "أصيب", "جرح", "اعتقال", "اعتقل", "اختطاف", "خطف", "استشهاد", "استشهد", "وفاة")
}
_PER_CENT = {normalize_text(w) for w in ("بالمئة", "بالمائة", "المئة", "المائة", "بالمئه", "بالمائه")}


def _scale(words: list[str], j: int) -> tuple[float, int]:
    """The scale word at ``words[j]`` ("million", «آلاف»; «مليون ونصف» 1.5 million) and how many words it takes."""
    if j >= len(words):
        return 1, 0
    word = words[j].lower()
    if "-" in word and word.isascii():
        word = word.split("-")[0]  # session 14: "a 14-million-dirham contract"
    word = word[2:] if word.startswith("ال") and word[2:] in _SCALE_WORDS else word  # «مئات الآلاف»
    scale = _SCALE_WORDS.get(word) or (_SCALE_WORDS.get(word[1:]) if word[:1] == "و" and len(word) > 4 else None)
    if scale is None:
        return 1, 0
    if j + 1 < len(words) and words[j + 1] in ("ونصف", "ونص"):
        if j + 2 < len(words) and _SCALE_WORDS.get(words[j + 2].removeprefix("ال")) == scale:
            return scale * 1.5, 3  # session 15: «أحد عشر مليوناً ونصف مليون», «مليون ونصف المليون»
        return scale * 1.5, 2
    return scale, 1


def _ar_ordinal(words: list[str], i: int) -> tuple[int, int] | None:
    """A compound Arabic ordinal at ``words[i]`` and its span: «الثانية عشرة» 12, «الثالثة والأربعون» 43,
    «الاثنين والعشرين» 22. A single ordinal word («الثاني») is not read: it is rarely a figure."""
    word = words[i]
    candidates = [word, word[1:]] if word[:1] in "وبلف" and len(word) > 4 else [word]
    unit = next((_AR_ORDINAL_UNITS[c] for c in candidates if c in _AR_ORDINAL_UNITS), None)
    if unit is None or i + 1 >= len(words):
        return None
    nxt = words[i + 1]
    if nxt in ("عشر", "عشره"):
        return unit + 10, 2
    if nxt.startswith("و"):
        tens = _ar_word_value(nxt)
        if tens is not None and tens[2] == EXACT and tens[0] in range(20, 100, 10):
            return unit + int(tens[0]), 2
    return None


# A single ordinal is read only after (Arabic) or before (English) a noun that is counted in order: «لليوم
# الثالث», «الفرقة الخامسة», "a fifth straight day", "the Seventh Division". Elsewhere («كانون الثاني», "second
# only to") it is no figure.
_AR_ORDINAL_NOUNS = {
    normalize_text(w)
    for w in "يوم فرقة لواء جولة مرة أسبوع شهر عام دورة كتيبة مرحلة ليلة".split()  # noqa: SIM905
}
_AR_ORDINALS = {
    # «الاثنين» after «يوم» is Monday (session 14: «صباح يوم الاثنين» was read as a second day, and translations'
    # glossaries told the model «الاثنين = 2»)
    **{k: v for k, v in _AR_ORDINAL_UNITS.items() if k.startswith("ال") and k != "الاثنين"},
    **{normalize_text(w): 1 for w in ("الأول", "الأولى")},
    **{normalize_text(w): 10 for w in ("العاشر", "العاشرة")},
}
_AR_INDEFINITE_ORDINALS = {
    normalize_text(stem + ending): value
    for value, stem in enumerate(("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), 2)
    for ending in ("ة", "اً", "ةً")
}
_EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_EN_ORDINAL_NOUNS = {"day", "week", "month", "year", "night", "round", "division", "brigade", "phase"}
_EN_IN_A_ROW = {"straight", "consecutive", "successive", "running"}


def _ar_counted_ordinal(words: list[str], i: int) -> int | None:
    if i == 0:
        return None
    value = _AR_ORDINALS.get(words[i])
    if value is None and not words[i - 1].startswith(("ال", "لل", "وال", "بال")):
        # session 14: an indefinite noun and ordinal, «جولة ثانية», «مرة ثالثة», «ليلةً رابعةً» (accusative too)
        value = _AR_INDEFINITE_ORDINALS.get(words[i])
    if value is None:
        return None
    before = re.sub(r"^(?:[وفبل]?ال|لل|[وفبل])", "", words[i - 1])  # «لليوم», «بالفرقة», «يومها»
    forms = {before, re.sub(r"(?:ها|هم|ه)$", "", before), re.sub(r"ا$", "", before)}
    return value if forms & _AR_ORDINAL_NOUNS else None


# Session 15: the ordinal in the construct before the noun it orders, «ثالث ليلة» (the third night), «ثاني مرة»,
# «رابع يوم»: the same figure as «الليلة الثالثة».
_AR_CONSTRUCT_ORDINALS = {
    normalize_text(stem): value
    for value, stem in enumerate(("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), 2)
}


def _ar_construct_ordinal(words: list[str], i: int) -> int | None:
    word = words[i][1:] if words[i][:1] in "وفب" and words[i][1:] in _AR_CONSTRUCT_ORDINALS else words[i]
    value = _AR_CONSTRUCT_ORDINALS.get(word)
    if value is None or i + 1 >= len(words):
        return None
    following = re.sub(r"ا$", "", words[i + 1])
    return value if following in _AR_ORDINAL_NOUNS or following in _AR_ORDINAL_PLURALS else None


# «ثالث أيام الهدنة» (the third of the truce's days): the ordinal in the construct before a plural of the nouns
_AR_ORDINAL_PLURALS = {normalize_text(w) for w in "أيام ليالي أسابيع أشهر شهور أعوام سنوات جولات مراحل".split()}  # noqa: SIM905


def _en_compound_ordinal(word: str) -> int | None:
    """ "twenty-first", "thirty-second": a ten and an ordinal unit, an ordinal like «الحادي والعشرين» («21st»)."""
    tens, _, unit = word.lower().partition("-")
    if tens not in _EN_UNITS or _EN_UNITS[tens] not in range(20, 100, 10) or unit not in _EN_ORDINALS:
        return None
    return _EN_UNITS[tens] + _EN_ORDINALS[unit] if _EN_ORDINALS[unit] < 10 else None


def _en_counted_ordinal(words: list[str], i: int) -> int | None:
    value = _EN_ORDINALS.get(words[i].lower())
    if value is None:
        return None
    j = i + 1
    while j < len(words) and words[j].lower() in _EN_IN_A_ROW:
        j += 1
    if j < len(words) and re.sub(r"s$", "", words[j].lower()) in _EN_ORDINAL_NOUNS:
        return value
    return None


_AR_TENTH = {normalize_text(w): 10 for w in ("العاشر", "العاشرة")}
_AR_AGE_BEFORE = {"في", "سن", "بسن", "لسن", "عمر", "بعمر"}
_AR_NOT_AGE = {normalize_text(w) for w in ("صباحا", "مساء", "ليلا", "فجرا", "ظهرا", "والنصف", "من", "يوم", "يوما")}
# session 15: a part of the day in the construct after the hour, «في السادسة صباح الاثنين», «الثالثة فجر السبت»
_AR_NOT_AGE |= {normalize_text(w) for w in ("صباح", "فجر", "ظهر", "عصر", "ليل", "ليلة", "عصرا", "بعد", "الا")}


def _ar_age(words: list[str], i: int) -> tuple[int, int] | None:
    """An age as Arabic news writes it: «طفل في العاشرة», «في الثانية عشرة من عمره», «دون سن الخامسة» (value,
    words taken); not a clock time («في العاشرة صباحا») nor a day of the month («في الثالث من الشهر»)."""
    if i == 0 or words[i - 1] not in _AR_AGE_BEFORE or not words[i].startswith("ال"):
        return None
    compound = _ar_ordinal(words, i)
    value, taken = (
        compound
        if compound is not None
        else (
            _AR_ORDINAL_UNITS.get(words[i]) or _AR_TENTH.get(words[i]),
            1,
        )
    )
    if not value:
        return None
    following = words[i + taken] if i + taken < len(words) else ""
    if following in _AR_NOT_AGE and " ".join(words[i + taken : i + taken + 2]) not in ("من عمره", "من عمرها"):
        return None
    return int(value), taken


def _en_compound(words: list[str], i: int, first: float) -> tuple[float, int, float | None]:
    """An English number in words from ``words[i]`` (worth ``first``): "two hundred and five", "five thousand and
    seven hundred" (5,700); (value, index after it, mantissa before its scale). "five thousand and seven thousand"
    stops at "and": a second number, which the range reader pairs with the first."""
    total: float = 0
    group, big, mantissa = first, 0, None
    j = i + 1
    while j < len(words):
        w = words[j].lower()
        if w in _EN_SCALES:
            scale = _EN_SCALES[w]
            if scale >= 1000:
                mantissa = (total + group) if not total else mantissa
                total, group, big = (
                    (total + (group or 1)) * scale if not big else total + (group or 1) * scale,
                    0,
                    scale,
                )
            else:
                group = (group or 1) * scale
        elif w == "and" and j + 1 < len(words) and _en_word_value(words[j + 1]):
            following = _scale(words, j + 2)[0] if j + 2 < len(words) else 0
            if (big and following >= big) or (not big and group < 100 and following >= 1000):
                break  # "five thousand and seven thousand", "five and seven thousand": two numbers
        elif (nxt := _en_word_value(w)) is not None and nxt[2] == EXACT and words[j - 1] in ("and",):
            group += nxt[0]
        elif (
            (nxt := _en_word_value(w)) is not None
            and nxt[2] == EXACT
            and words[j - 1].lower() in _EN_SCALES
            and w not in ("a", "an", "no", "single")
            and (w != "one" or (j + 1 < len(words) and words[j + 1].lower() in _EN_SCALES))
            and nxt[0] < (100 if words[j - 1].lower() == "hundred" else 1000)
            and group < 1000
        ):
            group += nxt[0]  # round 17: "two thousand five hundred" (2,500), "two hundred fifty": no "and"
        elif w in ("dozen", "dozens") and j == i + 1 and 1 < group < 10:
            group *= 12  # round 17: "two dozen" (24), "three dozen"
        else:
            break
        j += 1
    return total + group, j, mantissa


# Round 11: «مليونا زائر», «ألفا شخص»: a scale word's nominative dual before the noun it counts (its «ن» drops in the
# construct) is two million, two thousand. Read so where it opens a number (no figure before it makes it the
# accusative of «عشرين مليوناً») and an indefinite noun follows it: not «من» («أنفق مليوناً من الدولارات»), not «و»
# («مليوناً ونصف المليون»), not a definite word: a million there.
_CONSTRUCT_DUALS = frozenset(normalize_text(w) for w in ("ألفا", "مليونا", "مليارا"))


def _construct_dual(words: list[str], i: int) -> bool:
    word = words[i][1:] if words[i][:1] == "و" and len(words[i]) > 4 else words[i]
    if word not in _CONSTRUCT_DUALS or i + 1 >= len(words):
        return False
    following = words[i + 1]
    if following[:1] == "و" or following.startswith(("ال", "من")) or following.isdigit():
        return False  # «مليوناً ونصف المليون», «مليوناً من الدولارات»: a million
    return _ar_word_value(following) is None


def _feminine_construct_dual(words: list[str], i: int) -> bool:
    """Session 14: «مدرستي البلدة» (the town's two schools), «سيارتي الإسعاف»: a feminine dual in the construct state
    (its «ن» drops) before the definite noun that owns it. A feminine noun of the dictionary only, not a nisba
    («ـيتي»); «مدرستي» alone is "my school"."""
    if i + 1 >= len(words) or not words[i + 1].startswith("ال") or len(words[i]) < 5:
        return False
    from summarizer.claims.lexicon import lexicon

    for _, stem in clitic_parses(words[i]):
        base = stem[:-2]
        if len(base) >= 3 and not base.endswith("ي") and base + "ه" in lexicon():
            return True
    return False


_TIME_CONSTRUCT_DUALS = frozenset({"شهري", "يومي", "عامي", "اسبوعي"})
_AR_DAY_NAMES = frozenset({"الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"})


def _named_time(word: str) -> bool:
    return word in MONTH_WORDS or word in _AR_DAY_NAMES or (word.isdigit() and len(word) == 4)


def _time_construct_dual(words: list[str], i: int) -> bool:
    """Round 17: «شهري تشرين الأول وتشرين الثاني», «يومي الاثنين والثلاثاء», «عامي 2020 و2021»: a unit of time in
    the construct dual (its «ن» drops) before the two it names, joined by «و»; «شهري» alone is "monthly"."""
    word = words[i][1:] if words[i][:1] in "وبلف" and words[i][1:] in _TIME_CONSTRUCT_DUALS else words[i]
    if word not in _TIME_CONSTRUCT_DUALS or i + 1 >= len(words) or not _named_time(words[i + 1]):
        return False
    return any(w[:1] == "و" and _named_time(w[1:]) for w in words[i + 2 : i + 5])


_NOT_CONSTRUCT_DUAL = frozenset({"يوم", "شهر", "عام", "اسبوع", "موسم", "قرن"})
_CONSTRUCT_DUAL_STEMS = frozenset(_DUAL_MASC) - _NOT_CONSTRUCT_DUAL
_AR_DEFINITE_PARTICLES = frozenset({"الي", "الا", "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين"})


def _masculine_construct_dual(words: list[str], i: int) -> bool:
    """Session 15: «وزيرا الخارجية» (the two foreign ministers), «سفيرا البلدين»: a listed noun with a broken plural
    in the nominative dual of the construct state (its «ن» drops) before the definite noun that owns it. Only «ـا»:
    «ـي» is also a nisba («رئيسي») and a plural's construct («مسلحي الجماعة»); not participles («متهماً الدعم
    السريع»: accusing), units of time («عاماً الماضي»), nor after a figure."""
    if i + 1 >= len(words) or not words[i + 1].startswith("ال") or words[i + 1] in _AR_TIME_AFTER_ACCUSATIVE:
        return False  # «عُيّن وزيراً الأسبوع الماضي»: an accusative (as minister) before a time
    if words[i + 1] in _AR_DEFINITE_PARTICLES or (i and _may_start_number(words[i - 1])):
        return False  # «نقلت 12 جريحاً إلى»: the noun a figure counts, before a particle
    return any(stem[:-1] in _CONSTRUCT_DUAL_STEMS for _, stem in clitic_parses(words[i]))


_AR_TIME_AFTER_ACCUSATIVE = frozenset(
    {"الاسبوع", "الشهر", "العام", "اليوم", "السنه", "الليله", "الماضي", "الجاري", "الحالي", "المقبل", "الاحد"}
    | {"الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"}
)


def _a_verb_not_thousand(words: list[str], i: int) -> bool:
    """«وألّف كتابين», «ألّف الكتاب»: the verb "wrote" normalises to «الف» (thousand). A thousand counts an
    indefinite singular noun («ألف شخص»); before a definite word, a dual or a plural («كتابين») it is the verb."""
    word = words[i][1:] if words[i][:1] in "وف" and len(words[i]) == 4 else words[i]
    if word != "الف" or i + 1 >= len(words):
        return False
    following = words[i + 1]
    if following[:1] == "و":
        return False  # «ألف وثمانمئة وسبعين»: a compound number (round 11)
    if following.startswith("ال") or following.isdigit() or word_value(following) is not None:
        return True  # «ألّف الكتاب», «ألّف ثلاثة كتب»
    return following.endswith(("ين", "ان")) and len(following) >= 5


def _ar_parts(words: list[str], j: int, total: float, unit: float) -> tuple[float, int]:
    """The parts that «و» adds to a figure of thousands or millions (``unit``), read from ``words[j]``: «ألفين
    وثلاثمئة» 2,300, «مليوناً و200 ألف» 1.2 million, «3 ملايين و500 ألف», «مليونين ونصف المليون» 2.5 million.
    A part as large as the unit is a second number («ألفين وثلاثة آلاف»): the reading stops before it."""
    while j < len(words) and words[j][:1] == "و" and len(words[j]) > 1:
        rest = words[j][1:]
        if rest in ("نصف", "نص"):
            total += unit / 2
            j += 1
            if j < len(words) and _scale(words, j)[0] == unit:
                j += 1  # «ونصف المليون»
            break
        if rest[:1].isdigit():
            figure = _digits(rest)
            if figure is None:
                break
            scale, taken = _scale(words, j + 1)
            value, used = figure * scale, 1 + taken
        else:
            read = _ar_word_value(rest)
            if read is None or read[2] != EXACT or _is_dual(words[j]):
                break
            scale, taken = _scale(words, j + 1)
            value, used = read[0] * scale, 1 + taken
        if value >= unit:
            break
        total += value
        j += used
    return total, j


# Session 15 (round 14's held-out): forms of a number the reader missed, each a reading error of a whole class.
# «الأحد عشر» / «الإحدى عشرة» with the article is eleven («الأحد» alone is Sunday).
_AR_DEFINITE_ONE = frozenset({"الاحد", "الاحدي", "والاحد", "والاحدي", "بالاحد", "بالاحدي", "للاحد", "للاحدي"})


def after_a_definite_dual(words: list[str], i: int) -> bool:
    """«الاثنين» after a definite dual agrees with it (the two ...): «الجنديين الاثنين», «السيارتين الاثنتين»; after
    «يوم», a singular («وصل الوفد الاثنين») or a plural («قُتل أربعة من مقاتلي الحوثيين الاثنين») it is Monday. A dual
    only as ``_is_dual`` reads one (a listed stem: «ـين» is also a sound plural)."""
    if i == 0:
        return False
    before = words[i - 1]
    if i + 1 < len(words) and words[i + 1] in _AR_RELATIVE_DAY:
        return False  # «وصل المسؤولان الاثنين الماضي»: last Monday
    return before.startswith(("ال", "وال", "بال", "لل")) and _is_dual(before)  # not «الحوثيين الاثنين» (on Monday)


_AR_RELATIVE_DAY = frozenset({"الماضي", "المقبل", "القادم", "المنصرم", "الفائت"})


def _ar_definite_eleven(words: list[str], i: int) -> int | None:
    if words[i] in _AR_DEFINITE_ONE and i + 1 < len(words) and words[i + 1] in ("عشر", "عشره"):
        return 11
    return None


# «ثلاثتهم», «أربعتهن», «خمستهما» (all three / four / five of them): a unit number in «ـة» before a pronoun;
# «كلاهما», «كليهما», «كلتاهما», «كلتيهما» (both of them).
_AR_ALL_OF = re.compile(r"^[وفبل]?(ثلاث|اربع|خمس|ست|سبع|ثمان|تسع|عشر)ت(?:هم|هن|هما|كم|نا)$")
_AR_BOTH = re.compile(r"^[وفبل]?(?:كلا|كلي|كلتا|كلتي)(?:هما|كما|نا)$")


def _ar_all_of_them(word: str) -> int | None:
    if _AR_BOTH.match(word):
        return 2
    match = _AR_ALL_OF.match(word)
    if match is None:
        return None
    return _AR_UNITS[match.group(1) + "ه"] if match.group(1) != "ثمان" else 8


def _ar_short_clitic(words: list[str], i: int) -> tuple[int, int, str] | None:
    """«وست سنوات», «بست طلقات»: «ست» (six) after «و» or «ب» is three letters, too short for the clitic rule of
    ``_ar_word_value``; read so before a noun (not before a number word or at the end)."""
    if words[i] not in ("وست", "بست", "فست") or i + 1 >= len(words):
        return None
    following = words[i + 1]
    if following[:1].isdigit() or _ar_word_value(following) is not None or not _is_arabic(following):
        return None
    return 6, 6, EXACT


_BETWEEN = frozenset({"between", "بين", "وبين", "ما"})


def _unit_pair(first: float, second: float) -> bool:
    """Two figures under ten that «و» / "and" joins («اثنين وثلاثة»): two counts unless «بين» makes them a range."""
    return first < 10 and second < 10


def _adds_to(total: float, part: float) -> bool:
    """Session 15: can «و» + ``part`` continue the figure ``total``? A ten after a unit («خمسة وعشرين» 25), a smaller
    part after hundreds or more («ثلاثمئة وخمسة» 305, «مئة وعشرين»); not a unit after a unit («جنديين اثنين وثلاثة
    مدنيين»: two, then three) nor a ten after a ten."""
    if total < 10:
        return part in range(20, 100, 10)
    if total < 100:
        return False
    place: int = 10 ** (len(str(int(total))) - 1)
    return part < place


def _unit_of(total: float) -> float:
    """The largest scale (thousand, million, ...) a figure reaches: the unit its «و» parts must stay under."""
    return next((unit for unit in (10**12, 10**9, 10**6, 1000) if total >= unit), 1)


# Session 15: «أعشار» (tenths) after a unit, «ثلاثة أعشار في المئة» (0.3%); a fraction noun voweled as one, «العُشر»
# (a tenth), «الثُّلث», «رُبع»: a damma on the first letter of the root tells it from the number («العشر» ten).
_AR_TENTHS = frozenset({"اعشار", "اعشاره"})
_AR_FRACTION_MARK = re.compile(
    r"(?<![\w\u064b-\u0652])([وفبل]?(?:ال|لل)?)(?:عُشر|ثُلث|ثُ\u0651لث|رُبع|خُمس|سُدس|سُبع|ثُمن|تُسع)"
    r"(?=[\u064b-\u0652]*(?:ها|هم|ه)?(?![\w\u064b-\u0652]))"
)


_AR_HALF = frozenset({"نصف", "ونصف", "بنصف", "لنصف", "فنصف"})


_AR_QUARTER_THIRD = {"ربع": 0.25, "وربع": 0.25, "بربع": 0.25, "ثلث": 1 / 3, "وثلث": 1 / 3, "بثلث": 1 / 3}


def _part_of_a_scale(words: list[str], i: int) -> tuple[float, int] | None:
    """Session 15: «ربع مليون» (250,000), «ثلث مليار», "half a dozen" (6): a share of a scale word or a dozen (the
    value and the words taken)."""
    word = words[i].lower()
    if word in _AR_QUARTER_THIRD and i + 1 < len(words) and _scale(words, i + 1)[1] == 1:
        return _AR_QUARTER_THIRD[word] * _scale(words, i + 1)[0], 2
    if word == "half" and [w.lower() for w in words[i + 1 : i + 3]] == ["a", "dozen"]:
        return 6, 3
    share = {"quarter": 0.25, "third": 1 / 3}.get(word)
    if share and [w.lower() for w in words[i + 1 : i + 3]] == ["of", "a"] and _scale(words, i + 3)[1] == 1:
        return share * _scale(words, i + 3)[0], 4  # "a quarter of a million"
    return None


def _half_of_a_scale(words: list[str], i: int) -> bool:
    """«نصف مليون», «بنصف مليار», "half a million": half a scale word."""
    word = words[i].lower()
    if word in _AR_HALF:
        return _scale(words, i + 1)[1] == 1
    return (
        word == "half" and i + 2 < len(words) and words[i + 1].lower() in ("a", "an") and _scale(words, i + 2)[1] == 1
    )


_EN_FRACTIONS = {"thirds", "quarters", "fifths", "sixths", "sevenths", "eighths", "ninths", "tenths", "halves"}


def _en_one(words: list[str], i: int) -> bool:
    """Is ``words[i]`` "one" of "one in three" / "one out of five" (``words[i + 1]`` is "in" or "of")?"""
    if words[i].lower() == "out" and i > 0:
        i -= 1
    return words[i].lower() == "one" and (words[i + 1].lower() == "in" or words[i + 1 : i + 3] == ["out", "of"])


def _en_not_a(words: list[str], i: int) -> bool:
    """ "not a single", "no single", "without a single", "didn't fire a single": the idiom for none."""
    before = [w.lower() for w in words[max(0, i - 4) : i]]
    if before[-1:] in (["no"], ["not"]):
        return True
    negations = ("not", "no", "without", "never", "nor", "t")
    return before[-1:] == ["a"] and any(w in negations for w in before[-3:-1])  # "had not produced a single"


_EN_SCORES_COUNT = frozenset(
    {"of", "were", "are", "have", "had", "killed", "dead", "died", "wounded", "injured", "more"}
)


def _read_number(words: list[str], raw: list[str], i: int) -> tuple[float, float, str, int, float | None] | None:
    """The number starting at ``words[i]``: (low, high, qualifier kind, words taken, mantissa before a scale)."""
    word = words[i]
    number = _digits(word)
    if number is not None:
        if _is_date_or_name(words, i, number, raw):
            return None
        if word.startswith("ال") or (i + 1 < len(raw) and raw[i + 1].lower() in ("st", "nd", "rd", "th")):
            return number, number, ORDINAL, 1, None  # «الـ43», "43rd"
        scale, taken = _scale(words, i + 1)
        if taken:
            if taken >= 2:  # «3 ملايين ونصف»: three and a half million (``_scale`` gave 1.5 million)
                scale /= 1.5
                value = (number + 0.5) * scale
            else:  # «3 ملايين و500 ألف»: 3.5 million
                value, j = _ar_parts(words, i + 1 + taken, number * scale, scale)
                taken = j - i - 1
            return value, value, EXACT, 1 + taken, number
        return number, number, EXACT, 1, None
    if word in _DUAL_SCALES or (word[:1] == "و" and word[1:] in _DUAL_SCALES):
        value = _DUAL_SCALES.get(word) or _DUAL_SCALES[word[1:]]
        summed, j = _ar_parts(words, i + 1, value, value / 2)  # round 11: «ألفين وثلاثمئة» 2,300, «مليونين ونصف»
        return summed, summed, EXACT, j - i, 2 if j == i + 1 else None
    share = _part_of_a_scale(words, i)
    if share is not None:
        return share[0], share[0], EXACT, share[1], None
    if _half_of_a_scale(words, i):  # «نصف مليون», "half a million"
        scale, taken = _scale(words, i + 1 + (words[i].lower() == "half"))
        return scale / 2, scale / 2, EXACT, 1 + taken + (words[i].lower() == "half"), 0.5
    if _a_verb_not_thousand(words, i):
        return None
    if _construct_dual(words, i):
        value = 2 * _SCALE_WORDS[word[1:] if word[:1] == "و" else word]
        return value, value, EXACT, 1, 2
    if word.endswith("ي") and _time_construct_dual(words, i):
        return 2, 2, EXACT, 1, None
    if word.endswith("تي") and _feminine_construct_dual(words, i):
        return 2, 2, EXACT, 1, None
    if word.endswith("ا") and _masculine_construct_dual(words, i):
        return 2, 2, EXACT, 1, None
    if _is_arabic(word):
        if word in _PER_CENT:
            return None  # «بالمئة»: per cent, not a hundred
        if word == "الست" and i and words[i - 1].startswith(("ال", "وال", "بال", "لل")) and words[i - 1].endswith("ات"):
            return 6, 6, EXACT, 1, None  # session 14: «الطائرات الست» (the six planes; «الست» alone is "the lady")
        age = _ar_age(words, i)
        if age is not None:  # an ordinal in form («في العاشرة»): the tenth year of age
            return age[0], age[0], ORDINAL, age[1], None
        ordinal = _ar_ordinal(words, i)
        if ordinal is not None:
            return ordinal[0], ordinal[0], ORDINAL, ordinal[1], None
        counted = _ar_counted_ordinal(words, i)
        if counted is not None:
            return counted, counted, ORDINAL, 1, None
        construct = _ar_construct_ordinal(words, i)
        if construct is not None:
            return construct, construct, ORDINAL, 1, None
        if word in ("عدد", "وعدد", "بعدد") and i + 1 < len(words) and words[i + 1] == "من":
            return 3, 99, VAGUE, 2, None  # «عدد من المحافظات»: several
        if word in ("الاثنين", "الاثنتين", "الاثنان", "الاثنتان") and after_a_definite_dual(words, i):
            return 2, 2, EXACT, 1, None  # session 15: «الصحفيَّين الاثنين» (the two journalists), not Monday
        eleven = _ar_definite_eleven(words, i)
        if eleven is not None:
            return eleven, eleven, EXACT, 2, None  # session 15: «الجرحى الأحد عشر» (the eleven wounded)
        all_of = _ar_all_of_them(word)
        if all_of is not None:
            return all_of, all_of, EXACT, 1, None  # session 15: «ثلاثتهم» (all three of them), «كليهما» (both)
        ar_value = _ar_word_value(word)
        if ar_value is None:
            ar_value = _ar_short_clitic(words, i)
        if ar_value is None:
            return None
        if ar_value == (2, 2, EXACT) and word not in _AR_UNITS and _is_dual(word):
            return 2, 2, EXACT, 1, None  # session 15: «رافعتين وأربع شاحنات» is two and four, not six
        if ar_value[2] != EXACT:
            scale, taken = _scale(words, i + 1)  # «مئات الآلاف», «عشرات الملايين»
            return ar_value[0] * scale, ar_value[1] * scale, ar_value[2], 1 + taken, None
        if word in ("احد", "احدي") and (i + 1 >= len(words) or words[i + 1] not in ("عشر", "عشره")):
            near = [w[1:] if w[:1] in "وفلب" else w for w in [*words[max(0, i - 1) : i], *words[i + 1 : i + 4]]]
            if not any(w in _HARM_BEFORE_ONE or (w.startswith("ال") and w[2:] in _HARM_BEFORE_ONE) for w in near):
                return None  # «أحد أبرز المعالم», «أحد الجرحى توفي»: "one of", not a count
            following = words[i + 1] if i + 1 < len(words) else ""
            if not (following.startswith(("ال", "لل")) or re.search(r"(?:نا|هم|ها|كم|هما|هن)$", following)):
                return None  # session 14: «نفت مقتل أحد», «لم يصب أحد»: anyone, no one (not "one of" a group)
            return 1, 1, EXACT, 1, None  # «إصابة أحد المقاتلين», «تعرض أحد مقاتلينا لإصابة»: one wounded
        if i + 1 < len(words) and words[i + 1] in _AR_TENTHS and ar_value[0] < 10:
            return ar_value[0] / 10, ar_value[0] / 10, EXACT, 2, None  # session 15: «ثلاثة أعشار» (0.3)
        total: float = ar_value[0]
        mantissa: float | None = None
        last_part: float = 0  # the unit «و» last added, which «عشر» may make a teen
        j = i + 1
        while j < len(words):
            scale, taken = _scale(words, j)
            if taken and total < scale:
                # «ستة آلاف», «أربعة ملايين»; «ثلاثة ملايين ونصف» 3.5 million (``_scale`` gave 1.5 million)
                mantissa, total = total, (total + 0.5) * scale / 1.5 if taken >= 2 else total * scale
                j += taken
                continue
            if words[j] in ("ونصف", "ونص", "وربع", "وثلث") and total >= 1000:
                unit = total / mantissa if mantissa else total  # «مليون ونصف» 1.5 million, «ثلاثة ملايين ونصف» 3.5
                total += unit * {"وربع": 0.25, "وثلث": 1 / 3}.get(words[j], 0.5)  # session 15: «وربع مليون»
                j += 2 if j + 1 < len(words) and _scale(words, j + 1)[0] == unit else 1
                continue
            if words[j][:1] == "و" and words[j][1:2].isdigit() and total >= 1000:
                unit = total / mantissa if mantissa else total
                total, j = _ar_parts(words, j, total, unit)  # «مليوناً و200 ألف»: 1.2 million
                break
            nxt = _ar_word_value(words[j])
            if nxt is None or nxt[2] != EXACT or _is_dual(words[j]):
                break
            if words[j].startswith("و") and mantissa is not None and _scale(words, j + 1)[0] >= total / mantissa:
                break  # «خمسة آلاف وسبعة آلاف»: a second number, not 5,007
            tail_scale, tail_taken = _scale(words, j + 1)
            unit = total / mantissa if mantissa else _unit_of(total)
            if words[j].startswith("و") and tail_taken and nxt[0] * tail_scale < unit:
                total += nxt[0] * tail_scale  # session 15: «مليار وثلاثمئة مليون» 1.3 billion, not 1,000,000,300
                j += 1 + tail_taken
                continue
            if words[j] in ("عشر", "عشره") and (total < 10 or (total >= 100 and last_part in range(1, 10))):
                total += 10  # round 17: «مئتين وثلاثة عشر» (213): a teen after hundreds, read like «ثلاثة عشر»
                last_part = 0
            elif nxt[0] in (1000, 1_000_000) and total < nxt[0]:
                mantissa, total = total, total * nxt[0]
            elif words[j].startswith("و") and _adds_to(total, nxt[0]):
                total += nxt[0]
                last_part = nxt[0]
                mantissa = None
            else:
                break
            j += 1
        return total, total, EXACT, j - i, mantissa
    counted_en = _en_counted_ordinal(words, i)
    if counted_en is not None:
        return counted_en, counted_en, ORDINAL, 1, None
    compound = _en_compound_ordinal(word)
    if compound is not None:
        return compound, compound, ORDINAL, 1, None  # session 15: "its twenty-first day" (21st), not twenty
    en_value = _en_word_value(word)
    if en_value is not None and i > 1 and words[i - 1].lower() in ("in", "of") and _en_one(words, i - 2):
        return None  # round 11: "one in three hotels", "one out of five": a share, not a count
    if en_value is not None and i + 1 < len(words) and words[i + 1].lower() in _EN_FRACTIONS:
        return None  # round 11: "two thirds", "three quarters": a fraction
    if word.lower() == "single" and _en_not_a(words, i):
        return None  # session 14: "not a single shell", "without a single": none, not a count of one
    if en_value is not None and en_value[2] == EXACT:
        total, j, mantissa = _en_compound(words, i, en_value[0])
        if word.lower() == "one" and j == i + 1:
            return None  # "one of the most", "no one", "one organiser": not a count
        return total, total, EXACT, j - i, mantissa
    if word.lower() == "scores" and (i + 1 >= len(words) or words[i + 1].lower() not in _EN_SCORES_COUNT):
        return None  # round 17: "settling scores", "scores a goal": a count as "scores of", "scores were killed"
    if en_value is not None:
        if i + 1 < len(words) and word.lower() == "several" and words[i + 1].lower() in _EN_SCALES:
            scale = _EN_SCALES[words[i + 1].lower()]  # round 17: "several hundred" (300-999), "several thousand"
            return en_value[0] * scale, (en_value[1] + 1) * scale - 1, en_value[2], 2, None
        if i + 2 < len(words) and words[i + 1].lower() == "of" and _scale(words, i + 2)[1]:
            scale = _scale(words, i + 2)[0]  # "hundreds of thousands", "tens of millions"
            return en_value[0] * scale, en_value[1] * scale, en_value[2], 3, None
        return en_value[0], en_value[1], en_value[2], 1, None
    if word.lower() in _EN_SCALES and (i == 0 or words[i - 1].lower() in ("a", "one")):
        if i and word.lower() == "hundred":  # round 17: "a hundred and twenty" (120), not 100 and 20
            total, j, _ = _en_compound(words, i, 100)
            return total, total, EXACT, j - i, None
        return _EN_SCALES[word.lower()], _EN_SCALES[word.lower()], EXACT, 1, None
    return None


def _en_number_in_a_name(text: str, matches: list[re.Match[str]], i: int) -> bool:
    """Round 17: an English number word capitalised inside a capitalised name ("Point Zero", "Formula One", "Camp
    Four"): the word before it is capitalised too, in the same sentence (not "... in Syria. Two soldiers")."""
    word = matches[i].group()
    if i == 0 or not word[:1].isupper() or not word.isalpha() or _en_word_value(word) is None:
        return False
    before = matches[i - 1].group()
    between = text[matches[i - 1].end() : matches[i].start()]
    return before[:1].isupper() and before.isalpha() and not _is_arabic(before) and between.strip(" -") == ""


def _ar_day_of_a_month(words: list[str], i: int, low: float, high: float, qualifier: str) -> bool:
    """Round 17: «الثلاثين من نوفمبر», «العشرين من الشهر الجاري»: a definite tens word read as a count is the day of
    the month it is «من» (the ordinal of a ten is written as its cardinal); ``dates`` reads it as that day."""
    j = i + 1
    if qualifier != EXACT or low != high or low not in (20, 30) or j + 1 >= len(words) or words[j] != "من":
        return False
    if not re.match(r"^(?:[وفب]|وب)?ال", words[i]):
        return False  # «ثلاثين من الجنود»: a count
    following = words[j + 1]
    return following in MONTH_WORDS or following in ("الشهر", "شهر")


def quantities(text: str) -> list[Quantity]:
    """Every count-like quantity stated in ``text`` (see the module docstring for what is left out)."""
    return list(_quantities(text))


def _number_words() -> frozenset[str]:
    words: set[str] = set()
    tables = (
        *(_AR_UNITS, _AR_TENS, _AR_HUNDREDS, _AR_VAGUE, _SCALE_WORDS, _DUAL_SCALES, _AR_ORDINAL_UNITS, _AR_TENTH),
        _AR_CONSTRUCT_ORDINALS,
    )
    words |= set(_AR_ORDINALS) | set(_EN_ORDINALS) | set(_AR_INDEFINITE_ORDINALS)
    for table in tables:
        for word in table:
            words |= {p + word for p in ("", "و", "ب", "ل", "ف", "ال", "وال", "بال")}
    words |= set(_EN_UNITS) | set(_EN_VAGUE) | set(_EN_SCALES) | {"عدد", "وعدد", "بعدد"}
    return frozenset(words)


_NUMBER_WORDS = _number_words()
_DUAL_ENDINGS = ("ين", "ان", "تين", "تان", "ضعفي", "ضعفا")


@lru_cache(maxsize=65536)
def _may_start_number(word: str) -> bool:
    """A cheap test before ``_read_number``: a figure, a number word (with its clitics), a dual, or an English
    compound ("twenty-five")."""
    first = word[:1]
    if first.isdigit() or (first in "وبلا" and word[1:2].isdigit()) or (word.startswith("ال") and word[2:3].isdigit()):
        return True
    lower = word.lower()
    if lower in _AR_HALF or lower in ("half", "quarter", "third") or lower in _AR_QUARTER_THIRD:
        return True
    if word[-1:] in "همان" and _AR_CONSTRUCT_WITH_PRONOUN.match(word):
        return True  # «طفليها»
    if word.endswith("تي") and len(word) >= 5 and _is_arabic(word):
        return True  # «مدرستي البلدة» (read in context)
    if word in _TIME_CONSTRUCT_DUALS or (word[:1] in "وبلف" and word[1:] in _TIME_CONSTRUCT_DUALS):
        return True  # «شهري تشرين الأول وتشرين الثاني» (read in context)
    if word.endswith(("هم", "هن", "هما", "كم", "كما", "نا")) and (_AR_ALL_OF.match(word) or _AR_BOTH.match(word)):
        return True  # «ثلاثتهم», «كليهما»
    return lower in _NUMBER_WORDS or "-" in lower or (word.endswith(_DUAL_ENDINGS) and _is_dual(word))


_SEASON = re.compile(r"(?<!\d)((?:19|20)\d\d)\s?[-/–]\s?(\d\d)(?![\d/-])")
_AR_COMPOSED = re.compile(r"(?<![\w\u064b-\u0652])([وف]?)[أإآا]ل[\u064b-\u0650\u0652]*\u0651[\u064b-\u0652]*ف(?!\w)")


@lru_cache(maxsize=4096)
def _quantities(text: str) -> tuple[Quantity, ...]:
    """Cached by text: a digest's evidence spans and bullets recur across re-asks and checks."""
    text = _SEASON.sub(lambda m: f"{m.group(1)}/{m.group(1)[:2]}{m.group(2)}", text)  # "2024-25": 2024/2025
    text = _AR_FRACTION_MARK.sub(r"\1كسر", text)  # session 15: «بنحو العُشر» (a tenth): a fraction, not ten
    text = _AR_COMPOSED.sub(r"\1صنف", text)  # «وألّف كتاباً» (a shadda on its lam): the verb "wrote", no thousand
    norm = normalize_text(text)
    norm = re.sub(r"(\d{1,2}):(\d{2})", " TIME ", norm)  # clock times
    timed = re.sub(r"(\d{1,2}):(\d{2})", " TIME ", text)
    raw_matches = list(_WORD.finditer(timed))
    raw = [m.group() for m in raw_matches]
    words = [m.group() for m in _WORD.finditer(norm)]
    if len(raw) != len(words):
        raw, raw_matches = words, []
    found: list[Quantity] = []
    i = 0
    while i < len(words):
        if not _may_start_number(words[i]) and not (words[i].endswith("ا") and _masculine_construct_dual(words, i)):
            i += 1  # «وزيرا الخارجية» is read in context only (``_may_start_number`` also screens nouns)
            continue
        read = _read_number(words, raw, i)
        if read is None or (raw_matches and _en_number_in_a_name(timed, raw_matches, i)):
            i += 1
            continue
        low, high, qualifier, span, mantissa = read
        if span == 1 and _ar_day_of_a_month(words, i, low, high, qualifier):
            i += span
            continue
        if qualifier == EXACT:
            # session 15: "more than a thousand", "nearly a million": the qualifier stands before the article
            start = i - 1 if i and words[i - 1].lower() in ("a", "an") and words[i].lower() in _EN_SCALES else i
            qualifier = _qualifier(words[:start], words[i + span :])
        # ranges: "between 10 and 15", "10 to 15", «بين 10 و15», «من 10 الى 15», «بين خمسة آلاف وسبعة آلاف»
        j = i + span
        counted_dual = span == 1 and low == 2 and words[i] not in _AR_UNITS and _is_arabic(words[i])
        counted_dual = counted_dual and _is_dual(words[i])
        if qualifier == EXACT and j < len(words) and not counted_dual:  # «رافعتين وأربع شاحنات»: no range
            link = words[j].lower()
            second = None
            if link in ("to", "and", "-", "الي", "و") and j + 1 < len(words):
                second = _read_number(words, raw, j + 1)
                taken = 1 + (second[3] if second else 0)
            elif link.startswith("و") and len(link) > 1:
                stripped = [*words[:j], link[1:], *words[j + 1 :]]
                second = _read_number(stripped, [*raw[:j], link[1:], *raw[j + 1 :]], j)
                taken = second[3] if second else 0
            between = any(w.lower() in _BETWEEN for w in words[max(0, i - 2) : i])
            if second is not None and link not in ("to", "-", "الي") and not between and _unit_pair(low, second[0]):
                second = None  # session 15: «جنديين اثنين وثلاثة مدنيين»: two, then three (no «بين»: no range)
            if second is not None and second[2] == EXACT and second[0] > high:
                found.append(Quantity(low, second[0], RANGE, " ".join(words[i : j + taken]), mantissa))
                i = j + taken
                continue
        found.append(Quantity(low, high, qualifier, " ".join(words[i : i + span]), mantissa))
        i += span
    return tuple(found)


def _significant_digits(value: float) -> int:
    digits = f"{value:.6f}".rstrip("0").replace(".", "").lstrip("0").rstrip("0")
    return len(digits)


def rounds_to(figure: float, rounded: float) -> bool:
    """Is ``rounded`` a rounding of ``figure`` a writer may give with "about": within 5% of it and written with
    fewer significant digits (10 million for 9.8 million, 2,000 for 1,950, 300 for 290; not 12 for 11)."""
    if figure == rounded or figure <= 0 or rounded <= 0:
        return False
    return abs(figure - rounded) <= 0.05 * rounded and _significant_digits(rounded) < _significant_digits(figure)


def supports(claim: Quantity, stated: Quantity) -> bool:
    """Does a quantity stated in the evidence back the claimed one?

    A plain number is backed by the same number under any qualifier ("10 rockets" by «نحو 10
    صواريخ»); a qualified claim needs a compatible statement ("more than 10" by «أكثر من 10» or by
    «12»); a vague claim ("dozens") by the same vague word or a number inside its range.
    """
    if claim.qualifier in (EXACT, ORDINAL):
        return claim.low in (stated.low, stated.high) and stated.qualifier != VAGUE
    if claim.qualifier == ABOUT:  # "nearly 60" is not «أكثر من ستين»
        if stated.qualifier in (EXACT, ABOUT) and stated.low == stated.high and rounds_to(stated.low, claim.low):
            return True  # "nearly 10 million" for «نحو 9,8 ملايين»
        return claim.low in (stated.low, stated.high) and stated.qualifier in (EXACT, ABOUT, RANGE, ORDINAL)
    # A lower bound must be the stated one, or a rounding of a stated figure (at most twice the bound): "more than
    # 10" from «12»; "more than 200,000" from «more than two million» is true and still misreports the figure.
    if claim.qualifier == MORE_THAN:
        if stated.qualifier == ABOUT and stated.low == stated.high and 1.1 * claim.low <= stated.low <= 2 * claim.low:
            return True  # round 16: "more than a million" for «نحو 1,2 مليون»: an estimate well above the bound
        return (stated.qualifier in (MORE_THAN, AT_LEAST) and stated.low == claim.low) or (
            stated.qualifier in (EXACT, RANGE) and claim.low < stated.low <= 2 * claim.low
        )
    if claim.qualifier == AT_LEAST:  # «العشرات» backs "at least 20"
        return (stated.qualifier in (EXACT, AT_LEAST, MORE_THAN, RANGE, VAGUE) and stated.low == claim.low) or (
            stated.qualifier in (EXACT, RANGE, VAGUE) and claim.low < stated.low <= 2 * claim.low
        )
    if claim.qualifier == AT_MOST:  # an upper bound is the stated one ("up to 10" from «10» or «حتى 10»)
        if stated.qualifier in (EXACT, ABOUT) and stated.low == stated.high and rounds_to(stated.high, claim.high):
            return stated.high < claim.high  # round 16: "did not exceed 4" for «3,9»: the figure rounded up, a bound
        return stated.qualifier in (AT_MOST, EXACT, RANGE, ORDINAL) and stated.high == claim.high  # "under five"
    if claim.qualifier == RANGE:
        return stated.low == claim.low and stated.high == claim.high
    if claim.qualifier == VAGUE:
        return (
            (stated.qualifier == VAGUE and (stated.low, stated.high) == (claim.low, claim.high))
            or (stated.qualifier != VAGUE and claim.low <= stated.low <= claim.high)
            or (stated.qualifier == VAGUE and stated.low <= claim.low <= stated.high)
        )
    return False


def bound_against_only(claim: Quantity, evidence_text: str) -> bool:
    """Session 14: "at least five" / "more than five" where the evidence says «خمسة جنود فقط» (only five): a lower
    bound on a figure the evidence closes («فقط», «لا غير» within two words after it, or «سوى» / «إلا» before it)."""
    if claim.qualifier not in (AT_LEAST, MORE_THAN) or claim.low != claim.high:
        return False
    norm = normalize_text(evidence_text)
    for q in quantities(evidence_text):
        if q.low != claim.low or q.low != q.high:
            continue
        figure = re.escape(q.text)
        if re.search(rf"(?<!\w){figure}(?:\s+\w+){{0,2}}\s+(?:فقط|لا غير)(?!\w)", norm) or re.search(
            rf"(?<!\w)(?:سوي|الا)\s+{figure}(?!\w)", norm
        ):
            return True
    return False


def vague_unit_bound(claim: Quantity, stated: list[Quantity]) -> bool:
    """ "more than 100" for «مئات» (200-999), "more than 10" for «عشرات»: a lower bound at the unit of a vague plural
    the evidence states is true, only weaker (``number.value_vague``, apart from ``number.value``)."""
    return claim.qualifier == MORE_THAN and any(s.qualifier == VAGUE and s.low == 2 * claim.low for s in stated)


def unsupported_quantities(claim_text: str, evidence_text: str) -> list[Quantity]:
    """Quantities ``claim_text`` states that ``evidence_text`` does not back."""
    stated = quantities(evidence_text)
    return [q for q in quantities(claim_text) if not any(supports(q, s) for s in stated)]


def read_as_a_date(claim: Quantity, evidence_text: str) -> bool:
    """Is ``claim`` a figure the evidence writes where its own reading took it for a date, not a count: a plain
    four-figure number 1300-2100 (a year, or a Hijri year: «عمقها 1850 متراً» is a depth a bullet writes "1,850
    metres", «حج 1445 هـ» "the 1445 Hajj"), or, for an ordinal the bullet gives, a day of a month ("until the 17th"
    for «حتى 17 من الشهر الجاري»)."""
    if claim.low != claim.high:
        return False
    return claim.low in _date_figures(evidence_text)[0] or (
        claim.qualifier == ORDINAL and claim.low in _date_figures(evidence_text)[1]
    )


def read_otherwise(claim: Quantity, bullet_text: str, evidence_text: str, stated: list[Quantity]) -> bool:
    """Is ``claim`` a figure its evidence states in a form the figure reader does not count (session 14)? A date
    (``read_as_a_date``); an ordinal the evidence writes as a unit's number ("the 17th Brigade" for «اللواء 17»); a
    range whose two ends it states apart ("from 252 to 300" for «من 252 شهراً إلى 300 شهر»); an age bound («أطفال
    دون الخامسة», "children under five"); a total the bullet itself splits as the evidence does ("seven people: a
    19-year-old ... and six others" for «شاباً ... وستة آخرين»: 1 + 6); or «الطرفان» ("the two sides"), which
    refers to the parties the evidence names, not a count of them."""
    if read_as_a_date(claim, evidence_text):
        return True
    if claim.qualifier == ORDINAL and claim.low in _name_figures(evidence_text):
        return True
    exact = {s.low for s in stated if s.low == s.high and s.qualifier not in (VAGUE, RANGE)}
    if claim.qualifier == RANGE and {claim.low, claim.high} <= exact:
        return True
    if claim.qualifier in (AT_MOST, EXACT) and claim.high in _ages_under(evidence_text):
        return True
    if claim.low == claim.high and claim.low in _totals_with_others(bullet_text, evidence_text, frozenset(exact)):
        return True
    if claim.low == claim.high == 1 and _one_after_its_noun(claim, bullet_text, evidence_text):
        return True  # session 15: «ومدني واحد» (one civilian) for «ومدني»
    if (
        claim.low == claim.high == 2
        and claim.qualifier == EXACT
        and word_value(claim.text.lower()) == 2  # "two", «اثنين»: not a bullet's own dual
        and not any(2 in (s.low, s.high) for s in stated)
        and _possible_duals(evidence_text)
    ):
        return True  # session 15: "two offices" for «مقرين», "two bank accounts" for «حسابين»
    if claim.low == claim.high == 2 and claim.text in _TIME_CONSTRUCT_DUALS | {"و" + w for w in _TIME_CONSTRUCT_DUALS}:
        return True  # round 17: «يومي الأحد والاثنين»: the two it names, which the date checks read
    return claim.low == claim.high == 2 and (_both_sides(claim.text) or _en_two_sides(claim, bullet_text))


_EN_TWO_SIDES = re.compile(r"\b(?:the|both)\s+two\s+(?:sides|parties)\b", re.I)


def _en_two_sides(claim: Quantity, bullet_text: str) -> bool:
    """Round 17: "the two sides" (as «الطرفان»): the parties the evidence names, not a count of them."""
    return claim.text.lower() == "two" and _EN_TWO_SIDES.search(bullet_text) is not None


_AR_ONE_AFTER = frozenset({"واحد", "واحده", "واحدا"})


def a_count_by_number(claim: Quantity) -> bool:
    """Session 15: is ``claim`` a count of one or two written in words ("two", "both", "a", «طائرتين», «أحد»)? Arabic
    writes these with the noun's own number (singular, dual) and no numeral, so an evidence's two is a dual ending
    the reader knows for listed nouns only (``number.value_words_two``); a multiple («ضعفَي») and an ordinal are none.
    """
    if claim.low != claim.high or claim.low not in (1, 2) or claim.qualifier == ORDINAL:
        return False
    return not any(word in _AR_MULTIPLE_DUALS for word in claim.text.split())


def _one_after_its_noun(claim: Quantity, bullet_text: str, evidence_text: str) -> bool:
    """«واحد» after the singular noun it counts («قُتل خمسة جنود ومدني واحد»), where the evidence writes that noun in
    the singular («ومدني»): an indefinite singular is one."""
    if claim.text not in _AR_ONE_AFTER:
        return False
    words = [m.group() for m in _WORD.finditer(normalize_text(bullet_text))]
    nouns = {strip_proclitics(words[k - 1]) for k in range(1, len(words)) if words[k] == claim.text}
    stated = {strip_proclitics(m.group()) for m in _WORD.finditer(normalize_text(evidence_text))}
    return any(len(noun) >= 3 and noun in stated for noun in nouns)


# Round 16: places named with the Persian «ـستان» ("land of") that the gazetteer does not list alone, whose
# «ـستان» also reads as the feminine dual of a dictionary noun («كردستان» as two «كردسة»).
_ISTAN_PLACES = frozenset(
    normalize_text(w) for w in ("كردستان", "عربستان", "بلوشستان", "لرستان", "خوزستان", "تركستان", "داغستان", "سيستان")
)
_PLACES_IN_IN = frozenset({"بحرين", "نهرين", "حرمين"})  # Bahrain, Mesopotamia, the two holy mosques: names


def _possible_duals(evidence_text: str) -> bool:
    """Session 15 (round 14's held-out, three bullets of three articles): does the evidence hold a word that may be
    the dual of a noun of the dictionary whose plural is broken («مقرين», «حسابين», «شكويين»)? The dual reader above
    knows listed stems only, since «ـين» is also a sound masculine plural («مسلحين»). Here, for a bullet's bare 2
    only, «ـين» on a dictionary noun counts as a possible dual, but not on the forms whose plural is sound: a
    participle in «م» («متظاهرين»), «فاعل» («نازحين», «ناجين»), a nisba in «ي» («مدنيين», also «شكويين»: left out),
    the listed sound plurals, «آخرين», a number word, a name, or «تفعيل» («تأمين»)."""
    from summarizer.claims.lexicon import lexicon, lexicon_names

    for token in re.findall(r"\w+", normalize_text(evidence_text)):
        if not token.endswith("ين") or token in _NUMBER_WORDS or _OTHERS.match(token):
            continue
        parses = clitic_parses(token)
        if any(len(stem) == 5 and stem[:1] == "ت" and stem[3] == "ي" for _, stem in parses):
            continue  # «تأمين», «لتأمين», «تعيين»: a verbal noun «تفعيل», under any reading of its clitics
        for _, stem in parses:
            base = stem[:-2]
            if stem.startswith("ال") or stem in _PLACES_IN_IN or _OTHERS.match(stem):
                continue  # «البحرين» (Bahrain), «الدين»: the article is no part of the stem
            if len(base) < 3 or base.endswith(("ي", "ا")) or base in _DUAL_AN_ONLY:
                continue
            if (base[:1] == "م" and len(base) >= 4) or (len(base) in (3, 4) and base[1] == "ا"):
                continue  # «متظاهرين», «نازحين», «الناجين»: a participle's sound plural
            if base in lexicon() and base not in lexicon_names() and word_value(base) is None:
                return True
    return False


_AR_BOTH_SIDES = re.compile(r"^[وفبل]?(?:ال|لل)(?:طرف|جانب)(?:ان|ين)$")


def _both_sides(text: str) -> bool:
    return bool(_AR_BOTH_SIDES.match(text))


_AR_UNDER_AGE = re.compile(r"(?<!\w)(?:دون|تحت) (?:سن )?(ال\w+)(?!\w)")


@lru_cache(maxsize=4096)
def _ages_under(evidence_text: str) -> frozenset[float]:
    """Ages an evidence gives as a bound by an ordinal: «أطفال دون الخامسة» (under five), «دون سن العاشرة»."""
    found = set()
    for m in _AR_UNDER_AGE.finditer(normalize_text(evidence_text)):
        value = _AR_ORDINAL_UNITS.get(m.group(1)) or _AR_TENTH.get(m.group(1))
        if value:
            found.add(float(value))
    return frozenset(found)


@lru_cache(maxsize=4096)
def _name_figures(evidence_text: str) -> frozenset[float]:
    """Figures the evidence writes as part of a name: «اللواء 17», «القرار 2254», "Resolution 1701"."""
    words = [m.group() for m in _WORD.finditer(normalize_text(evidence_text))]
    found = set()
    for i in range(1, len(words)):
        if words[i].isdigit() and (words[i - 1] in _AR_NAME_BEFORE or _EN_NAME_BEFORE.search(words[i - 1])):
            found.add(float(words[i]))
    return frozenset(found)


_OTHERS = re.compile(r"^(?:اخرين|اخرون|اخريات|اخري|اخر|others?)$", re.I)


@lru_cache(maxsize=4096)
def _figures_before_others(text: str) -> frozenset[float]:
    """The N of «N آخرين», «ستة أشخاص آخرين», "six others"."""
    found = set()
    words = [m.group() for m in _WORD.finditer(normalize_text(text))]
    for i, word in enumerate(words):
        if i == 0 or not _OTHERS.match(word):
            continue
        before = quantities(" ".join(words[max(0, i - 5) : i]))
        last = before[-1] if before else None
        if last is not None and last.low == last.high and last.text.split()[-1] in words[max(0, i - 2) : i]:
            found.add(last.low)
    return frozenset(found)


def _totals_with_others(bullet_text: str, evidence_text: str, exact: frozenset[float]) -> frozenset[float]:
    """Totals a bullet gives beside the «N آخرين» ("N others") both it and its evidence state: N + 1 (a person told
    in the singular), N + another figure the evidence states. A bullet that changes N gets no total from it."""
    both = _figures_before_others(bullet_text) & _figures_before_others(evidence_text)
    return frozenset({n + 1 for n in both} | {n + other for n in both for other in exact if other != n})


_MONTH_WORD_RE = "|".join(sorted(MONTH_WORDS, key=len, reverse=True))
_AR_DAY_FIGURE = re.compile(
    rf"(?<![\d,.٫٬])([1-9]|[12]\d|3[01])\s+(?:من\s+)?(?:(?:ال)?شهر\b|(?:{_MONTH_WORD_RE})(?!\w))"
)


@lru_cache(maxsize=4096)
def _date_figures(evidence_text: str) -> tuple[frozenset[float], frozenset[float]]:
    norm = normalize_text(evidence_text)
    years = re.findall(r"(?<![\d,.٫٬])(1[3-9]\d\d|20\d\d|2100)(?![\d,.٫٬])", norm)
    days = _AR_DAY_FIGURE.findall(norm)
    return frozenset(float(y) for y in years), frozenset(float(d) for d in days)


def states_value(evidence_text: str, value: int) -> bool:
    """Does the evidence state ``value`` (a count's low or high) as a number?"""
    return any(value in (q.low, q.high) and q.qualifier != VAGUE for q in quantities(evidence_text))


def states_one(evidence_text: str) -> bool:
    """Does the evidence state «one» through a singular noun («قُتل شخص»)?"""
    return bool(_AR_ONE.search(normalize_text(evidence_text)))


# Quantifiers a paraphrase may change: "most" («معظم», «أغلب») told as "all" or "some".
_AR_MOST = re.compile(  # session 14: with a pronoun, «معظمهم», «غالبيتهم»
    r"(?<!\w)[وبل]?(?:(?:معظم|اغلب|غالبيه|اكثريه)(?:هم|ها|هن|هما)?|(?:غالبيت|اكثريت)(?:هم|ها|هن|هما))(?!\w)"
)
_AR_ALL = re.compile(r"(?<!\w)[وبل]?(?:جميع|كافه|كامل|الجميع)(?!\w)")
_AR_SOME = re.compile(r"(?<!\w)[وبل]?(?:بعض)(?!\w)")
_EN_MOST = re.compile(r"\b(?:most|majority)\b", re.I)
_EN_ALL = re.compile(r"\b(?:all|every|each|entire)\b(?!\s+(?:but|of a sudden))", re.I)
_EN_SOME = re.compile(r"\b(?:some|a few|few)\b", re.I)
_EN_AT_ALL = re.compile(
    r"\b(?:at all|all but|above all|after all|first of all|each other"
    r"|(?:every|each) (?:day|week|month|year|night|morning|evening|time|hour|\w+day))\b",  # session 14: "every week"
    re.I,
)


def quantifier_change(claim: str, evidence: str) -> str | None:
    """ "all" or "some" where the evidence says "most" (and neither of the claim's words): the quantifier the
    claim changed, else None. Session 14: in an Arabic bullet, also «جميعها» / «معظمها» where the evidence says
    «بعضها» only, and «معظمهم» where it says «جميعاً» only (a quantifier with a pronoun: of the group just named)."""
    norm = normalize_text(evidence)
    if mostly_arabic(claim):
        changed = _ar_pronoun_quantifier_change(normalize_text(claim), norm)
        if changed is not None:
            return changed
    if not _AR_MOST.search(norm) or _AR_ALL.search(norm) or _AR_SOME.search(norm):
        return None
    if _EN_MOST.search(claim) or _AR_MOST.search(normalize_text(claim)):
        return None
    text = _EN_AT_ALL.sub(" ", claim)
    norm_claim = normalize_text(claim)
    for en, ar in ((_EN_ALL, _AR_ALL), (_EN_SOME, _AR_SOME)):
        found = en.search(text) or ar.search(norm_claim)
        if found:
            return found.group()
    return None


# Session 14: a quantifier over the group just named, with its pronoun («بعضها», «جميعهم», «معظمهم», «كلها») or
# after a plural verb («صوّتوا جميعاً»): ranked all > most > some, read in Arabic bullets against Arabic evidence.
_AR_Q_PRONOUN = r"(?:ها|هم|هن|هما)"
_AR_Q_RANKS = (
    ("all", re.compile(rf"(?<!\w)[وبل]?(?:(?:جميع|كل|كافت)(?:{_AR_Q_PRONOUN})|جميعا)(?!\w)")),
    ("most", re.compile(rf"(?<!\w)[وبل]?(?:(?:معظم|اغلب|غالبيت|اكثريت)(?:{_AR_Q_PRONOUN}))(?!\w)")),
    ("some", re.compile(rf"(?<!\w)[وبل]?(?:بعض(?:{_AR_Q_PRONOUN}))(?!\w)")),
)


def _ar_pronoun_quantifiers(norm: str) -> dict[str, str]:
    return {rank: m.group() for rank, pattern in _AR_Q_RANKS if (m := pattern.search(norm))}


def _ar_pronoun_quantifier_change(claim_norm: str, evidence_norm: str) -> str | None:
    theirs = _ar_pronoun_quantifiers(evidence_norm)
    if len(theirs) != 1:
        return None
    mine = _ar_pronoun_quantifiers(claim_norm)
    if not mine or set(theirs) & set(mine):
        return None
    return next(iter(mine.values()))


# Round 7: a lone ordinal where an order is told ("the second attack", «ثاني هجوم», «الهجوم الثالث», «مسيّرة
# خامسة», "a fifth hit"). The reader above leaves these out (a lone ordinal is often no figure), so a bullet that
# moves an attack or a drone up or down the order went unread. Read apart, as a warning: the bullet's ordinal
# must be a figure its evidence states in any form (an ordinal anywhere, or a count).
_AR_LONE_ORDINALS = {
    normalize_text(stem + ending): value
    for value, stem in enumerate(("ثاني", "ثالث", "رابع", "خامس", "سادس", "سابع", "ثامن", "تاسع", "عاشر"), 2)
    for ending in ("", "ة")
} | {"ثان": 2}  # session 15: «انهيار ثانٍ» (a second collapse; the tanween leaves «ثان»)
_AR_ORDINAL_PREFIXES = ("", "ال", "وال", "بال", "لل", "فال", "و", "ب", "ل", "ف")
# Where an ordinal word is a month, a clock hour, an age or a time unit, not a place in an order.
_AR_NOT_ORDER_BEFORE = {
    normalize_text(w)
    for w in ("كانون", "تشرين", "ربيع", "جمادى", "الساعة", "ساعة", "في", "سن", "نحو", "قرابة", "حوالي", "عند", "منذ")
}
_AR_TIME_OF_DAY = {
    normalize_text(w)
    for w in ("صباحا", "صباحاً", "مساء", "مساءً", "فجرا", "فجراً", "ظهرا", "ليلا", "عصرا", "والنصف", "الا")
}
_EN_LONE_ORDINALS = {**{k: v for k, v in _EN_ORDINALS.items() if v >= 2}, "eleventh": 11, "twelfth": 12}
_EN_LONE_ORDINALS |= {  # session 14: "the sixteenth journalist" for «السادس»
    "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
_EN_ORDER_BEFORE = {"the", "a", "an", "its", "their", "his", "her"}


def _ar_lone_ordinal(token: str, accusative: bool = False) -> int | None:
    for prefix in _AR_ORDINAL_PREFIXES:
        if token.startswith(prefix) and token[len(prefix) :] in _AR_LONE_ORDINALS:
            return _AR_LONE_ORDINALS[token[len(prefix) :]]
    if accusative and token.endswith("ا") and token[:-1] in _AR_LONE_ORDINALS:
        return _AR_LONE_ORDINALS[token[:-1]]  # session 14: an evidence's «متهماً ثالثاً» (not a bullet's «ثانياً»)
    return None


def _ar_order_ordinals(words: list[str], evidence: bool = False) -> list[tuple[str, int]]:
    """Arabic ordinals telling a place in an order, with the word as written (normalised); in an evidence, the
    accusative indefinite («متهماً ثالثاً») too."""
    found = []
    for i, word in enumerate(words):
        value = _ar_lone_ordinal(word, accusative=evidence)
        if value is None:
            continue
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        if after == "من" and i + 2 < len(words) and re.sub(r"^(?:ال)", "", words[i + 2]) in _MONTH_OR_SHAHR:
            continue  # session 14: «السبت العاشر من أكتوبر», «الخامس من الشهر»: a day of a month
        if _ar_ordinal(words, i) is not None or before in _AR_NOT_ORDER_BEFORE or _digits(before) is not None:
            continue  # «الثانية عشرة» (a compound, read above), «كانون الثاني», «الساعة الرابعة», «30 ثانية»
        if after in _AR_TIME_OF_DAY or after.startswith("بعد"):
            continue  # «نحو الثالثة بعد الظهر», «الرابعة فجراً»: a clock hour
        found.append((word, value))
    return found


_MONTH_OR_SHAHR = MONTH_WORDS | {"شهر"}
_EN_FRACTION_BEFORE = {"by", "than", "about", "nearly", "almost", "roughly", "only", "over", "around", "some", "just"}


def lone_ordinal(token: str) -> int | None:
    """The value of one Arabic ordinal word from second to tenth, clitics allowed («الخامس», «والثالثة»)."""
    return _ar_lone_ordinal(token)


def _en_order_ordinals(words: list[str]) -> list[tuple[str, int]]:
    """English ordinals after a determiner ("the second attack", "a fifth hit"), not fractions ("a third of")."""
    found = []
    for i, word in enumerate(words):
        # round 9: a rank before a superlative ("the second-largest", "its third-deadliest") is a place in an order
        head, _, rest = word.lower().partition("-")
        value = _EN_LONE_ORDINALS.get(head if rest.endswith("est") else word.lower())
        if value is None or i == 0 or words[i - 1].lower() not in _EN_ORDER_BEFORE:
            continue
        if i + 1 < len(words) and words[i + 1].lower() in ("of", "half", "quarter"):
            continue
        if i > 1 and words[i - 1].lower() == "a" and words[i - 2].lower() in _EN_FRACTION_BEFORE:
            continue  # round 11: "rose by a third", "nearly a fifth": a fraction
        found.append((word, value))
    return found


def unsupported_ordinals(bullet: str, evidence: str) -> list[str]:
    """The order ordinals of ``bullet`` ("the third attack") its evidence does not state: as an order where it
    tells one, else as any figure."""
    bullet_words = [m.group() for m in _WORD.finditer(normalize_text(bullet))]
    arabic = any(_is_arabic(w) for w in bullet_words)
    claimed = _ar_order_ordinals(bullet_words) if arabic else _en_order_ordinals(bullet_words)
    if not claimed:
        return []
    evidence_words = [m.group() for m in _WORD.finditer(normalize_text(evidence))]
    # an evidence that tells an order itself is held to it ("a fourth hit" for «ومسيّرة خامسة» beside «أربع»)
    stated: set[float] = {value for _, value in _ar_order_ordinals(evidence_words, evidence=True)}
    stated |= {value for _, value in _en_order_ordinals(evidence_words)}
    if not stated and not arabic:
        # round 10: "a second source", "a second toll": "another", not a place in an order the evidence must state
        another = {w for i, w in enumerate(bullet_words) if w.lower() == "second" and i and bullet_words[i - 1] == "a"}
        claimed = [(word, value) for word, value in claimed if word not in another]
        if not claimed:
            return []
    if not stated:
        stated = {value for word in evidence_words if (value := _ar_lone_ordinal(word, True)) is not None}
        for q in quantities(evidence):
            stated |= {q.low, q.high}
    already = {q.text for q in quantities(bullet) if q.qualifier == ORDINAL}
    return [word for word, value in claimed if value not in stated and word not in already]


# Round 7: an Arabic figure counted against the evidence's count of the same noun («مسلحَين اثنين» where the
# evidence says «ستة مسلحين» and writes a dual elsewhere, «الطرفين», which backed the 2 as a bare figure).
_AR_TWO = {normalize_text(w) for w in ("اثنين", "اثنان", "اثنتين", "اثنتان")}
_AR_NOT_NOUNS = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في من إلى على عن مع أن إن أو ثم قد بعد قبل خلال حيث كما بين عند حتى منذ وفق نحو إثر جراء آخرين آخرون أخرى"
    ).split()
}


def _stem(word: str) -> str:
    word = re.sub(r"^(?:[وفبل]?ال|لل|[وفبل])", "", word) if len(word) > 4 else word
    return re.sub(r"(?:ين|ون|ان|ات|ا|ه)$", "", word) if len(word) > 4 else word


_AR_OF_THEM = {"منها", "منهم", "منهن", "منهما"}


def _counted_nouns(text: str) -> dict[str, set[float]]:
    """Noun stem -> the exact figures counting it (the noun right after a figure; before «اثنين»)."""
    counted = {
        noun: {value for value, how in counts if how != _PART}
        for noun, counts in _counted_nouns_qualified(text).items()
    }
    return {noun: values for noun, values in counted.items() if values}


_AR_OUT_OF = frozenset({"اصل", "بين", "مجموع", "اجمالي"})
# Session 15: a part told with its whole. An evidence's «ثلاثة من أصل أربعة مشتبه بهم» counts the suspects with 4
# and, as a part, 3; a part backs only a bullet's part («ثلاثة من المشتبه بهم الأربعة»), not a count of the whole
# («تبنّت ستاً من أربع توصيات» against «بأربع من أصل ست توصيات»: four is the part there, six the whole).
_PART, _PART_OF_IT = "part", "part_of_it"


def _counted_nouns_qualified(text: str) -> dict[str, set[tuple[float, str]]]:
    """``_counted_nouns`` with each figure's qualifier («أكثر من عشرين شخصاً»: (20, more than))."""
    words = [m.group() for m in _WORD.finditer(normalize_text(text))]
    counted: dict[str, set[tuple[float, str]]] = {}
    part: tuple[float, str] | None = None  # a part told before its whole («ثلاثة من أصل أربعة ...»)
    last = ""  # the noun counted last: «منها» in «نحو ألف سجل ... قرابة 300 منها» refers back to it
    i = 0
    while i < len(words):
        # session 15: up to eight words, a whole figure in words («أحد عشر مليوناً ونصف مليون طن»; three words read
        # «ونصف مليون» as a figure of its own)
        found = quantities(" ".join(words[i : i + 8])) if _may_start_number(words[i]) else []
        first = found[0] if found else None
        if first is None or first.low != first.high or first.text.split()[0] != words[i]:
            i += 1
            continue
        span = len(first.text.split())
        if _is_dual(words[i]) and span == 1:
            noun = words[i]  # «عشيرتين»: the dual counts itself
        elif words[i] in _AR_TWO and i:
            noun = words[i - 1]
        else:
            noun = words[i + span] if i + span < len(words) else ""
        how = _qualifier(words[:i], words[i + span :]) if first.qualifier == EXACT else first.qualifier
        # session 14: a part of a counted whole, «300 منها», «ستة من المتوفين»: the figure counts that noun too
        if noun in _AR_OF_THEM and last:
            noun = last
        elif noun == "من" and i + span + 1 < len(words) and words[i + span + 1] in _AR_OUT_OF:
            part = (first.low, _PART)  # session 15: «ثلاثة من أصل أربعة مشتبه بهم»: a part of the whole's noun
            i += span
            continue
        elif noun == "من" and i + span + 1 < len(words) and words[i + span + 1].startswith("ال"):
            noun = words[i + span + 1]
            how = _PART_OF_IT if how == EXACT else how
        if noun and _is_arabic(noun) and noun not in _AR_NOT_NOUNS and not _may_start_number(noun):
            counted.setdefault(_stem(noun), set()).add((first.low, how))
            if part is not None:
                counted[_stem(noun)].add(part)
            last = noun
        part = None
        i += span
    return counted


def counted_nouns(text: str) -> dict[str, set[float]]:
    """Noun stem -> the exact figures counting it in an Arabic text (round 9: for English bullets' nouns)."""
    return _counted_nouns(text)


def recounted_nouns(bullet: str, evidence: str, worked_out: frozenset[float] = frozenset()) -> list[str]:
    """Arabic nouns the bullet counts with a figure its evidence never counts them with, where it counts them; not
    with a figure the bullet works out (``worked_out``: a difference, a total it marks as one, round 17)."""
    if not any(_is_arabic(w) for w in bullet.split()):
        return []
    said, stated = _counted_nouns_qualified(bullet), _counted_nouns_qualified(evidence)
    return sorted(
        noun
        for noun, counts in said.items()
        if not all(v in worked_out for v, _ in counts)
        and any(how != _PART for _, how in stated.get(noun, ()))
        and not any(
            _counts_as(v, how, s) and (theirs != _PART or how == _PART_OF_IT)
            for v, how in counts
            for s, theirs in stated[noun]
        )
    )


def _counts_as(claimed: float, how: str, stated: float) -> bool:
    """Does the evidence's count ``stated`` back the bullet's ``claimed`` figure of the same noun? The same figure, a
    rounding of it, or (session 15) a figure the bullet's qualifier admits ("more than 20" for «23 شخصاً»)."""
    if claimed == stated or rounds_to(stated, claimed):
        return True
    if how in (EXACT, ORDINAL, _PART_OF_IT):
        return False
    if how == ABOUT and stated > 0 and abs(claimed - stated) <= 0.15 * stated:
        # round 17: «قرابة ثلاثين هزة» for 27: a hedged figure rounder than the stated one (number.value_approx tells
        # the wide rounding); not «نحو تسعة ملايين ونصف» for 8.5 million, as round as it
        return _significant_digits(claimed) < _significant_digits(stated)
    return supports(Quantity(claimed, claimed, how, ""), Quantity(stated, stated, EXACT, ""))
