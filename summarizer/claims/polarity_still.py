"""Session 15 (roles15): a state its evidence says still holds, told as ended (``polarity.still_ended``).

Why: «لا يزال» / «ما زال» ("still") is an idiom the negation readings blank (``polarity._AR_IDIOMS``): it negates
nothing. But what it says is a persisting state, and writers of every retired held-out file (rounds 12-14) told it
ended: «لا يزال 13 رهن الاحتجاز» as "all had been freed", «لا يزال الأربعة الآخرون يتلقون العلاج» as "the other four
had also left", «لا تزال 108 قطع أخرى خارج البلاد» as «استُردت 108 قطع أخرى», «لا تزال ستة حرائق مشتعلة» as "only
six had been put out". Every negation check passed them.

How: a clause of the evidence says "still" (``_AR_STILL``) of a figure; a clause of the bullet, asserting (no
negation, no "still", "remain", "continue", "held" ..., no exception: "all but six", «باستثناء»), tells an end of
a state (released, freed, discharged, left, put out, recovered, reopened; «أُفرج», «أُطلق سراح», «غادر», «استُرد»,
«أُخمد») of that figure, or of "all" / "the other" / "also" where it gives no figure. A warning.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.clauses import _EN_BREAK, _ar_parts, _en_negation
from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import _AR_STILL

_EN_ENDED = re.compile(
    r"\b(?:releas(?:ed|e)|freed|set free|discharged|left|recovered|reopened|put out|extinguished|returned"
    r"|let go|lifted|ended|were cleared|was cleared)\b",
    re.I,
)
_EN_PERSISTS = re.compile(
    r"\b(?:still|remain\w*|continu\w*|held|holding|detained|detention|custody|being treated|treated|in hospital"
    r"|ongoing|burning|yet|not|no|never|n't|all_but|except\w*|apart from|other than|save for|besides)\b",
    re.I,
)
_EN_WHOLE = re.compile(r"\b(?:all|the other|the rest|also|every)\b", re.I)
_AR_ENDED = re.compile(
    r"(?<!\w)[وف]?(?:افرج|افرجت|اطلق سراح|اطلق|اطلقت|غادر|غادرت|غادروا|خرج|خرجت|خرجوا|استرد|استردت|استعيد|استعيدت"
    r"|اخمد|اخمدت|شفي|تعافي|تعافوا|اعيد فتح|رفع|رفعت)(?!\w)"
)
_AR_PERSISTS = re.compile(
    r"(?<!\w)[وف]?(?:لا|لم|لن|ما|ليس|مازال\w*|زال\w*|يزال\w*|تزال\w*|بقي|بقيت|ظل|ظلت|مستمر\w*|باستثناء|عدا"
    r"|سوي|الا)(?!\w)"
)
_AR_WHOLE = re.compile(r"(?<!\w)(?:جميع\w*|كل|كلهم|الباقين|الاخرين|الاخري|الاخر|ايضا|كما)(?!\w)")


def _still_figures(evidence: str) -> frozenset[float]:
    """The figures of the evidence's clauses that say "still" («لا يزال 13 رهن الاحتجاز»)."""
    found: set[float] = set()
    for part in re.split(r"[.,،؛;:]|(?<!\w)(?:فيما|بينما|في حين|لكن|غير ان)(?!\w)", normalize_text(evidence)):
        if _AR_STILL.search(part):
            found.update(q.low for q in quantities(part) if q.low == q.high)
    return frozenset(found)


@lru_cache(maxsize=2048)
def still_ended(bullet: str, evidence: str) -> bool:
    """Does a clause of the bullet tell as ended a state a clause of its evidence says still holds (module doc)?"""
    figures = _still_figures(evidence)
    if not figures:
        return False
    arabic = mostly_arabic(bullet)
    # ("all but six": an exception, not a clause break)
    clauses = _ar_parts(bullet) if arabic else tuple(_EN_BREAK.split(re.sub(r"\ball but\b", "all_but", bullet)))
    ended, persists, whole = (_AR_ENDED, _AR_PERSISTS, _AR_WHOLE) if arabic else (_EN_ENDED, _EN_PERSISTS, _EN_WHOLE)
    for clause in clauses:
        text = normalize_text(clause) if arabic else clause
        if not ended.search(text) or persists.search(text) or (not arabic and _en_negation(clause)):
            continue
        own = {q.low for q in quantities(text) if q.low == q.high}
        if own & figures or (not own and whole.search(text)):
            return True
    return False
