"""Names in Arabic text, which has no capitals: where the article names someone or somewhere, and which words
of a bullet merely look like names.

``article_names`` reads the names an article writes after the words Arabic news puts before names (a title
«الرئيس», «المتحدث باسم»; a place noun «مدينة», «بلدة»; a group noun «حركة», «جماعة»), once per article.
``unknown_arabic_names`` finds the words of a bullet that are in no form in the article and stand where a name
would: they may be names the article lacks, or a paraphrase's own words, so they are only ever warnings.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import clitic_parses, normalize_text
from summarizer.article_index import article_index, per_article
from summarizer.claims.gazetteer import gazetteer
from summarizer.claims.lexicon import dictionary_word, lexicon, lexicon_names, ordinary
from summarizer.claims.months import MONTH_WORDS  # month names of every Arabic calendar: dates, never names
from summarizer.claims.names import arabic_root_key
from summarizer.claims.numbers import word_value
from summarizer.grounding import find_phrase

AR_FUNCTION = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في من إلى على عن مع أن إن أو ثم قد كان كانت هذا هذه ذلك تلك الذي التي الذين بعد قبل خلال حيث كما "
        "أي كل بين عند حتى منذ لدى وفق نحو إثر جراء إنه أنه إنها أنها هو هي هم ما لا لم لن ليس عدم دون"
    ).split()
}
# Conjunctions a paraphrase brings («في حين», «رغم أن»): never a name, whatever the article writes.
_CONJUNCTIONS = {normalize_text(w) for w in ["حين", "بينما", "فيما", "لكن", "رغم", "إذ", "إلا", "غير"]}


AR_NAME_CUES = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في من إلى مدينة بلدة قرية منطقة محافظة ولاية حي مخيم جماعة حركة تنظيم قوات ميليشيا لواء فصيل "
        "بحسب وفق جانب قبل عن الرئيس الوزير المتحدث العميد العقيد الشيخ "
        "مدينتي بلدتي قريتي منطقتي مدن بلدات قرى سوق ساحة شارع ميدان جامعة مستشفى"
    ).split()
}


# A word after a title, a place or group noun, a source cue or a preposition of place is taken for a name.
_STRONG_CUES = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "مدينة بلدة قرية منطقة محافظة ولاية حي مخيم جماعة حركة تنظيم ميليشيا فصيل بحسب وفق الرئيس الوزير المتحدث "
        "العميد العقيد الشيخ مدينتي بلدتي قريتي منطقتي سوق ساحة شارع ميدان جامعة مستشفى "
        # round 11: the agent of «من جانب», a base, a crossing, a port; the heads of place names («وادي الشاي»,
        # «عين الأسد», «جبل الزاوية», «تل أبيض»): only a word the dictionary lacks is taken for a name after them
        "جانب قاعدة مطار ميناء معبر وادي عين جبل تل"
    ).split()
}
_PLACE_PREPOSITIONS = {normalize_text(w) for w in ("في", "من", "إلى", "قرب")}


def unknown_arabic_names(text: str, article: str) -> list[str]:
    """Words of an Arabic bullet that look like names the article does not have.

    A word is unknown when neither it (clitics allowed) nor its crude root is in the article. Paraphrase
    brings unknown common words too («تتبن», «موضحا»), so an unknown word counts as a name only where Arabic news
    puts names: after a title, a place or group noun or a source cue («مدينة», «جماعة», «بحسب»), the word after
    such a name («خالد المصري»), or after a preposition of place («في كفرنبل»).
    """
    tokens = re.findall(r"\w+", normalize_text(text))
    tokens_in_article, roots = _article_roots(article)
    unknown = [
        not (
            t in AR_FUNCTION
            or t in _CONJUNCTIONS
            or (t[:1] in "وف" and (t[1:] in AR_FUNCTION or t[1:] in _CONJUNCTIONS))  # «وهي», «ولم»
            or t.isdigit()
            or word_value(t) is not None  # round 11: «ستين», «وعشرين»: a number word, never a name
            or len(t) < 3
            or t in tokens_in_article
            or find_phrase(t, article)
            or _root_in(t, roots)
            or _acronym_of(t, article)
        )
        for t in tokens
    ]
    if any(unknown):
        # a pronoun suffix as written (ـه, not the ة that normalising makes ـه too): «بيته», «وراءه» are no names
        written = re.findall(r"\w+", normalize_text(text.replace("ة", "ت")))
        if len(written) == len(tokens):
            unknown = [u and not _possessed(w) for u, w in zip(unknown, written, strict=True)]
        stems, cores = _article_stems(article)
        unknown = [u and not _ordinary_form(t, stems, cores) for u, t in zip(unknown, tokens, strict=True)]
        # round 11: a dictionary word is a paraphrase's own word, not a name («السياحية», «موضحا», «أهالي»),
        # unless it stands right after a person's title («الرئيس كريم»), where Arabic writes a first name
        # (a place the gazetteer knows stays a name: «مأرب» is also a word, «ليبيا» reads as «ليبي»). A word of the
        # dictionary still opens a name's place: «جامعة الملك سعود» (``after_name`` reads ``spelled``).
        spelled = list(unknown)
        unknown = [
            u
            and not (
                ordinary(t, not (i > 0 and _is_cue(tokens[i - 1], _STRONG_CUES)))
                and not (i > 0 and _is_cue(tokens[i - 1], _PERSON_CUES) and t[:2] != "ال")
                and not (i > 0 and _named_place(tokens[i - 1], t))
                and not _a_gazetteer_name(t)
            )
            for i, (u, t) in enumerate(zip(unknown, tokens, strict=True))
        ]
    else:
        spelled = unknown
    # round 11: an organisation the article never names: its head noun and the word after it both absent from the
    # article in any form («من جانب وزارة الداخلية», «تنظيم حراس الدين» in an article with neither): a name, though
    # each is a dictionary word
    organisations = set()
    for i in range(1, len(tokens)):
        head = _org_head(tokens[i - 1]) is not None or _is_cue(tokens[i - 1], _GROUP_CUES)
        described = not tokens[i].startswith("ال") and tokens[i].endswith(("ي", "يه"))  # «شبكة محلية»: a kind
        if spelled[i] and spelled[i - 1] and head and not described and tokens[i] not in AR_FUNCTION:
            unknown[i] = True
            organisations.add(i)
    names = []
    for i, token in enumerate(tokens):
        if not unknown[i]:
            continue
        cue = i > 0 and _is_name_cue(tokens[i - 1])
        # «بحسب خالد المصري»; «جامعة الملك سعود» (a definite dictionary word may open a name; an adjective does not:
        # «منطقة سياحية وتعد»)
        opened = unknown[i - 1] or (spelled[i - 1] and tokens[i - 1].startswith("ال") and not _nisba(tokens[i - 1]))
        after_name = i > 1 and opened and _is_name_cue(tokens[i - 2])
        # «من أبرز», «من أهم», «من أشد» (a doubled root's elative has three letters): an adjective, not a place
        elative = len(token) in (3, 4) and token[0] == "ا"
        place = i > 0 and _is_cue(tokens[i - 1], _PLACE_PREPOSITIONS) and not elative
        if cue or after_name or place or i in organisations:
            names.append(token)
    return names


# Round 12: the acronyms Arabic news writes as words, with what they stand for: «قسد» for an article that writes
# «قوات سوريا الديمقراطية» is no name the article lacks.
_AR_ACRONYMS = {
    normalize_text(k): tuple(normalize_text(v) for v in vs)
    for k, vs in (
        ("قسد", ("سوريا الديمقراطية",)),
        ("داعش", ("الدولة الإسلامية", "تنظيم الدولة")),
        ("حسم", ("حركة سواعد مصر",)),
        ("وات", ("تونس إفريقيا للأنباء", "تونس افريقيا للانباء")),
        ("سانا", ("الأنباء السورية", "الانباء السورية")),
        ("سونا", ("السودان للأنباء", "السودان للانباء")),
        ("واع", ("الأنباء العراقية",)),
        ("بترا", ("الأنباء الأردنية",)),
        ("أوتشا", ("تنسيق الشؤون الإنسانية",)),
        ("الأونروا", ("غوث وتشغيل",)),
    )
}


def _acronym_of(token: str, article: str) -> bool:
    """Is the token (clitics allowed) an acronym of a body the article writes in full?"""
    text = article_index(article).text
    for form in {token, *(stem for _, stem in clitic_parses(token))}:
        bare = form[2:] if form.startswith("ال") and form[2:] in _AR_ACRONYMS else form
        if any(full in text for full in _AR_ACRONYMS.get(bare, ())):
            return True
    return False


# A town of this many people is a name before it is a word; GeoNames' villages share names with ordinary words
# («مصدر», «كلمة», «ليل»), and a village the article lacks is the gazetteer checks' to report anyway.
_WELL_KNOWN_TOWN = 15_000


# Place nouns a place's own name follows as a definite noun («ساحة الساعة», «سوق الجمعة», «حي الكرامة»): there a
# dictionary word is the name. An adjective («منطقة سياحية», «المنطقة الشمالية») is indefinite or a nisba.
_NAMED_PLACES = {
    normalize_text(w)
    for w in "ساحة سوق حي مخيم شارع ميدان قاعدة مطار ميناء معبر جامعة مستشفى وادي جبل تل".split()  # noqa: SIM905
}


def _named_place(before: str, token: str) -> bool:
    """Does ``token`` name the place the indefinite place noun ``before`` («ساحة», «في سوق») introduces?"""
    if not (token.startswith("ال") and len(token) > 4) or _nisba(token):
        return False
    return any(stem in _NAMED_PLACES and "ال" not in parts for parts, stem in clitic_parses(before))


def _nisba(token: str) -> bool:
    """«الغربية», «السياحي», «المحليين»: an adjective in «ـي» of a dictionary noun (not «الشاي», tea)."""
    found = re.fullmatch(r"ال(\w{3,}?)ي(?:ه|ين|ون)?", token)
    return found is not None and (found.group(1) in lexicon() or found.group(1) + "ه" in lexicon())


def _a_gazetteer_name(token: str) -> bool:
    """Is the token, clitics off, a well-known name of the gazetteer: a country, an agency, an armed group or a town
    of ``_WELL_KNOWN_TOWN`` people or more?"""
    table = gazetteer().arabic
    for _, stem in clitic_parses(token):
        for entry in table.get(stem, ()) or table.get("ال" + stem, ()):
            if entry.kind != "city" or entry.population >= _WELL_KNOWN_TOWN:
                return True
    return False


# Round 10: ordinary words in another form than the article's. A pronoun suffix («ـهم», «ـها», «ـه») on a noun or
# verb whose stem the article writes («سائقها» for «السائق», «وزارته» for «الوزارة»), an imperfect verb of a verb
# the article has in another person («يتحملون» for «نتحمّل»), a verbal noun or a plural of the article's stem: the
# same word, never a name. A plural possessive («بيوتهم», «غذائهم») is a common noun whatever the article writes.
_PLURAL_POSSESSIVE = ("هما", "هم", "هن", "كم", "كما")
_PRONOUNS = ("هما", "هم", "هن", "كما", "كم", "ها", "نا", "ه")
_ENDINGS = ("ون", "ين", "ات", "ان", "وا", "ه", "ي")
_WEAK = re.compile(r"[اويىءئؤ]")


@lru_cache(maxsize=65536)
def _stem_forms(token: str) -> frozenset[str]:
    """The token without clitics, pronoun suffixes, plural/feminine endings and an imperfect prefix (each optional).
    Remembered per word (speed only: every word of every new article is read)."""
    forms: set[str] = set()
    for _, stem in clitic_parses(token):
        todo = [stem]
        for suffix in _PRONOUNS:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                bare = stem[: -len(suffix)]
                todo += [bare, bare[:-1] + "ه" if bare.endswith("ت") else bare]  # «وزارته» -> «وزاره»
                if bare.endswith("ي") and len(bare) >= 4:
                    todo.append(bare[:-1])  # «موظفيها» -> «موظف»
        for form in list(todo):
            for ending in _ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= 3:
                    todo.append(form[: -len(ending)])
        for form in list(todo):
            if form[:1] in "يتنا" and len(form) >= 4:
                todo.append(form[1:])  # «يتحمل» / «نتحمل», «اشتباك»
        forms.update(f for f in todo if len(f) >= 3)
    return frozenset(forms)


def _cores(form: str) -> set[str]:
    """The consonants of a stem, and (after a derivational «م»/«ت») the rest marked: «مفاوض» / «تفاوض»."""
    core = _WEAK.sub("", form)
    if len(core) < 3:
        return set()
    return {core, "*" + core[1:]} if core[0] in "مت" else {core}


@per_article
def _article_words(article: str) -> tuple[str, ...]:
    """The article's words (``\\w+`` of its normalised text), read once for the tables below (speed only)."""
    return tuple(re.findall(r"\w+", article_index(article).text))


@per_article
def _article_marks(article: str) -> tuple[str, ...]:
    """The article's words and punctuation marks, read once for ``cue_name_kinds`` and ``article_name_kinds``."""
    return tuple(re.findall(r"\w+|[.,،؛;:!?؟()\"«»\n-]", article_index(article).text))


@per_article
def _article_stems(article: str) -> tuple[frozenset[str], frozenset[str]]:
    stems: set[str] = set()
    for token in set(_article_words(article)):
        stems |= _stem_forms(token)
    return frozenset(stems), frozenset(c for stem in stems for c in _cores(stem))


# Adverbial nouns that follow «في» without naming a place: «في البداية», «في النهاية», «في الغالب».
_ADVERBIAL = {
    normalize_text(w)
    for w in "البداية النهاية الغالب الواقع المقابل الأثناء الأخير المجمل العادة الأصل الحقيقة الوقت".split()  # noqa: SIM905
}


def _possessed(written: str) -> bool:
    """A word with a pronoun suffix (ـه، ـها، ـهم ...: ة kept apart) on a stem of three letters or more, or a
    «مفاعل» broken plural («مخازن», «مصادر»): a common noun, never a name."""
    for stem in {written, re.sub(r"^(?:[وف]?(?:بال|لل|ال|ب|ل|ك)?)", "", written)}:  # «بيته»: ب of the root
        if any(stem.endswith(p) and len(stem) - len(p) >= 3 for p in _PRONOUNS if p != "نا"):
            return True
        if len(stem) == 5 and stem[0] == "م" and stem[2] == "ا":
            return True
    return False


def _ordinary_form(token: str, stems: frozenset[str], cores: frozenset[str]) -> bool:
    """Is ``token`` an ordinary word: a form of an article word, «لكن» with a pronoun, a month name, or a noun with
    a plural possessive suffix?"""
    if token in MONTH_WORDS or (token[:1] in "وف" and token[1:] in MONTH_WORDS) or token in _ADVERBIAL:
        return True
    if re.fullmatch(r"[وف]?(?:ل)?لكن(?:ه|ها|هم|هما|ني|نا|ك|كم)?", token):
        return True  # «لكنه», «ولكنها»
    forms = _stem_forms(token)
    if any(f.endswith(_PLURAL_POSSESSIVE) and len(f) >= 5 for f in forms | {token}):
        return True
    return bool(forms & stems) or any(c in cores for form in forms for c in _cores(form))


def _is_cue(token: str, cues: set[str]) -> bool:
    return token in cues or any(stem in cues for _, stem in clitic_parses(token))


def _is_name_cue(token: str) -> bool:
    """A strong cue before a name (``_STRONG_CUES``), but not a place or group noun made definite by «ال»: such a
    noun heads no construct, so the word after it is its adjective («الرصاص الحي لتفريق», "live fire to
    disperse"), not a name («حي الميدان»). Round 17. A title keeps its article («الشيخ إبراهيم»): it is listed so."""
    return token in _STRONG_CUES or any(
        stem in _STRONG_CUES and "ال" not in parts for parts, stem in clitic_parses(token)
    )


@per_article
def _article_roots(article: str) -> tuple[frozenset[str], frozenset[str]]:
    tokens = frozenset(_article_words(article))
    return tokens, frozenset(arabic_root_key(t) for t in tokens)


def _root_in(token: str, roots: frozenset[str]) -> bool:
    """Same word family as some article word: equal crude roots, or one extends the other by a letter
    («هجوم» / «الهجمات»). A root under three letters says too little: such a word must be in the article."""
    root = arabic_root_key(token)
    if len(root) < 3:
        return False  # «وادي», «بيروت», «عين»: two letters match half the article
    variants = {root, root[1:]} if root[0] in "مينتس" and len(root) >= 4 else {root}  # مشتبه / يشتبه
    for r in roots:
        for v in variants:
            if r == v or (
                abs(len(r) - len(v)) == 1 and min(len(r), len(v)) >= 3 and (r.startswith(v) or v.startswith(r))
            ):
                return True
            if len(r) >= 4 and r[0] in "مينتس" and r[1:] == v:
                return True
    return False


# Words Arabic news writes right before a name, and how many words of name may follow.
_PERSON_CUES = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "الرئيس رئيس الوزير وزير المتحدث الناطق العميد العقيد اللواء الشيخ السيد الدكتور النائب القائد الملك "
        "الأمير الجنرال الرائد النقيب المقدم الفريق الصحفي الناشط المواطن الطفل الشاب الشهيد المعتقل الأسير "
        # round 11: the professions biographies and culture pages put before a name («الشاعر محمود درويش»)
        "الشاعر الكاتب الروائي الأديب الفنان الممثل الممثلة المخرج المغني المغنية الملحن الموسيقار الرسام النحات "
        "المؤرخ الفيلسوف المفكر الباحث المهندس الطبيب اللاعب المدرب الشاعرة الكاتبة الفنانة الروائية"
    ).split()
}
_PLACE_CUES = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "مدينة بلدة قرية منطقة محافظة ولاية حي مخيم ريف مدينتي بلدتي قريتي منطقتي ناحية قضاء مديرية شارع ساحة "
        "ميدان معبر مطار ميناء حوض قرى بلدات "
        "جبل"  # round 12: «جبل ناصة»
    ).split()
}
# Words before a place name, for telling a town's name from the same word used otherwise («قرب صور»).
PLACE_CUES = _PLACE_CUES | {
    normalize_text(w)
    for w in "قرب بين نحو قرى بلدات مدن أحياء شمال جنوب شرق غرب شمالي جنوبي شرقي غربي حوض".split()  # noqa: SIM905
}
_GROUP_CUES = {
    normalize_text(w)
    for w in "حركة جماعة حزب تنظيم هيئة جبهة فصيل كتائب ميليشيا ميليشيات لواء قوات".split()  # noqa: SIM905
}
# Words that follow a cue without being the name («الرئيس السابق», «المتحدث باسم», «مدينة الواقعة»).
_NOT_NAME = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "السابق الحالي الجديد العام الاول الثاني باسم الجمهورية الوزراء التنفيذي المحلي المحليه الواقعة التي الذي "
        "الامن الامنية المسلحة العسكرية الحكومية الخاصة الشعبية النظامية الحدودية الشمالية الجنوبية الشرقية "
        "الغربية الساحلية القديمة الصناعية المحتلة المجاورة نفسها ذاتها"
    ).split()
}


def _with_clitics(word: str) -> set[str]:
    """``word`` as it may be written with a conjunction, a preposition or the article's «لل» («وبمدينة», «للرئيس»)."""
    forms = {p + word for p in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك")}
    if word.startswith("ال"):
        forms |= {p + "لل" + word[2:] for p in ("", "و", "ف")}
    return forms


# Every written form of a cue, to its kind: one dictionary probe per article word instead of its clitic parses.
_CUE_FORMS = {form: "place" for cue in _PLACE_CUES for form in _with_clitics(cue)} | {
    form: "person" for cue in _PERSON_CUES for form in _with_clitics(cue)
}


def _is_nisba(token: str) -> bool:
    """«السوري», «الأمريكية»: an adjective after a title («الرئيس السوري بشار الأسد»), not the name itself."""
    return token.startswith("ال") and token.endswith(("ي", "يه"))


@per_article
def article_names(article: str) -> frozenset[str]:
    """Names the article writes after a title, a place noun or a group noun, normalised, each also as its last
    word when it has two («بشار الأسد» and «الأسد»)."""
    return frozenset(article_name_kinds(article))


def _ordinary(word: str, vocabulary: set[str]) -> bool:
    """A clitic on an ordinary word of the article («بقصف», «وقال»): not a name. Round 11: a first name the
    dictionary's corpus reads as a name is one, whatever letter opens it («فيصل», «بشار», «وليد»)."""
    if word in lexicon_names():
        return False
    return (word[0] in "وفبل" and len(word) > 3) or any(
        parts and stem in vocabulary for parts, stem in clitic_parses(word)
    )


def _family_name(word: str) -> bool:
    """Round 12: may a person's last word stand alone for them («قال الشعيبي»)? Not an ordinary word of the
    dictionary («المقبل», «مسؤوليته»), unless a nisba-shaped family name no frequent word spells («الككلي»); never a
    town («صيدا»)."""
    if gazetteer().arabic_hits(word):
        return False
    if not ordinary(word, False):
        return True
    return word.startswith("ال") and word.endswith("ي") and not dictionary_word(word)


def _letter_opened(word: str, vocabulary: set[str]) -> bool:
    """Round 12: a name after an indefinite place noun that opens with «ب» or «ل» («مدينة بارا»): a construct's
    second word takes no preposition, so the letter is the name's own, not a clitic on a word («بآراء»)."""
    return word[0] in "بل" and len(word) >= 4 and word not in _CUE_FORMS


@per_article
def cue_name_kinds(article: str) -> dict[str, str]:
    """The names the article writes after a cue, with the kind of cue each followed: ``person`` or ``place``.

    After an indefinite place noun a name may look like an adjective («قضاء المقدادية», «بلدة الحسينية»): it is
    still the name (a definite noun, «المنطقة الشرقية», takes adjectives instead). A list after a place noun
    names every conjunct («بلدتي خشام والمريعية», «بين بلدتي بنت جبيل وعيناثا»)."""
    tokens = list(_article_marks(article))  # punctuation ends a list
    vocabulary = set(tokens)
    names: dict[str, str] = {}
    for i, token in enumerate(tokens):
        cue = _CUE_FORMS.get(token)
        if cue is None:
            continue
        indefinite_place = cue == "place" and "ال" not in token[:4]
        if cue == "person":
            j = i + 1
            while j < len(tokens) and j < i + 3 and (_is_nisba(tokens[j]) or tokens[j] in _NOT_NAME):
                j += 1  # «الرئيس السوري», «المتحدث باسم»
            if "باسم" in tokens[i + 1 : j]:
                continue  # «المتحدث باسم الجيش»: a body, not a person's name
            width = 2
        else:  # a place noun; group nouns («قوات», «حركة») are followed by adjectives and verbs as often as by names
            j, width = i + 1, 1
        words = []
        for word in tokens[j : j + width]:
            nisba = _is_nisba(word) and not (indefinite_place and word not in _NOT_NAME)
            if word in AR_FUNCTION or word in _NOT_NAME or word.isdigit() or len(word) < 3 or nisba:
                break
            if _ordinary(word, vocabulary) and not (indefinite_place and _letter_opened(word, vocabulary)):
                break  # (places with ب are the gazetteer's to know)
            words.append(word)
        if not words:
            continue
        names.setdefault(" ".join(words), cue)
        if len(words) == 2 and len(words[1]) >= 4:
            names.setdefault(words[1], cue)
        if cue != "place":
            continue
        k = j + len(words)
        if k < len(tokens) and len(words) == 1 and tokens[k][:1] != "و" and indefinite_place:
            k += 1  # «بنت جبيل وعيناثا»: a two-word name before the conjunct
        for conjunct in tokens[k : k + 4]:
            bare = conjunct[1:]
            if conjunct[:1] != "و" or len(bare) < 3 or bare in AR_FUNCTION or bare in _NOT_NAME:
                break
            if bare[:1] in "وفبل" or (bare[:1] in "يتن" and not bare.startswith("ال")) or bare in vocabulary:
                break  # «وقال», «ويقع»: a verb goes on; «ومعظم», «والشمالي»: a word the article writes alone
            names.setdefault(bare, "place")
    return names


@per_article
def article_name_kinds(article: str) -> dict[str, str]:
    """``cue_name_kinds``, and (round 12) the people the article names by a first and a family name (``_people``):
    each whole and by its family name («فؤاد الشعيبي», «الشعيبي»)."""
    names = dict(cue_name_kinds(article))
    tokens = list(_article_marks(article))
    for name in _people(tokens, set(tokens)):
        names.setdefault(name, "person")
        if len(last := name.split()[-1]) >= 4 and last not in lexicon_names() and _family_name(last):
            names.setdefault(last, "person")  # «الشعيبي», «الككلي»; not «الطيب», a frequent word
    return names


# Round 12: the words that open a person's name without a title before it (a first name of the dictionary's corpus,
# «عبد», «أبو»), and the words that may join its parts («بن»).
_NAME_OPENERS = {normalize_text(w) for w in ("عبد", "أبو", "ابو")}
_NAME_LINKS = {normalize_text(w) for w in ("بن", "ابن", "بنت", "ولد")}
# Titles' second words and professions that stand right before a name («العميد الركن خالد الطيب», «المحامي ...»).
_TITLE_WORDS = {
    normalize_text(w)
    for w in "الركن المحامي المحامية القاضي المهندس المقاول الموظفة الموظف الحاج المدير المديرة السفير الوالي".split()  # noqa: SIM905
}
_SAYS = re.compile(
    r"[وف]?(?:قال|قالت|اضاف|اضافت|اكد|اكدت|اوضح|اوضحت|اعلن|اعلنت|نفي|نفت|شهد|شهدت|ذكر|ذكرت|افاد|افادت|صرح|صرحت)"
)


def _people(tokens: list[str], vocabulary: set[str]) -> list[str]:
    """Round 12: people the article names by a first name and a family name, title or not («العقيد فؤاد الشعيبي»,
    «، منير الحامدي،», «عبد الله الوشلي»): family names look like adjectives («الشعيبي», a nisba) and are read
    after a cue only as its width allows, so a bullet's «قال الشعيبي» was no name of the article. A first name is a
    word the dictionary's corpus reads as a name (``lexicon_names``); the words after it are taken while they are
    definite (a family name), another first name, no ordinary word («ماركوفا»; not «مسؤوليته») or a link («بن»), to
    punctuation or a function word, three at most."""
    first_names = lexicon_names()
    found = []
    for i, token in enumerate(tokens):
        if not (token in first_names or token in _NAME_OPENERS) or token.startswith("ال") or _not_a_name(token):
            continue
        parts = [token]
        for word in tokens[i + 1 : i + 4]:
            if not word[0].isalpha() or word in AR_FUNCTION or word in _NOT_NAME or word in _CUE_FORMS:
                break
            if _not_a_name(word) or (word[0] in "ول" and word not in first_names and not word.startswith("ال")):
                break  # «عمان والزرقاء»: a list goes on; «عبد العزيز للعلوم»: a genitive
            if word in _NAME_LINKS or word.startswith("ال") or word in first_names or not ordinary(word, False):
                parts.append(word)
                continue
            break
        while parts and parts[-1] in _NAME_LINKS:
            parts.pop()
        name = " ".join(parts)
        # where names stand (after a title, a comma, a verb of saying: «الناشط حيدر المالكي», «، نادية العلمي،»,
        # «قال يوسف الطاهري»), and a name, not a phrase of ordinary words («أسماء الضحايا», «خان الجوز»): a first
        # name that is no word of the dictionary, or a word after it that is a name
        named = [w for w in parts[1:] if w not in _NAME_LINKS and (w in first_names or not ordinary(w, False))]
        before = tokens[i - 1] if i else "،"
        introduced = (
            before in _CUE_FORMS or not before[0].isalnum() or before in _TITLE_WORDS or _SAYS.fullmatch(before)
        )
        if (
            len(parts) >= 2
            and introduced
            and (named or not ordinary(token))
            and not (parts[0] in _NAME_OPENERS and len(parts) == 2 and parts[1] == "الله")
        ):
            size = len(parts)
            hits = gazetteer().arabic_hits(name)
            if not any(end - start == size or any(e.kind != "city" for e in es) for start, end, _, es in hits):
                found.append(name)  # not «فرانس برس» (an agency); «سالم الككلي» though «سالم» is a town (Salem)
    return found


_WEEKDAYS = {normalize_text(w) for w in "السبت الأحد الاثنين الإثنين الثلاثاء الأربعاء الخميس الجمعة".split()}  # noqa: SIM905
# «ريف إدلب الجنوبي», «حلب الشمالي»: a town's direction, never a family name
_DIRECTIONS = {
    normalize_text(w + e)
    for w in "الشمالي الجنوبي الشرقي الغربي".split()  # noqa: SIM905
    for e in ("", "ة")
}


def _not_a_name(word: str) -> bool:
    """A month («نيسان», «جمادى»), a weekday, a direction («الجنوبي»), a number word («ألفين») or a digit: never
    part of a person's name."""
    return (
        word in MONTH_WORDS
        or word in _WEEKDAYS
        or word in _DIRECTIONS
        or word.isdigit()
        or word_value(word) is not None
    )


# Organisations Arabic news credits, named by a head noun and the word after it («وزارة الداخلية», «جهاز الأمن»,
# «تجمع أحرار حوران», «منظمة حقوقية»); the head with the article refers back to it («الوزارة», «المنظمة»).
_ORG_HEADS = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "وزارة جهاز تجمع منظمة بعثة هيئة مديرية مرصد مجلس قيادة لجنة غرفة شبكة مفوضية وكالة مكتب"
        " محكمة حكومة نقابة اتحاد رابطة جمعية مؤسسة تحالف ائتلاف لجان"
        " نيابة مفتشية بنك"  # round 12: «النيابة العمومية», «المفتشية العامة», «البنك المركزي»
    ).split()
}
_ORG_FIXED = {normalize_text(w) for w in ("الدفاع المدني", "المرصد السوري", "الهلال الأحمر", "الصليب الأحمر")}


@lru_cache(maxsize=65536)
def _org_head(token: str) -> str | None:
    for form in (token, token[1:] if token[:1] in "وفبل" else token, token[2:] if token[:2] in ("وب", "ول") else token):
        if form in _ORG_HEADS:
            return form
    return None


_DEFINITE = re.compile(r"^(?:[وفب]|وب)?(?:ال|لل)")


@lru_cache(maxsize=65536)
def _without_article(token: str) -> str:
    return _DEFINITE.sub("", token)  # remembered per word (speed only)


def _definite_org_head(token: str, following: str) -> str | None:
    """Round 12: a definite head with a definite adjective after it names a body («النيابة العمومية», «المفتشية
    العامة», «المجلس الجهوي»); read as «نيابة العمومية», the head and its word, as ``article_orgs`` writes them."""
    bare = _without_article(token)
    if bare != token and bare in _ORG_HEADS and following.startswith("ال") and following.endswith(("ي", "يه")):
        return bare
    return None


@per_article
def article_orgs(article: str) -> frozenset[str]:
    """Organisations the article names: an organisation head noun and the word after it, or a fixed name."""
    tokens = _article_words(article)
    found: set[str] = set()
    for i, token in enumerate(tokens[:-1]):
        following = tokens[i + 1]
        head = _org_head(token) or _definite_org_head(token, following)
        if head is not None and following not in AR_FUNCTION and len(following) >= 3 and not following.isdigit():
            found.add(f"{head} {following}")
    text = " ".join(tokens)
    found.update(name for name in _ORG_FIXED if name in text)
    return frozenset(found)


def org_back_reference(org: str, evidence: str) -> bool:
    """The evidence refers back to the organisation by its head noun with the article («الوزارة», «للمنظمة»)."""
    head = org.split()[0]
    definite = head if head.startswith("ال") else "ال" + head
    return any(
        token in (definite, "ل" + definite[1:], "و" + definite, "ب" + definite)
        for token in re.findall(r"\w+", normalize_text(evidence))
    )


def names_in(text: str, article: str) -> list[str]:
    """The article's names (``article_names``) that ``text`` writes, clitics allowed."""
    return [name for name in sorted(article_names(article)) if find_phrase(name, text)]
