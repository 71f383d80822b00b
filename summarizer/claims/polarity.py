"""Does a text assert or deny? Negation cues in English and Arabic.

Deliberately simple and explainable: a text is negative when it holds a negation cue
(not, no, never, denied, without / لم، لن، لا، ليس، نفى، عدم، دون). A bullet is flagged when it
denies and none of its evidence does, or asserts while every piece of its evidence denies.
"""

from __future__ import annotations

import re

from summarizer.arabic import normalize_text

# نفى "deny" (normalised ى→ي), with an object pronoun too: «وهو ما نفاه قيادي», «اتهام نفته القوات».
_DENIAL_VERBS = (
    r"(?:نفي|نفت|نفوا|ينفي|تنفي|ينفون|نافيا|نافيه)(?:ه|ها|هم)?|نفا(?:ه|ها|هم)|نفو(?:ه|ها|هم)|نفته|نفتها|نفتهم"
)
_EN = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|without|neither|nor|denied|denies|deny|denying|refuted|rejected claims)\b"
    r"|n't\b",
    re.I,
)
# Arabic cues after normalisation (ى→ي, أ/إ→ا); و ف may be attached to the particle.
# «غير» is left out: «غير أن» is "however".
_AR = re.compile(r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|لسنا|عدم|دون|بدون|بلا|لاي|" + _DENIAL_VERBS + r")(?!\w)")


# Idioms built on a negation particle that negate nothing: "at least", "still", "especially".
_AR_IDIOMS = re.compile(r"(?:ما )?(?:لا|لم) (?:يقل|تقل|يقلون|يزال|تزال|يزالون|تزالان|سيما|بد)(?!\w)|ما زال\w*")
_EN_IDIOMS = re.compile(r"\b(?:no (?:fewer|less|more) than|not only|nothing but)\b", re.I)
_AR_DENIAL = re.compile(r"(?<!\w)[وف]?(?:رفض|رفضت|" + _DENIAL_VERBS + r")(?!\w)")
_AR_LEAD = re.compile(r"^(?:\W*\w+\W+){0,2}?\W*[وف]?(?:لم|لن|لا|ليس|ليست|عدم|دون)(?!\w)")
_AR_COMPLEMENT = re.compile(r"(?<!\w)(?:ان|بان|انه|انها)\s+(?:\w+\s+){0,3}?(?:لم|لن|لا|ليس|ليست)(?!\w)")


def negation_cues(text: str) -> list[str]:
    """The negation cues in ``text``, in order (idioms such as «ما لا يقل عن» and "no fewer than" left out)."""
    norm = _AR_IDIOMS.sub(" ", normalize_text(text))
    plain = _EN_IDIOMS.sub(" ", text)
    return [m.group() for m in _EN.finditer(plain)] + [m.group() for m in _AR.finditer(norm)]


def denies(text: str) -> bool:
    """Is the *main* statement of ``text`` a denial? A negation at its head («لم تعلن أي جهة», «عدم وقوع
    إصابات»), in a reported clause («قال إنه لم ...»), or a denial verb («نفت»). A negation further on
    («... دون أن يسفر عن إصابات», «في حين لم تصدر حصيلة») qualifies an assertion rather than denying it."""
    norm = _AR_IDIOMS.sub(" ", normalize_text(text))
    if _AR_LEAD.search(norm) or _AR_COMPLEMENT.search(norm) or _AR_DENIAL.search(norm):
        return True
    plain = _EN_IDIOMS.sub(" ", text)
    return bool(re.match(r"^\W*(?:\w+\W+){0,3}?(?:no|not|never|none|denied|denies)\b", plain, re.I))


def is_negative(text: str) -> bool:
    return bool(negation_cues(text))
