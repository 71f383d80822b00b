"""A person the bullet credits whom the article names elsewhere, where the evidence credits another named person
(round 13, ``name.speaker_person``, a warning until measured).

Why: on round 12's held-out, same-article swaps of a *named person* as the speaker went unseen («قالت النائبة رهف
الزعبي» for «وقال البطاينة», «أكد الخبير حسن الخطابي» for «وأكدت الإدريسي», "Ali Hammami, secretary-general of the
regional union, blamed" for «وحمّل الكاتب العام للاتحاد الجهوي، محمد الصغير ساسي»): the article's name checks
know people only after a title cue (``arabic_names``), and a swapped-in person introduced in apposition («الناطق
باسم شركة ...، علي الهمامي،») is none of them; ``speakers`` compares roles, and a person by name has none.

How (all of it, or no finding):

- the bullet's speaker (``speakers.bullet_speakers``; in English also a name that opens the bullet before a comma,
  "Ali Hammami, secretary-general of ...,") carries a person's name word: Arabic, a word no ordinary word of the
  dictionary reads (``lexicon.ordinary``) and no known place or body; English, a capitalised word that is no common
  English word nor a known name, whose skeleton is exactly that of an article word;
- that word is written in the article, and nowhere in the evidence's sentences nor in its paragraph before it
  (``referents.antecedent``): a person from elsewhere, not one the window refers back to («وأضاف الوزير»);
- the evidence's own sentence credits someone by a name word of the same kind (after its verb of saying, its
  apposition included: «وقال المتحدث باسم خفر السواحل، العقيد مسعود عبد الصمد، إن») that the bullet nowhere
  writes: a window that credits a title alone («وقال الوزير») or no one is never read;
- the two words never stand together in the article as one person's name («يزن الخطيب»: "al-Khatib said" for «قال
  منسق الحملة يزن»).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.article_index import article_index
from summarizer.claims.english import is_common_english
from summarizer.claims.gazetteer import gazetteer
from summarizer.claims.lexicon import dictionary_word, ordinary
from summarizer.claims.names import arabic_name_key, arabic_phrase_keys, english_matches_arabic, latin_key
from summarizer.claims.referents import antecedent
from summarizer.claims.speakers import AR_VERB, bullet_speakers, speaker_roles, windows_context
from summarizer.units import overlapped_text

_CLITICS = ("", "و", "ف", "ب", "ل")
# The evidence's speaker: the words after its verb of saying, to «إن/أن» or the sentence's end (an apposition after
# a comma included), at most this many.
_SUBJECT_WORDS = 20
_SUBJECT_END = re.compile(r"(?<!\w)(?P<that>ان|انه|انها|انهم|بان)(?!\w)|[.؟!:\n«»\"]")
# A relative the bullet names its speaker by («أرملة نور الدين القاسمي», «محامي المتهم»: a construct, no «ال»;
# "the widow of", "a lawyer for"): the name is the relative's, not the speaker's.
_AR_RELATION = re.compile(
    r"^(?:[وفبل])?(?:ارمله|زوجه|زوج|شقيق|شقيقه|والد|والده|ابن|ابنه|نجل|عايله|عائله|اسره|ذوو|ذوي|اقارب|محامي|محاميه"
    r"|وكيل|موكل|رفاق|زملاء|جيران|اصدقاء|صديق|مساعد|مستشار|نايب|مكتب|حزب|حركه|انصار|انصاري)$"
)
_EN_RELATION = re.compile(r"\b(?:of|for|to)\s+(?:the\s+)?$", re.I)
_EN_OPENING = re.compile(r"^((?:[A-Z][\w'’-]+\s+){0,3}(?:(?:al|el|Al|El)-)?[A-Z][\w'’-]+),")
_EN_WORD = re.compile(r"\b(?:(?:al|el|Al|El)-)?([A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)?)")


def _bare(token: str) -> str:
    return token[2:] if token.startswith("ال") and len(token) > 4 else token


@functools.lru_cache(maxsize=8192)
def _arabic_name_word(token: str, strict: bool = True) -> bool:
    """A normalised Arabic word that reads as a person's name: 4+ letters, no known place or body, no role
    («المتحدث», «الوزير»), no verb of saying; ``strict``: no ordinary word of the dictionary (``lexicon.ordinary``),
    else no frequent one (``lexicon.dictionary_word``: a family name that is also an adjective, «الخطابي»)."""
    return (
        len(token) >= 4
        and not (ordinary(token) if strict else dictionary_word(token))
        and not gazetteer().arabic_hits(token)
        and not speaker_roles(token)
        and not AR_VERB.fullmatch(token)
    )


def _family_name(token: str, article: str) -> bool:
    """Round 14: a word after the first of a person's name the article writes after a title («وزير الدولة لشؤون
    الدفاع، حسن محمود عدن»), whatever else it reads as (Aden): «وقال عدن» credits that person."""
    from summarizer.claims.arabic_names import article_name_kinds

    bare = re.sub(r"^[وف]", "", token)
    return len(bare) >= 3 and any(
        kind == "person" and bare in name.split()[1:] for name, kind in article_name_kinds(article).items()
    )


def _written(word: str, words: frozenset[str]) -> bool:
    """Is the normalised ``word`` (with or without «ال») one of ``words``, a conjunction or a preposition allowed?"""
    bare = _bare(word)
    forms = {bare, "ال" + bare}
    return any(c + f in words for c in _CLITICS for f in forms)


def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", normalize_text(text)))


def _subjects(context: str) -> list[str]:
    """The evidence's speakers: for each verb of saying in its sentences, the words after it (module docstring)."""
    norm = normalize_text(context)
    found = []
    for match in AR_VERB.finditer(norm):
        rest = norm[match.end() : match.end() + 240]
        end = _SUBJECT_END.search(rest)
        if end is None or end.group("that") is None:
            continue  # round 13: a speaker only where «إن/أن» closes it («وأعلن الجيش مقتل ...»: an object follows)
        words = re.findall(r"\w+", rest[: end.start()])
        if words and len(words) <= _SUBJECT_WORDS:
            found.append(" ".join(words))
    return found


def _relative(phrase: str, name: str, arabic: bool, subjects: list[str]) -> bool:
    """Does the bullet name ``name`` as a relative of its speaker (``_AR_RELATION``, ``_EN_RELATION``), where no
    evidence speaker is named by the same relation? Then the name is no speaker's."""
    if not arabic:
        at = phrase.find(name)
        return at > 0 and bool(_EN_RELATION.search(phrase[:at]))
    words = phrase.split()
    at = words.index(name) if name in words else -1
    relations = {w for w in words[:at] if _AR_RELATION.match(w)} if at > 0 else set()
    return bool(relations) and not any(relations & set(subject.split()) for subject in subjects)


def _together(first: str, second: str, article_words: Sequence[str]) -> bool:
    """Do the two words stand within two words of each other somewhere in the article (one person's name)?"""
    a, b = _bare(first), _bare(second)
    at_a = [i for i, w in enumerate(article_words) if _bare(w).endswith(a) and len(_bare(w)) - len(a) <= 2]
    at_b = [i for i, w in enumerate(article_words) if _bare(w).endswith(b) and len(_bare(w)) - len(b) <= 2]
    return any(abs(i - j) <= 2 for i in at_a for j in at_b)


_EN_RUN = re.compile(r"(?:(?:(?:al|el|Al|El)-)?[A-Z][a-z'’]+(?:\s+|$)){1,3}")


def _english_people(bullet: str) -> list[tuple[str, str]]:
    """(the speaker phrase, a person's name in it: a run of capitalised words, no common English word nor known
    name among them) for an English bullet."""
    phrases = list(bullet_speakers(bullet))
    if opening := _EN_OPENING.match(bullet):
        phrases.append(opening.group(1))
    table = gazetteer()
    found = []
    for phrase in phrases:
        for match in _EN_RUN.finditer(phrase):
            run = match.group(0).strip()
            words = [re.sub(r"^(?:al|el|Al|El)-", "", w) for w in run.split()]
            if any(table.english_entries(w) for w in words):
                continue
            # every word a name's, or the first a common word that is also a first name ("James Lual", "Said
            # Ahmed"): the last word is none, and the run is read whole
            common = [is_common_english(w) for w in words]
            if common[-1] or (any(common) and (len(words) < 2 or any(common[1:]))):
                continue
            if len(latin_key(run)) >= 3:
                found.append((phrase, run))
    return found


@functools.lru_cache(maxsize=4096)
def swapped_person(
    bullet: str, evidence: str, article: str, offsets: tuple[tuple[int, int], ...]
) -> tuple[str, str] | None:
    """(the bullet's speaker phrase, the evidence's) when the bullet credits a person the article names elsewhere
    and the evidence's sentence credits another named person (module docstring)."""
    if not offsets:
        return None
    arabic = mostly_arabic(bullet)
    article_words = article_index(article).words
    if arabic:
        mine = [
            (phrase, token)
            for phrase in bullet_speakers(bullet)
            for token in phrase.split()
            if _arabic_name_word(token, strict=False) and _written(token, article_words)
        ]
    else:
        mine = [
            (phrase, run) for phrase, run in _english_people(bullet) if latin_key(run) in arabic_phrase_keys(article)
        ]
    if not mine:
        return None  # (speed: the evidence's sentences are read only for a bullet crediting a person by name)
    around = f"{overlapped_text(article, offsets)} … {evidence} … {antecedent(evidence, article)}"
    candidates: list[tuple[str, str]] = []
    if arabic:
        around_words = _words(around)
        candidates = [(phrase, token) for phrase, token in mine if not _written(token, around_words)]
    else:
        around_keys = arabic_phrase_keys(around)
        for phrase, run in mine:
            if latin_key(run) in around_keys or _relative(phrase, run, False, []):
                continue  # (a relative: "the widow of X said")
            last = latin_key(run.split()[-1])
            written = [t for t in article_index(article).tokens if arabic_name_key(_bare(t)) == last]
            candidates += [(phrase, written[0])] if written else []
    if not candidates:
        return None
    bullet_words = _words(bullet)
    article_tokens = article_index(article).tokens
    windows = normalize_text(" … ".join(article[s:e] for s, e in offsets))
    subjects = _subjects(windows_context(offsets, article)) or _subjects(windows)
    candidates = [(phrase, person) for phrase, person in candidates if not _relative(phrase, person, arabic, subjects)]
    for subject in subjects:
        theirs = [w for w in subject.split() if _arabic_name_word(w) or _family_name(w, article)]
        if arabic:
            theirs = [w for w in theirs if not _written(w, bullet_words)]
        else:
            theirs = [
                w for w in theirs if not any(english_matches_arabic(m.group(1), w) for m in _EN_WORD.finditer(bullet))
            ]
        if not theirs:
            continue
        for phrase, person in candidates:
            if not any(_together(person, other, article_tokens) for other in theirs):
                return phrase, subject
    return None
