"""What a cited window refers back to (round 12): the name a bullet rightly takes from before its evidence.

Arabic news names someone or something once and then refers back to it: by a definite head noun («وقالت الشبكة»
for «شبكة أطباء السودان», «باسم الوزارة» for «وزارة التربية والتعليم»; a place's, «سكان المخيم» for «مخيم
الزعتري», is read by ``naming._referent`` and ``places``), by a
verb with no written subject («وأضاف أن», «وحذّر من»), a participle («مشيرة إلى», «متهماً») or a pronoun («لقائدها»,
«باسمه»). A faithful bullet writes the name out ("the Sudan Doctors Network said", "Rawashdeh warned"); the name
checks, which read only the window, took it for a name from elsewhere (a swap) on new articles.

Two readings, both from the article's own text before the window (nothing is guessed):

- ``referred``: each bare definite head noun of an organisation or a group in a window («الشبكة», «الوزارة»,
  «الحركة»; not «المجلس الرئاسي», which names its own), the window not writing it indefinitely, stands for a
  «شبكة ...» the article wrote before it (bare, or definite with a name after it: «المفوضية السامية ...»): the
  one whose name it mentioned last. That phrase (the head and up to six words, an appositive name after a comma
  included) is read as part of the evidence by the name checks. (A place's «البلدة», «المدينة» is read where
  the place slots are, ``naming._referent`` and ``places``, by the same rule: «وكانت المدينة» after «الأسر الفارة
  من بارا» is Bara, though «مدينة الأبيض» was written after «مدينة بارا».)
- ``antecedent``: the text before each window in its paragraph (at most ``_PARAGRAPH`` characters): where the
  window's subject, or the one its verb or pronoun refers back to, is written («وانتهت الوقفة» after the
  paragraph opened on the protest in Raqqa). A name from there counts only when the window names no rival of its
  kind (``naming._the_subject``): a name added, not one replaced.
"""

from __future__ import annotations

import functools
import re

from summarizer.arabic import normalize_text
from summarizer.claims.speakers import AR_VERB as _VERB

_HEADS = frozenset(
    normalize_text(w)
    for w in (  # noqa: SIM905
        # organisations («الوزارة», «الشبكة», «المفوضية»)
        "وزارة جهاز تجمع منظمة بعثة هيئة مديرية مرصد مجلس قيادة لجنة غرفة شبكة مفوضية وكالة مكتب محكمة نقابة "
        "اتحاد رابطة جمعية مؤسسة تحالف ائتلاف شركة حركة جماعة تنظيم حزب مستشفى جامعة "
        # round 12: titles («ولم يستبعد الوالي» for «والي قابس، عادل الزواري»)
        "والي محافظ وزير قائد مدير "
        # round 13: a region named once («حكومة إقليم كردستان») and then «الإقليم» (round 12's held-out); likewise
        # a state, a crossing, a dam, a port, an airport, a field («ولاية غرب كردفان» ... «الولاية»)
        "إقليم ولاية معبر سد ميناء مطار حقل"
    ).split()  # (a place's «البلدة», «المخيم» is read where the place slots are: ``naming._referent``, ``places``)
)
_DEFINITE = re.compile(
    r"(?<!\w)(?:[وفب]|وب|فب)?(?:ال|لل)(" + "|".join(sorted(_HEADS, key=len, reverse=True)) + r")(?!\w)"
)
_NAMED_AFTER = re.compile(r"\s+(?:ال|لل)\w{3,}")
_TOKENS = re.compile(r"\w+|[.,،؛;:!?؟()\"«»\n]")
_LOOK_BACK = 4000
_PARAGRAPH = 1000
_PHRASE_WORDS = 6
_STOP = frozenset(
    normalize_text(w)
    for w in "في من إلى الى على عن إن أن ان قد التي الذي الذين يوم منذ بعد قبل خلال و ثم كما حيث مع".split()  # noqa: SIM905
)


def _windows(evidence: str, article: str) -> list[tuple[int, int]]:
    """Where each window of ``evidence`` (spans joined by « … », as the checker joins them) lies in the article."""
    found = []
    for span in evidence.split(" … "):
        at = article.find(span) if span else -1
        if at >= 0:
            found.append((at, at + len(span)))
    return found


def _phrase(tokens: list[str], start: int) -> str:
    """The head at ``tokens[start]`` and the words of its name after it: up to four words, to punctuation or a
    function word; an appositive after a comma («الناطق باسم الوزارة، عمر الخوالدة،») is taken too."""
    words = [tokens[start]]
    i = start + 1
    while i < len(tokens) and len(words) <= _PHRASE_WORDS:
        token = tokens[i]
        if token in ("،", ","):
            close = [j for j in range(i + 1, min(i + 8, len(tokens))) if tokens[j] in ("،", ",", ".", "\n", "؛")]
            apposed = tokens[i + 1 : close[0]] if close else []
            if apposed and all(t[0].isalnum() for t in apposed) and not _VERB.search(" ".join(apposed)):
                words += apposed  # «الناطق باسم الوزارة، عمر الخوالدة،»; not «في مخيم الزعتري، قال أبو يزن،»
            break
        if not token[0].isalnum() or token in _STOP:
            break
        words.append(token)
        i += 1
    return " ".join(words)


@functools.lru_cache(maxsize=256)
def _forms(head: str) -> frozenset[str]:
    """A head noun as a word may be written: bare or definite, after a conjunction or a preposition («وللوزارة»)."""
    bases = {head, "ال" + head, "ل" + head}
    return frozenset(c + b for b in bases for c in ("", "و", "ف", "ب", "ل", "وب", "ول", "فب"))


def _named(phrase: list[str], head: str) -> bool:
    """A head with a name after it: any word after a bare head («شبكة أطباء», «والي قابس»), a definite word after
    a definite one («المفوضية السامية», «للأمم»; not «الوزارة ستنهي», a verb)."""
    if len(phrase) < 2:
        return False
    definite = phrase[0].endswith(("ال" + head, "لل" + head))
    return not definite or phrase[1].startswith(("ال", "لل", "وال"))


def _salient(before: list[str], head: str) -> str | None:
    """Of the names the text before the window introduces with this head noun («مدينة بارا», «مدينة الأبيض»), the
    one mentioned last (by its name's first word, anywhere: «الأسر الفارة من بارا»): what «المدينة» then refers to."""
    introduced: dict[str, str] = {}  # the name's first word -> the phrase
    forms = _forms(head)
    for i, token in enumerate(before):
        if token in forms and _named(phrase := _phrase(before, i).split(), head):
            introduced[phrase[1]] = " ".join(phrase)
    if not introduced:
        return None
    last = {}
    for i, token in enumerate(before):
        for word in introduced:
            if token == word or (token[1:] == word and token[0] in "وفبل") or token[2:] == word:
                last[word] = i
    return introduced[max(introduced, key=lambda w: last.get(w, -1))]


@functools.lru_cache(maxsize=2048)
def referred(evidence: str, article: str) -> str:
    """The phrases the evidence's definite head nouns refer back to («الشبكة» -> «شبكة اطباء السودان»), joined by
    « … »; empty when none (module docstring)."""
    phrases = []
    for start, end in _windows(evidence, article):
        window = normalize_text(article[start:end])
        # a bare definite head refers back; one with a definite word after it names its own («المجلس الرئاسي»)
        heads = {m.group(1) for m in _DEFINITE.finditer(window) if not _NAMED_AFTER.match(window, m.end())}
        if not heads:
            continue
        before = _TOKENS.findall(normalize_text(article[max(0, start - _LOOK_BACK) : start]))
        for head in sorted(heads):
            if re.search(rf"(?<!\w)(?:[وفبل]|وب)?{head}(?!\w)", window):
                continue  # the window names its own «وزارة ...»: «الوزارة» refers to it
            if (phrase := _salient(before, head)) is not None:
                phrases.append(phrase)
    return " … ".join(dict.fromkeys(phrases))


@functools.lru_cache(maxsize=2048)
def antecedent(evidence: str, article: str) -> str:
    """The text before each window in its paragraph, at most ``_PARAGRAPH`` characters (« … » between windows):
    where a subject the window leaves out, or refers back to, is written."""
    parts = []
    for start, _ in _windows(evidence, article):
        paragraph = max(article.rfind("\n", 0, start) + 1, start - _PARAGRAPH)
        begin = paragraph
        if article[begin:start].strip():
            parts.append(article[begin:start])
    return " … ".join(parts)
