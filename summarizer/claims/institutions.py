"""Governments' seats and international bodies ("the Pentagon", «البيت الأبيض», NATO) a bullet names.

Why: real models put a body from another article into a bullet ("The Pentagon denied ..." in a Sudanese one) and
the name rules only know countries, places, agencies and armed groups. The table is hand-kept
(``data/institutions.json``: no package publishes these bodies with their Arabic names). A bullet that names one
its evidence never writes gets ``name.institution``, a warning until measured.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from pathlib import Path

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.numbers import quantities

_AR_PREFIX = r"(?<!\w)(?:[وفبل]|وب|لل(?=\w))?"


@functools.cache
def _table() -> tuple[tuple[str, re.Pattern[str], re.Pattern[str]], ...]:
    """(id, English pattern, Arabic pattern on normalised text) per body, read once on first use."""
    data = json.loads((Path(__file__).resolve().parent / "data" / "institutions.json").read_text(encoding="utf-8"))
    table = []
    for body in data["institutions"]:
        english = "|".join(
            re.escape(name) if name.isupper() else "(?i:" + re.escape(name) + ")"
            for name in sorted(body["en"], key=len, reverse=True)
        )
        arabic = "|".join(re.escape(normalize_text(name)) for name in sorted(body["ar"], key=len, reverse=True))
        table.append(
            (body["id"], re.compile(r"\b(?:" + english + r")\b"), re.compile(_AR_PREFIX + "(?:" + arabic + r")(?!\w)"))
        )
    return tuple(table)


def unsupported_institutions(bullet: str, evidence: str, article: str = "") -> list[str]:
    """The bodies the bullet names (as it writes them) that its evidence does not write in Arabic. Round 11: the
    evidence may refer back to a body the article names, by its head noun with the article («وأضافت أن المفوضية»
    for «المفوضية السامية للأمم المتحدة لشؤون اللاجئين» named before)."""
    arabic = mostly_arabic(bullet)
    text = normalize_text(bullet) if arabic else bullet
    stated = normalize_text(evidence)
    found = []
    for _, english, arabic_form in _table():
        match = (arabic_form if arabic else english).search(text)
        if match and not arabic_form.search(stated) and not _referred_back(arabic_form, stated, article):
            found.append(match.group(0))
    return found


def _referred_back(arabic_form: re.Pattern[str], stated: str, article: str) -> bool:
    """The article writes the body, and the evidence writes the head noun of that form with the article."""
    written = arabic_form.search(normalize_text(article)) if article else None
    if written is None:
        return False
    head = re.sub(r"^(?:[وفبل]|وب|لل)?(?:ال)?", "", written.group(0).split()[0])
    return len(head) >= 3 and re.search(rf"(?<!\w)(?:[وفبل]|وب)?(?:ال|لل){re.escape(head)}(?!\w)", stated) is not None


# Round 7: a body from another sentence of the same article in a role the evidence gives to someone else ("the
# commerce ministry" for the foreign ministry the window names, "the army said" for a toll the resistance
# committees gave, the port authorities for the electricity company). These bodies are common nouns, so the name
# rules (capitalised runs, the gazetteer) never see them. English form -> the Arabic words that carry it.
_MINISTRY_TOPICS = {
    r"foreign(?: affairs)?": "الخارجيه",
    r"interior": "الداخليه",
    r"defen[cs]e": "الدفاع",
    r"finance": "الماليه",
    r"oil": "النفط",
    r"(?:commerce|trade)": "التجاره",
    r"health": "الصحه",
    r"education": "(?:التربيه|التعليم)",
    r"justice": "العدل",
    r"electricity": "الكهرباء",
    r"information": "الاعلام",
    r"agriculture": "الزراعه",
    r"planning": "التخطيط",
}
_BODIES = {
    r"\barmy\b|\barmed forces\b": r"جيش|الجيش|القوات المسلحه|عسكري|العسكري|القوات الحكوميه|جنود|جندي",
    # "police officers" describes people (an Interior Ministry's «أعوان»), not the body acting
    r"\bpolice\b(?!\s+(?:officers?|personnel|members|m[ae]n)\b)": (
        r"شرطه|الشرطه|شرطي|امني|الامن|امنيه|الامنيه|مكافحه الشغب|قوات الامن"
    ),
    r"\bresistance committees?\b": r"لجان|مقاومه",
    r"\bUN\b|\bU\.N\.|\bUnited Nations\b": r"الامم المتحده|اممي|الاممي|امميه|الامميه",
    r"\bport authorit\w+": r"ميناء|الميناء",
    r"\belectricity (?:company|corporation|firm)\b|\bpower company\b": r"الكهرباء",
    r"\bhospital\b": r"مستشفي|المستشفي",
    r"\bcivil defen[cs]e\b": r"الدفاع المدني",
    r"\belders\b": r"وجهاء|شيوخ|اعيان",
    # round 8; round 16: «برلمان بونتلاند», «برلمان الولاية»: the head noun in construct has no article
    r"\bparliament\b|\blawmakers\b": r"مجلس النواب|البرلمان|برلمان|مجلس الشعب|مجلس الامه",
}


# A dual back-reference to the two parties the article named before («الطرفين», «كلا الجانبين»).
_BOTH_SIDES = re.compile(r"(?<!\w)(?:[وفبل]|وب|لل)?(?:ال)?(?:طرف|جانب)(?:ين|ان|ي|ا)(?!\w)")
_SPOKESMAN = re.compile(r"(?<!\w)(?:[وفبل])?(?:ال)?(?:متحدث|ناطق)(?!\w)")
_MINISTRY = re.compile(r"(?<!\w)(?:[وفبل]|وب|لل)?(?:ال)?وز(?:اره|ير)(?:\s+(\w+))?")


@functools.cache
def _body_table() -> tuple[tuple[re.Pattern[str], re.Pattern[str], bool], ...]:
    """(English pattern, Arabic pattern on normalised text, is a ministry): ministries and ministers by topic,
    common bodies."""
    table = []
    for topic, arabic in _MINISTRY_TOPICS.items():
        english = rf"\b{topic} (?:ministry|minister)\b|\bminist(?:ry|er) of {topic}\b"
        table.append((re.compile(english, re.I), re.compile(rf"{_AR_PREFIX}وز(?:اره|ير)\s+{arabic}(?!\w)"), True))
    for english, arabic in _BODIES.items():
        table.append((re.compile(english, re.I), re.compile(rf"{_AR_PREFIX}(?:{arabic})(?!\w)"), False))
    return tuple(table)


_TOPICS = [re.compile(arabic) for arabic in _MINISTRY_TOPICS.values()]


def names_a_body(stated: str) -> bool:
    """Does the (normalised) evidence name a body or a speaker of its own: a ministry, a head noun and its word, a
    spokesman, someone after a verb of saying? (Not the table's common bodies: «انعدام الأمن» is insecurity.)"""
    from summarizer.claims.speakers import (
        ar_speakers,  # speakers reads the gazetteer, loaded on first use
        speaker_roles,
    )

    return (
        any(arabic.search(stated) for _, arabic, ministry in _body_table() if ministry)
        or bool(_ar_bodies(stated))
        or _SPOKESMAN.search(stated) is not None
        or any(speaker_roles(phrase) for _, phrase in ar_speakers(stated))  # («وأعلن الساعدي»: a person, no body)
    )


@functools.lru_cache(maxsize=64)
def _normalized(text: str) -> str:
    """An article normalised once, not once per bullet (speed only)."""
    return normalize_text(text)


def _refers_back_to_a_ministry(evidence: str) -> bool:
    """«الوزير», «الوزارة» with no topic after it, and no ministry named by its topic: the evidence refers back to
    the article's ministry (where it names one, «الوزارة» is that one)."""
    topics = _TOPICS
    following = [match.group(1) or "" for match in _MINISTRY.finditer(evidence)]
    named = [f for f in following if any(t.fullmatch(f) for t in topics)]
    return bool(following) and not named


# An Arabic bullet writes the body itself: a head noun and the word after it («سلطات الميناء», «تنظيم القاعدة»).
_AR_BODY_HEADS = {
    normalize_text(w)
    for w in "سلطات تنظيم حركة جماعة شركة قوات هيئة وزارة لجان قيادة وكالة بعثة".split()  # noqa: SIM905
}


def _ar_bodies(text: str) -> set[str]:
    """Head noun + next word, a conjunction or preposition off the head («وأعلنت سلطات الميناء» -> «سلطات الميناء»);
    a definite head («السلطات») refers back, it names no body."""
    tokens = re.findall(r"\w+", normalize_text(text))
    found = set()
    for i, token in enumerate(tokens[:-1]):
        head = next((h for h in (token, token[1:] if token[:1] in "وفبل" else "") if h in _AR_BODY_HEADS), None)
        if head is not None and len(tokens[i + 1]) >= 3 and not quantities(tokens[i + 1]):
            found.add(f"{head} {tokens[i + 1]}")
    return found


def _ar_bodies_from_elsewhere(bullet: str, evidence: str, article: str) -> list[str]:
    """An Arabic bullet's body that the article names and the evidence does not, where the evidence names
    another body (the right name in the wrong role)."""
    stated, written = normalize_text(evidence), _normalized(article)
    credited = _ar_bodies(evidence)
    if not credited:
        return []
    return sorted(
        body
        for body in _ar_bodies(bullet)
        if body not in credited and body.split()[1] not in stated and re.search(rf"(?<!\w)\w?{body}", written)
    )


def bodies_from_elsewhere(
    bullet: str,
    evidence: str,
    article: str,
    sentences: Callable[[], str] | None = None,
    before: Callable[[], str] | None = None,
) -> list[str]:
    """The bodies a bullet names that its evidence does not write and the article does (common nouns in English,
    looked for in the evidence's whole ``sentences`` when given, read only if needed; a head noun and its word in
    Arabic). Round 12: or in ``before``, the text before the windows in their sentence and the one before
    (``referents.antecedent``), where the evidence names no body of its own: the subject «مشيرة إلى أن» leaves
    out ("the UN spokeswoman said" for «قالت المتحدثة باسم مكتب الأمم المتحدة ...، مشيرة إلى أن»)."""
    if mostly_arabic(bullet):
        return _ar_bodies_from_elsewhere(bullet, evidence, article)
    stated, written = normalize_text(evidence), _normalized(article)
    found = []
    for english, arabic, ministry in _body_table():
        match = english.search(bullet)
        if not match or arabic.search(stated) or not arabic.search(written):
            continue
        if sentences is not None and arabic.search(normalize_text(sentences())):
            continue
        if before is not None and arabic.search(normalize_text(before())) and not names_a_body(stated):
            continue
        if ministry and _refers_back_to_a_ministry(stated):
            continue
        if not ministry and _SPOKESMAN.search(stated):
            continue  # «وأضاف المتحدث»: a spokesman the article names by his body elsewhere
        if _BOTH_SIDES.search(stated):
            continue  # round 16: «روايتي الطرفين»: the two sides the article named, this body among them
        found.append(match.group(0))
    return found
