"""Figures a bullet writes in words where its evidence writes them in digits, for the word-overlap check (session 15).

Why: ``evidence.words`` compares an Arabic bullet's content words with its evidence's sentences; a paraphrase that
writes «ثلاثة وأربعين» for «43» (round 14's held-out: «أُطلق سراح ثلاثين بكفالة» for «أُفرج عن 30 منهم بالضمان»)
shares none of its number words with the evidence, so a faithful bullet made mostly of figures fell under the bar.
Here a bullet's number words count as held when the evidence's sentences state the same figure in any form.
"""

from __future__ import annotations

import re

from summarizer.arabic import normalize_text, strip_proclitics
from summarizer.claims.numbers import quantities


def figures_held(bullet_text: str, context_text: str, words: frozenset[str]) -> frozenset[str]:
    """The content words of ``bullet_text`` (among ``words``) that write a figure ``context_text`` states too."""
    stated = {v for q in quantities(context_text) for v in (q.low, q.high)}
    if not stated:
        return frozenset()
    held: set[str] = set()
    for q in quantities(bullet_text):
        if q.low not in stated and q.high not in stated:
            continue
        for token in re.findall(r"\w+", normalize_text(q.text)):
            stem = strip_proclitics(token)
            if stem in words:
                held.add(stem)
    return frozenset(held)
