"""A body the article names elsewhere, put where the evidence names another: councils, directorates, networks.

Why (round 9): ``institutions.bodies_from_elsewhere`` knows a table of bodies (ministries by topic, the army, the
police) and, in Arabic, only speaks where the evidence credits a body by the same kind of head noun. Swaps of the
article's own bodies by other head nouns pass: "the health directorate said" for the toll the local council gave,
"the local civil council" for the Manbij Military Council, «المرصد السوري» for «سانا». Here a body is read by its head
noun (council «مجلس», directorate «مديرية», observatory «مرصد», ...) and its modifiers (local «محلي», military
«عسكري», ...), and is a swap when the article writes that head (or that head with that modifier) and the cited
evidence does not. A warning (``name.body_swap``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import normalize_text
from summarizer.claims.names import GLOSSARY

# English head nouns of bodies, with the Arabic stems that write them (a body's head, never a person's title).
_EN_HEADS = {
    "council": ("مجلس",),
    "councils": ("مجالس", "مجلس"),
    "directorate": ("مديري",),
    "authorities": ("سلطات",),
    "union": ("نقاب", "اتحاد"),
    "unions": ("نقابات", "نقاب"),
    "syndicate": ("نقاب",),
    "police": ("شرطه",),
    "network": ("شبك",),
    "observatory": ("مرصد",),
    "command": ("قياده",),
    "committee": ("لجنه",),
    "committees": ("لجان",),
    "panel": ("فريق", "لجنه"),
    "cell": ("خلي",),
    "corporation": ("مؤسس", "موسس"),
    "centre": ("مركز",),
    "center": ("مركز",),
    "department": ("دائره", "مديري", "قسم"),
}
# Modifiers a body's English name translates word for word (``names.GLOSSARY``) and a few it lacks.
_EN_MODIFIERS = {**GLOSSARY, "joint": ("مشترك",), "professional": ("مهني",), "expert": ("خبراء", "خبير")}
# Words that only describe the head, never name another body.
_EN_NEUTRAL = {"the", "a", "an", "of", "its", "their", "his", "her", "this", "that", "said", "which", "and"}

# Arabic head nouns of bodies («مجلس منبج العسكري», «مديرية الصحة», «المرصد السوري»), normalised.
_AR_HEADS = {
    normalize_text(w)
    for w in "مجلس مديرية مرصد شبكة قيادة هيئة جهاز نقابة لجنة مكتب فريق شرطة".split()  # noqa: SIM905
}


# A head noun with its clitics and article: «والمرصد», «لمديرية», «بالمجلس».
_AR_HEAD = re.compile(r"(?:[وف]?(?:ب|ل)?(?:ال|ل)?)(" + "|".join(sorted(_AR_HEADS)) + r")")


def _ar_head(token: str) -> str | None:
    """The head noun a token writes («والمرصد» -> «مرصد»), or None."""
    match = _AR_HEAD.fullmatch(token)
    return match.group(1) if match else None


def _ar_bodies(text: str) -> list[tuple[str, str]]:
    """(head, the word after it) for each body an Arabic text writes: «مجلس منبج», «مرصد السوري»."""
    tokens = re.findall(r"\w+", normalize_text(text))
    found = []
    for i, token in enumerate(tokens):
        head = _ar_head(token)
        if head is None or i + 1 >= len(tokens) or len(tokens[i + 1]) < 3:
            continue
        after = tokens[i + 1]
        if "ال" not in token and not after.startswith(("ال", "لل")) and after.endswith(("يه", "ي")):
            continue  # «شبكة محلية»: a head and its adjective describe a kind of body, they name none
        found.append((head, re.sub(r"^(?:ال|لل)", "", after)))
    return found


def named_alone(word: str, stated: str) -> bool:
    """Round 12: does the normalised evidence write ``word`` (a body's name word, «محكمه» of «هيئة المحكمة»)
    definite and alone, no head noun of another body before it («أمام المحكمة»; not «مديرية الصحة» for «وزارة
    الصحة»)? Then it names that body by its own noun."""
    if len(word) < 4 or word.endswith(("ي", "يه")):
        return False  # a nisba describes («المرصد السوري», «العلم السوري»): it names no body alone
    tokens = re.findall(r"\w+", stated)
    for i, token in enumerate(tokens):
        if re.fullmatch(rf"(?:[وفبلك]|وب)?(?:ال|لل){re.escape(word)}", token):
            before = tokens[i - 1] if i else ""
            if _ar_head(before) is None and not _ORG_HEAD.fullmatch(before):
                return True
    return False


# Heads of organisations besides bodies' («وزارة الصحة», «مديرية الصحة»): a word after one is that body's name.
_ORG_HEAD = re.compile(
    r"(?:[وف]?(?:ب|ل)?(?:ال|ل)?)(?:وزاره|مديريه|هييه|جهاز|دايره|قسم|مصلحه|سلطه|سلطات|اداره|مؤسسه|موسسه|شركه|وكاله"
    r"|منظمه|بعثه|رابطه|جمعيه|اتحاد|نقابه|غرفه|محكمه|نيابه)"
)


@lru_cache(maxsize=64)
def _article_bodies(article: str) -> frozenset[tuple[str, str]]:
    return frozenset(_ar_bodies(article))


def _writes(head: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w)(?:[وفبل]|وب|لل)?(?:ال)?{head}(?!\w)", text))


def _arabic(bullet: str, evidence: str, article: str, sentences: str = "") -> list[str]:
    stated, around = normalize_text(evidence), normalize_text(sentences)
    written = _article_bodies(article)
    found = []
    for head, word in _ar_bodies(bullet):
        if (head, word) not in written or (_writes(head, stated) and word in stated):
            continue
        if not _writes(head, stated) and _writes(head, around) and word in around:
            continue  # round 12: named in the window's sentence, and the window names no body of this head
        if named_alone(word, stated):
            continue  # round 12: «أمام هيئة المحكمة» for «أمام المحكمة»: the body by its own noun, no head before it
        if _writes(head, stated) and not any(h == head for h, _ in _ar_bodies(evidence)):
            continue  # «المجلس» alone refers back to the body the bullet names
        found.append(f"{head} {word}")
    return found


_EN_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def _english(bullet: str, evidence: str, article: str, sentences: str = "") -> list[str]:
    stated, written, around = normalize_text(evidence), normalize_text(article), normalize_text(sentences)
    words = _EN_WORD.findall(bullet)
    found = []
    for i, word in enumerate(words):
        head = word.lower()
        if head not in _EN_HEADS:
            continue
        forms = _EN_HEADS[head]
        modifiers = []
        proper = False  # a capitalised word in the name ("Joint Operations Command", "Syrian authorities")
        for before in reversed(words[max(0, i - 3) : i]):
            lower = before.lower()
            if lower in _EN_MODIFIERS and lower not in _EN_NEUTRAL:
                modifiers.append(lower)
            elif before[0].isupper() and lower not in _EN_NEUTRAL:
                proper = True
            else:
                break
        phrase = " ".join([*reversed(modifiers), word])
        if not any(f in stated for f in forms):
            # "riot police" for «قوات مكافحة الشغب»: a modifier the evidence writes tells the same body by other words
            told = any(s in stated for m in modifiers for s in _EN_MODIFIERS[m])
            named = modifiers or proper or word[0].isupper() or _refers_to_one(words, i)
            # round 12: the window's sentence names it («وقالت الشبكة ...، وإن مستشفى ...»), the window no body of it
            said = any(f in around for f in forms) and all(
                any(s in around for s in _EN_MODIFIERS[m]) for m in modifiers
            )
            if any(f in written for f in forms) and not told and named and not said:
                found.append(phrase)
            continue
        for modifier in modifiers:
            stems = _EN_MODIFIERS[modifier]
            if not any(s in stated for s in stems) and any(
                re.search(rf"{f}\w*\s+(?:\w+\s+)?\w*{s}", written) for f in forms for s in stems
            ):
                found.append(phrase)
                break
    return found


def _refers_to_one(words: list[str], i: int) -> bool:
    """ "the council", "the police": a definite head names one body (not "councils of elders")."""
    return i > 0 and words[i - 1].lower() == "the"


@lru_cache(maxsize=4096)
def swapped_bodies(bullet: str, evidence: str, article: str, sentences: str = "") -> tuple[str, ...]:
    """The bodies a bullet names by a head noun (and modifiers) that the article writes and its evidence does not.
    Round 12: with ``sentences`` (the text of the sentences the windows lie in), a body named there outside the
    window, whose head the window does not write, is the window's own (the speaker of «وقالت الشبكة في بيان إن ...،
    وإن مستشفى ...»); a window writing the head («المجلس») names a body of its own, which a swap replaces."""
    arabic = len(re.findall(r"[\u0621-\u064A]", bullet)) > len(re.findall(r"[A-Za-z]", bullet))
    reading = _arabic if arabic else _english
    return tuple(reading(bullet, evidence, article, sentences))
