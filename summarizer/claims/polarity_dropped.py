"""Round 14: a negation dropped in translation, read from how much of its evidence a bullet tells.

Why: an English bullet and its Arabic evidence share no words, so the older readings compare them through anchors
(figures, names) and a short glossary of concepts (``polarity.CONCEPTS``); a negated verb outside both passes ("the
army lost one vehicle" for «الجيش لم يفقد أي عربة», "he presented evidence" for «دون أن يقدم دليلاً»). Here nothing
is matched word for word: a bullet that tells about as much as its whole evidence (as many English words as the
evidence has Arabic ones, or more), with no negation and no negative word of its own, while a clause of that
evidence negates (a particle before a verb or a verbal noun, «دون أن», a denial verb), has translated the negated
clause without its negation. A faithful bullet either keeps the negation ("not", "no", "without", "un-", "only",
"below", "failed to") or leaves the clause out, and is then shorter than its evidence.

A warning of its own (``polarity.dropped_negation``), measured alone; it is asked only when no other polarity
reading fired.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.clauses import _AR_CUE, _ar_clauses, _ar_parts
from summarizer.claims.polarity import (
    _AR_ANONYMOUS,
    _AR_INSTEAD,
    idiom_free_en,
    negation_cues,
    restates_litotes,
    tells_a_denial,
)

# English words that negate or restrict by meaning: a bullet holding one may restate the negation by it.
_EN_NEGATIVE = re.compile(
    r"\b(?:(?-i:un)(?!der|til|it|ion|iqu|iform|ivers|less\b)[a-z]{3,}|indirect\w*|below|under|less|fewer|only|off"
    r"|cannot|absent\w*|lack\w*|free|instead|rather|except\w*|other than|apart from|fail\w*|halt\w*|stop\w*|ceas\w*"
    r"|before|until|unless|neither|nor|yet|barely|hardly|little|few|missing|refus\w*|declin\w*|avoid\w*"
    r"|prevent\w*|ban(?:s|ned|ning)?|barr(?:ed|ing)|block\w*|suspend\w*|cancel\w*|postpon\w*|delay\w*|deni\w*"
    r"|reject\w*|dismiss\w*|ignor\w*|disput\w*|contradict\w*|far from|short of|let alone|doubt\w*|unknown|unclear"
    r"|silent|spared|escaped|intact|closed|limit\w*|restrict\w*|confined|solely|merely|inevitabl\w*|instead)\b",
    re.I,
)
# A clause's negation that a translation may drop: a particle before a verb or a noun, «دون أن», a denial verb; not
# «غير» before an adjective («غير مباشرة»: "indirect", an English word of its own), nor how a source is quoted
# («طلب عدم الكشف عن اسمه»).
_ADJECTIVE_GHAIR = re.compile(r"^غير$")
_COVERAGE = 0.8  # English words per Arabic word of the evidence, at least
# ... and enough of them to translate what the negation reaches: an English word or so per Arabic word outside it
# (``_PER_WORD``), and half as many again for each word it reaches, so a bullet telling only the clause before the
# negation («وتبنّت الجماعة الهجوم، ولم تعلّق على الهجوم الثاني»: "the group claimed the attack") does not count
_PER_WORD = 1.0
_PER_REACHED = 0.6


def _negated_words(evidence: str) -> int:
    """How many words of the evidence a negation reaches (after its cue, to its clause's end); 0 where none does."""
    norm = _AR_ANONYMOUS.sub(" ", normalize_text(evidence))
    reached = 0
    for part, clause in zip(_ar_parts(norm), _ar_clauses(norm), strict=True):
        cue = _AR_CUE.search(part)
        if clause.negated and cue is not None and not _ADJECTIVE_GHAIR.match(cue.group()):
            reached += len(re.findall(r"\w+", part[cue.end() :]))
    return reached


def _negating_clause(evidence: str) -> bool:
    return _negated_words(evidence) > 0


@lru_cache(maxsize=2048)
def dropped_negation(bullet: str, evidence: str) -> bool:
    """Does an English bullet tell as much as its Arabic evidence, asserting throughout, where a clause of that
    evidence negates?"""
    # (a set phrase built on a negation, "did not rule out", "no fewer than", denies nothing, as «لم يستبعد» and
    # «لا يقل» deny nothing in the evidence)
    plain = idiom_free_en(bullet)
    if mostly_arabic(bullet) or negation_cues(bullet) or tells_a_denial(plain) or _EN_NEGATIVE.search(plain):
        return False
    english = len(re.findall(r"[A-Za-z]+", bullet))
    arabic = len(re.findall(r"\w+", normalize_text(evidence)))
    if not arabic or english < _COVERAGE * arabic:
        return False
    if restates_litotes(bullet, [evidence]):
        return False  # session 15: "not the first time" for «لم تكن المرة الأولى»: the same litotes
    reached = _negated_words(evidence)
    if _AR_INSTEAD.search(normalize_text(evidence)):
        # «لم تستهدف الغارة مدرسة، بل منزلاً»: a correction, whose second half a bullet may tell alone; session 15:
        # not a bullet as long as the whole window, which tells both halves as fact ("a database breach as well as a
        # denial-of-service attack" for «ليس اختراقاً لقاعدة البيانات، بل هجوم حجب خدمة»)
        return reached > 0 and english > _PER_WORD * arabic
    return reached > 0 and english > _PER_WORD * (arabic - reached) + _PER_REACHED * reached
