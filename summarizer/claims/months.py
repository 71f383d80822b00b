"""Every Arabic calendar system's month names, read once for the checker's name, number and date readings.

From CLDR (``data/months.json``, written with babel from the Arabic locales of Egypt and the Gulf «يناير», the
Levant and Iraq «شباط», the Maghreb «جانفي», «جوان», «أوت», Morocco «غشت», Mauritania «شتمبر»; babel is only needed
to rebuild it, ``tests/test_claims_round10.py`` checks it against babel).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from summarizer.arabic import normalize_text

MONTHS_FILE = Path(__file__).with_name("data") / "months.json"

# locale -> its twelve month names, January first, as CLDR writes them
LOCALE_MONTHS: dict[str, tuple[str, ...]] = {
    locale: tuple(names) for locale, names in json.loads(MONTHS_FILE.read_text(encoding="utf-8"))["locales"].items()
}

# The normalised words of every month name: dates, never names or counts («كانون الثاني» gives «كانون»; not the
# ordinals «الأول», «الثاني», which are words of their own).
MONTH_WORDS = frozenset(
    word
    for names in LOCALE_MONTHS.values()
    for name in names
    for word in re.findall(r"\w+", normalize_text(name))
    if len(word) >= 2 and word not in {"الاول", "الثاني"}
)
