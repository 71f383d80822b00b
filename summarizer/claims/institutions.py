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
from pathlib import Path

from summarizer.arabic import arabic_letter_ratio, normalize_text

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


def _is_arabic(text: str) -> bool:
    return arabic_letter_ratio(text) > 0.5


def unsupported_institutions(bullet: str, evidence: str) -> list[str]:
    """The bodies the bullet names (as it writes them) that its evidence does not write in Arabic."""
    arabic = _is_arabic(bullet)
    text = normalize_text(bullet) if arabic else bullet
    stated = normalize_text(evidence)
    found = []
    for _, english, arabic_form in _table():
        match = (arabic_form if arabic else english).search(text)
        if match and not arabic_form.search(stated):
            found.append(match.group(0))
    return found
