"""Polarity by meaning: a bullet that says the opposite of its evidence with another word, not with a negation.

Why (round 10): the blind round-9 held-out flipped polarity with antonyms the negation readings never see ("the
pound firmed" for «تراجع الجنيه», "lifted the curfew" for «فرضت حظرا للتجوال», "damage was minor" for «أضرار
كبيرة», "rarely occur" for «وتتكرر», "paid on time" for «تأخر صرف الرواتب»). Each pair of opposite meanings has its
English and Arabic words; a bullet is flagged when it states one meaning, unnegated, and its evidence states the
opposite one and never the bullet's (an Arabic bullet is also flagged when the evidence states both, but the
opposite one of the same thing: «هبط المؤشر» where the evidence has «ارتفع مؤشر البورصة» and «تراجع الجنيه»).
A warning (``polarity.antonym``) until measured on a held-out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text, strip_proclitics

_W = r"(?<![\w-])"
_E = r"(?![\w-])"


def _en(words: str) -> re.Pattern[str]:
    return re.compile(_W + r"(?:" + words + r")" + _E, re.I)


def _ar(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:[وفبل]|وب|ال|وال|بال|لل)?(?:" + words + r")(?!\w)")


# (name, English words, Arabic words after normalisation (أ/إ/آ→ا, ة→ه, ى→ي, ئ/ؤ→ي/و)) for each meaning; pairs below.
_MEANINGS: dict[str, tuple[re.Pattern[str], re.Pattern[str]]] = {
    "rise": (
        _en(
            r"rose|rises?|risen|rising|increas(?:e|ed|es|ing)|climb(?:ed|s|ing)?|firm(?:ed|s)|jump(?:ed|s)|surg(?:ed|es)"
            r"|soar(?:ed|s)|gain(?:ed|s)|higher|above"
        ),
        _ar(
            r"ارتفع\w*|يرتفع\w*|ترتفع\w*|ارتفاع\w*|صعد|صعدت|صعود|زاد|زادت|زياده|متزايد\w*|تزايد\w*|قفز\w*|اعلي"
            # round 11: «ما يزيد على ثلاث سنوات», «يفوق 300»: a bound on a figure ("more than"), not a rise
            r"|(?:يزيد|تزيد|يفوق|تفوق)(?! (?:عن|علي|\d)(?!\w))"
        ),
    ),
    "fall": (
        _en(
            r"fell|falls|fallen|falling|drop(?:ped|s|ping)?|declin(?:e|ed|es|ing)|decreas(?:e|ed|es|ing)|eas(?:ed|es)"
            r"|slipp?(?:ed|s)?|slid|weaken(?:ed|s)?|dipp?(?:ed|s)?|lower|below|plung(?:ed|es)|tumbl(?:ed|es)"
        ),
        _ar(
            r"تراجع\w*|يتراجع\w*|متراجع\w*|انخفض\w*|ينخفض\w*|تنخفض\w*|انخفاض\w*|هبط\w*|يهبط|تهبط|هبوط|تدني|تدنت|ادني|يقل|تقل"
        ),
    ),
    "impose": (
        _en(r"impos(?:ed|es|ing)|besieg(?:ed|es|ing)|encircl(?:ed|es|ing)"),
        _ar(r"فرض|فرضت|فرضوا|يفرض|تفرض|حاصر\w*|يحاصر\w*|تحاصر\w*|محاصره|تطوق|يطوق|طوق\w*"),
    ),
    "lift": (
        _en(r"lift(?:ed|s|ing)?|end(?:ed|s)? (?:the|its|their) (?:siege|curfew|blockade)|broke (?:the|its) siege"),
        _ar(r"(?:رفع|رفعت|رفعوا|يرفع|ترفع)\s+(?:\w+\s+){0,2}?(?:ال)?(?:حظر|حصار)\w*|فك\w*\s+(?:ال)?حصار\w*"),
    ),
    "suspend": (
        _en(r"suspend(?:ed|s|ing)?|halt(?:ed|s|ing)?|stopp(?:ed|ing)|paus(?:ed|es)|froze"),
        _ar(r"اوقف\w*|يوقف\w*|توقف\w*|ايقاف\w*|تعليق\s+(?:ال)?(?:عمليات|العمل|الرحلات|الملاحه|الدراسه)"),
    ),
    "resume": (
        _en(r"resum(?:ed|es|ing|ption)|restart(?:ed|s)?"),
        _ar(r"استانف\w*|يستانف\w*|تستانف\w*|استيناف|استئناف"),
    ),
    "major": (
        _en(r"major|extensive|severe|significant|considerable|massive|huge|substantial|serious"),
        _ar(r"كبير|كبيره|كبيرا|جسيم\w*|بالغ|بالغه|فادح\w*|ضخم|ضخمه|هايل\w*"),
    ),
    "minor": (
        _en(r"minor|slight(?:ly)?|negligible|limited|modest|superficial"),
        _ar(r"طفيف\w*|محدود\w*|بسيط\w*|ضييل\w*"),
    ),
    "slow": (
        _en(r"slow(?:ly|ed|s)?|sluggish(?:ly)?|stall(?:ed|s|ing)"),
        _ar(r"ببطء|ببطيء|بطيء|بطيءه|تباطو\w*|متعثر\w*|يتعثر|تتعثر|تعثر\w*"),
    ),
    "fast": (
        _en(r"quick(?:ly)?|swift(?:ly)?|fast|speedy|ahead of schedule|on track"),
        _ar(r"بسرعه|سريعا|تسارع\w*|متسارع\w*"),
    ),
    "most": (
        _en(r"worst|hardest|most (?:\w+ed|affected|vulnerable)"),
        re.compile(r"(?<!\w)(?:من )?(?:اكثر|اشد)\s+(?!من(?!\w))(?:ال)?\w+"),
    ),
    "least": (
        re.compile(r"(?<![\w-])(?<!at )least(?! (?:\d|one|two|three|four|five|six|seven|eight|nine|ten|a|an)\b)", re.I),
        re.compile(r"(?<!\w)(?:من )?اقل\s+(?!من(?!\w))(?:ال)?\w+"),
    ),
    "often": (
        _en(
            r"often|frequent(?:ly)?|repeated(?:ly)?|regular(?:ly)?|recurr?(?:ent|ing|s|ed)?|routine(?:ly)?|periodic(?:ally)?"
            r"|usually|commonly"
        ),
        _ar(r"تتكرر|يتكرر|متكرر\w*|مرارا|دوري\w*|باستمرار|عاده|كثيرا ما|غالبا"),
    ),
    "rare": (
        _en(r"rare(?:ly)?|seldom|infrequent(?:ly)?|hardly ever"),
        _ar(r"نادرا|نادر|نادره|قليلا ما"),
    ),
    "late": (
        _en(r"delay(?:ed|s|ing)?|late|overdue|postpon(?:ed|es|ing)|held up"),
        _ar(r"تاخر\w*|يتاخر\w*|تتاخر\w*|تاخير\w*|تاجيل\w*|ارجا\w*|ارجي\w*"),
    ),
    "on_time": (
        _en(r"on time|on schedule|punctual(?:ly)?|without delay"),
        _ar(r"في مواعيد\w*|في موعد\w*|في الوقت المحدد"),
    ),
    "open": (
        _en(r"(?:re)?open(?:ed|s|ing)?|unblock(?:ed|s)?"),
        _ar(r"فتح|فتحت|فتحوا|يفتح|تفتح|افتتح\w*|افتتاح"),
    ),
    "close": (
        _en(r"clos(?:ed|es|ing)|block(?:ed|s|ing)|shut(?:s|ting)?|seal(?:ed|s)"),
        _ar(r"اغلق\w*|يغلق\w*|تغلق\w*|اغلاق\w*|اقفل\w*"),
    ),
    "condemn": (
        _en(r"condemn(?:ed|s|ing)?|denounc(?:ed|es|ing)|deplor(?:ed|es)"),
        _ar(r"دانت|ادانت|ادان|دانوا|ادانوا|يدين|تدين|استنكر\w*|نددت?|شجب\w*"),
    ),
    "welcome": (
        _en(r"welcom(?:ed|es|ing)|prais(?:ed|es|ing)|hail(?:ed|s)|commend(?:ed|s)|applaud(?:ed|s)"),
        _ar(r"رحب\w*|يرحب\w*|ترحب\w*|اشاد\w*|يشيد|تشيد|ثمن\w*"),
    ),
    # round 12: «الذي تغيّب عن الجلسة» told «الذي حضر الجلسة»
    "attend": (
        _en(r"attend(?:ed|s|ing)?|showed up|turned up"),
        _ar(r"حضر|حضرت|حضروا|يحضر|تحضر|يحضرون"),
    ),
    "absent": (
        _en(r"absent|absence|skipp(?:ed|ing)|boycott(?:ed|s|ing)?|stay(?:ed)? away"),
        _ar(r"(?:غاب|غابت|غابوا|يغيب|تغيب|تغيبت|تغيبوا|يتغيب|تتغيب|يتغيبون)(?= عن(?!\w))"),
    ),
}
_PAIRS = (
    ("rise", "fall"), ("impose", "lift"), ("suspend", "resume"), ("major", "minor"), ("slow", "fast"),
    ("most", "least"), ("often", "rare"), ("late", "on_time"), ("open", "close"), ("condemn", "welcome"),
    ("attend", "absent"),
)  # fmt: skip
_OPPOSITE = {a: b for a, b in _PAIRS} | {b: a for a, b in _PAIRS}

# A negation just before a meaning's word turns it ("did not rise", «لم يرتفع», «لا تعلن عادة» = rarely).
_EN_NEGATION = re.compile(
    r"\b(?:not|n't|never|no|without|hardly|neither|nor|yet to|failed to)\b(?:\W+\w+){0,2}\W*$", re.I
)
_AR_NEGATION = re.compile(r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|دون|بدون|عدم|غير)(?:\s+\w+){0,2}\s*$")  # not «ما»: "which"
# Names and fixed phrases that hold such a word without the meaning: «قوات الدعم السريع», "Rapid Support Forces",
# "close to" (near), "at least", «على الأقل», "open fire", "fell to" (was captured), «أعلى من» kept (a rise).
_EN_IDIOMS = re.compile(
    r"\bRapid Support\b|\bclose (?:to|by)\b|\bat (?:the )?least\b|\bopen(?:ed)? fire\b"
    r"|\bopen(?:ed)? an? investigation\b"
    r"|\bfell to\b|\bfell (?:in|into) (?:the )?hands\b|\blower house\b|\bmost of\b|\bmost recent\b",
    re.I,
)
_AR_IDIOMS = re.compile(r"الدعم السريع|علي الاقل|لا يقل|لا تقل|لا يزيد|لا تزيد|فتح (?:ال)?نار|فتح (?:ال)?تحقيق")


# Round 12: the words that may stand between a negation and the word it turns ("not fully lifted", «لم يتم رفع»);
# any other word is the negated head's own («غير مسؤولة عن التأخير», "not reached the besieged town").
_EN_BETWEEN = {
    "be", "been", "being", "yet", "fully", "officially", "entirely", "completely", "formally", "immediately",
    "really", "have", "has", "had", "get", "got", "to", "so", "very", "too", "as", "much", "any", "the", "a", "an",
}  # fmt: skip
_AR_BETWEEN = {"يتم", "تتم", "يعد", "تعد", "يكن", "تكن", "بعد", "اي", "ايه", "قد", "يجر", "تجر", "يحدث", "تحدث"}


def _turned(text: str, start: int, arabic: bool) -> bool:
    before = text[max(0, start - 40) : start]
    negation = (_AR_NEGATION if arabic else _EN_NEGATION).search(before)
    if negation is None:
        return False
    words = re.findall(r"[\w']+", negation.group())[1:]
    allowed = _AR_BETWEEN if arabic else _EN_BETWEEN
    return all(word.lower() in allowed for word in words)


@lru_cache(maxsize=4096)
def _occurrences(text: str, arabic: bool) -> tuple[tuple[str, int, int], ...]:
    """(meaning, start, end) of each meaning's word in ``text``, a negated one as its opposite."""
    clean = (_AR_IDIOMS if arabic else _EN_IDIOMS).sub(lambda m: " " * len(m.group()), text)
    found = []
    for meaning, (english, arabic_words) in _MEANINGS.items():
        pattern = arabic_words if arabic else english
        for m in pattern.finditer(clean):
            told = _OPPOSITE[meaning] if _turned(clean, m.start(), arabic) else meaning
            found.append((told, m.start(), m.end()))
    return tuple(found)


def _neighbours(text: str, start: int, end: int) -> set[str]:
    """Content words (proclitics off, three letters or more) within two words either side of a word."""
    before = re.findall(r"\w+", text[:start])[-2:]
    after = re.findall(r"\w+", text[end:])[:2]
    return {w for w in (strip_proclitics(t) for t in before + after) if len(w) >= 3}


@lru_cache(maxsize=4096)
def opposite_meanings(bullet: str, evidence: str) -> tuple[str, ...]:
    """The meanings (``rise``, ``lift``...) a bullet states whose opposite its evidence states instead."""
    arabic = mostly_arabic(bullet)
    mine_text = normalize_text(bullet) if arabic else bullet
    theirs_text = normalize_text(evidence)
    mine = _occurrences(mine_text, arabic)
    if not mine:
        return ()
    theirs = _occurrences(theirs_text, True)
    if not theirs:
        return ()
    said = {m for m, _, _ in mine}
    stated = {m for m, _, _ in theirs}
    found = []
    for meaning in sorted(said):
        opposite = _OPPOSITE[meaning]
        if opposite in said or opposite not in stated:
            continue
        if meaning not in stated:
            found.append(meaning)
        elif arabic:
            # both meanings in the evidence: the bullet's word stands by the thing the evidence gives the opposite
            near_mine = set().union(*(_neighbours(mine_text, s, e) for m, s, e in mine if m == meaning))
            near_same = set().union(*(_neighbours(theirs_text, s, e) for m, s, e in theirs if m == meaning))
            near_other = set().union(*(_neighbours(theirs_text, s, e) for m, s, e in theirs if m == opposite))
            if (near_mine & near_other) - near_same:
                found.append(meaning)
    return tuple(found)


# --- what the evidence says was not done, told as done ------------------------------------------------------

# Round 10: «من دون أن تذكر خسائرها» told as "acknowledged its losses", «من دون تسجيل أي صدامات» as «بعد صدامات»,
# «تهدئة غير معلنة» as «تهدئة معلنة», «طلبت عدم ذكر اسمها» as «طلبت نشر اسمها»: a preposition or noun of negation
# dropped. Arabic bullets are read word by word; English ones by the verbs a few negated Arabic verbs translate to.
_AR_WITHOUT = re.compile(
    r"(?<!\w)(?:[وف]?(?:من )?(?:ب)?دون|[وف]?بلا|[وف]?عدم|غير(?! ان(?:ه|ها|هم)?(?!\w)| ذلك| هذا))(?!\w)"
)
_SKIP = {"ان", "اي", "ايه", "من", "في", "الي", "علي", "عن", "ما", "قد", "كل", "اية"}
_LIGHT = {"تسجيل", "وقوع", "حدوث", "حصول", "تحديد"}  # a light noun: the negated thing is the word after it
_AR_NEGATOR = re.compile(
    r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|دون|بدون|بلا|عدم|غير|ما|نفي|نفت|نفوا|ينفي|تنفي|نافيا|رفض|رفضت)(?!\w)"
)
# English verbs for a few Arabic verbs a «دون أن» negates (their stems, imperfect prefix off): "mention", "offer", ...
_EN_FOR = {
    "tell": (
        ("ذكر", "شير", "وضح", "كشف", "علن", "حدد"),
        r"acknowledg\w*|admit\w*|mention\w*|disclos\w*|reveal\w*|specif\w*|conced\w*|gave (?:a|the|its|their) "
        r"(?:\w+ )?(?:toll|figure|count|breakdown|number)",
    ),
    "offer": (("قدم",), r"offer\w*|provid\w*|present\w*|put forward"),
    "cause": (("سفر", "خلف", "وقع"), r"caus\w*|result\w* in|left (?:\w+ )?(?:dead|killed|wounded|casualties)"),
    "reach": (("توصل", "تحقيق"), r"reach\w*|produc\w*|achiev\w*|secur\w*|yield\w*|deliver\w*|broker\w*"),
    "build": (("بني", "بناء"), r"build\w*|built|develop\w*|creat\w*"),
    "intervene": (("تدخل",), r"interven\w*|step(?:ped)? in|mov(?:ed|es) in"),
    # round 12: «أُنجز دون الاستماع إلى موكله» told "prepared after hearing his client"
    "hear": (("استماع", "سماع"), r"hear\w*|heard|listen\w*|consult\w*|interview\w*"),
}
_EN_NOT = re.compile(r"\b(?:not|no|never|without|neither|nor|none|nothing|failed to|yet to)\b|n't\b", re.I)


def _key(token: str) -> str:
    token = re.sub(r"^(?:[وف]?(?:بال|لل|ال|ب|ل)?)", "", token) if len(token) > 4 else token
    return re.sub(r"(?:هما|هم|ها|ه|ات|ون|ين)$", "", token) if len(token) > 4 else token


def _verb_stem(token: str) -> str:
    return token[1:] if len(token) >= 4 and token[0] in "يت" else token


def _negated_targets(evidence: str) -> list[list[str]]:
    """For each «دون», «بلا», «عدم», «غير» of the evidence, the words it negates (one or two)."""
    norm = normalize_text(evidence)
    out = []
    for m in _AR_WITHOUT.finditer(norm):
        following = re.findall(r"\w+", norm[m.end() : m.end() + 60])
        verbal = bool(following) and following[0] == "ان"  # «دون أن تذكر خسائرها»: the verb and its object
        words = []
        for w in following:
            if _AR_NEGATOR.fullmatch(w) or w in ("بل", "لكن", "بينما", "فيما"):
                break
            if w not in _SKIP:
                words.append(w)
            if len(words) == 2:
                break
        if not words:
            continue
        if not (verbal or _key(words[0]) in _LIGHT):
            words = words[:1]  # «من دون لوحات»: the noun after the preposition only
        out.append(words)
    return out


@lru_cache(maxsize=4096)
def dropped_without(bullet: str, evidence: str) -> str | None:
    """A word the evidence negates by «دون/بلا/عدم/غير», stated unnegated by the bullet (English: a verb it
    translates to, in a bullet with no negation at all)."""
    targets = _negated_targets(evidence)
    if not targets:
        return None
    if not mostly_arabic(bullet):
        if _EN_NOT.search(bullet):
            return None
        for words in targets:
            forms = {_key(words[0]), _verb_stem(_key(words[0]))}
            for _, (stems, english) in _EN_FOR.items():
                if not any(f == s or f.startswith(s) for f in forms for s in stems):
                    continue
                if m := re.search(rf"\b(?:{english})", bullet, re.I):
                    return m.group()
        return None
    norm = normalize_text(bullet)
    # each word with the clause before it (from the last punctuation): a negation anywhere there may reach it
    spots = [(m.group(), re.split(r"[.,،؛;:!?؟]", norm[: m.start()])[-1]) for m in re.finditer(r"\w+", norm)]
    tokens = [t for t, _ in spots]
    keys = [_key(t) for t in tokens]
    theirs = re.findall(r"\w+", normalize_text(evidence))
    # a word the evidence also states unnegated («مئات المعلمين» beside the slogan «لا تعليم دون معلمين») is not denied
    free = {_key(t) for i, t in enumerate(theirs) if not _AR_NEGATOR.search(" ".join(theirs[max(0, i - 3) : i]))}
    for words in targets:
        wanted = {_key(w) for w in words if len(_key(w)) >= 3 and _key(w) not in _LIGHT} - free
        for i, key in enumerate(keys):
            if key not in wanted:
                continue
            if not _AR_NEGATOR.search(spots[i][1]):
                return tokens[i]
    return None


# --- "not yet" where the evidence says it was done --------------------------------------------------------------

# Round 10: "have yet to find" / «لم تعثر على جثته بعد» for «عثرت»: a negation the older readings do not take for one
# («بعد» is "after" as often as "yet": only at the end of its clause).
_EN_NOT_YET = re.compile(r"\b(?:yet to|not yet|still (?:not|unable|no)|no\b[^.;,]{0,40}\byet\b)", re.I)
_AR_NOT_YET = re.compile(r"(?<!\w)[وف]?(?:لم|لا|لما)\s+(?:\w+\s+){1,5}?بعد(?=\s*(?:[.,،؛;:!?؟]|$))")


def not_yet(bullet: str, evidence: str, negates: Callable[[], bool]) -> bool:
    """Does the bullet say "not yet" where its evidence (``negates()``: does it negate anything, asked only then)
    negates nothing?"""
    if mostly_arabic(bullet):
        said = bool(_AR_NOT_YET.search(normalize_text(bullet)))
    else:
        said = bool(_EN_NOT_YET.search(bullet))
    return said and not negates()
