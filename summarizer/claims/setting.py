"""The article's own setting: the country a news article is about, read from its dateline.

Why (round 16, from round 15's retired file): strong writers name the story's country as context ("Tunisia's
agriculture ministry" citing «وزارة الفلاحة», "The Moroccan quake", «المحاكم الاقتصادية في مصر»): the window
never writes it because the whole article is set there. A country that is the article's setting, added where the
evidence names no other country, is faithful; a different country from elsewhere in the article stays the error
``name.country`` exists for ("the Syrian army" in a Lebanese article).

The setting is the dateline's («تعز (اليمن) -», «طرابلس -», «صيدا (الوكالة الوطنية للإعلام) -»): a country it
names, else the country of its largest known city («طرابلس» is Tripoli, Libya before Tripoli, Lebanon). An
article without a dateline has the country it names most, when it names it three times or more and more than
twice as often as any other (a thinner lead is no setting).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from summarizer.claims.gazetteer import Entry, gazetteer

# A dateline: a few words at the very start of the article, then a dash (agencies' parentheses allowed).
_DATELINE = re.compile(r"\s*([^\n.،:]{1,90}?)\s+[-–—]\s")


def _code(entry: Entry) -> str:
    return entry.ident.split(":")[0]


@lru_cache(maxsize=64)
def home_countries(article: str) -> frozenset[str]:
    """The country codes of the article's setting (one, or none when it cannot tell)."""
    table = gazetteer()
    line = dateline(article)
    if line:
        found = [e for *_, entries in table.arabic_hits(line) for e in entries]
        countries = {e.ident for e in found if e.kind == "country"}
        cities = sorted((e for e in found if e.kind == "city"), key=lambda e: -e.population)
        if len(countries) == 1 and (not cities or _code(cities[0]) in countries or "(" in line):
            return frozenset(countries)  # «تعز (اليمن)», «الجزائر», «الكويت»
        if cities and cities[0].population > 0:
            return frozenset({_code(cities[0])})  # «عمّان»: the city Amman before the country Oman
    counts = Counter(e.ident for *_, entries in table.arabic_hits(article) for e in entries if e.kind == "country")
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        return frozenset({ranked[0][0]})
    return frozenset()


def is_home(entries: list[Entry], article: str) -> bool:
    """Are these a country (or its adjective) that is the article's own setting?"""
    home = home_countries(article)
    return bool(home) and bool(entries) and all(e.kind == "country" and e.ident in home for e in entries)


def dateline(article: str) -> str:
    """The article's dateline («سبها (وكالات)»), or ""."""
    match = _DATELINE.match(article[:120])
    return match.group(1) if match else ""


def is_home_city(entries: list[Entry], article: str) -> bool:
    """Are these the town the article's dateline names (the story's own town)?"""
    line = dateline(article)
    if not line or not entries or not all(e.kind == "city" for e in entries):
        return False
    idents = {e.ident for e in entries}
    return any(e.ident in idents for *_, found in gazetteer().arabic_hits(line) for e in found)
