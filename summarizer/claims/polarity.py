"""Does a text assert or deny? Negation cues in English and Arabic.

Deliberately simple and explainable: a text is negative when it holds a negation cue
(not, no, never, denied, without / لم، لن، لا، ليس، نفى، عدم، دون). A bullet is flagged when it
denies and none of its evidence does, or asserts while every piece of its evidence denies.
"""

from __future__ import annotations

import re

from summarizer.arabic import normalize_text

_EN = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|without|neither|nor|denied|denies|deny|denying|refuted|rejected claims)\b"
    r"|n't\b",
    re.I,
)
# Arabic cues after normalisation (ى→ي, أ/إ→ا); و ف may be attached to the particle.
# «غير» is left out: «غير أن» is "however".
_AR = re.compile(
    r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|لسنا|نفي|نفت|نفوا|ينفي|تنفي|نافيا|نافيه|عدم|دون|بدون|بلا|لاي)(?!\w)"
)


def negation_cues(text: str) -> list[str]:
    """The negation cues in ``text``, in order."""
    norm = normalize_text(text)
    return [m.group() for m in _EN.finditer(text)] + [m.group() for m in _AR.finditer(norm)]


def is_negative(text: str) -> bool:
    return bool(negation_cues(text))
