"""An Arabic dictionary, for telling an ordinary word from a name (round 11).

Arabic has no capitals: a paraphrase's own word («السياحية», «موضحاً», «وباشرت», «أهالي») that the article never
writes looks like a name wherever a name could stand («في منطقة سياحية»). Rules per word do not carry over to
articles the checker never saw; a dictionary does. ``data/lexicon.txt.gz`` holds ~58,000 ordinary Arabic words
(nouns with their feminine and broken plurals, verbs as past and imperfect stem, stop words), built from Arramooz
by ``scripts/build_lexicon.py``; words its corpus tags as proper nouns at least as often as anything else
(«خالد», «محمد», «بيروت») are left out, so they can still be names.

``ordinary(token)`` reads a normalised token with its clitics, a pronoun suffix, a plural, dual or feminine
ending and an imperfect's prefix taken off (each optional) and says whether some reading is a dictionary word that
is not rare in the dictionary's corpus (a rare one, «بكارة», may as well be a name).
"""

from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path

from summarizer.arabic import clitic_parses
from summarizer.claims import data_cache

LEXICON_FILE = Path(__file__).with_name("data") / "lexicon.txt.gz"

_PRONOUNS = ("هما", "هم", "هن", "كما", "كم", "ها", "نا", "ه", "ك", "ني")
# Plural, dual and verb endings («ون», «ات», «وا», «تم»); «ات», «تين», «تان» may stand for «ة» + plural or dual.
# No «ي» or «ن» alone: «المريعية» is no form of «مريع», nor «سرمدا» of «سرمد» (see ``_ACCUSATIVE``).
_ENDINGS = ("ون", "ين", "ان", "ات", "وا", "تا", "تم", "تن", "ت")
_MIN_STEM = 3
_PREPOSITIONS = frozenset({"ب", "ل", "ك"})


Tables = tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]
# Read once per process, as the gazetteer is: not an lru_cache, which the claims benchmark clears between digests
# to time a new digest (the text-keyed caches), and this table is keyed by nothing.
_TABLES: list[Tables] = []


def _tables() -> Tables:
    """(ordinary words, names, frequent words, rare words), normalised, read once per process: from the data cache
    (~17 ms) once the gzip text (~50 ms) has been read on this machine."""
    if not _TABLES:
        key = data_cache.input_key([LEXICON_FILE, Path(__file__)])
        _TABLES.append(data_cache.cached("lexicon", key, _read))
    return _TABLES[0]


def _read() -> Tables:
    words: set[str] = set()
    names: set[str] = set()
    frequent: set[str] = set()
    rare: set[str] = set()
    with gzip.open(LEXICON_FILE, "rt", encoding="utf-8") as handle:
        for line in handle:
            word = line.rstrip("\n")
            if not word or word[0] == "#":
                continue
            mark = word[0]
            if mark == "*":
                names.add(word[1:])
                continue
            if mark in "+~":
                word = word[1:]
                (frequent if mark == "+" else rare).add(word)
            words.add(word)
    return frozenset(words), frozenset(names), frozenset(frequent), frozenset(rare)


def lexicon() -> frozenset[str]:
    """The dictionary's words (normalised), rare ones included."""
    return _tables()[0]


def lexicon_names() -> frozenset[str]:
    """Dictionary words its corpus tags as proper nouns at least as often as anything else («خالد», «بيروت»)."""
    return _tables()[1]


def lexicon_header() -> str:
    """The file's first line: the package and version it was built from, and how many words."""
    with gzip.open(LEXICON_FILE, "rt", encoding="utf-8") as handle:
        return handle.readline().rstrip("\n")


def _accusative(form: str) -> bool:
    """«موضحاً», «عسكرياً», «مؤكداً»: the adverbial accusative's alef (its tanwin gone in normalised text) on a
    participle («م…») or a nisba («…ي»). A name ending in «ا» («سرمدا», «درعا») is neither."""
    return form.endswith("ا") and len(form) >= 5 and (form[0] == "م" or form[-2] == "ي")


def _readings(token: str, prepositions: bool = True) -> set[str]:
    """The token and its stems: clitics off, then a pronoun suffix, then an ending, then an imperfect's prefix."""
    forms: set[str] = set()
    for chain, stem in clitic_parses(token):
        if not prepositions and chain & _PREPOSITIONS:
            continue
        todo = [stem]
        if _accusative(stem):
            todo.append(stem[:-1])
        for suffix in _PRONOUNS:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _MIN_STEM:
                bare = stem[: -len(suffix)]
                todo.append(bare)
                if bare.endswith("ت"):
                    todo.append(bare[:-1] + "ه")  # «وزارته» -> «وزاره»
        for form in list(todo):
            for ending in _ENDINGS:
                if form.endswith(ending) and len(form) - len(ending) >= _MIN_STEM:
                    bare = form[: -len(ending)]
                    todo.append(bare)
                    if ending == "ات":
                        todo.append(bare + "ه")  # «روايات» -> «روايه»
                    elif ending in ("ين", "ان") and bare.endswith("ت"):
                        todo.append(bare[:-1] + "ه")  # «العشيرتين» -> «عشيره»
        for form in list(todo):
            if form[:1] in "يتنا" and len(form) > _MIN_STEM:
                todo.append(form[1:])  # «يعلن» -> «علن», «تتبنى» -> «تبني»
        forms.update(todo)
    return forms


@lru_cache(maxsize=16384)
def ordinary(token: str, prepositions: bool = True) -> bool:
    """Is the normalised ``token`` (clitics allowed) a form of an ordinary Arabic word of the dictionary, and not,
    with its clitics off, a word the dictionary's corpus reads mostly as a name? Without ``prepositions``, no
    reading takes «ب», «ل» or «ك» off (a construct's second word carries none: «سوق بكارة» is no «ب» + «كارة»)."""
    words, names, _, rare = _tables()
    if any(stem in names for chain, stem in clitic_parses(token) if not chain & _PREPOSITIONS):
        return False  # «وخالد», «الرياض»; not «بيان» read as «ب» + «يان»
    return any(form in words and form not in rare for form in _readings(token, prepositions))


@lru_cache(maxsize=16384)
def dictionary_word(token: str) -> bool:
    """Stricter than ``ordinary``: the token, its clitics off but no ending taken off, is a frequent dictionary word
    («الأساس», «بصورة», «لعبور»), and no name of the corpus; «ذيبان» (a town) is not «ذيب» + a dual ending here, nor
    is «الصبيحة» (a village; «صبيحة», "morning", is rare) a word before a place."""
    _, names, frequent, _ = _tables()
    stems = [stem for _, stem in clitic_parses(token)]
    return any(stem in frequent for stem in stems) and not any(stem in names for stem in stems)
