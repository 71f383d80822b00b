"""Does a text assert or deny? Negation cues in English and Arabic.

Deliberately simple and explainable: a text is negative when it holds a negation cue
(not, no, never, denied, without / لم، لن، لا، ليس، نفى، عدم، دون). A bullet is flagged when it
denies and none of its evidence does, or asserts while every piece of its evidence denies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from summarizer.arabic import clitic_parses, content_words, mostly_arabic, normalize_text

# نفى "deny" (normalised ى→ي), with an object pronoun too: «وهو ما نفاه قيادي», «اتهام نفته القوات».
_DENIAL_VERBS = (
    r"(?:نفي|نفت|نفوا|ينفي|تنفي|ينفون|نافيا|نافيه)(?:ه|ها|هم)?|نفا(?:ه|ها|هم)|نفو(?:ه|ها|هم)|نفته|نفتها|نفتهم"
    r"|بنفي(?:ه|ها|هم)?"  # round 12: «وردّ الشعيبي بنفي قصف القرية» (a denial by its noun)
)
_EN = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|without|neither|nor|denied|denies|deny|denying|refuted|rejected claims)\b"
    r"|n't\b",
    re.I,
)
# Arabic cues after normalisation (ى→ي, أ/إ→ا); و ف may be attached to the particle.
# «غير» is left out: «غير أن» is "however".
_AR = re.compile(
    r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|لسنا|عدم|دون|بدون|بلا|لاي|بغير|من غير|" + _DENIAL_VERBS + r")(?!\w)"
    # round 14: «لعدم سماح الأطراف» (for not allowing), «طالب بعدم», «تعهد بألا يبقى» (that no ... remains)
    r"|(?<!\w)[وف]?(?:[لب]عدم|بالا|لكيلا)(?!\w)"
    # round 10: dialect negations of quoted speech: «ما عاد فينا نتحمّل» (no longer), «مش», «مو»
    r"|(?<!\w)[وف]?(?:ما (?:عاد|عادت|عادوا|عدت|عدنا|عدتو)|مش|مو)(?!\w)"
)


# Idioms built on a negation particle that negate nothing: "at least", "still", "especially".
_AR_IDIOMS = re.compile(
    # (round 17: the dual and feminine plural of «لا يزال» too: «جريحين لا يزالان في العناية المركزة»)
    r"(?:ما )?(?:لا|لم) (?:يقل|تقل|يقلون|يزال|تزال|يزالون|تزالان|يزالان|يزلن|سيما|بد|شك|ريب|يخفي|يختلف اثنان)(?!\w)"
    r"|ما زال\w*"
    r"|(?<!\w)لا محاله(?!\w)"  # round 14: «قادمة لا محالة»: "inevitably"
    # «لا إله إلا الله», «لم يسفر إلا عن أضرار», «لم يُقتل سوى شخص»: an exceptive restricts, it does not deny
    # (round 13: as far as the clause runs, «لم تتمكن فرق الإطفاء من الوصول إلى الموقع إلا بعد ثلاث ساعات»)
    r"|(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست) (?:\w+ ){0,10}?(?:الا|سوي)(?!\w| ان(?!\w))"  # «إلا أن» is "however"
    # «ليس حصريا على الرجال بل ...»: "not only"; not «ليس نهاية الأزمة بل بداية مسار» (round 12: "not X but Y"
    # negates X)
    r"|(?<!\w)[وف]?ليس[تا]? (?:\w+ ){0,3}?(?:حصري\w*|حصرا|مجرد|فقط|فحسب|وحده|وحدها|وحدهم) (?:\w+ ){0,3}?"
    r"(?:بل|وانما|انما)(?!\w)"
    r"|(?<!\w)[وف]?(?:ليس[تا]?|لم|لا) (?:\w+ ){1,5}?(?:فحسب|فقط)(?!\w)"  # «لم يستهدف السوق فحسب»: "not only"
    r"|(?<!\w)[وف]?(?:لا|لم) [يت]قتصر(?!\w)"  # «لم يقتصر القصف على السوق»: "not only"
    r"|(?<!\w)[وف]?(?:لا|لم) [يت]كتف\w*(?!\w)"  # round 11: «لم يكتفِ بالترجمة بل وضع كتابين»: "not only"
    r"|(?<!\w)[وف]?من غير (?=ال)"  # round 11: «معظمهم من غير المسجلين»: among the unregistered, a noun's "un-"
    r"|(?<!\w)[وف]?(?:من )?(?:ب)?دون (?:سن|الحد|(?:ال)?عتبه)(?!\w)"  # «دون سن الخامسة»: "under the age"
    # round 13: «لا يزال دون مستويات ما قبل 2011», «دون المعدل», «دون التوقعات»: "below", a comparison
    r"|(?<!\w)[وف]?(?:من )?(?:ب)?دون (?:ال)?(?:مستوي\w*|معدل\w*|متوسط|توقعات|طموحات|نصف|هدف)(?!\w)"
    # bounds and double negations: «لا يتجاوز» (at most), «لا يزيد عن», «إن لم يكن» (if not), «لم يستبعد» (may)
    r"|(?<!\w)[وف]?(?:لا|لم) (?:[يت]تجاوز|[يت]زيد|[يت]تعدي|[يت]ستبعد)\w*(?!\w)|(?<!\w)ان لم (?:يكن|تكن)(?!\w)"
    # round 12: double negations that assert: «لم يتردد في قصف» (did not hesitate: shelled), «لم تتوانَ عن» (did
    # not slacken), «لم يخفِ قلقه» (voiced his concern), «لم يكفّ عن» (kept on), «لم يثنِه عن» (did not deter him)
    r"|(?<!\w)[وف]?(?:ما |لا |لم |لن )(?:[يت](?:تردد|توان|تواني|خف|خفي|كف|ثن|ثني)(?:وا|ون|ا|ه|ها|هم)?)(?!\w)"
    # session 15 (roles15): particles that negate no statement, as their English set phrases are read
    # (``_EN_IDIOMS``): a name's word («أطباء بلا حدود», "Doctors Without Borders": limitless), «دون» before a
    # figure («بما دون 15 في المئة»: "below"), and «دون توقف» ("non-stop", "without a break")
    r"|(?<!\w)بلا حدود(?!\w)"
    r"|(?<!\w)[وف]?(?:(?:ب|الي )?ما )?(?:ب)?دون (?=\d|(?:ال)?(?:واحد|اثن\w*|ثلاث\w*|اربع\w*|خمس\w*|ست|سته|ستين"
    r"|سبع\w*|ثمان\w*|تسع\w*|عشر\w*|ميه|ميتين|الف|الاف|مليون\w*)(?!\w))"
    r"|(?<!\w)[وف]?(?:ب?دون|بلا|من غير) (?:توقف|انقطاع|هواده|كلل|انقطاع|توقفه)(?!\w)"
)
# ... and litotes: "not the first such attack" (the third), "the toll is not final" (preliminary).
_EN_IDIOMS = re.compile(
    r"\b(?:no (?:fewer|less|more) than|not only|nothing but|not (?:the |an? )?(?:first|only|last|final|sole)"
    # round 12: litotes and set phrases: "not far from" (near), "no doubt", "not just / merely" ("not only"),
    # "not limited to" (also), "not least", "none other than", "no sooner"
    r"|not (?:very |too )?far|no doubt|not (?:just|merely|simply)|not (?:limited|confined|restricted) to|not least"
    r"|none other than|no sooner|(?:no one|nobody|none|nothing) (?:but|except|other than|save)"
    # round 13: set phrases that deny nothing the news says: a "no-confidence" vote, a "no-fly zone", "without delay"
    # («الفوري»), "without exception" («جميع»), "had no choice but to" («اضطروا»)
    r"|no[- ](?:confidence|fly|go)|no-man's|without (?:delay|exception)|no (?:choice|option|alternative) but"
    # round 13: "not expected to reopen before Friday", "did not arrive until dawn": the time it happens at
    r"|(?:not|never|n't)(?: [\w'-]+){0,5}? (?:until|till|before)"
    r"|(?:asked|requested|wished|declined|refused|agreed|speaking on condition|spoke on condition)\s+(?:\w+\s+)?"
    r"not to be (?:named|identified|quoted)"
    r"|not (?:more|less|fewer) than|no later than|not exceeding|if not"
    # round 14: a bound, as «لم تتجاوز» is read: "burnt areas did not exceed 700 hectares"
    r"|(?:not|never|n't) (?:have |has |had )?(?:exceed|surpass|top)\w*"
    r"|(?:cannot|can't|could not|couldn't|did not|didn't|do not|don't|does not|doesn't|not) (?:be )?rul\w* out)\b"
    r"|\bno\.(?=\s*\d)"
    # session 15 (roles15): "Doctors Without Borders" (a name's word), "without a break" / "non-stop" (continuous)
    r"|\bwithout borders\b|\bwithout (?:a |any )?(?:break|pause|interruption|let-?up|respite|stopping)\b|\bnon-?stop\b",
    re.I,
)
_AR_DENIAL = re.compile(r"(?<!\w)[وف]?(?:رفض|رفضت|" + _DENIAL_VERBS + r")(?!\w)")
_AR_LEAD = re.compile(r"^(?:\W*\w+\W+){0,2}?\W*[وف]?(?:لم|لن|لا|ليس|ليست|عدم|دون)(?!\w)")
# «غير أن» is "however", not "that": «غير أن القصف لم يتوقف» qualifies the clause before it.
_AR_COMPLEMENT = re.compile(r"(?<!\w)(?<!غير )(?:ان|بان|انه|انها)\s+(?:\w+\s+){0,3}?(?:لم|لن|لا|ليس|ليست)(?!\w)")


@lru_cache(maxsize=4096)
def idiom_free(text: str) -> str:
    """``text`` normalised, the Arabic idioms that negate nothing blanked (speed: read by many checks of one text)."""
    return _AR_IDIOMS.sub(" ", normalize_text(text))


@lru_cache(maxsize=4096)
def idiom_free_en(text: str) -> str:
    """``text`` with the English set phrases built on a negation blanked ("no fewer than", "did not rule out")."""
    return _EN_IDIOMS.sub(" ", text)


def negation_cues(text: str) -> list[str]:
    """The negation cues in ``text``, in order (idioms such as «ما لا يقل عن» and "no fewer than" left out)."""
    norm = idiom_free(text)
    plain = idiom_free_en(text)
    return [m.group() for m in _EN.finditer(plain)] + [m.group() for m in _AR.finditer(norm)]


# «لم يمنع ... من», «لم يحل دون»: a negated preventing asserts (``_DOUBLE``); the window does not deny its statement.
# (round 13: «لم يتوقف دفع الرواتب», a negated stopping, tells what goes on)
_AR_DOUBLE_NEGATION = re.compile(r"(?<!\w)[وف]?(?:لم|لا|لن) (?:[يت](?:منع|حل|حول|عيق|توقف|نقطع)\w*)(?!\w)")


_AR_INSTEAD = re.compile(r"(?<!\w)(?:بل|وانما|انما)(?!\w)")


# A clause that opens another statement: «، فيما», «بينما», «في حين», «لكن», «غير أن» (not «فيما يتعلق»).
_AR_SECOND_CLAUSE = re.compile(r"(?<!\w)(?:فيما(?! [يت](?:تعلق|خص))|بينما|في حين|لكن|ولكن|غير ان|الا ان)(?!\w)")


def _main_clause(norm: str) -> str:
    """Round 13: a window's main statement, up to the first clause that opens another after two words or more
    («واتهم كل طرف الآخر بخرق الهدنة، فيما نفى كل منهما الاتهامات»: an accusation, not a denial)."""
    for m in _AR_SECOND_CLAUSE.finditer(norm):
        if len(re.findall(r"\w+", norm[: m.start()])) >= 2:
            return norm[: m.start()]
    return norm


def denies(text: str) -> bool:
    """Is the *main* statement of ``text`` a denial? A negation at its head («لم تعلن أي جهة», «عدم وقوع
    إصابات»), in a reported clause («قال إنه لم ...»), or a denial verb («نفت»). A negation further on
    («... دون أن يسفر عن إصابات», «في حين لم تصدر حصيلة») qualifies an assertion rather than denying it."""
    norm = _AR_DOUBLE_NEGATION.sub(" ", idiom_free(text))
    head = _main_clause(norm)
    if (
        _AR_LEAD.search(head)
        or _AR_COMPLEMENT.search(head)
        or any(not _trailing_hal(head, m) for m in _AR_DENIAL.finditer(head))
    ):
        return True
    plain = idiom_free_en(text)
    return bool(re.match(r"^\W*(?:\w+\W+){0,3}?(?:no|not|never|none|denied|denies)\b", plain, re.I))


# Round 14: «وأعلنت الوزارة أن شاباً أصيب ...، نافيةً الأنباء التي تحدثت عن سقوط قتيل»: a denial told by a participle
# after the main statement (a circumstance of it) does not make the statement a denial.
_HAL_PARTICIPLE = re.compile(r"^[وف]?(?:نافيا|نافيه)(?:ه|ها|هم)?$")
_HAL_AFTER = 4


def _trailing_hal(head: str, m: re.Match[str]) -> bool:
    return bool(_HAL_PARTICIPLE.match(m.group())) and len(re.findall(r"\w+", head[: m.start()])) >= _HAL_AFTER


def is_negative(text: str) -> bool:
    return bool(negation_cues(text))


# A contrast negates one of two alternatives and asserts the other: "an inhabited house, not a school", «منزلاً
# مأهولاً لا مدرسة». «لا» contrasts between two nouns: after a content word, before a word that is no present verb.
_EN_CONTRAST_BEFORE = re.compile(r",\s*(?:and\s+|but\s+)?$")
_EN_CONTRAST_AFTER = re.compile(r"\s+(?:(?:a|an|the|in|on|at|from|by)\b|\d|[A-Z])")
_AR_NOT_BEFORE_NOUN = {"ان", "انه", "انها", "بان", "لانه", "كي", "لكي", "حتي", "ما", "انهم"}


def _contrasts_en(plain: str, cue: re.Match[str]) -> bool:
    return (
        cue.group().lower() == "not"
        and bool(_EN_CONTRAST_BEFORE.search(plain[: cue.start()]))
        and bool(_EN_CONTRAST_AFTER.match(plain[cue.end() :]))
    )


def _contrasts_ar(norm: str, cue: re.Match[str]) -> bool:
    before = re.search(r"(\w+) $", norm[: cue.start()])
    after = re.match(r" (\w+)", norm[cue.end() :])
    if cue.group() != "لا" or before is None or after is None:
        return False
    word = after.group(1)
    return before.group(1) not in _FUNCTION | _AR_NOT_BEFORE_NOUN and (word.startswith("ال") or word[0] not in "يتنا")


def contrasts_only(text: str) -> bool:
    """Is every negation of ``text`` a contrast ("X, not Y", «X لا Y»)? Such a bullet asserts X; whether Y was
    ever said is a weaker question than a plain negation's (a warning of its own, ``polarity.negated_contrast``)."""
    plain = idiom_free_en(text)
    norm = idiom_free(text)
    cues = [(plain, m, _contrasts_en) for m in _EN.finditer(plain)] + [
        (norm, m, _contrasts_ar) for m in _AR.finditer(norm)
    ]
    return bool(cues) and all(contrast(source, m) for source, m, contrast in cues)


# --- scope: what a negation negates ------------------------------------------------------------------------

_SCOPE_CUE = re.compile(r"^[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|عدم|[لب]عدم|بالا|لكيلا|دون|بدون|بلا|بغير)$")
# A denial verb's clause (VSO: «نفى مسؤول أميركي إصابة أي جندي») names its subject before what is denied, so its
# words are only kept from counting as asserted; and a few verbs and nouns deny by meaning («تخلو», «تعذّر»).
_DENIAL_CUE = re.compile(
    r"^[وف]?(?:" + _DENIAL_VERBS + r"|رفض|رفضت|تخلو|يخلو|خلت|خاليه|خال|تعذر|يتعذر|امتنع|امتنعت|غياب|انعدام"
    r"|استبعد|استبعدت|يستبعد|تستبعد|انكر|انكرت|ينكر|تنكر|عجزوا|يعجز|تعجز|يعجزون|تجنب|تجنبت|تجنبوا|يتجنب"
    r"|تفادي|تفادت|يتفادي|اكتفي|اكتفت|يكتفي|تكتفي|تجاهل|تجاهلت|يتجاهل|صمت|الصمت|بمناي|خلا|خلو"
    r"|فشل|فشلت|يفشل|تفشل|اخفق|اخفقت"
    r"|امتناع|الامتناع|بالامتناع|للامتناع"  # round 14: «حثّت على الامتناع عن حرق الأعشاب» (refraining)
    # round 12: «عجز المستشفى عن» (could not), «كذّبت الوزارة الأنباء», «فنّد», «دحض» (refuted), «عارية عن الصحة»
    r"|عجزت|عجزوا|عاجز|عاجزه|عاجزين|كذب|كذبت|يكذب|تكذب|فند|فندت|يفند|تفند|دحض|دحضت|يدحض|تدحض|عاريه)$"
)
# The same in an English bullet: "declined to comment", "has yet to claim", "ruled out", "remains unknown".
_EN_DENIAL = re.compile(
    r"\b(?:declin(?:e|ed|es|ing)|refus\w*|reject\w*|dismiss\w*|rul(?:e|ed|es|ing) out|yet to|fail(?:ed|s)? to|unable"
    r"|turn(?:ed|s|ing)? down|rebuff\w*|spurn\w*|overrul\w*|(?:threw|throws|thrown) out"  # round 12
    r"|(?:remains?|remained|is|was|are|were|still)\s+(?:still\s+)?(?:unknown|unclear)|unconfirmed|unverified|unclaimed|deni(?:ed|es|al)|deny(?:ing)?|absence|lack(?:ed|s|ing)?"
    r"|baseless|groundless|unfounded|avoid\w*|spared|escaped|unharmed|unhurt|unscathed|unpaid|unanswered"
    r"|unaccounted|silen(?:t|ce)|ignor\w*|refrain\w*|abstain\w*|withh\w*|free of|absent"
    r"|missing|owed|outstanding|pending)\b",  # round 13: "six missing", "workers are owed their salaries"
    re.I,
)
# Round 12: «عجز المستشفى عن استقبال الجرحى» (could not); «عجز الموازنة» is a deficit.
_AR_UNABLE = re.compile(r"(?<!\w)[وف]?عجز(?: \w+){0,3} عن(?!\w)")
# A scope ends at a clause break: «بل» ("but rather"), «لكن», «إلا» (an exceptive: «لا ... إلا» restricts,
# it does not deny), «غير أن», «بينما», «في حين», or punctuation.
_SCOPE_END = {"بل", "لكن", "ولكن", "الا", "سوي", "انما", "وانما", "بينما", "حين", "غير"}
# Round 12: a pronoun opens a sentence of its own («مندسين لا يعرفهم أحد هم من فعلوا ذلك»: "they are the ones who")
_SCOPE_END |= {"هو", "هي", "هم", "هما", "هن"}
# Round 13: a relative clause inside a negated one («لم يعلق الجيش على القصف الذي استهدف السوق») tells its own fact
_SCOPE_END |= {"الذي", "التي", "الذين", "اللذين", "اللتين"}
# Round 13: the time a negation lasts or is dated by («لم تصل المياه منذ أسبوع») is not what it negates
_TIME_WORDS = frozenset(
    [
        "اسبوع",
        "اسابيع",
        "يوم",
        "ايام",
        "يومين",
        "شهر",
        "اشهر",
        "شهرين",
        "ساعه",
        "ساعات",
        "ساعتين",
        "سنه",
        "سنوات",
        "سنتين",
        "عام",
        "اعوام",
        "عامين",
        "الان",
        "ليل",
        "ليله",
        "صباح",
        "مساء",
        "فجر",
        "ظهر",
        "اليوم",
        "امس",
    ]
)
_CORRECTION = {"بل", "وانما", "انما"}
_DEFINITE_NOUN = re.compile(r"^(?:[بلك]?ال|لل)\w{2,}$")
# Round 13: verbs of stopping, whose negation tells what goes on («لم تتوقف الحكومة عن دفع الرواتب»)
_STOPPING = re.compile(r"^(?:[يت](?:توقف|نقطع|كف)(?:وا|ون|ا)?)$")
_SCOPE_WORDS = 2
_FUNCTION = set(
    [
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "مع",
        "ان",
        "او",
        "ثم",
        "قد",
        "كان",
        "كانت",
        "يكن",
        "تكن",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "الذي",
        "التي",
        "الذين",
        "بعد",
        "قبل",
        "خلال",
        "حيث",
        "كما",
        "اي",
        "كل",
        "بين",
        "عند",
        "حتي",
        "منذ",
        "لدي",
        "وفق",
        "نحو",
        "هو",
        "هي",
        "هم",
        "ما",
        "يتم",
        "تم",
        "اي",
        "احد",
        "شيء",
        "له",
        "لها",
        "لهم",
        "به",
        "بها",
    ]
)


# Round 12: verbs of preventing, whose negation asserts what they would prevent («لم يمنع المطر المتظاهرين من التجمع»,
# «لم يحل القصف دون وصول القافلة»): a double negation.
_DOUBLE = re.compile(r"^(?:[يت](?:منع|منعوا|منعه|منعها|منعهم|حل|حول|حولوا|عيق|عق)|يحل|تحل)$")

# «دون», «بدون», «بلا» before a noun (not «دون أن») negate a noun phrase ("without plates"); a past plural verb
# («اعترضوا») after it is the clause's own predicate, asserted (round 8: a false «polarity.asserted» on tune).
_PREPOSITION_CUE = re.compile(r"^[وف]?(?:دون|بدون|بلا|بغير)$")
_PERFECT_PLURAL = re.compile(r"^[وف]?\w{3,}وا$")
# Round 17: what opens an adjective's complement: a preposition, a «ب» or «ل» on the noun («مستعدة للتفاوض»), «أن»
_ADJECTIVE_COMPLEMENT = re.compile(r"^(?:علي|الي|في|عن|من|مع|ان|بان|لان|ب\w{2,}|ل\w{2,})$")


_NOT_AFTER_GHAIR = {"ان", "انه", "انها", "انهم", "ذلك", "هذا", "هذه", "مره", "ما"}


def _is_cue(clause: list[str], i: int) -> bool:
    """A negation particle at ``clause[i]``, or «غير» after «من» («من غير مذكرة»: "without a warrant"), or (round
    12) «غير» before an adjective («أسلحة غير مرخصة»: "not licensed"; not «غير أن», "however")."""
    if _SCOPE_CUE.match(clause[i]):
        return True
    if clause[i] != "غير":
        return False
    if i > 0 and clause[i - 1] in ("من", "ومن"):
        return True
    return i + 1 < len(clause) and clause[i + 1] not in _NOT_AFTER_GHAIR and not clause[i + 1].startswith("ال")


_CLAUSE_MARKS = r".,،؛;:!?؟\n«»\"()…"  # what ends a clause (``_clauses``, ``_clauses_in_sentences``)


def _clauses(text: str) -> list[list[str]]:
    # (round 13: «…» joins an evidence's windows: a clause never runs from one window into the next)
    return [re.findall(r"\w+", part) for part in re.split(f"[{_CLAUSE_MARKS}]", normalize_text(text))]


_SENTENCE_BREAK = re.compile(r"[.;؛:!?؟\n…«»\"()]")


def _clauses_in_sentences(text: str) -> list[tuple[list[str], bool]]:
    """``_clauses``, each with whether a sentence break (not a comma) ends it."""
    parts = re.split(f"([{_CLAUSE_MARKS}])", normalize_text(text))
    return [
        (re.findall(r"\w+", part), i + 1 >= len(parts) or bool(_SENTENCE_BREAK.match(parts[i + 1])))
        for i, part in enumerate(parts)
        if i % 2 == 0
    ]


@lru_cache(maxsize=65536)
def _content(token: str) -> str | None:
    """A word's stem without clitics, or None for a function word or a fragment."""
    stems = [token, *(stem for _, stem in clitic_parses(token))]
    stem = min(stems, key=len)
    if stem in _FUNCTION or token in _FUNCTION or len(stem) < 3 or stem.isdigit():
        return None
    return stem


_COMPLEMENTISERS = {"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها", "لان", "لانه"}
_SUBJECT_WORDS = 3


# Round 14: «لم» governs the verb after it; a coordinated past verb («لكنها لم تعتقل أحداً وانسحبت بعد ساعتين») is a
# statement of its own, told (not «والسبت», a noun with its article, nor a plural in «ـات»).
_COORDINATED_PAST = re.compile(r"^و(?!ال)(?![يتن])(?!\w*ات$)\w{3,}(?:ت|وا)$")


def arabic_scopes(text: str, width: int = _SCOPE_WORDS) -> tuple[list[set[str]], set[str], set[str]]:
    """``arabic_negations`` without the words each negation's clause holds."""
    scopes, _, asserted, denied = arabic_negations(text, width)
    return scopes, asserted, denied


@lru_cache(maxsize=4096)
def arabic_negations(text: str, width: int = _SCOPE_WORDS) -> tuple[list[set[str]], list[set[str]], set[str], set[str]]:
    """What an Arabic text negates and asserts, by stems.

    Returns the scope of each negation (the first ``width`` content words after its cue: the negated verb or noun,
    «لم تعلق», «عدم وقوع إصابات»), the stems the text asserts (content words before any negation of their
    clause), and every stem in a negated stretch (after a cue to the clause's end) or in a clause with a denial
    verb or a word that denies by meaning («نفى», «تعذّر»), which is neither asserted nor safe to call asserted.
    «لا إله إلا الله» (an exceptive) and «لا يزال» (an idiom) negate nothing; «ليس ... بل» ends at «بل».
    Round 14: also, beside each scope, its verb's subject where it stands before the verb (SVO): a bullet that
    negates that subject or the scope («بلا كهرباء» for «الكهرباء لم تعد») tells the same negation. A scope ends
    at «أن» (what is not known or said is not its verb), a verb's negation at a coordinated past verb («ولم تعتقل
    أحداً وانسحبت»)."""
    scopes: list[set[str]] = []
    clauses: list[set[str]] = []
    asserted: set[str] = set()
    denied: set[str] = set()
    denying = False  # round 17: a denial verb's clause whose «أن» complement is still to come in this sentence
    for clause, sentence_ends in _clauses_in_sentences(idiom_free(text)):
        if any(_DENIAL_CUE.match(token) for token in clause) or _AR_UNABLE.search(" ".join(clause)):
            denied.update(stem for token in clause if (stem := _content(token)))
            denying = not sentence_ends and not any(token in _COMPLEMENTISERS for token in clause)
            continue
        if denying and clause and clause[0] in _COMPLEMENTISERS:
            # round 17: «نفى نادر السيوفي، محامي الدمنهوري، أن يكون موكله قد استولى على أي مبلغ»: an apposition
            # between the denial verb and its «أن» clause; that clause is what is denied, not told
            denied.update(stem for token in clause if (stem := _content(token)))
            denying = False
            continue
        denying = denying and not sentence_ends
        i = 0
        pending: list[str] = []  # stems since the clause or its last «أن»: a negated verb's subject if one follows
        while i < len(clause):
            if not _is_cue(clause, i):
                if clause[i] in _COMPLEMENTISERS or (clause[i][:1] in "وف" and clause[i][1:] in _COMPLEMENTISERS):
                    asserted.update(pending)
                    pending = []
                elif stem := _content(clause[i]):
                    pending.append(stem)
                i += 1
                continue
            subject = clause[i] in ("لم", "لن", "لا") and i + 1 < len(clause) and clause[i + 1][0] in "يتن"
            subject_words = pending if subject and len(pending) <= _SUBJECT_WORDS else []
            if not (subject and len(pending) <= _SUBJECT_WORDS):
                # (round 12: «أن مصير المحتجزين لم يُحسم»: the subject of a negated verb, SVO, is not asserted)
                asserted.update(pending)
            pending = []
            j = i + 1
            stretch: list[str] = []
            head_words = 0  # the stems before a complementiser: what a scope may hold
            noun_phrase = _PREPOSITION_CUE.match(clause[i]) and j < len(clause) and clause[j] not in ("ان", "انه")
            verb_negation = bool(_VERBAL_CUE.match(clause[i]))
            # round 17: «غير» before an adjective negates that word and its complement («غير قادرة على دفع الرواتب»),
            # not what follows it («منظمة غير حكومية تحصي ضحايا النزاعات»: a non-governmental body counts the victims)
            privative = clause[i] == "غير" and not (i > 0 and clause[i - 1] in ("من", "ومن"))
            while j < len(clause) and clause[j] not in _SCOPE_END and not _is_cue(clause, j):
                if privative and stretch:
                    if not _ADJECTIVE_COMPLEMENT.match(clause[j]):
                        break
                    privative = False
                if noun_phrase and j > i + 1 and _PERFECT_PLURAL.match(clause[j]):
                    break  # «من دون لوحات اعترضوا طريقه»: "without plates" ends where the clause's verb begins
                if verb_negation and j > i + 1 and _COORDINATED_PAST.match(clause[j]):
                    break
                if clause[j] in _COMPLEMENTISERS and j > i + 1 and not head_words:
                    head_words = len(stretch)
                if (stem := _content(clause[j])) and stem not in _TIME_WORDS:
                    stretch.append(stem)
                j += 1
            following = clause[i + 1] if i + 1 < len(clause) else ""
            verbal = bool(_VERBAL_CUE.match(clause[i])) and following[:1] in ("ي", "ت", "ن")
            reach = min(width, head_words) if head_words else width
            before = len(scopes)
            if (_DOUBLE.match(following) or _STOPPING.match(following)) and stretch:
                # round 12: «لم يمنع المطر المتظاهرين من التجمع»: only the preventing is denied; the gathering is told
                scopes.append(set(stretch[:1]))
                denied.add(stretch[0])
                asserted.update(stretch[1:])
            elif j < len(clause) and clause[j] in ("الا", "سوي"):
                asserted.update(stretch)  # «لا ... إلا»: an exception, which asserts
            elif (
                j < len(clause)
                and clause[j] in _CORRECTION
                and stretch
                and verbal
                # round 17: not where a definite noun follows «بل» («لم يأتوا للمواجهة بل للمطالبة بلقمة العيش»):
                # that replaces the verb's complement, which the negation denies with its verb
                and not (j + 1 < len(clause) and _DEFINITE_NOUN.match(clause[j + 1]))
            ):
                # round 13: «لم تنسحب القوات من محيط المدينة بل أعادت تموضعها»: the verb is corrected, its
                # complements are told of the correction too
                scopes.append(set(stretch[:1]))
                denied.add(stretch[0])
            elif stretch:
                scopes.append(set(stretch[:reach]))
                denied.update(stretch)
            clauses.extend(set(subject_words) for _ in range(len(scopes) - before))
            i = j if j > i + 1 else i + 1
        asserted.update(pending)
    return scopes, clauses, asserted, denied


def _related(a: str, b: str) -> bool:
    """Same word up to an inflection: equal stems, one a prefix of the other by up to two letters, or the same
    three-letter root without its weak letters («العثور» / «عثر»)."""
    if a == b:
        return True
    root = _root(a)
    if len(root) == 3 and root == _root(b):
        return True
    if len(a) == len(b) >= 3 and a[0] in "يتنا" and b[0] in "يتنا" and a[1:] == b[1:]:
        return True  # «تتبن» / «يتبن», «أقر» / «يقر» (round 8): one verb, another person
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


_WEAK_LETTERS = re.compile(r"[اويهءي]")


@lru_cache(maxsize=65536)
def _root(stem: str) -> str:
    return _WEAK_LETTERS.sub("", stem)


def _meets(stems: set[str], others: set[str]) -> bool:
    return any(_related(a, b) for a in stems for b in others)


_VERBAL_CUE = re.compile(r"^[وف]?(?:لم|لن|لا)$")


# Round 17: a definite noun with a preposition written on it («للمواجهة», «بالغاز»): a complement, never a subject
_PREPOSITIONAL = re.compile(r"^[وف]?(?:لل|[بك]ال)\w{2,}$")


@lru_cache(maxsize=4096)
def _verb_subjects(text: str) -> frozenset[str]:
    """The subjects of negated verbs (VSO: «ولم يغادر السكان منازلهم», «لم تعرف أسباب الانفجار»): a negation scope's
    second word when its first is a present verb. The verb is what is denied; a bullet naming the subject («بقي
    السكان») does not assert it."""
    subjects: set[str] = set()
    for clause in _clauses(idiom_free(text)):
        for i, token in enumerate(clause[:-2]):
            if not (_VERBAL_CUE.match(token) and clause[i + 1][0] in "يتن"):
                continue
            if _PREPOSITIONAL.match(clause[i + 2]):
                continue  # round 17: «لم يأتوا للمواجهة»: a prepositional phrase is no subject
            if stem := _content(clause[i + 2]):
                subjects.add(stem)
            elif clause[i + 2].isdigit() and i + 3 < len(clause) and (stem := _content(clause[i + 3])):
                subjects.add(stem)  # round 13: «ولم يحضر 26 نائباً الجلسة»: the counted MPs are the subject
            elif (
                clause[i + 2] in ("احد", "اي")
                and clause[i + 3 : i + 4] == ["من"]
                and i + 4 < len(clause)
                and (stem := _content(clause[i + 4]))
            ):
                subjects.add(stem)  # round 12: «ولم يصب أحد من ركاب الطائرة»: the riders are the subject
    return frozenset(subjects)


_PERSON_PREFIX = re.compile(r"^[يتن](?=\w{3})")
_PERSON_SUFFIX = re.compile(r"(?:وا|ون|ت|ن)$(?<=\w{4})")


@lru_cache(maxsize=65536)
def _verb_core(stem: str) -> str:
    """A verb without its person prefix or suffix: «تعلق», «علقت», «يعلقون» are «علق»."""
    core = _PERSON_PREFIX.sub("", stem)
    return _PERSON_SUFFIX.sub("", core) if len(core) >= 4 else core


def _meets_in_any_person(stems: set[str], others: set[str]) -> bool:
    """``_meets``, or the same verb in another person or tense («علقت» against «لم تعلق»)."""
    if _meets(stems, others):
        return True
    cores = {_verb_core(s) for s in stems}
    return any(len(core) >= 3 and core in cores for core in map(_verb_core, others))


def _same_root(stems: set[str], others: set[str]) -> bool:
    """Round 13: one three-letter root once the verb's person letters are off («زراعة» / «تُزرع»)."""
    roots = {r for s in stems if len(r := _root(_verb_core(s))) == 3}
    return any(_root(_verb_core(o)) in roots for o in others)


def _meets_loosely(stems: set[str], others: set[str]) -> bool:
    """``_meets``, or one word the other with a clitic letter more («كهرباء» read «هرباء» without its «ك»)."""
    return _meets(stems, others) or any(
        len(short) >= 4 and long_.endswith(short) and len(long_) - len(short) == 1
        for a in stems
        for b in others
        for short, long_ in [sorted((a, b), key=len)]
    )


# Round 17: a noun's «ة» before a possessive pronoun («نهايتها»), an indefinite accusative's «ا» («حلاً»), a
# present verb's person letter («يحلّ», a doubled root): the bare word the negation's word is another form of.
_POSSESSED_TA = re.compile(r"(?<=\w{3})ت(?:ها|هما|هم|هن|ه|نا|كم)$")
_ACCUSATIVE_ALIF = re.compile(r"(?<=\w{2})ا$")
_PRESENT_PERSON = re.compile(r"^[يتن](?=\w{2,3}$)")


@lru_cache(maxsize=65536)
def _bare_form(stem: str) -> str:
    bare = _POSSESSED_TA.sub("ه", stem)
    return _PRESENT_PERSON.sub("", _ACCUSATIVE_ALIF.sub("", bare))


def _meets_bare(stems: Iterable[str], others: Iterable[str]) -> bool:
    """Round 17: a word of ``stems`` is one of ``others`` once both are bare (``_bare_form``): «نهايتها» and
    «نهاية», «حلاً» and «يحلّ»."""
    return _meets({_bare_form(w) for w in stems}, {_bare_form(w) for w in others})


def _also_asserted(scope: set[str], asserted: set[str]) -> set[str]:
    """The words of a negation's scope that the same evidence also asserts elsewhere (named, not denied)."""
    return {stem for stem in scope if _meets({stem}, {word for word in asserted if not _ADVERB_OF_PLACE.match(word)})}


# Round 17: adverbs of place, with a pronoun or none, that share a verb's root («داخله», "inside it", is no
# «يدخله», "enters it"; «خارج», «حول», «قرب», «وسط», «عبر»)
_ADVERB_OF_PLACE = re.compile(r"^(?:داخل|خارج|حول|قرب|وسط|عبر|خلف|امام)(?:ه|ها|هم|هما|نا)?$")


# Round 12: "claimed" of an attack or responsibility, not of an allegation ("the government claimed an armed group
# carried out the attack"); "responded" to a request or a question, not "responded by shelling".
_EN_CLAIM = (
    r"claim(?:ed|s|ing)?(?=\s+(?:(?:the|an?|its|this|that|both|full|these|those)\s+)?(?:[\w'-]+\s+)?(?:responsibility"
    r"|credit|attacks?|bombings?|strikes?|raids?|killings?|assassinations?|kidnappings?|abductions?|explosions?|blasts?"
    r"|operations?|shootings?|shelling|bombardment|rockets?|missiles?|drones?|massacres?|ambush\w*|incidents?|it|them)"
    r"\b|\s*(?:[.,;]|$))|unclaimed"
)
_EN_COMMENT = (
    r"comment\w*|respon(?:d|ded|ds|se|ses)\s+to\s+(?:[\w'-]+\s+){0,3}?(?:request|question|quer|inquir|call|report"
    r"|accusation|allegation|claim|statement|comment|remark|criticism|charge|message|letter|invitation|proposal|offer"
    r"|demand)\w*|respond(?:ed|s)?(?=\s*(?:[.,;]|$))|(?<=no )(?:official |immediate )?response"
)

# English concepts news negates, with the Arabic stems that say them: an English bullet is compared with Arabic
# evidence through these only (a short glossary, like ``names.GLOSSARY``).
CONCEPTS = {
    # (round 13: the passive and the participle too, «أصيب ثلاثة جنود», «مصابين»)
    r"injur\w*|hurt|wound\w*|casualt\w*": (
        *("اصاب", "اصابه", "اصابات", "جرح", "جريح", "جرحي", "ضحايا", "ضحيه"),
        *("اصيب", "مصاب", "يصاب"),
    ),
    r"clash\w*|friction|confrontation\w*|scuffle\w*": ("صدام", "صدامات", "اشتباك", "اشتباكات", "احتكاك", "مواجهات"),
    # round 8: "responded" for a comment; round 12: to a request or a question, not "responded by shelling"
    _EN_COMMENT: ("تعلق", "يعلق", "تعليق", "علق"),
    # round 12: "held both sides responsible" for «لم تحمّل أياً من الطرفين مسؤولية القتال»
    r"blam\w*|responsib\w*": ("مسووليه", "تحمل", "يحمل", "حمل", "حملت", "تحميل"),
    _EN_CLAIM: ("تتبن", "يتبن", "تبن", "تبني", "تبنت", "تبنيه"),  # round 12: of an attack, not "claimed that"
    r"arrest\w*|detain\w*": ("توقيف", "اعتقال", "اعتقل", "اوقف", "توقيفات", "اعتقالات", "ايقاف"),
    r"interven\w*": ("تدخل",),
    r"confirm\w*": ("تؤكد", "يؤكد", "اكد", "تاكيد", "اكدت"),
    r"link\w*|ties|tied|connect\w*|belong\w*|involve\w*": ("علاقه", "صله", "ارتباط"),
    r"paid|pay\w*": ("يتقاض", "تقاض", "صرف", "تسلم", "يتسلم"),
    r"toll": ("حصيله",),
    r"stop\w*|halt\w*|ceased": ("توقف", "يتوقف", "تتوقف", "ايقاف"),
    r"contact\w*": ("اتصال", "اتصالات", "اتصل", "اتصلت", "يتصل"),
    r"damage\w*": ("اضرار", "ضرر"),
    r"approv\w*|adopt\w*|pass(?:ed|es)?": ("اقر", "يقر", "تقر", "اقرار", "صادق", "مصادقه"),  # round 8: a vote
    # round 12: "an inquiry in which the company would take part" for «لا تشارك فيه الشركة»; "in serious condition"
    # for «ليس في حالة خطرة»
    r"take part|took part|taking part|participat\w*": ("شارك", "تشارك", "يشارك", "مشاركه", "شاركت"),
    r"serious\w*|critical\w*|life-threatening": ("خطره", "خطيره", "حرجه"),
    # round 13: three news verbs a denial often negates: "verified" («لم تتمكن من التحقق»), "affected" («لم تتأثر»),
    # "enough" («لا يملك ما يكفي»)
    r"verif\w*": ("تحقق", "التحقق", "يتحقق", "تتحقق"),
    r"affect\w*|disrupt\w*": ("تتاثر", "يتاثر", "تاثر", "تاثرت", "تاثير"),
    r"enough|sufficient\w*": ("يكفي", "تكفي", "كاف", "كافي", "كافيه"),
}
# Round 13: the forms as the text they are looked up in is normalised («تؤكد» is read «توكد»).
CONCEPTS = {
    pattern: tuple(dict.fromkeys(normalize_text(form) for form in forms)) for pattern, forms in CONCEPTS.items()
}
# A negation reaches a concept up to eight words on, inside its clause ("did not set a date for paying the salaries"
# does not assert a payment); a conjunction or a clause break ends it.
_EN_NEGATION_BEFORE = re.compile(
    r"(?:\b(?:not|no|never|without|denied|denies|deny|nor|neither|none|declined|refused|yet|failed|unable|rejected"
    r"|dismissed|ruled out|avoided|refrained)\b|n't)"
    r"(?:\s+(?!(?:and|but|while|although|though|after|before|when|as|so)\b)[\w'-]+){0,8}?\s*$",
    re.I,
)


# After the concept, a negation denies it only through a verb of being reported or happening ("injuries were not
# reported", "clashes did not occur"); "the toll was not final" does not deny a toll.
_EN_NEGATION_AFTER = re.compile(
    r"^(?:\W+\w+){0,2}?\W+(?:not|never|cannot|\w*n't)\s+(?:(?:yet|been|be|independently|immediately|officially)\s+)*"
    r"(?:report\w*|record\w*|regist\w*|found|confirm\w*|caus\w*|inflict\w*|seen|observ\w*|sustain\w*|suffer\w*"
    r"|take|taken|occur\w*|happen\w*|break|broke|erupt\w*|made|given|issued|verif\w*|establish\w*|determin\w*"
    r"|known)\b",
    re.I,
)


_EN_NONE_AFTER = re.compile(
    r"^\s+(?:nobody|no one|none|nothing|no\b)"  # "arrested nobody"
    r"|^\s+(?:were|was|have been|had been|has been)\s+(?:\w+ly\s+)?(?:avoided|averted|prevented|spared)\b",
    re.I,
)
_EN_IRREALIS = re.compile(
    r"\b(?:rul\w* out|(?-i:may)|might|could|possib\w*|consider\w*|threat\w*|plan(?:s|ned|ning)?\b|call\w* for"
    r"|demand\w*|urg\w*|propos\w*|if|whether|unless|warn\w*|fear\w*|risk\w*|seek\w*|sought|want\w*|ask\w*)\b(?:\W+\w+){0,6}?\W*$",
    re.I,
)


def english_concepts(text: str) -> tuple[set[str], set[str]]:
    """The concepts (``CONCEPTS`` keys) an English text negates, and those it asserts."""
    negated: set[str] = set()
    asserted: set[str] = set()
    plain = _EN_IDIOMS.sub(lambda m: " " * len(m.group()), text)  # (the same length: ``text`` is read at its places)
    for pattern in CONCEPTS:
        for m in re.finditer(rf"\b(?:{pattern})\b", plain, re.I):
            before = plain[max(0, plain.rfind(",", 0, m.start()) + 1) : m.start()]
            after = re.split(r"[,;.]", plain[m.end() :], maxsplit=1)[0]
            negative = (
                m.group().lower().startswith("un")  # round 13: "unclaimed"
                or _EN_NEGATION_BEFORE.search(before)
                or _EN_NEGATION_AFTER.match(after)
                or _EN_NONE_AFTER.match(after)  # round 12: "arrested nobody"
            )
            if not negative and _EN_IRREALIS.search(text[max(0, text.rfind(",", 0, m.start()) + 1) : m.start()]):
                continue  # round 12: "did not rule out halting", "may halt", "called for a halt": nothing asserted
            (negated if negative else asserted).add(pattern)
    return negated, asserted


def _concept_in(pattern: str, stems: set[str]) -> bool:
    return any(s.startswith(form) or (form.startswith(s) and len(s) >= 3) for s in stems for form in CONCEPTS[pattern])


@lru_cache(maxsize=1024)
def _ghair_words(text: str) -> set[str]:
    """Round 12: the words «غير» negates, «من غير» and «غير ال-» too («معظمهم من غير المسجلين», «التهدئة غير
    المعلنة»): a bullet's «غير مسجلين» says what they say."""
    tokens = re.findall(r"\w+", normalize_text(text))
    return {stem for i, token in enumerate(tokens[:-1]) if token == "غير" and (stem := _content(tokens[i + 1]))}


@lru_cache(maxsize=4096)
def scope_conflict(claim: str, evidence: str) -> str | None:
    """``negated`` when the claim negates what the evidence states without negation, ``asserted`` when it asserts
    what the evidence negates; each on the negated words themselves, not on a negation elsewhere in the sentence.
    Arabic claims are compared word by word; English claims through ``CONCEPTS``. None when neither is seen."""
    ev_scopes, ev_clauses, ev_asserted, ev_negated = arabic_negations(evidence)
    if re.search(r"[\u0621-\u064A]", claim) and len(re.findall(r"[A-Za-z]", claim)) < len(claim) / 4:
        scopes, asserted, denied = arabic_scopes(claim, width=1)  # the negated word itself (VSO: verb first)
        for scope in scopes:
            if _meets(scope, ev_asserted) and not _meets(scope, ev_negated | _ghair_words(evidence)):
                if _same_root(scope, ev_negated):
                    continue  # round 13: «بقيت دون زراعة» for «لم تُزرع»: the evidence negates the word's verb
                # round 14: the evidence's word is one the bullet also states unnegated («لم يخرج» beside «أكدت
                # الخارجية», for «الخارجية»): the bullet already tells it; its negation is of another word
                if all(_meets({word}, asserted) for word in ev_asserted if _meets(scope, {word})):
                    continue
                if corrects_alike(claim, evidence):
                    continue  # round 14: «منزلاً لا مدرسة» for «نقلنا أن الغارة استهدفت مدرسة، والصحيح ...»
                return "negated"
        # round 13: a future («سيمرّ») is the verb an evidence negation («لن يمرّ») negates
        asserted = asserted | {t[1:] for t in asserted if len(t) >= 4 and t[0] == "س" and t[1] in "يتن"}
        for scope, words in zip(ev_scopes, ev_clauses, strict=True):
            # a word the evidence also asserts (in another window, another clause) is not the denied claim:
            # «ولم تعلق حركة الشباب» against «وتشن حركة الشباب هجمات» names the group, it does not deny it
            hits = {stem for stem in scope if _meets_in_any_person({stem}, asserted)} - _verb_subjects(evidence)
            # (round 14: nor where the bullet negates a word of the same clause: «بقيت معظم المنازل بلا كهرباء» for
            # «الكهرباء لم تعد إلى معظم المنازل» tells the negation by another verb)
            if (
                hits - _also_asserted(hits, ev_asserted)
                and not _meets_loosely(scope | words, denied)
                and not _meets_bare(scope, denied)
            ):
                return "asserted"
        return None
    negated, asserted_concepts = english_concepts(claim)
    for pattern in negated - asserted_concepts:
        # (round 13: not beside a negation of the evidence's own, which the bullet may restate by another verb: "the
        # school was not damaged" for «اقتصرت الأضرار على منزلين ولم تطل المدرسة»)
        if _concept_in(pattern, ev_asserted) and not _concept_in(pattern, ev_negated) and not ev_scopes:
            return "negated"
    for pattern in asserted_concepts - negated:
        if corrects_alike(claim, evidence, pattern):
            continue
        if _concept_in(pattern, ev_negated) and not _concept_in(pattern, ev_asserted):
            return "asserted"
    return None


def corrects_alike(claim: str, evidence: str, pattern: str | None = None) -> bool:
    """Round 14: the bullet contrasts ("an elderly woman, not a child, was among the wounded") where the evidence
    corrects by «بل» («ليس بين الجرحى أي طفل، بل امرأة مسنّة»): both deny one alternative and tell the other, so
    the words around the denied one are told, not denied. With ``pattern`` (a ``CONCEPTS`` key), only for a concept
    the bullet names after its contrast, in what both alternatives share ("..., not a child, was among the
    wounded"), not in the alternative it asserts ("the local government's responsibility, not the ministry's")."""
    norm = normalize_text(evidence)
    if not (contrasts_only(claim) and (_AR_INSTEAD.search(norm) or _AR_CORRECTS.search(norm))):
        return False
    if pattern is None:
        return True
    plain = _EN_IDIOMS.sub(lambda m: " " * len(m.group()), claim)
    contrast = _EN.search(plain)
    named = re.search(rf"\b(?:{pattern})\b", plain, re.I)
    return contrast is not None and named is not None and named.start() > contrast.end()


def denies_by_meaning(text: str) -> bool:
    """A denial with no particle: a denial verb or a word that denies by meaning («تعذّر التحقق», «تخلو من»)."""
    norm = normalize_text(text)
    return any(_DENIAL_CUE.match(token) for token in re.findall(r"\w+", norm)) or bool(_AR_UNABLE.search(norm))


# An evidence that restricts («لم يسفر إلا عن أضرار مادية», «اقتصرت الأضرار على», «فقط») or says "in peace"
# («انتهت بسلام») denies the rest: "no injuries", "without incident" are its paraphrases.
_AR_RESTRICTS = re.compile(
    r"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست)[\s«»\"]+(?:\w+[\s«»\"]+){0,8}?(?:الا|سوي)(?!\w| ان(?!\w))"
    r"|(?<!\w)[وف]?(?:اقتصر|اقتصرت|يقتصر|تقتصر|فقط|فحسب|بسلام|بهدوء)(?!\w)"
)


_AR_GHAIR = re.compile(r"(?<!\w)غير (?!ان(?:ه|ها|هم)?(?!\w)|ذلك|هذا|هذه|مره|ال)\w")


# Round 12: a negated question («أليس من حق الناس أن يعرفوا؟», «ألم تكن الحكومة تعلم؟»).
_AR_NEGATED_QUESTION = re.compile(r"(?<!\w)[وف]?(?:اليس|اليست|الم|الن)(?!\w)[^.؟?]*[؟?]")


def negates_by_meaning(span: str) -> bool:
    """Does an evidence window negate something, with a particle or without one (a denial verb, «تعذّر», an
    exceptive or a restriction, «بسلام», a negated question)?"""
    if is_negative(span) or denies_by_meaning(span):
        return True
    norm = normalize_text(span)
    return bool(_AR_RESTRICTS.search(norm) or _AR_NEGATED_QUESTION.search(norm))


# Round 14: a correction («كنا قد نقلنا أن الغارة استهدفت مدرسة، والصحيح أنها استهدفت منزلاً») retracts what was said.
_AR_CORRECTS = re.compile(r"(?<!\w)[وف]?(?:الصحيح|تصحيح|صححت|صحح|يصحح|تصحح)(?!\w)")


# Round 14: a bullet that says "only" («فقط», «سوى») restates an evidence exception («لم تُجرَ الفحوص إلا لعينة»),
# which asserts what it excepts.
_ONLY = re.compile(r"\b(?:only|solely|merely|just|alone)\b", re.I)
_AR_ONLY = re.compile(r"(?<!\w)[وف]?(?:فقط|فحسب|سوي|الا|وحده|وحدها|وحدهم|اقتصر\w*|يقتصر|تقتصر)(?!\w)")
_AR_EXCEPTIVE = re.compile(
    r"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست)[\s«»\"]+(?:\w+[\s«»\"]+){0,8}?(?:الا|سوي)(?!\w| ان(?!\w))"
)


def restates_exception(bullet: str, spans: list[str]) -> bool:
    """Does the bullet say "only" where a window restricts by an exception («لا ... إلا»)?"""
    says_only = bool(_AR_ONLY.search(normalize_text(bullet))) if mostly_arabic(bullet) else bool(_ONLY.search(bullet))
    return says_only and any(_AR_EXCEPTIVE.search(normalize_text(span)) for span in spans)


# Round 14: «حثّت على الامتناع عن حرق الأعشاب» for «دعت إلى عدم حرق الأعشاب»: a word the bullet governs by a verb or
# noun of refraining or refusing is not stated as done.
def refrains_from(word: str, bullet: str) -> bool:
    norm = normalize_text(bullet)
    at = norm.find(word)
    if at < 0:
        return False
    before = re.split(r"[.,،؛;:!?؟]", norm[:at])[-1]
    return any(_DENIAL_CUE.match(token) for token in re.findall(r"\w+", before)[-4:])


_AR_STILL = re.compile(r"(?<!\w)[وف]?(?:ما|لا|لم) ?(?:زال|زالت|زالوا|يزال|تزال|يزالون|تزالان|يزالان)(?!\w)")


def _ar(words: str) -> re.Pattern[str]:
    return re.compile(r"(?<!\w)(?:[وف]?(?:ب|ل)?(?:ال)?)?(?:" + words + r")(?!\w)")


def _en(words: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + words + r")", re.I)


# Round 12: what an evidence window may say without a negation that a negated bullet restates faithfully, each with
# the English words a bullet restates it by: a stop or a cut («توقفت المحطة»: "no longer works", «انقطاع الكهرباء»:
# "no electricity"), a ban («منعت»: "not allowed"), an absence («غابت»: "did not attend"), a cancellation or a delay
# («أُلغيت», «تأخر صرف»: "not held", "not paid"), the unknown («مجهول»: "not known"), a lack («نقص», «نفد»), and the
# idioms built on a particle («لا تزال مستمرة»: "has not stopped", «لا شك»: "no doubt", «لا بد»: "no choice").
_PRIVATIVE = (
    # (the English words restate the meaning the evidence denies, not the denying word: "not working" for «توقفت»
    # is the evidence's, "has not stopped" its opposite; the third entry is that denying word in English, which a
    # faithful bullet replaces by its negation: "denied that the plant stopped" negates the evidence itself)
    (
        # (round 13: «خرج الجسر عن الخدمة», «خارج الخدمة»: out of service)
        re.compile(
            _ar(r"توقف\w*|يتوقف\w*|تتوقف\w*|اوقف\w*|متوقف\w*|تعطل\w*|معطل\w*|يتعطل|تتعطل").pattern
            + r"|(?:خرج\w*|خارج|يخرج|تخرج) (?:\w+ )?عن الخدمه|خارج الخدمه"
        ),
        _en(r"work|function|operat|running|longer|in service|produc|generat|suppl|pump|flow|usable|use"),
        _en(r"stop|halt|ceas|suspend|shut|disabl|broke|out of (?:service|order)"),
    ),
    (
        _ar(r"انقطع\w*|ينقطع\w*|تنقطع\w*|انقطاع|مقطوع\w*"),
        _en(
            r"available|restor|connect|longer|(?:no|without) (?:\w+ )?(?:electric|power|water|internet|phone|network"
            r"|signal|fuel|gas)"
        ),
        _en(r"cut|outage|blackout|disconnect"),
    ),
    (
        _ar(r"منع|منعت|منعوا|يمنع|تمنع|يمنعون|ممنوع\w*|منعه|منعها|منعهم|حظر|حظرت|يحظر|تحظر|محظور\w*"),
        _en(r"allow|permit|let|access|enter|entry|leave|travel|reach"),
        _en(r"ban|bar|prevent|prohibit|forbid|block"),
    ),
    (
        _ar(r"غاب|غابت|غابوا|يغيب|تغيب|يغيبون|غياب"),
        _en(r"attend|present|show|join|take part|took part|there"),
        _en(r"absen|miss|skip|boycott"),
    ),
    (
        _ar(r"الغي|الغيت|يلغي|تلغي|ملغي\w*|ارجي|ارجيت|ارجا|ارجات|ارجاوا|يرجي|ترجي|تاجل|تاجلت|موجل\w*"),
        _en(
            r"held|hold|take place|took place|go ahead|went ahead|happen|yet|on time|as planned|as scheduled"
            r"|hear|heard|examin|discuss|consider|decide|vote"
        ),
        _en(r"cancel|postpon|delay|call(?:ed)? off|scrap|put off|defer"),
    ),
    (
        # round 13: «دفع ببراءته», «برّأته المحكمة»: "pleaded not guilty", "found not guilty"
        _ar(r"براء\w*|برات\w*|تبري\w*|بريء\w*|بريي\w*"),
        _en(r"guilty|culpable"),
        _en(r"innocen|acquit|clear"),
    ),
    (
        # round 13: «تعثرت المحادثات» (stalled): "made no progress"
        _ar(r"تعثر\w*|يتعثر|تتعثر|متعثر\w*|جمود|مراوحه"),
        _en(r"progress|advance|headway|move|moving|breakthrough"),
        _en(r"stall|stuck|deadlock|impasse"),
    ),
    (
        # round 13: «تكتّمت الجماعة على عدد قتلاها» (kept quiet): "did not say how many"
        _ar(r"تكتم\w*|يتكتم|تتكتم|التكتم"),
        _en(r"say|said|disclos|reveal|give|gave|announc|name|comment|specif"),
        _en(r"silen|secre|quiet|withh|conceal"),
    ),
    (
        _ar(r"تاخر\w*|يتاخر|تتاخر|تاخير"),
        _en(r"paid|deliver|arriv|receiv|yet|on time|disburs|releas"),
        _en(r"delay|late|overdue|behind|arrears"),
    ),
    (
        # «من غير الواضح» (it is unclear), «غير معروف», «غير مؤكد»
        re.compile(r"(?<!\w)(?:من )?غير (?:ال)?(?:واضح|معروف|مؤكد|معلوم|محدد)\w*(?!\w)"),
        _en(r"clear|known|certain|confirm|sure|identif|determin|establish"),
        _en(r"unclear|unknown|uncertain|unconfirmed|undetermined"),
    ),
    (
        _ar(r"مجهول\w*|غامض\w*|مبهم\w*"),
        _en(r"known|clear|identif|determin|establish|disclos|reveal|named"),
        _en(r"unknown|unclear|unidentified|unnamed|anonymous|mystery|myster"),
    ),
    (
        _ar(r"نقص|نفد|نفدت|ينفد|تنفد|نفاد|جف|جفت|شح|شحه|حرم|حرمت|حرمان|محروم\w*|يفتقر|تفتقر|يفتقد|تفتقد|افتقار"),
        _en(r"enough|left|sufficient|access|any|available|adequate"),
        _en(r"lack|shortage|short of|scarc|ran out|run out|running out|deplet|depriv|dried|dry"),
    ),
    (
        _ar(r"مغلق\w*|اغلق|اغلقت|اغلقوا|يغلق|تغلق"),
        _en(r"open|access|enter|pass|cross|operat|in service"),
        _en(r"clos|shut|block|seal"),
    ),
    (
        _AR_STILL,
        _en(r"stop|end|over|ceas|halt|let up|abat|finish|resolv"),  # «لا تزال مستمرة»: "has not stopped"
        _en(r"still|continu|remain|ongoing|persist"),
    ),
    (re.compile(r"(?<!\w)لا بد(?!\w)"), _en(r"choice|option|alternative"), re.compile(r"(?!)")),
    # «غير» before an adjective («أسلحة غير مرخصة»: "weapons that were not licensed"): a negated adjective
    (
        _AR_GHAIR,
        # any negation but one of a whole statement ("it is not true that"): «غير واضح» is "not (yet) clear"
        # (round 13: "no", "without" too: "with no possibility of parole" for «غير قابلة للتخفيف»)
        re.compile(r"\b(?:not|never|no longer|no|without)\b(?!\s+(?:true|the case|correct|accurate)\b)", re.I),
        re.compile(r"\b(?:un(?!der|til|it|ion|ique|iform|ivers|less)|non-?)[a-z]{4,}", re.I),
    ),
)


_AR_ANONYMOUS = re.compile(
    r"(?<!\w)[وف]?(?:عدم|دون) (?:ذكر|الكشف عن|كشف|نشر|الافصاح عن|الاشاره الي) (?:اسم|هويه)\w*(?!\w)"
    # round 16: a negated verb of revealing or wishing before a source's own name or identity: «لم تُكشف هويتها», «لم
    # يرغبوا في ذكر أسمائهم», «لا يريد الكشف عن اسمه» ("unnamed", "who asked not to be named")
    r"|(?<!\w)[وف]?(?:لم|لا)(?: [يتن]?\w*(?:رغب|ريد|رد|شا|ود)\w*(?: في| ب)?)?"
    r" [يتن]?\w*(?:ذكر|كشف|نشر|فصح|فصاح|عل[نم])\w*(?: عن| الي)? (?:اسم|هوي)\w{0,3}?(?:ه|ها|هم|هما|هن)(?!\w)"
)
# A negation of a whole statement ("it is not true that", «لا صحة لـ»): no paraphrase of a privative word.
_WHOLE_STATEMENT = re.compile(
    r"\b(?:not (?:true|the case|correct|accurate)|untrue|false that|den(?:y|ies|ied) that)\b|(?<!\w)لا صحه(?!\w)", re.I
)


# Round 17: a superlative since a time («أعنف احتجاجات منذ آب 2023», "the worst since"), and a negated bullet's
# "nothing like it since" («لم تشهد المنطقة احتجاجات بهذا العنف منذ», "has not seen such floods since"): one meaning.
_AR_SUPERLATIVE_SINCE = re.compile(
    r"(?<!\w)(?:ال)?(?:اعنف|اكبر|اسوا|اعلي|ادني|اشد|اكثر|اقل|اطول|اخطر|اقوي|اضخم|ادمي|افدح|اعمق)"
    r"(?: \w+){0,6}? منذ(?!\w)"
)
_LIKE_IT_SINCE = re.compile(
    r"(?<!\w)(?:بهذا|بهذه|بمثل|مثل|كهذا|كهذه|بهذا الحجم|بهذه الشده|بهذا المستوي)(?: \w+){0,4}? منذ(?!\w)"
    r"|\b(?:such|like (?:this|these|it|that|those)|this (?:\w+)|so (?:\w+)|as \w+ as)\b(?: [\w,-]+){0,6}? since\b",
    re.I,
)


def backs_a_negation(bullet: str, span: str) -> bool:
    """Does an evidence window back a negated bullet: it negates something (``negates_by_meaning``), or (round 12)
    it says by a privative word or a particle's idiom what the bullet says by a negation, and the bullet is about
    it: an English bullet by a word that restates that meaning, an Arabic one by two content words of its window;
    and the bullet does not also write the privative word itself (a faithful bullet replaces it by its negation;
    «لا صحة لأن الكهرباء مقطوعة», "denied that the power was cut" negate the evidence)."""
    if negates_by_meaning(span):
        return True
    if _AR_CORRECTS.search(normalize_text(span)) and contrasts_only(bullet):
        return True  # round 14: a correction retracts what was reported; a contrast ("X, not Y") may tell it, while
        # a plain negation ("did not hit a house") may be of the corrected fact itself
    if _AR_ANONYMOUS.search(normalize_text(bullet)) and not negation_cues(
        _AR_ANONYMOUS.sub(" ", normalize_text(bullet))
    ):
        return True  # «قال مصدر طلب عدم ذكر اسمه»: how a source is quoted, no negation of the news
    norm = normalize_text(span)
    if _AR_SUPERLATIVE_SINCE.search(norm) and _LIKE_IT_SINCE.search(normalize_text(bullet)):
        return True  # round 17: «أعنف احتجاجات منذ آب 2023» told «لم تشهد احتجاجات بهذا العنف منذ آب 2023»
    found = [(arabic, english, own) for arabic, english, own in _PRIVATIVE if arabic.search(norm)]
    if not found or _WHOLE_STATEMENT.search(normalize_text(bullet)):
        return False
    if mostly_arabic(bullet):
        mine_text = normalize_text(bullet)
        # (round 14: not «لا يزال»: "still" restated «ما زالت» beside "not yet" is the same meaning, not its denial)
        if any(arabic.search(mine_text) for arabic, _, _ in found if arabic is not _AR_STILL):
            return False
        mine = {stem for token in re.findall(r"\w+", mine_text) if (stem := _content(token))}
        theirs = {stem for token in re.findall(r"\w+", norm) if (stem := _content(token))}
        return len({a for a in mine if any(_related(a, b) for b in theirs)}) >= 2
    return any(english.search(bullet) and not own.search(bullet) for _, english, own in found)


# What a window states besides its denial: its asserted words, less the words that only report ("said", "that").
_REPORTING = {"قال", "قالت", "قالوا", "اكد", "اكدت", "انه", "انها", "اضاف", "اضافت", "اوضح", "اوضحت", "بيان", "يان"}
_BESIDES_DENIAL = 4


def states_besides_denial(span: str) -> bool:
    """Does a denying window also state something of its own («نفت ... مؤكدة أنه مدني يعمل في تجارة الخضار», «لم
    يتبنَّ أي تنظيم الهجوم، غير أن مسؤولين رجحوا وقوف خلايا التنظيم خلفه»), four content words or more?"""
    norm = normalize_text(span)
    if _AR_INSTEAD.search(norm):
        return False  # round 12: «ليس نهاية الأزمة بل بداية مسار» corrects: a bullet may tell either half
    if _plain_second_clause(norm):
        return False
    return len(arabic_scopes(span)[1] - _REPORTING) >= _BESIDES_DENIAL


# What a source tells (``attribution._AR_ATTRIBUTED``'s common verbs): a second clause so told may be contested.
_AR_TOLD = re.compile(
    r"(?<!\w)[وف]?(?:قال|قالت|قالوا|يقول|تقول|افاد|افادت|وفق|وفقا|بحسب|حسب|ذكر|ذكرت|زعم|زعمت|رجح|رجحوا|يرجح|اعتبر"
    r"|اعتبرت|يعتقد|يتهم|اتهم|اتهمت|ادعي|ادعت|مصدر|مصادر|يشتبه|ربما|محتمل|يحتمل)(?!\w)"
)


def _plain_second_clause(norm: str) -> bool:
    """Round 13: a clause after «غير أن», «لكن», «فيما» ... that states a fact with no negation and no source of its
    own («ولم تُعلن حصيلة نهائية بعد، غير أن فرق الإنقاذ انتشلت جثتين»): a bullet may tell it as fact."""
    head = _main_clause(norm)
    if head == norm:
        return False
    tail = _AR_IDIOMS.sub(" ", norm[len(head) :])
    return not (_AR.search(tail) or denies_by_meaning(tail) or _AR_TOLD.search(tail))


def tells_a_denial(text: str) -> bool:
    """Does a bullet tell of a denial or a refusal, in Arabic or in English ("declined to comment", "has yet to
    claim", "remains unknown")? Such a bullet asserts nothing a window's denial could contradict."""
    return denies_by_meaning(text) or bool(_EN_DENIAL.search(text) or _AR_GHAIR.search(normalize_text(text)))


# --- a denial turned into an acknowledgment -------------------------------------------------------------------

# What a bullet may say a source did, by kind, and the Arabic that says it: "confirmed" «أكد», "claimed" «تبنى»,
# "admitted" «أقر».
_ACKNOWLEDGE_EN = {
    "confirm": re.compile(r"\b(?:confirm(?:ed|s|ing)?|verified)\b", re.I),
    # (round 13: "the attack remains unclaimed" tells that no one claimed it)
    "claim": re.compile(
        r"\b(?!unclaimed)(?:" + _EN_CLAIM + r"|claim(?:ed|s|ing)? responsibility|took responsibility)", re.I
    ),
    "admit": re.compile(r"\b(?:acknowledg\w*|admit\w*|conced\w*)\b", re.I),
}
# (round 8: with an object pronoun too, «وهو ما أكده الحزب», as a refusal is read «لم يؤكده»)
_OBJECT = r"(?:ه|ها|هم|وه)?"
_ACKNOWLEDGE_AR = {
    "confirm": re.compile(r"(?<!\w)[وف]?(?:اكد|اكدت|يوكد|تؤكد|توكد|موكد|موكده|موكدا|تحقق|اثبت)" + _OBJECT + r"(?!\w)"),
    "claim": re.compile(
        r"(?<!\w)[وف]?(?:تبن|تبني|تبنت|يتبني|تتبني|تبنوا)" + _OBJECT + r"(?!\w)"
        r"|(?:اعلن|اعلنت|يعلن|تعلن)\s+(?:\w+\s+){0,5}?مسوولي"
    ),
    "admit": re.compile(r"(?<!\w)[وف]?(?:اقر|اقرت|يقر|تقر|اعترف|اعترفت|يعترف|تعترف)" + _OBJECT + r"(?!\w)"),
}
# The evidence already says it: "claimed" from «زعم» (alleged), "confirmed" from «أكد».
_ASSERTED_AR = {
    "confirm": _ACKNOWLEDGE_AR["confirm"],
    "claim": re.compile(_ACKNOWLEDGE_AR["claim"].pattern + r"|(?<!\w)[وف]?(?:زعم|زعمت|يزعم|تزعم)(?!\w)"),
    "admit": _ACKNOWLEDGE_AR["admit"],
}
# A source's refusal of that act: a denial verb, or «لم تتبنَّ / لم تعلق / لم يؤكد / لم يصدر أي تعليق».
_REFUSAL = re.compile(
    r"(?<!\w)[وف]?(?:" + _DENIAL_VERBS + r")(?!\w)"
    r"|(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:تبن|علق|عليق|يوكد|توكد|تاكيد|يعلن|تعلن)\w*|يصدر اي تعليق|يتسن)"
)


# The same refusals, each of one act only: «وهو ما لم يؤكده الحزب» refuses to confirm and says nothing of a claim.
_REFUSAL_OF = {
    "confirm": re.compile(r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:يوكد|توكد|تاكيد)\w*|يتسن)"),
    "claim": re.compile(
        r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}تبن\w*|(?:يعلن|تعلن)\s+(?:\w+\s+){0,3}?مسوولي)"
    ),
    "admit": re.compile(r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:يقر|تقر|يعترف|تعترف)\w*)"),
}
# A bullet's clauses: a reaction ("which the group confirmed", «بينما تبنّت الحركة») is judged on its own clause,
# so a negation elsewhere in the bullet ("No group claimed the attack, but ...") does not hide it.
_CLAIM_CLAUSES = re.compile(r"[,;،؛:]|\s(?:while|but|whereas|although|though)\s|\s(?:بينما|لكن|فيما)\s|في حين")
# "denied" where the source only declined to comment: «لم يصدر أي تعليق عن قوات الدعم السريع».
_DENIED_EN = re.compile(r"\b(?:denied|denies|deny|denying|refuted|rejected)\b", re.I)
_DENIED_AR = re.compile(r"(?<!\w)[وف]?(?:" + _DENIAL_VERBS + r")(?!\w)")
_NO_COMMENT = re.compile(r"(?<!\w)[وف]?(?:لم|لا)\s+(?:[يت]صدر\s+(?:\w+\s+){0,2}?تعليق|[يت]علق|يصدر\s+عنه\w*\s+تعليق)")


def _is_arabic(text: str) -> bool:
    return bool(re.search(r"[\u0621-\u064A]", text)) and len(re.findall(r"[A-Za-z]", text)) < len(text) / 4


def _claim_kinds(clause: str, arabic: bool) -> list[str]:
    text = normalize_text(clause) if arabic else clause
    return [k for k, p in (_ACKNOWLEDGE_AR if arabic else _ACKNOWLEDGE_EN).items() if p.search(text)]


_COMPLEMENTISER = {"ان", "بان", "انه", "انها", "انهم"}


def _object_stems(tokens: list[str], start: int) -> list[str]:
    """What a verb at ``tokens[start]`` says, by stems: the words after it, after its «أن» where it has one (the
    words before «أن» are its subject: «نفت مصادر محلية أن يكون القتيل ...»)."""
    rest = tokens[start + 1 :]
    for i, token in enumerate(rest):
        if token in _COMPLEMENTISER:
            rest = rest[i + 1 :]
            break
    return [stem for token in rest if (stem := _content(token))]


@lru_cache(maxsize=1024)
def _denied_and_asserted(evidence: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The stems a window's denials deny (after the denial verb, after its «أن») and the stems it asserts."""
    _, asserted, _ = arabic_scopes(evidence)
    denied: list[str] = []
    for clause in _clauses(idiom_free(evidence)):
        for i, token in enumerate(clause):
            if _AR_DENIAL.fullmatch(token):
                denied += _object_stems(clause, i)
    return tuple(denied), frozenset(asserted)


def _leaning(said: set[str], evidence: str) -> tuple[int, int]:
    """How many of a bullet's said stems only a denial of the evidence has, and how many only its assertions."""
    denied, asserted = _denied_and_asserted(evidence)
    in_denial = {s for s in said if any(_related(s, d) for d in denied)}
    in_assertion = {s for s in said if any(_related(s, a) for a in asserted)}
    return len(in_denial - in_assertion), len(in_assertion - in_denial)


def _confirms_the_denied(claim: str, evidence: str) -> bool:
    """An Arabic bullet has a source confirm or admit («أكدت ... استهداف دبي») what a window has it deny («نفت
    استهداف دبي»): at least two of the confirmed words are in a denial's scope, and more of them than in what the
    windows assert («نفى ... وقال إن ...» keeps its asserted words)."""
    if not _denied_and_asserted(evidence)[0]:
        return False
    for clause in _clauses(claim):
        if any(_SCOPE_CUE.match(t) or _DENIAL_CUE.match(t) for t in clause) or _negating_ghair(clause):
            continue
        for i, token in enumerate(clause):
            if not (_ACKNOWLEDGE_AR["confirm"].fullmatch(token) or _ACKNOWLEDGE_AR["admit"].fullmatch(token)):
                continue
            denied_only, asserted_only = _leaning(set(_object_stems(clause, i)), evidence)
            if denied_only >= 2 and denied_only > asserted_only:
                return True
    return False


_NOT_GHAIR_NEGATION = {"ان", "انه", "انها", "انهم", "ذلك", "هذا", "هذه"}


def _negating_ghair(clause: list[str]) -> bool:
    """«غير» before an adjective negates it («أكد أنه غير مسؤول»: "not responsible"); «غير أن» is "however"."""
    return any(
        token == "غير" and i + 1 < len(clause) and clause[i + 1] not in _NOT_GHAIR_NEGATION
        for i, token in enumerate(clause)
    )


def _says_what_is_asserted(clause: str, evidence: str) -> bool:
    """An Arabic clause whose words are more those the evidence asserts than those it denies («أكد المتحدث أن
    مقاتلي الجماعة صدوا زحفا» against «قال ... إن مقاتلي الجماعة صدوا زحفا، ونفى خسارة أي مواقع»)."""
    tokens = re.findall(r"\w+", normalize_text(clause))
    said = {stem for token in tokens if (stem := _content(token))}
    denied_only, asserted_only = _leaning(said, evidence)
    return asserted_only > denied_only


def acknowledges_a_denial(claim: str, evidence: str) -> bool:
    """The bullet says a source confirmed, claimed or admitted something, in a clause with no negation of its own,
    while the windows it cites have a source deny or decline that very act («لم يؤكده», «لم تتبنَّ») and say no such
    act themselves; or it has a source confirm, claim or admit while every window has one deny or decline
    («نفت», «لم تعلق») and states none of the acts the bullet names (a window that denies one thing and confirms
    another, «نفى ... مؤكداً», is left alone); or it says a source denied what the windows say it did not comment
    on («لم يصدر أي تعليق»)."""
    norm = idiom_free(evidence)
    arabic = _is_arabic(claim)
    if arabic and _confirms_the_denied(claim, evidence):
        return True
    if (_DENIED_AR.search(normalize_text(claim)) if arabic else _DENIED_EN.search(claim)) and (
        _NO_COMMENT.search(norm) and not _AR_DENIAL.search(norm)
    ):
        return True
    if not _REFUSAL.search(norm):
        return False
    # a bullet that itself reports a denial («نفى ... مؤكداً ...») is told a denial: only a refusal of that act counts
    denial_in_claim = denies_by_meaning(claim) or bool(_DENIED_EN.search(claim))
    for clause in _CLAIM_CLAUSES.split(normalize_text(claim) if arabic else claim):
        if not clause.strip() or is_negative(clause) or denies_by_meaning(clause):
            continue
        if arabic and _negating_ghair(re.findall(r"\w+", clause)):
            continue  # «أكد أنه غير مسؤول»: confirms a denial
        kinds = _claim_kinds(clause, arabic)
        for kind in kinds:
            refused = _REFUSAL_OF[kind].search(norm)
            if refused and not _ASSERTED_AR[kind].search(_REFUSAL.sub(" ", norm)):
                return True
        if (
            kinds
            and not denial_in_claim
            and not any(_ASSERTED_AR[k].search(norm) for k in kinds)
            and not (arabic and _says_what_is_asserted(clause, evidence))
        ):
            return True
    return False


# Round 10: «ولم يصدر تعليق من الوزارة على الغارات، التي تأتي في إطار حملة ...»: a relative clause that runs to the
# end of the window states something of its own; a bullet that restates it asserts what the window asserts.
_RELATIVE_TAIL = re.compile(r"[,،]\s*(?:[وف]?(?:التي|الذي|الذين|اللتين|اللذين))\s+([^,،.؛;]+)$")


def restates_asserted_relative(bullet: str, spans: list[str]) -> bool:
    """Does an Arabic bullet restate (three content words or more, more than it shares with the rest) the relative
    clause that ends a denying window?"""
    if not mostly_arabic(bullet):
        return False
    mine = content_words(bullet)
    for span in spans:
        norm = normalize_text(span).strip()
        tail = _RELATIVE_TAIL.search(norm.rstrip(" ."))
        if tail is None:
            continue
        told = content_words(tail.group(1))
        head = content_words(norm[: tail.start()])
        if len(mine & told) >= 3 and len(mine & told) > len(mine & (head - told)):
            return True
    return False


# Session 15 (roles15): litotes, "not the first time" / «لم تكن المرة الأولى»: English set phrases blank it
# (``_EN_IDIOMS``: "not the first such attack" may restate «ثالث هجوم»), so a bullet that says it of a window that
# says it too is read as asserting beside a denial. The same litotes on both sides is the same statement.
_EN_LITOTES = re.compile(r"\b(?:not|n't|never)\s+(?:been\s+)?(?:the |an? )?(?:first|only|sole|last)\b", re.I)
_AR_LITOTES = re.compile(
    r"(?<!\w)[وف]?(?:(?:لم|لن) (?:[يت]كن|[يت]كون)|ليس|ليست|ليسوا|لا [يت]عد|لا [يت]عتبر) (?:\w+ ){0,3}?"
    r"(?:الاول|الاولي|الوحيد|الوحيده|الاخير|الاخيره|اول|اولي)(?!\w)"
)


def restates_litotes(bullet: str, spans: list[str]) -> bool:
    """Does the bullet say "not the first" (English or Arabic) where a window of its evidence says it too?"""
    mine = _EN_LITOTES.search(bullet) or _AR_LITOTES.search(normalize_text(bullet))
    return bool(mine) and any(_AR_LITOTES.search(normalize_text(span)) for span in spans)


def _bare_root(token: str) -> str:
    """A token's shortest stem without its weak letters («وغاب», «يغب»: «غب»)."""
    return re.sub(r"[اويهءي]", "", min((stem for _, stem in clitic_parses(token)), key=len, default=token))


# Privative words with no other reading (not «أوقف», also "arrested"; not «منع», also "protected"), for
# ``restates_by_privative``: an absence, a lack, a closure, the unknown.
_RESTATING_PRIVATIVE = (
    _ar(r"غاب|غابت|غابوا|يغيب|تغيب|يغيبون|غياب"),
    _ar(r"نقص|نفد|نفدت|ينفد|تنفد|نفاد|شح|شحه|افتقار|يفتقر|تفتقر|يفتقد|تفتقد"),
    _ar(r"مغلق\w*|مقفل\w*"),
    _ar(r"مجهول\w*"),
)


def restates_by_privative(bullet: str, spans: list[str]) -> bool:
    """Session 15 (roles15): does an asserting Arabic bullet say by a privative word what its evidence says by a
    negation, ``backs_a_negation`` read the other way round («غاب سعيدي عن الجلسة» for «لم يحضر سعيدي الجلسة», «أفرج
    عنهم لنقص الأدلة» for «لعدم كفاية الأدلة», «المعبر مقفل» for «لم يُفتح المعبر»)? The bullet writes a word of
    ``_RESTATING_PRIVATIVE``, a window negates (``negates_by_meaning``) without writing a word of that kind or of
    its root («لم يغب» is the opposite of «غاب»), and the bullet shares two content words with it. (English bullets
    are not read: "broke up", "left", "stopped" have too many other senses for a stem list.)"""
    if not mostly_arabic(bullet) or is_negative(bullet):
        return False
    mine_text = normalize_text(bullet)
    entries = [ar for ar in _RESTATING_PRIVATIVE if ar.search(mine_text)]
    if not entries:
        return False
    mine = {stem for token in re.findall(r"\w+", mine_text) if (stem := _content(token))}
    roots = {root for ar in entries for m in ar.finditer(mine_text) if len(root := _bare_root(m.group())) >= 2}
    for span in spans:
        norm = normalize_text(span)
        if not negates_by_meaning(span) or any(ar.search(norm) for ar in entries):
            continue
        if any(_bare_root(token) in roots for token in re.findall(r"\w+", norm)):
            continue
        theirs = {stem for token in re.findall(r"\w+", norm) if (stem := _content(token))}
        if len({a for a in mine if any(_related(a, b) for b in theirs)}) >= 2:
            return True
    return False
