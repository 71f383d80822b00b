"""Names: grounded in the article, and English names matched across scripts.

An English name in an English bullet is matched to Arabic evidence through a transliteration
key: both sides become a consonant skeleton over a small set of sound classes (vowels, h, w, y,
ع and the article ال / al- / ez- dropped; ق/ك/ج/غ/q/k/g/j one class (Gulf «ق» is g), ص/س/s one class, ...), repeated
classes collapsed. «بنت جبيل» and "Bint Jbeil" both give BNTJBL; «القصرين» and "Kasserine"
KSRN; «صور» and "Sour" SR. Names English does not transliterate (Tyre, Egypt, Alexandria)
come from a short exonym table, not a gazetteer.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from summarizer.arabic import clitic_parses, normalize_text

_AR_CLASS = {
    "ب": "B", "ت": "T", "ث": "T", "ج": "K", "خ": "K", "د": "D", "ذ": "D", "ر": "R", "ز": "Z", "س": "S",
    "ش": "S", "ص": "S", "ض": "D", "ط": "T", "ظ": "D", "غ": "K", "ف": "F", "ق": "K", "ك": "K", "ل": "L",
    "م": "M", "ن": "N",
}  # fmt: skip
# "dj": the French spelling of «ج» across the Maghreb ("Djerba" «جربة», "Djamila"); round 11
_LATIN_DIGRAPHS = (
    ("dj", "K"), ("sh", "S"), ("th", "T"), ("dh", "D"), ("kh", "K"), ("gh", "K"), ("ch", "S"), ("ph", "F"),
)  # fmt: skip
_LATIN_CLASS = {
    "b": "B", "p": "B", "t": "T", "d": "D", "z": "Z", "s": "S", "c": "K", "k": "K", "q": "K", "g": "K",
    "j": "K", "f": "F", "v": "F", "l": "L", "m": "M", "n": "N", "r": "R", "x": "KS",
}  # fmt: skip
_LATIN_ARTICLE = re.compile(r"\b(?:al|el|ad|ar|as|ash|at|az|ez|es|ed|an|en|er|et|ud|ul|um)[-\s]+", re.I)
# English exonyms that do not transliterate the Arabic name; values are Arabic spellings.
EXONYMS = {
    "tyre": "صور", "sidon": "صيدا", "aleppo": "حلب", "damascus": "دمشق", "cairo": "القاهرة",
    "jerusalem": "القدس", "egypt": "مصر", "alexandria": "الإسكندرية", "algeria": "الجزائر", "algiers": "الجزائر",
    "morocco": "المغرب", "jordan": "الأردن", "libya": "ليبيا", "west bank": "الضفة الغربية", "hebron": "الخليل",
    "nablus": "نابلس", "homs": "حمص", "hama": "حماة", "mosul": "الموصل", "euphrates": "الفرات",
    "mecca": "مكة", "medina": "المدينة", "red sea": "البحر الأحمر", "mediterranean": "المتوسط",
    # session 15: Spanish and continental exonyms («سبتة» is no transliteration of "Ceuta"; "Asian" «آسيوي» has a
    # one-letter skeleton)
    "ceuta": "سبتة", "melilla": "مليلية", "asia": "آسيا", "asian": "آسيوي",
}  # fmt: skip


_REPEATS = re.compile(r"(.)\1+")


def ascii_folded(text: str) -> str:
    """Round 12: Latin letters without their accents ("Gabès" "Gabes", "Médecins" "Medecins"): English names are
    read by ASCII patterns, which cut an accented name short ("Gab")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _collapse(key: str) -> str:
    return _REPEATS.sub(r"\1", key)


def _join(key: str, other: str) -> str:
    """``_collapse(key + other)`` for two collapsed skeletons: only their junction may repeat a class."""
    return key + other[1:] if key and other and key[-1] == other[0] else key + other


# "Abdel Rahman", "Abdulaziz", "Abdul-Karim": «عبد» and the article of the name after it (round 11)
_LATIN_ABD = re.compile(r"\babd(?:e|u|a|ou|o)l(?:[-\s]?(?=[a-z])|$)")


def latin_key(name: str) -> str:
    """Consonant skeleton of a Latin-script name."""
    text = _LATIN_ABD.sub("abd ", name.lower().replace("'", "").replace("`", ""))
    text = _LATIN_ARTICLE.sub("", text)
    for digraph, cls in _LATIN_DIGRAPHS:
        text = text.replace(digraph, cls)
    return _collapse("".join(_LATIN_CLASS.get(ch, ch if ch.isupper() else "") for ch in text))


@lru_cache(maxsize=16384)
def arabic_key(token: str) -> str:
    """Consonant skeleton of one normalised Arabic token, article ال dropped."""
    token = token[2:] if token.startswith("ال") and len(token) > 3 else token
    return _collapse("".join(_AR_CLASS.get(ch, "") for ch in token))


_LATIN_VOWELS = "aeiouy"
_AR_OPENING = "اأإآع"
_AR_CLOSING = "اىءهةيو"


def _shape_of_latin(name: str) -> tuple[bool, bool]:
    """(opens with a vowel, closes with one) of a Latin name, its article off ("Azraq": True, False)."""
    word = _LATIN_ARTICLE.sub("", name.lower().replace("'", "")).strip()
    if word.endswith("h") and len(word) > 2 and word[-2] in _LATIN_VOWELS:
        word = word[:-1]  # "Zarqah"
    return (word[:1] in _LATIN_VOWELS, word[-1:] in _LATIN_VOWELS)


def _shape_of_arabic(token: str) -> tuple[bool, bool]:
    """(opens with a vowel letter, closes with one) of an Arabic word, its article off («الأزرق»: True, False;
    «الزرقاء»: False, True), normalised."""
    word = token[2:] if token.startswith("ال") and len(token) > 3 else token
    return (word[:1] in _AR_OPENING, word[-1:] in _AR_CLOSING)


def closer_spelling(name: str, one: str, other: str) -> bool:
    """Round 12: of two Arabic words with the English name's skeleton, is ``one`` spelled closer to it than ``other``,
    by its opening and closing vowels ("Azraq" is «الأزرق» rather than «الزرقاء»; "Mayadin" is no closer to «مدينة»
    than to «الميادين»)?"""
    shape = _shape_of_latin(name)
    gaps = _latin_gaps(name)

    def fit(token: str) -> int:
        return sum(a == b for a, b in zip(shape, _shape_of_arabic(token), strict=True)) - _gap_conflicts(gaps, token)

    return fit(one) > fit(other)


def _latin_gaps(name: str) -> tuple[bool, ...]:
    """Round 14: between each two consonants of the name's skeleton, does the name write a vowel ("Qasr": K-S yes,
    S-R no)?"""
    text = _LATIN_ABD.sub("abd ", name.lower().replace("'", "").replace("`", ""))
    text = _LATIN_ARTICLE.sub("", text)
    for digraph, cls in _LATIN_DIGRAPHS:
        text = text.replace(digraph, cls)
    return _gaps(
        [_LATIN_CLASS.get(ch, ch if ch.isupper() else ("" if ch.isspace() or ch == "-" else "V")) for ch in text]
    )


def _gaps(classes: list[str]) -> tuple[bool, ...]:
    found: list[bool] = []
    last, between = "", False
    for cls in classes:
        if not cls:
            continue
        if cls == "V":
            between = True
            continue
        for part in cls:
            if last and part != last:
                found.append(between)
            last, between = part, False
    return tuple(found)


def _gap_conflicts(gaps: tuple[bool, ...], token: str) -> int:
    """Round 14: how many long vowels («ا», «و», «ي») the Arabic word writes between two consonants the Latin name
    writes together ("Qasr" is «القصر», not «القصير», whose «ي» stands between S and R); 0 when the two skeletons do
    not line up."""
    word = token[2:] if token.startswith("ال") and len(token) > 3 else token
    mine = _gaps([_AR_CLASS.get(ch, "V" if ch in "اويى" else "") for ch in word])
    if len(mine) != len(gaps):
        return 0
    return sum(theirs and not latin for latin, theirs in zip(gaps, mine, strict=True))


@lru_cache(maxsize=16384)
def arabic_name_key(name: str) -> str:
    """Consonant skeleton of a normalised Arabic name of one or more words («بنت جبيل» BNTKBL)."""
    return _collapse("".join(arabic_key(token) for token in name.split()))


@lru_cache(maxsize=8192)
def _token_keys(token: str) -> frozenset[str]:
    keys = {arabic_key(token)}
    for _, stem in clitic_parses(token):
        keys.add(arabic_key(stem))
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=256)
def _construct_keys(text: str) -> frozenset[str]:
    """Round 12: the skeletons of the text's words ending in «ة» (normalised «ه») with a t after them, as a construct
    reads it and English writes it ("Mir'at" «المرآة», "Maarat" «معرة»): matched exactly, never within an edit."""
    return frozenset(
        _join(key, "T")
        for token in re.findall(r"\w+", normalize_text(text))
        if token.endswith("ه") and len(token) >= 3 and (key := arabic_key(token))
    )


@lru_cache(maxsize=256)
def arabic_phrase_keys(text: str, max_words: int = 4) -> frozenset[str]:
    """Skeletons of every run of up to ``max_words`` Arabic words in ``text`` (clitics allowed on the first)."""
    tokens = re.findall(r"\w+", normalize_text(text))
    token_keys = [arabic_key(token) for token in tokens]  # each token's skeleton once, not once per run (speed)
    keys: set[str] = set()
    for i in range(len(tokens)):
        for first in _token_keys(tokens[i]):
            key = first
            keys.add(key)
            for j in range(i + 1, min(i + max_words, len(tokens))):
                key = _join(key, token_keys[j])
                keys.add(key)
    return frozenset(keys)


@lru_cache(maxsize=256)
def evidence_word_keys(text: str) -> frozenset[str]:
    """Skeletons of each single Arabic word of ``text`` (clitics and the article allowed, no multi-word runs)."""
    return frozenset(key for token in re.findall(r"\w+", normalize_text(text)) for key in _token_keys(token))


def acronym_spelled_in(acronym: str, text: str) -> bool:
    """An acronym read as a word and written so in Arabic: SANA «سانا», NATO «الناتو», OPEC «أوبك».

    Only for 4+ letters, and the Arabic word must have at least as many letters as the acronym (it spells
    the vowels out): «سنة» ("year") has the skeleton of SANA but not its length.
    """
    if _lettered(acronym).search(normalize_text(text)):
        return True  # session 15: read letter by letter: OQ «أوكيو», BBC «بي بي سي», FBI «إف بي آي»
    if len(acronym) < 4:
        return False
    key = latin_key(acronym.lower())
    if len(key) < 2:
        return False
    for token in re.findall(r"\w+", normalize_text(text)):
        for _, stem in ((None, token), *clitic_parses(token)):
            bare = stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
            if len(bare) >= len(acronym) and arabic_key(bare) == key:
                return True
    return False


# The Arabic names of the Latin letters (normalised: «أ» -> «ا», «ى» -> «ي»).
_LETTER_NAMES = {
    "A": "ايه|اي", "B": "بي", "C": "سي", "D": "دي", "E": "اي", "F": "اف", "G": "جي", "H": "اتش|اش", "I": "اي|آي",
    "J": "جي|جاي", "K": "كي|كيه|كاي", "L": "ال", "M": "ام", "N": "ان", "O": "او", "P": "بي", "Q": "كيو|كيه",
    "R": "ار", "S": "اس", "T": "تي", "U": "يو", "V": "في", "W": "دبليو", "X": "اكس", "Y": "واي", "Z": "زد|زي",
}  # fmt: skip


@lru_cache(maxsize=256)
def _lettered(acronym: str) -> re.Pattern[str]:
    """An acronym spelled letter by letter in Arabic, as one word or several («أوكيو», «بي بي سي»)."""
    if not acronym.isalpha() or not acronym.isupper() or not all(c in _LETTER_NAMES for c in acronym):
        return re.compile(r"(?!)")
    letters = r"\s*".join(f"(?:{_LETTER_NAMES[c]})" for c in acronym)
    return re.compile(rf"(?<!\w)(?:ال)?{letters}(?!\w)")


def _deletions(key: str) -> set[str]:
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


@lru_cache(maxsize=256)
def _key_alphabet(text: str) -> str:
    """Every class letter the text's phrase skeletons use."""
    return "".join(sorted(set("".join(arabic_phrase_keys(text)))))


def _sources(variant: str, keys: frozenset[str], alphabet: str) -> list[str]:
    """The skeletons of ``keys`` that ``variant`` is a deletion variant of (``_deletions``): the variant itself, or
    the variant with one class letter inserted.

    Two skeletons are one edit apart (a class added, dropped or changed) exactly when their deletion variants
    meet. Probing the few insertions of the name's own variants costs microseconds; indexing every deletion
    variant of every skeleton of an article cost ~10 ms an article (speed only: the same answers)."""
    found = [variant] if variant in keys else []
    for position in range(len(variant) + 1):
        head, tail = variant[:position], variant[position:]
        found += [key for letter in alphabet if (key := head + letter + tail) in keys]
    return found


def english_matches_arabic(name: str, arabic_text: str) -> bool:
    """Does the English ``name`` transliterate a name written in ``arabic_text``?"""
    exonym = EXONYMS.get(name.lower())
    if exonym is not None:
        return normalize_text(exonym) in normalize_text(arabic_text) or english_matches_arabic_key(
            latin_key(name), arabic_text
        )
    return english_matches_arabic_key(latin_key(name), arabic_text)


def english_matches_arabic_key(key: str, arabic_text: str) -> bool:
    """Equal skeletons; a demonym ending ("Syrian" SRN / «السوري» SR, "Sudanese" SDNS / «السوداني» SDN);
    or one class added, dropped or changed when both skeletons have 4+ classes (3+ for an added last class,
    "American" MRKN / «الأميركية» MRK). Round 11: English writes «ظ» and «ذ» as z where Egypt and the Levant say
    it so ("Mahfouz" «محفوظ», "Nazem" «ناظم»): a z is also tried as their class."""
    if len(key) < 2:
        return False
    if "Z" in key and _english_matches_arabic_key(key.replace("Z", "D"), arabic_text):
        return True
    return _english_matches_arabic_key(key, arabic_text)


def _english_matches_arabic_key(key: str, arabic_text: str) -> bool:
    keys, alphabet = arabic_phrase_keys(arabic_text), _key_alphabet(arabic_text)
    if key in keys or (len(key) >= 3 and key[-1] == "T" and key in _construct_keys(arabic_text)):
        return True
    for suffix in ("N", "NS", "S"):
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= 2 and stem in keys:
            return True
    for variant in _deletions(key):
        for candidate in _sources(variant, keys, alphabet):
            shortest = min(len(key), len(candidate))
            if shortest >= 4 or (shortest >= 3 and (key.startswith(candidate) or candidate.startswith(key))):
                return True
    return False


_WEAK_LETTERS = re.compile(r"[اويهءي]")


@lru_cache(maxsize=65536)
def arabic_root_key(token: str) -> str:
    """Letters of a token's stem without the weak letters ا و ي and ه: a crude root for "same word family"
    (remembered per word: every word of every article is asked)."""
    stems = [stem for _, stem in clitic_parses(token)]
    stem = min(stems, key=len)
    return _WEAK_LETTERS.sub("", stem)


# Words of translated organisation names, with the Arabic stems that translate them (normalised spelling).
# A translated name ("Interior Ministry", "Rapid Support Forces") is supported by evidence holding a
# translation of each of its words («وزارة الداخلية», «قوات الدعم السريع»). A short glossary, not a dictionary.
GLOSSARY = {
    "ministry": ("وزاره", "وزير"), "minister": ("وزير",), "interior": ("داخلي",), "defence": ("دفاع",),
    "defense": ("دفاع",), "health": ("صحه", "صحي"), "education": ("تربيه", "تعليم"), "foreign": ("خارجي",),
    "finance": ("ماليه",), "justice": ("عدل",), "forces": ("قوات", "قوي"), "force": ("قوه", "قوات"),
    "army": ("جيش",), "police": ("شرطه",), "security": ("امن", "امني"), "rapid": ("سريع",),
    "support": ("دعم", "اسناد"), "democratic": ("ديمقراطي",), "civil": ("مدني",), "red": ("احمر",),
    "crescent": ("هلال",), "cross": ("صليب",), "national": ("وطني",), "general": ("عام", "عامه"),
    "command": ("قياده",), "council": ("مجلس",), "local": ("محلي",), "committee": ("لجنه", "لجان"),
    "emergency": ("طوارئ", "طواري"), "room": ("غرفه",), "resistance": ("مقاومه",), "popular": ("شعبي",),
    "mobilisation": ("حشد",), "mobilization": ("حشد",), "front": ("جبهه",), "movement": ("حركه",),
    "party": ("حزب",), "group": ("جماعه", "مجموعه"), "state": ("دوله", "ولايه"), "islamic": ("اسلامي",),
    "liberation": ("تحرير",), "government": ("حكومه", "حكومي"), "agency": ("وكاله", "جهاز"),
    "office": ("مكتب", "ديوان"),
    "authority": ("سلطه", "هيئه", "جهاز", "مصلحه"),
    "brigade": ("لواء", "لوا", "فرقه"), "brigades": ("الويه", "كتائب", "كتايب"),
    "division": ("فرقه",), "army's": ("جيش",), "riot": ("شغب",), "coast": ("سواحل", "ساحل"),
    "guard": ("حرس",), "republican": ("جمهوري",), "presidential": ("رئاسي",), "counter": ("مكافحه",),
    "terrorism": ("ارهاب",), "service": ("جهاز", "خدمه"), "services": ("خدمات", "اجهزه"),
    "intelligence": ("مخابرات", "استخبارات"), "public": ("عام",), "prosecution": ("نيابه",),
    "white": ("بيض", "ابيض"), "helmets": ("خوذ",), "federal": ("اتحادي",), "military": ("عسكري",),
    "observatory": ("مرصد",), "directorate": ("مديري",), "coalition": ("تحالف",), "human": ("انسان",),
    "rights": ("حقوق",), "court": ("محكم",), "parliament": ("برلمان", "مجلس النواب", "مجلس الشعب"),
    "union": ("نقاب", "اتحاد"), "opposition": ("معارض",), "municipal": ("بلدي",), "network": ("شبك",),
    "committees": ("لجان",), "resistance's": ("مقاوم",), "department": ("دائره", "مديري", "قسم"),
    # ministries and bodies by their portfolio
    "internal": ("داخلي",), "commerce": ("تجاره",), "trade": ("تجاره",), "economy": ("اقتصاد",),
    # (round 16: the Maghreb's «الفلاحة» for agriculture, «الزيت» for (olive) oil)
    "oil": ("نفط", "زيت"), "energy": ("طاقه",), "agriculture": ("زراع", "فلاح"), "transport": ("نقل",),
    "water": ("مياه", "مايي"), "fisheries": ("صيد",),
    "electricity": ("كهرباء", "كهربا"), "communications": ("اتصالات",), "information": ("اعلام",),
    "culture": ("ثقاف",), "tourism": ("سياح",), "labour": ("عمل",), "labor": ("عمل",), "housing": ("اسكان",),
    "planning": ("تخطيط",), "environment": ("بييه",), "endowments": ("اوقاف",), "affairs": ("شوون",),
    "social": ("اجتماع",), "higher": ("عالي",), "youth": ("شباب",), "sports": ("رياض",), "media": ("اعلام",),
    # round 12: the Maghreb's «الديوان الوطني» (national office), «الفرقة الوطنية للشرطة القضائية» (brigade)
    "judicial": ("قضايي", "قضائي", "قضاء"), "judiciary": ("قضاء", "قضايي"),
    # round 12: adjectives of peoples and languages that name no country, and French names of bodies
    "arabic": ("عرب",), "arab": ("عرب",), "kurdish": ("كرد", "اكراد"), "kurds": ("كرد", "اكراد"),
    "electricite": ("كهرباء", "كهربا"), "medecins": ("اطباء",), "frontieres": ("حدود",),
    # round 14: «الأمانة العامة لمجلس التعاون لدول الخليج العربية», «مصلحة الجمارك»
    "gulf": ("خليج",), "cooperation": ("تعاون",), "secretariat": ("امانه",), "customs": ("جمارك",),
    "border": ("حدود",), "borders": ("حدود",), "navy": ("بحري",), "air": ("جوي", "طيران"),
}  # fmt: skip
# Round 10: the stems as normalised text writes them («هيئة» is «هييه» there, «مؤسسة» «موسسه»), kept as written too.
GLOSSARY = {word: tuple(dict.fromkeys((*stems, *map(normalize_text, stems)))) for word, stems in GLOSSARY.items()}
_GLOSSARY_STOP = {"of", "the", "for", "and", "al", "el"}


def translation_matches(phrase: str, arabic_text: str) -> bool:
    """Does ``arabic_text`` hold a translation of every word of the English ``phrase`` (per GLOSSARY)?"""
    words = [w.lower() for w in re.findall(r"[A-Za-z']+", phrase) if w.lower() not in _GLOSSARY_STOP]
    if not words or any(w not in GLOSSARY for w in words):
        return False
    text = normalize_text(arabic_text)
    return all(any(stem in text for stem in GLOSSARY[w]) for w in words)
