"""Who says it (round 10): a bullet crediting a speaker the article names elsewhere, where its evidence credits
another.

Why: the right-looking source in the wrong role is a same-article swap no name rule sees when the source is a
common noun ("the UN envoy said" for «قال رئيس الوفد», "rights groups said" for «قالت عائلة الضحية», «قالت شركة
الكهرباء» for «وأضاف المتحدث»). ``institutions`` and ``bodies`` know bodies by a table or a head noun; a speaker
may be a person by role (an envoy, a lawyer, analysts, a family, witnesses) or a qualified source ("military
sources" for «مصادر طبية»).

How: the bullet's speaker is the noun phrase before a verb of saying ("X said", "X told", "X reported") or after
"according to" (English), after a verb of saying or «بحسب», «وفق», «نقلا عن» (Arabic). The evidence's speakers are
read the same way in the sentences its windows lie in; a speaker that only refers back («وأضاف المتحدث», «وقال
الوزير») is the last speaker of that kind the article named before the window. Each speaker is read as *roles*
through a small documented lexicon (``_ROLES``: English pattern, the Arabic stems that translate it, leniently: "the
police" is «الشرطة» or «الأمن»). A swap (``name.speaker_swap``, a warning until measured) needs all of:

- a role of the bullet's speaker that no speaker of the evidence carries, and that the article writes outside the
  evidence's sentences (the right-looking name from elsewhere in the same article);
- a role of the evidence's speaker that the bullet nowhere expresses (the evidence credits someone else; a bullet
  naming the evidence's speaker by more words, "the Sudanese army spokesman" for «المتحدث باسم الجيش», is no swap).

Roles that name nobody in particular ("officials", "sources", "a spokesman", "the head", "the statement") may
refer back to anyone: they are never the bullet's swapped role, and an evidence crediting only such a speaker is
read through the speaker it refers back to, or not at all. "Security forces", "the authorities" are roles of their
own, translated leniently («قوى الأمن», «الشرطة»; «السلطات», «الحكومة», «الوزارة»).
"""

from __future__ import annotations

import functools
import re

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.article_index import article_index
from summarizer.claims.gazetteer import gazetteer

_AR_CLITIC = r"(?<!\w)(?:[وفبلك]|وب|ول|فب|لل)?(?:ال)?"

# role -> (English pattern, Arabic stems on normalised text: a stem matches a word that starts with it after a
# clitic and the article). Lenient on purpose: a role is "expressed" by any of its usual translations.
_ROLES: dict[str, tuple[str, str]] = {
    "spokesman": (r"spokes(?:man|men|woman|women|person|people)", r"متحدث|ناطق"),
    "envoy": (r"envoys?|emissar(?:y|ies)|representatives?", r"مبعوث|ممثل|موفد"),
    "delegation": (r"delegations?|negotiat\w+", r"وفد|وفود|مفاوض"),
    "head": (r"head|chief|chairman|chairwoman|director|president|leader|boss", r"رييس|مدير|قايد|زعيم|امين"),
    "ministry": (r"ministr(?:y|ies)|ministers?|ministerial", r"وزار|وزير|وزرا"),
    "lawyer": (r"lawyers?|attorneys?|counsel|defen[cs]e team", r"محام"),
    "coalition": (r"coalition|alliance", r"تحالف|ايتلاف"),
    "officials": (r"officials?", r"مسوول|مسيول"),
    "security": (r"security", r"امن|امني|شرطه|شرطي|مخابرات|استخبار"),
    "rights": (r"rights|watchdogs?|amnesty|human rights", r"حقوق|حقوقي|انسان"),
    "organisation": (r"organi[sz]ations?|NGOs?|charit(?:y|ies)|aid (?:groups?|agenc(?:y|ies))", r"منظمه|منظمات|جمعي"),
    "family": (
        r"famil(?:y|ies)|relatives?|brother|sister|father|mother|son|daughter|wife|husband|kin",
        r"عايل|عائل|اسره|اسرت|ذوي|اهله|اهلها|شقيق|والد|ابن|زوج|اقارب",
    ),
    "staff": (r"general staff|chiefs? of staff", r"اركان"),
    "army": (r"arm(?:y|ies)|military|armed forces|soldiers|troops", r"جيش|عسكري|القوات المسلحه|جنود"),
    "sources": (r"sources?", r"مصدر|مصادر"),
    "forces": (r"forces", r"قوات|قوي|جيش|شرطه|امن|وحدات|عناصر"),
    "authorities": (
        r"authorit(?:y|ies)|government|administration|state",
        r"سلطات|سلطه|حكوم|وزار|هييه|اداره|جهات رسميه|محافظ|دوله|ولايه",  # session 15: "state" «ولاية» (Sudan)
    ),
    "outlet": (
        r"(?:web)?sites?|outlets?|portals?|newspapers?|papers?|channels?|TV|television|radio|broadcasters?|media",
        r"موقع|صحيف|جريد|قناه|تلفزيون|اذاع|اعلام|منصه",
    ),
    "agency": (r"agenc(?:y|ies)|wire", r"وكاله|وكالات"),
    "company": (r"compan(?:y|ies)|corporations?|firms?|utilit(?:y|ies)|operators?", r"شرك|موسس|مؤسس"),
    "health": (
        r"health|medical|medics?|doctors?|hospitals?|paramedics?|physicians?",
        r"صحه|صحي|طبي|اطباء|طبيب|مستشفي|مسعف|اسعاف",
    ),
    "oil": (r"oil|petroleum", r"نفط|بترول"),
    "police": (r"police|policem[ae]n|policewom[ae]n", r"شرطه|شرطي|امن|امني"),
    "observatory": (r"observatory|monitors?|monitoring", r"مرصد|رصد"),
    "analysts": (
        r"analysts?|economists?|experts?|observers?|commentators?|specialists?",
        r"محلل|خبراء|خبير|اقتصادي|مراقب|متخصص",
    ),
    "witnesses": (r"witness(?:es)?|eyewitness(?:es)?|onlookers?", r"شهود|شاهد|سكان|اهالي"),  # (often residents)
    "residents": (
        r"residents?|locals|inhabitants?|villagers?|people|citizens?|neighbou?rs?",  # ("local" describes: no role)
        r"سكان|ساكن|اهالي|مواطن|اهل|جيران|مقيم|شهود|شاهد",
    ),
    "organisers": (r"organi[sz]ers?|organi[sz]ing committee", r"منظمو|منظمي|منظمين"),
    # (session 15: «تنسيقية»: a protest movement's "coordination committee")
    "committee": (r"committees?|panels?|commissions?", r"لجنه|لجان|مفوضي|هييه|تنسيقي"),
    "council": (r"councils?|councillors?", r"مجلس|مجالس"),
    "mps": (r"MPs?|lawmakers?|legislators?|deputies|parliament\w*", r"نواب|نايب|برلمان|مجلس النواب"),
    "governor": (r"governors?|governorate|wal[iy]", r"محافظ|حاكم|والي"),
    "un": (r"UN|U\.N\.|United Nations|UNSMIL|UNICEF|UNHCR|WFP|OCHA", r"الامم المتحده|اممي|امم"),
    "coordinator": (r"coordinators?", r"منسق"),
    "court": (r"courts?|judges?|judiciary|tribunal", r"محكم|قاضي|قضاء|قضايي"),
    "prosecution": (r"prosecut\w+", r"نيابه|مدعي|ادعاء"),
    "defence": (r"civil defen[cs]e|rescuers?|rescue (?:teams?|workers?)|first responders?", r"دفاع المدني|انقاذ|مسعف"),
    "activists": (r"activists?|campaigners?", r"ناشط|نشطاء"),
    "resistance": (r"resistance", r"مقاوم"),
    "union": (r"unions?|syndicates?", r"نقاب|اتحاد"),
    "red_cross": (r"Red Cross|Red Crescent|ICRC", r"صليب|هلال"),
    "relief": (r"aid|relief|humanitarian", r"اغاث|انساني|مساعدات"),
    "electricity": (r"electricity|power", r"كهرباء|كهربا|طاقه"),
    "bank": (r"(?:central )?banks?", r"بنك|مصرف"),
    "protesters": (r"protesters?|demonstrators?|marchers?|strikers?", r"محتج|متظاهر|مضرب|معتصم"),
    "teachers": (r"teachers?", r"معلم|مدرس"),
    "militants": (
        r"militants?|gunmen|rebels?|insurgents?|fighters?|militi(?:a|as|amen)",
        r"مسلح|متمرد|مقاتل|ميليشي|مليشي|فصيل|فصايل",
    ),
    "statement": (r"statements?|communiqu[eé]s?|reports?", r"بيان|بلاغ|تقرير"),
    "poll": (r"polls?|surveys?", r"استطلاع|مسح"),
}
# Roles that name nobody in particular: they never count as the bullet's swapped role.
_WEAK = frozenset({"head", "officials", "sources", "spokesman", "statement"})
# Roles a bullet may leave out when the evidence names them beside a stronger role ("the army said" for «قال
# المتحدث باسم الجيش»): never the evidence's role the bullet fails to express.
_EVIDENCE_WEAK = _WEAK | {"poll"}

_EN_ROLE = {
    role: re.compile(rf"\b(?:{en})\b" if en.isupper() else rf"\b(?i:{en})\b") for role, (en, _) in _ROLES.items()
}
_AR_ROLE = {role: re.compile(rf"{_AR_CLITIC}(?:{ar})") for role, (_, ar) in _ROLES.items()}


@functools.lru_cache(maxsize=4096)
def _roles(phrase: str, arabic: bool) -> frozenset[str]:
    table = _AR_ROLE if arabic else _EN_ROLE
    return frozenset(role for role, pattern in table.items() if pattern.search(phrase))


# --- English: who the bullet says said it ----------------------------------------------------------------------

_EN_SAY = (
    r"sa(?:id|ys|y)|told|tells|report(?:ed|s)|announc(?:ed|es)|stated|states|added|adds|warn(?:ed|s)|confirm(?:ed|s)"
    r"|den(?:ied|ies)|claim(?:ed|s)|noted|notes|blam(?:ed|es)|accus(?:ed|es)|condemn(?:ed|s)|urg(?:ed|es)"
    r"|call(?:ed|s) (?:for|on)|estimat(?:ed|es)|counted|documented|recorded|described|gave|insist(?:ed|s)"
    r"|acknowledg(?:ed|es)|admitted|vowed|pledged|explained|quoted|cited|put|stressed|demanded|charged"
)
_EN_BEFORE_SAY = re.compile(rf"\b({_EN_SAY})\b", re.I)
_EN_AFTER = re.compile(r"\b(?:according to|cited by|quoted by|reported by|announced by|in a statement by)\s+", re.I)
# Words that end a speaker's noun phrase (read backwards from the verb, or forwards after "according to").
_EN_STOP_WORDS = (
    "that which who whom whose and but while whereas after before when where as because since than if though although "
    "it they he she we also later earlier then has have had was were is are be been would will could may might "
    "not did does do on yesterday today itself themselves himself herself calling"
)
_EN_STOP = frozenset(_EN_STOP_WORDS.split())
_EN_PUNCT = re.compile(r"[,.;:!?()\"“”«»—–]")
_MAX_WORDS = 6


def _en_speakers(text: str) -> list[str]:
    """The noun phrases an English bullet credits: before a verb of saying, after "according to"."""
    found = []
    for match in _EN_BEFORE_SAY.finditer(text):
        if phrase := _en_phrase_before(text, match.start()):
            found.append(phrase)
    for match in _EN_AFTER.finditer(text):
        words: list[str] = []
        for word in _EN_PUNCT.split(text[match.end() :])[0].split():
            if word.lower() in _EN_STOP or len(words) >= _MAX_WORDS:
                break
            words.append(word)
        if words:
            found.append(" ".join(words))
    return found


def _en_phrase_before(text: str, end: int) -> str:
    """The words right before ``end``, back to punctuation or a stop word (at most _MAX_WORDS): who does the verb
    at ``end`` in an English bullet; "" when none."""
    words: list[str] = []
    for word in reversed(_EN_PUNCT.split(text[:end])[-1].split()):
        if word.lower() in _EN_STOP or len(words) >= _MAX_WORDS:
            break
        words.append(word)
    return " ".join(reversed(words))


def speaker_roles(phrase: str) -> frozenset[str]:
    """The roles a normalised Arabic speaker phrase carries (``_ROLES``): none for a person named alone."""
    return _roles(phrase, True)


def bullet_speakers(text: str) -> tuple[str, ...]:
    """The speakers a bullet credits (English, or Arabic normalised): the phrases ``swapped_speakers`` reads."""
    if mostly_arabic(text):
        return tuple(phrase for _, phrase in ar_speakers(text))
    return tuple(_en_speakers(text))


# --- Arabic: who a text says said it ------------------------------------------------------------------------------

# Verbs of saying take their subject and then «إن/أن»; other verbs of reporting (announced, accused, condemned, ...)
# take their subject and then their object: their speaker is read over fewer words. A plural verb («قالوا»,
# «اتهموا») carries its subject as a pronoun: what follows is no speaker.
_AR_SAY = (
    r"قال|قالت|يقول|تقول|افاد|افادت|ذكر|ذكرت|اكد|اكدت|اوضح|اوضحت|اضاف|اضافت|اشار|اشارت|صرح|صرحت|روي|روت|ابلغ"
    r"|ابلغت|شدد|شددت|لفت|لفتت|تحدث|تحدثت|زعم|زعمت|رجح|رجحت|اعتبر|اعتبرت|يري|تري"
)
_AR_REPORT = (
    r"اعلن|اعلنت|حذر|حذرت|نفي|نفت|اتهم|اتهمت|دان|دانت|ادان|ادانت|طالب|طالبت|دعا|دعت|اورد|اوردت|نقل|نقلت|قدر|قدرت"
    r"|وصف|وصفت|نشر|نشرت|تبني|تبنت|كشف|كشفت|اعترف|اعترفت|اقر|اقرت|وثق|وثقت|سجل|سجلت|رصد|رصدت"
    r"|نفا(?=ه|ها)"  # round 14: «وهو ما نفاه وزير الصحة»: «نفى» with its object pronoun is spelled with «ا»
)
_AR_VERB = re.compile(rf"(?<!\w)[وف]?(?:(?P<say>{_AR_SAY})|(?P<report>{_AR_REPORT}))(?:ها|ه|هم)?(?!\w)")
AR_VERB = _AR_VERB  # a verb of saying or reporting, on normalised text
_AR_BY = re.compile(
    r"(?<!\w)[وف]?(?:بحسب|حسب|وفق|وفقا ل|طبقا ل|نقلا عن|علي لسان|استنادا الي)\s*"
    r"(?:ما\s+(?:[وف]?(?:" + _AR_SAY + "|" + _AR_REPORT + r")(?:ها|ه)?)\s+)?"
)
_REPORT_WORDS = 3
# Words that end an Arabic speaker's phrase: a complementiser, prepositions, a clause's next verb.
_AR_STOP = frozenset(
    normalize_text(w)
    for w in (  # noqa: SIM905
        "إن أن ان إنه أنه انه أنها انها إنها إنهم أنهم بأن بان عن على الى إلى خلال عبر أمام امام بعد قبل منذ يوم "
        "اليوم مساء صباح فجر ليل ظهر أمس امس ما الذي التي الذين كما حيث"
    ).split()
)
_AR_IN = {normalize_text(w) for w in ("في", "من", "لدى", "داخل")}
# «مصدر في شرطة الأنبار», «مسؤول في الوزارة»: after these a preposition still belongs to the speaker.
_AR_PARTITIVE = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:مصدر|مصادر|مسوول|مسوولون|مسوولين|عضو|اعضاء|احد|قيادي|ضابط)$")
# «ميليشيا تُعرف باسم "المقاومة الإسلامية"»: words that introduce a name do not count towards a phrase's length.
_AR_NAMING = frozenset(
    normalize_text(w)
    for w in "تعرف يعرف المعروفة المعروف باسم تطلق يطلق تسمي يسمي نفسها نفسه".split()  # noqa: SIM905
)
_AR_WORDS = re.compile(r"\w+|[,،.;؛:!?؟()\n]")


def _ar_phrase(tokens: list[str], limit: int = _MAX_WORDS) -> str:
    """The speaker's words: up to ``limit`` words, to a complementiser, a preposition or punctuation (quotes do not
    end it: «وفق ما أفادت "شبكة الخابور"»)."""
    words: list[str] = []
    for token in tokens:
        if not token[0].isalnum() and token[0] != "_":
            break
        if token in _AR_STOP or len(words) >= limit:
            break
        if token in _AR_IN and not (words and _AR_PARTITIVE.search(words[-1])):
            break
        words.append(token)
        if token in _AR_NAMING:
            limit += 1
    return " ".join(words)


# A subject before its verb (after «أن», «لكن»): «غير أن عائلة الشاب نفت رواية الوزارة» credits the family, and
# what follows the verb is its object.
# Round 14: or a longer subject of a known shape: a partitive («غير أن مصدراً في وزارة الدفاع السورية نفى», «أن مصدراً
# أمنياً في طرابلس اتهم») or a noun with a name in apposition between commas («غير أن شقيق المختطف، عماد المبروك،
# قال»).
_SUBJECT_FIRST = re.compile(
    r"(?<!\w)(?:ان|لكن|بينما|فيما)\s+("
    r"(?:(?!ان\b|لكن\b)\w+\s+){1,3}"
    r"|(?:مصدرا?|مصادر|مسوولا?|مسوولين|عضوا?|احد|قياديا?|ضابطا?)(?:\s+\w+)?\s+(?:في|من|ب)\s+(?:\w+\s+){1,3}"
    r"|(?:(?!ان\b|لكن\b)\w+\s+){0,4}\w+\s*[،,]\s*(?:\w+\s+){0,4}\w+\s*[،,]\s*"
    r")$"
)


# Round 14: a masculine verb («دعا», «قال», «يقول») agrees with a masculine subject; a feminine singular noun right
# after it («ودعا الحكومة إلى رفع شكوى») is its object, the subject being the pronoun of the clause before (a
# broken plural in «ـاة», «القضاة», may take either gender; a name in «ة», «حمزة», is no dictionary word).
_VERBS = (_AR_SAY + "|" + _AR_REPORT).split("|")
_MASCULINE = frozenset(
    v
    for v in _VERBS
    if v + "ت" in _VERBS  # «قال», «قالت»
    or (v.endswith(("ا", "ي")) and v[:-1] + "ت" in _VERBS)  # «دعا», «دعت»; «نفي», «نفت»
    or (v.startswith("ي") and "ت" + v[1:] in _VERBS)  # «يقول», «تقول»
)


def _not_its_subject(match: re.Match[str], phrase: str) -> bool:
    """Is ``phrase``, read after the verb ``match``, a feminine singular noun a masculine verb cannot agree with?"""
    verb = match.group("say") or match.group("report") or ""
    if verb not in _MASCULINE or not phrase or match.group(0).endswith(("ه", "ها", "هم")):
        return False
    from summarizer.claims.lexicon import ordinary

    head = phrase.split()[0]
    return (
        head.startswith("ال") and head.endswith("ه") and not head.endswith("اه") and len(head) >= 5 and ordinary(head)
    )


# Session 15: verbs that report only beside their companion word: «نقل» is "quoted" with «عن» («نقلت الوكالة عن
# مصدر») or a complementiser («نقلت الوكالة أن»), else "moved" («نُقل الجرحى إلى المستشفى»).
_COMPANION = {"نقل": "عن", "نقلت": "عن"}
_COMPANION_WORDS = 8
_THAT = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})


def _without_companion(match: re.Match[str], norm: str) -> bool:
    verb = match.group("report") or ""
    if verb not in _COMPANION or match.group(0).endswith(("ه", "ها", "هم")):
        return False  # «في تصريح نقلته وكالة سانا»: reported it
    after = re.findall(r"\w+", norm[match.end() :])[:_COMPANION_WORDS]
    return _COMPANION[verb] not in after and not any(w in _THAT for w in after)  # «نقلت الوكالة أن»: reported


_TOPIC_FIRST = re.compile(r"(?<!\w)اما\s+([^.؟!«»\n]{3,90}?)[،,]?\s*(?:فقد\s+)?$")


@functools.lru_cache(maxsize=1024)
def ar_speakers(text: str) -> tuple[tuple[int, str], ...]:
    """(offset in the normalised text, phrase) for each speaker an Arabic text credits: after a verb of saying
    («قالت الوزارة», «وأضاف المتحدث») or «بحسب», «وفق ما أفاد»."""
    norm = normalize_text(text)
    found = []
    for pattern in (_AR_VERB, _AR_BY):
        for match in pattern.finditer(norm):
            if (
                pattern is _AR_VERB
                and match.group(0).startswith("ف")
                and (topic := _TOPIC_FIRST.search(norm[max(0, match.start() - 100) : match.start()]))
            ):
                # round 12: «أما وكيل وزارة الدفاع، اللواء الهادي بن طاهر، فقال»: the topic is the speaker
                found.append((match.start(), " ".join(re.findall(r"\w+", topic.group(1))[: _MAX_WORDS + 2])))
                continue
            if pattern is _AR_VERB and (
                subject := _SUBJECT_FIRST.search(norm[max(0, match.start() - 90) : match.start()])
            ):
                # «أن عائلة الشاب نفت ...»: the family
                found.append((match.start(), " ".join(re.findall(r"\w+", subject.group(1)))))
                continue
            limit = _REPORT_WORDS if match.groupdict().get("report") else _MAX_WORDS
            phrase = _ar_phrase(_AR_WORDS.findall(norm[match.end() : match.end() + 160]), limit)
            if pattern is _AR_VERB and _not_its_subject(match, phrase):
                continue  # round 14: «ودعا الحكومة إلى»: a masculine verb's feminine noun is its object
            if pattern is _AR_VERB and _without_companion(match, norm):
                continue  # session 15: «ونُقل سكان المبنيين إلى مركز إيواء»: moved, not quoted
            if phrase and not phrase[0].isdigit():  # round 12: «قدرها 100 دولار»: an amount, no speaker
                found.append((match.start(), phrase))
    first: dict[str, int] = {}
    for at, phrase in sorted(found):  # «بحسب ما أفادت X»: the verb and the attribution read one speaker
        first.setdefault(phrase, at)
    return tuple(sorted((at, phrase) for phrase, at in first.items()))


# --- the reading ------------------------------------------------------------------------------------------------

_REFERS_BACK = re.compile(r"^(?:ال)(?:متحدث|ناطق|وزير|وزاره|مصدر|مصادر|مسوول|بيان|رييس|مدير|منظمه|شبكه|هييه|لجنه)$")
_LOOK_BACK = 1500


_SENTENCE_END = re.compile(r"[.!?؟\n]")


def _context(offsets: tuple[tuple[int, int], ...], article: str) -> str:
    """The sentences the evidence windows lie in, from the sentence end before each window to the window's end:
    a speaker named before the quoted window («وقال المتحدث ... إن» quoted from «إن») is the window's speaker."""
    parts = []
    for start, end in offsets:
        before = [m.end() for m in _SENTENCE_END.finditer(article, max(0, start - 600), start)]
        # round 12: to the window's end, not its sentence's: a speaker after the window («أما في الناصرية فقد اعتصم
        # نحو 500 شخص ...، وقال قائد شرطة ذي قار») credits another clause than the one quoted
        parts.append(article[before[-1] if before else max(0, start - 600) : end])
    return " … ".join(parts)


windows_context = _context  # round 13: ``people`` reads the evidence's speaker where this module does


def _evidence_roles(context: str, offsets: tuple[tuple[int, int], ...], article: str) -> tuple[frozenset[str], str]:
    """The roles the evidence's speakers carry, and their phrases; a speaker that only refers back («المتحدث»,
    «الوزير») gets the roles of the last speaker with its head the article named before the window."""
    roles: set[str] = set()
    phrases = []
    windows = " … ".join(article[start:end] for start, end in offsets)
    read = list(ar_speakers(windows) or ar_speakers(context))
    if len(offsets) > 1:
        # session 15: each window its own speaker: a merged bullet's window quoted from «إن» keeps the speaker of
        # its sentence («وقال أحد السكان ... إن العائلات تقدّمت»), though another window names one of its own
        for one in offsets:
            if not ar_speakers(article[one[0] : one[1]]):
                read += [found for found in ar_speakers(_context((one,), article)) if found not in read]
    for _, phrase in read:
        mine = _roles(phrase, True)
        head = phrase.split()[0]
        head = re.sub(r"^[وفبل](?=ال)", "", head)
        if _REFERS_BACK.match(head) and len(phrase.split()) == 1 and offsets:
            start = min(s for s, _ in offsets)
            before = ar_speakers(article[max(0, start - _LOOK_BACK) : start])
            stem = head[2:]
            named = [p for _, p in before if stem in p.split()[0] and len(p.split()) > 1]
            if named:
                phrase = named[-1]
                mine = mine | _roles(phrase, True)
        roles |= mine
        phrases.append(phrase)
    return frozenset(roles), " | ".join(phrases)


def _expressed(role: str, text: str, arabic: bool) -> bool:
    """Does ``text`` (the bullet's speakers) carry ``role``? A news agency by its name («سانا», SANA) is one."""
    table = _AR_ROLE if arabic else _EN_ROLE
    if table[role].search(text):
        return True
    if role in _MEDIA:  # "state media" for «وكالة سانا», "the agency" for a news site: one kind of source
        return any(table[r].search(text) for r in _MEDIA) or _names_an_agency(text, arabic)
    return False


_MEDIA = ("agency", "outlet")


def _names_an_agency(text: str, arabic: bool) -> bool:
    table = gazetteer()
    if arabic:
        return any(e.kind == "agency" for *_, found in table.arabic_hits(text) for e in found)
    return any(e.kind == "agency" for word in re.findall(r"\b[A-Z][\w-]+", text) for e in table.english_entries(word))


@functools.lru_cache(maxsize=4096)
def swapped_speakers(
    bullet: str, evidence: str, article: str, offsets: tuple[tuple[int, int], ...]
) -> tuple[tuple[str, str], ...]:
    """(the bullet's speaker, the evidence's speakers) for each speaker the bullet credits that the article names
    elsewhere, where the evidence credits another (module docstring)."""
    arabic = mostly_arabic(bullet)
    if arabic:
        said = [(p, normalize_text(p)) for _, p in ar_speakers(bullet)]
    else:
        said = [(p, p) for p in _en_speakers(bullet)]
    if not said:
        return ()
    named = [(p, n, r) for p, n in said if (r := _roles(n, arabic) - _WEAK) or (arabic and _BEHALF.search(n))]
    if not named:
        return ()
    context = _context(offsets, article) if offsets else evidence
    stated, credited = _evidence_roles(context, offsets, article)
    if not stated:
        return ()
    speakers = " | ".join(n for _, n in said)
    others = [r for r in stated - _EVIDENCE_WEAK if not _expressed(r, speakers, arabic)]
    written = article_index(article).text
    found = []
    cited = normalize_text(evidence)
    affiliated = credited + " " + " ".join(_affiliations(normalize_text(context), credited))
    for phrase, norm, roles in named:
        if _same_person(norm if arabic else _clause_of(phrase, bullet), cited, arabic):
            continue  # round 12: the bullet names the person the evidence credits, by more or other titles
        missing = [r for r in roles if not _AR_ROLE[r].search(affiliated)]
        swapped = bool(others) and any(_AR_ROLE[r].search(written) for r in missing)
        if swapped or (arabic and _other_behalf(norm, credited, normalize_text(context), written)):
            found.append((phrase, credited))
    return tuple(found)


# Session 15: what a speaker's phrase belongs to, read past where the phrase stops: «ناشطون في تنسيقية ساحة
# الحبوبي» (activists of the committee), «مكتب الأمم المتحدة لحقوق الإنسان» (the UN's human rights office).
_AFFILIATION = re.compile(r"^\s*(?:في|من|باسم|التابع\w*|ل(?!ا(?!\w))\w{3,})(?!\w)")
_AFFILIATION_WORDS = 4


def _affiliations(context: str, credited: str) -> list[str]:
    """The words that attach each credited phrase to a body («في», «من», «باسم», a genitive «لـ»), up to four."""
    tails = []
    for phrase in credited.split(" | "):
        at = context.find(phrase) if phrase else -1
        if at < 0:
            continue
        rest = context[at + len(phrase) :]
        if _AFFILIATION.match(rest):
            tails.append(" ".join(re.findall(r"\w+", rest)[:_AFFILIATION_WORDS]))
    return tails


def _same_person(phrase: str, cited: str, arabic: bool) -> bool:
    """Round 12: does the bullet's speaker phrase carry a person's name the cited windows write («الناشط حيدر
    المالكي» for «قال أحد منظمي الاحتجاج، الناشط حيدر المالكي»; "Interior Minister Mustafa al-Qammoudi of the
    Government of National Unity" for «وزير الداخلية في حكومة الوحدة الوطنية، مصطفى القمودي»)? A name is a word
    no ordinary word of the dictionary reads (``lexicon.ordinary``), or an English capitalised word that is no common
    English word, transliterating a word of the windows."""
    from summarizer.claims.english import is_common_english
    from summarizer.claims.lexicon import ordinary
    from summarizer.claims.names import english_matches_arabic, latin_key

    table = gazetteer()
    if arabic:
        words = set(re.findall(r"\w+", cited))
        return any(
            len(token) >= 3
            and not ordinary(token)
            and not table.arabic_hits(token)  # a place («والي قابس»), not a person
            and any(c + token in words for c in ("", "و", "ف", "ب", "ل"))
            for token in phrase.split()
        )
    return any(
        len(latin_key(word)) >= 3
        and not is_common_english(word)
        and not table.english_entries(word)
        and english_matches_arabic(word, cited)
        for word in re.findall(r"\b[A-Z][a-z'’]+", phrase)
    )


def _clause_of(phrase: str, bullet: str) -> str:
    """An English speaker phrase with the words before it in its clause ("Interior Minister Mustafa al-Qammoudi"
    before "of the Government of National Unity said"): the speaker's name may stand further back than the phrase
    reads."""
    at = bullet.find(phrase)
    if at < 0:
        return phrase
    start = max((m.end() for m in _EN_PUNCT.finditer(bullet, 0, at)), default=0)
    return bullet[start : at + len(phrase)]


# «المتحدث باسم الحوثيين» for «المتحدث باسم محور مأرب»: a spokesman for another party the article names.
_BEHALF = re.compile(r"(?<!\w)باسم\s+(\w+)")


def _other_behalf(phrase: str, credited: str, context: str, written: str) -> bool:
    mine, theirs = _BEHALF.search(phrase), _BEHALF.search(credited)
    if mine is None or theirs is None:
        return False
    word = re.sub(r"^(?:ال|لل)", "", mine.group(1))
    if len(word) < 3 or word in context or word in theirs.group(1):
        return False
    return word in written


# --- round 14: two speakers' statements crossed ----------------------------------------------------------------
# A bullet that reports two speakers («بينما اتهمت الوزارة ...، نفى النائب ...»; "the minister put the toll at three,
# but the Observatory denied this, saying two") may give each the other's words: the actor/target reversal writers
# call "the two accounts swapped". Read per speaker: the bullet's part after each of its two verbs of saying; the
# evidence's part of each speaker: the whole sentence of a window crediting one speaker, else the text after each
# speaker's verb (a speaker the bullet does not name, «نقلته وكالة الأنباء», belongs to the part before it). Each
# bullet speaker is the evidence speaker it shares most with (Arabic: words; English: roles, ``_ROLES``, and
# transliterated names), a bijection, else no reading. Crossed when each bullet part shares more with the other
# speaker's part than with its own speaker's, and the two by ``_CROSSED_MARGIN`` more in all. What is shared: content
# words for an Arabic bullet (the speakers' own words left out), figures for an English one (its words are not the
# article's).
_CROSSED_MARGIN = 3
_CROSSED_FIGURES = 2


def _after_verbs(norm: str, speakers: tuple[tuple[int, str], ...]) -> list[tuple[str, str]]:
    """(speaker phrase, the text from its verb to the next speaker's verb)."""
    found = []
    for n, (at, phrase) in enumerate(speakers):
        end = speakers[n + 1][0] if n + 1 < len(speakers) else len(norm)
        found.append((phrase, norm[at:end]))
    return found


def _evidence_parts(article: str, offsets: tuple[tuple[int, int], ...]) -> list[tuple[str, str]]:
    parts: list[tuple[str, str]] = []
    for offset in offsets:
        context = normalize_text(_context((offset,), article))
        speakers = ar_speakers(context)
        if len(speakers) == 1:
            parts.append((speakers[0][1], context))
        else:
            parts += _after_verbs(context, speakers)
    return parts


def _en_parts(text: str) -> list[tuple[str, str]]:
    """An English bullet's speakers before their verbs, each with the text from its verb to the next speaker."""
    found = []
    for match in _EN_BEFORE_SAY.finditer(text):
        if phrase := _en_phrase_before(text, match.start()):
            found.append((text.rfind(phrase, 0, match.start()), match.start(), phrase))
    return [
        (phrase, text[verb : found[n + 1][0] if n + 1 < len(found) else len(text)])
        for n, (_, verb, phrase) in enumerate(found)
    ]


def _shared_speaker(mine: str, theirs: str, arabic: bool) -> int:
    from summarizer.arabic import content_words
    from summarizer.claims.english import is_common_english
    from summarizer.claims.names import english_matches_arabic, latin_key

    if arabic:
        return len(content_words(mine) & content_words(theirs))
    roles = len((_roles(mine, False) & _roles(theirs, True)) - _WEAK)
    names = sum(
        len(latin_key(word)) >= 3 and not is_common_english(word) and english_matches_arabic(word, theirs)
        for word in re.findall(r"\b[A-Z][a-z'’]+", mine)
    )
    return roles + names


def _figures(text: str) -> frozenset[float]:
    from summarizer.claims.numbers import quantities

    return frozenset(q.low for q in quantities(text) if q.low == q.high)


@functools.lru_cache(maxsize=2048)
def crossed_speakers(bullet: str, article: str, offsets: tuple[tuple[int, int], ...]) -> tuple[str, str] | None:
    """The bullet's two speakers when it gives each the other's statement (above); None otherwise."""
    from summarizer.arabic import content_words

    if not offsets:
        return None
    arabic = mostly_arabic(bullet)
    said = _after_verbs(normalize_text(bullet), ar_speakers(bullet)) if arabic else _en_parts(bullet)
    if len(said) != 2:
        return None
    cited = _evidence_parts(article, offsets)
    if len(cited) < 2:
        return None
    # each bullet speaker to the evidence speaker it shares most with; both unique and distinct
    match: list[int] = []
    for phrase, _ in said:
        scores = [_shared_speaker(phrase, p, arabic) for p, _ in cited]
        best = max(scores)
        if best == 0 or scores.count(best) > 1:
            return None
        match.append(scores.index(best))
    if match[0] == match[1]:
        return None
    # an evidence speaker the bullet does not name speaks within the part of the one before it
    merged: dict[int, str] = {}
    owner = None
    for n, (_, text) in enumerate(cited):
        if n in match:
            owner = n
        if owner is not None:
            merged[owner] = merged.get(owner, "") + " " + text
    mine: list[frozenset[str] | frozenset[float]]
    theirs: list[frozenset[str] | frozenset[float]]
    if arabic:
        names = frozenset().union(*(content_words(p) for p, _ in said), *(content_words(cited[m][0]) for m in match))
        mine = [content_words(text) - names for _, text in said]
        theirs = [content_words(merged.get(m, "")) - names for m in match]
        margin = _CROSSED_MARGIN
    else:
        mine = [_figures(text) for _, text in said]
        theirs = [_figures(merged.get(m, "")) for m in match]
        margin = _CROSSED_FIGURES
    own = [len(mine[i] & theirs[i]) for i in (0, 1)]
    other = [len(mine[i] & theirs[1 - i]) for i in (0, 1)]
    if all(other[i] > own[i] for i in (0, 1)) and sum(other) >= sum(own) + margin:
        return said[0][0], said[1][0]
    return None


# --- round 14: accuser and accused reversed -------------------------------------------------------------------
# "A accused B of ..." where the evidence has B accuse A («اتهم مصدر أمني كتيبة الفرسان بتنفيذه» for "the brigade
# accused a security source"). The evidence's accuser is the speaker ``ar_speakers`` reads at «اتهم»; its accused,
# the words after the verb up to the charge («بـ»: «بتنفيذه», «بالوقوف وراء») less the accuser's. Reversed when the
# bullet's accuser shares something (``_shared_speaker``) with the evidence's accused and nothing with its accuser,
# and the bullet's accused more with the evidence's accuser than with its accused.
_AR_ACCUSE = re.compile(r"(?<!\w)[وف]?(?:اتهم|اتهمت|يتهم|تتهم)(?:ه|ها|هم)?(?!\w)")
_AR_CHARGE = re.compile(r"(?<!\w)ب\w+")
_EN_ACCUSE = re.compile(r"\baccus(?:ed|es)\s+(.{3,80}?)\s+of\b")


def _ar_accusations(norm: str) -> list[tuple[str, str]]:
    """(accuser, accused) of each «اتهم» of a normalised Arabic text that names both."""
    speakers = dict(ar_speakers(norm))
    found = []
    for match in _AR_ACCUSE.finditer(norm):
        accuser = speakers.get(match.start())
        if not accuser:
            continue
        rest = norm[match.end() : match.end() + 160]
        charge = _AR_CHARGE.search(rest)
        if charge is None:
            continue
        accused = rest[: charge.start()]
        if accuser in accused:
            accused = accused.replace(accuser, " ", 1)
        if re.search(r"\w", accused):
            found.append((accuser, accused))
    return found


def _en_accusations(text: str) -> list[tuple[str, str]]:
    found = []
    for match in _EN_ACCUSE.finditer(text):
        if phrase := _en_phrase_before(text, match.start()):
            found.append((phrase, match.group(1)))
    return found


@functools.lru_cache(maxsize=2048)
def reversed_accusation(bullet: str, article: str, offsets: tuple[tuple[int, int], ...]) -> tuple[str, str] | None:
    """(the bullet's accuser, its accused) when the evidence has the accused accuse the accuser (above)."""
    if not offsets:
        return None
    arabic = mostly_arabic(bullet)
    said = _ar_accusations(normalize_text(bullet)) if arabic else _en_accusations(bullet)
    if not said:
        return None
    stated = _ar_accusations(normalize_text(_context(offsets, article)))
    for accuser, accused in said:
        for their_accuser, their_accused in stated:
            if _shared_speaker(accuser, their_accuser, arabic):
                continue
            if not _shared_speaker(accuser, their_accused, arabic):
                continue
            if _shared_speaker(accused, their_accuser, arabic) > _shared_speaker(accused, their_accused, arabic):
                return accuser, accused
    return None
