"""Where (round 10): a place the article names elsewhere, put in the slot where the evidence names another.

Why: the name rules ask whether a bullet's place is written in its evidence. They pass a swap whose place the
evidence also writes in another role («جنوب مدينة دير الزور» citing «جنوب مدينة الميادين ... ردا على قصف دير
الزور»), a place the gazetteer lacks and no place noun introduces («من دارفور» for «من الخرطوم»), and an English
transliteration of the article's place that no table knows ("al-Omar field" for «حقل كونيكو»: only a warning).

How: a *slot* is a place noun, a direction or a place preposition and the name after it («مدينة الميادين», «جنوب
درعا», «في بورتسودان», «ساحة الساعة», «محكمة صفاقس»), list conjuncts included («من الخرطوم والجزيرة»). The
article's places are the names its slots introduce with a place noun or a direction, and the gazetteer's towns
and countries it writes. A bullet's place is a swap (``name.place_swap``, a warning until measured) when

- it is one of the article's places;
- the evidence names another of them in a slot of the same kind (the same place noun, or a preposition) that the
  bullet does not write (the bullet put its place there);
- and the evidence does not have the bullet's place in a slot of that kind (the bullet's place written in
  another role of the evidence is still a swap when the two slots share their place noun).

English bullets: a capitalised name where a place stands ("in X", "X district") that transliterates one of the
article's places the evidence does not write, and no word of the evidence, where the evidence names another of
the article's places that no name of the bullet transliterates.
"""

from __future__ import annotations

import functools
import re

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.article_index import per_article
from summarizer.claims.arabic_names import AR_FUNCTION
from summarizer.claims.gazetteer import gazetteer
from summarizer.claims.names import EXONYMS, arabic_phrase_keys, ascii_folded, english_matches_arabic, latin_key

_NOUNS = frozenset(
    normalize_text(w)
    for w in (  # noqa: SIM905
        "مدينة بلدة قرية منطقة محافظة ولاية حي مخيم ريف ناحية قضاء مديرية شارع ساحة ميدان معبر مطار ميناء إقليم "
        "حقل مبنى مقر محكمة مستشفى سجن مدينتي بلدتي قريتي منطقتي مدن بلدات قرى أحياء"
    ).split()
)
_PLURAL_NOUNS = frozenset(
    normalize_text(w)
    for w in "مدينتي بلدتي قريتي منطقتي مدن بلدات قرى أحياء محافظتي ولايتي".split()  # noqa: SIM905
)
_DIRECTIONS = frozenset(
    normalize_text(w)
    for w in "شمال جنوب شرق غرب شمالي جنوبي شرقي غربي".split()  # noqa: SIM905
)
_PREPOSITIONS = frozenset(normalize_text(w) for w in "في من إلى الى قرب داخل نحو عند باتجاه أمام".split())  # noqa: SIM905
PREPOSITION = "في"  # every preposition is one kind of slot
# Words after an anchor that are no place's name.
_NOT_NAME = frozenset(
    normalize_text(w)
    for w in (  # noqa: SIM905
        "نفسها ذاتها نفسه ذاته المدينة البلدة القرية المنطقة المحافظة الولاية البلاد العاصمة الحي المخيم الريف "
        "الشمالية الجنوبية الشرقية الغربية الصناعية القديمة المجاورة الواقعة التي الذي المحلي المحلية العام "
        "حين ظل اطار سياق اثناء محيط اطراف مناطق مواقع عدد عدة بعض كل"
    ).split()
)


_NOUN_OR_DIRECTION = _NOUNS | _DIRECTIONS  # (the union once, not per word: speed only)
_SLOT_TOKEN = re.compile(r"\w+|[,،.;؛:!?؟()\"«»\n]")  # ``slots``' words and the marks that end a list


def _bare(token: str) -> tuple[str, bool]:
    """The token without a conjunction and a preposition clitic, and whether it carried «ب» / «ل»."""
    carried = False
    if token[:1] in "وف" and len(token) > 3:
        token = token[1:]
    if token[:1] in "بل" and len(token) > 3 and not token.startswith("لل"):
        token, carried = token[1:], True
    elif token.startswith("لل") and len(token) > 4:
        token, carried = "ال" + token[2:], True
    return token, carried


@functools.lru_cache(maxsize=65536)
def _anchor(token: str) -> tuple[str | None, str]:
    """(the anchor kind a token is: a place noun, a direction, a preposition or None, and the token as a possible
    name when it carries a preposition clitic: «بمصراتة» is a preposition and «مصراتة»; remembered per word)."""
    plain = token[1:] if token[:1] in "وف" and len(token) > 3 else token
    for form in (token, plain):  # «بلدة» is a noun before it is «ب» + «لدة»
        if form in _NOUNS or form in _DIRECTIONS:
            return form, ""
        if form in _PREPOSITIONS:
            return PREPOSITION, ""
    bare, carried = _bare(token)
    if bare in _NOUNS or bare in _DIRECTIONS:  # «بمدينة», «لبلدة» (indefinite: «المدينة» refers back)
        return bare, ""
    if carried:
        return PREPOSITION, bare
    return None, ""


def _is_name(token: str) -> bool:
    return len(token) >= 3 and token not in AR_FUNCTION and token not in _NOT_NAME and not token.isdigit()


Slot = tuple[str, str]  # (anchor kind, the name's first word)


def _name_at(tokens: list[str], j: int) -> tuple[str, int]:
    """The name starting at ``tokens[j]``: one word, or two for a construct («دير الزور», «بصرى الشام»); and the
    index after it."""
    first = tokens[j]
    nxt = tokens[j + 1] if j + 1 < len(tokens) else ""
    if not first.startswith("ال") and nxt.startswith("ال") and len(nxt) >= 4 and nxt not in _NOT_NAME:
        return f"{first} {nxt}", j + 2
    return first, j + 1


@functools.lru_cache(maxsize=4096)
def slots(text: str) -> tuple[tuple[str, str, str, int], ...]:
    """(anchor kind, the name's first word, the name as written: one or two words, the anchor's index: names of
    one list share it) for every place slot."""
    tokens = _SLOT_TOKEN.findall(normalize_text(text))
    found = []
    i = 0
    # The anchors' positions in one pass before the walk (speed only: the walk skipped each other word one by one).
    # A word the walk rewrites («بمصراتة» -> «مصراتة», «وX» -> «X») always stands before where it goes on from.
    for start in [k for k, token in enumerate(tokens) if _anchor(token)[0] is not None]:
        if start < i:
            continue
        i = start
        kind, carried = _anchor(tokens[i])
        if kind is None:  # (never: an anchor's position)
            continue
        j = i + 1
        if carried:
            j -= 1
            tokens[j] = carried
        else:
            while j < len(tokens) and (nested := _anchor(tokens[j]))[0] in _NOUN_OR_DIRECTION and not nested[1]:
                kind = nested[0] or kind  # «في مدينة X», «جنوب مدينة X»: the nearest noun is the slot
                j += 1
        if j >= len(tokens) or not _is_name(tokens[j]):
            i = j + 1
            continue
        written, k = _name_at(tokens, j)
        found.append((kind, tokens[j], written, i))
        listed = kind == PREPOSITION or kind in _PLURAL_NOUNS  # «من الخرطوم والجزيرة», «بلدتي X وY»; not «بلدة X ونقاط»
        while listed and k < len(tokens) and tokens[k][:1] == "و" and _is_name(tokens[k][1:]):
            tokens[k] = tokens[k][1:]
            written, after = _name_at(tokens, k)
            found.append((kind, tokens[k], written, i))
            k = after
        i = k
    return tuple(found)


@per_article
def article_places(article: str) -> frozenset[str]:
    """The first words of the article's places: introduced by a place noun or a direction, a town or a country of
    the gazetteer (a town of ``_CITY`` people or more that a place preposition or noun introduces: towns share
    their names with ordinary words, «إطار», «بيان»), and the other names of a list one of them is in («في دارفور
    وكردفان»)."""
    found = slots(article)
    introduced = {first for _, first, _, _ in found}
    places = {first for kind, first, _, _ in found if kind != PREPOSITION}
    table = gazetteer()
    for _, _, form, entries in table.arabic_hits(article):
        if not (table.arabic.get(form) or table.arabic.get(form[2:] if form.startswith("ال") else form)):
            continue  # a nisba («الليبية»): an adjective, no place
        first = form.split()[0]
        if any(
            (e.kind == "country" and e.ident != "UN")
            or (e.kind == "city" and e.population >= _CITY and first in introduced)
            for e in entries
        ):
            places.add(first)
    lists: dict[int, list[str]] = {}
    for _, first, _, anchor in found:
        lists.setdefault(anchor, []).append(first)
    for names in lists.values():
        if len(names) > 1 and any(n in places for n in names):
            places.update(names)
    return frozenset(places)


_CITY = 15_000


# «في البلدة»: the evidence refers back to the last place the article named after «بلدة» before the window.
_REFERRING = {normalize_text(k): normalize_text(v) for k, v in (
    ("البلدة", "بلدة"), ("المدينة", "مدينة"), ("القرية", "قرية"), ("المنطقة", "منطقة"), ("المحافظة", "محافظة"),
    ("الولاية", "ولاية"), ("المخيم", "مخيم"), ("الحي", "حي"), ("الناحية", "ناحية"), ("القضاء", "قضاء"),
)}  # fmt: skip
_REFERRING_WORD = re.compile(r"(?<!\w)(?:[وفب]|وب)?(" + "|".join(_REFERRING) + r")(?!\w)")
_LOOK_BACK = 3000


def _referents(evidence: str, article: str, offsets: tuple[tuple[int, int], ...]) -> list[tuple[str, str]]:
    """(place noun, name) for each back-reference of the evidence windows («في البلدة»): the name after the last
    indefinite «بلدة» the article writes before the window."""
    found = []
    for start, end in offsets:
        window = normalize_text(article[start:end])
        nouns = {_REFERRING[m.group(1)] for m in _REFERRING_WORD.finditer(window)}
        if not nouns:
            continue
        text = article[max(0, start - _LOOK_BACK) : start]
        earlier = slots(text)
        firsts = [(k, f) for n, (k, f, _, at) in enumerate(earlier) if n == 0 or earlier[n - 1][3] != at]
        before = [(k, f) for k, f in firsts if k in nouns]  # the name right after the noun, not a conjunct
        tokens = re.findall(r"\w+", normalize_text(text))
        for noun in nouns:
            named = [f for k, f in before if k == noun]
            if named:
                found.append((noun, last_mentioned(named, tokens)))
    return found


def last_mentioned(named: list[str], tokens: list[str]) -> str:
    """Round 12: of the places introduced with the noun («مدينة بارا», then «مدينة الأبيض»), the one the text
    mentioned last in any form («الأسر الفارة من بارا»), which «وكانت المدينة» then refers to; the last introduced
    on a tie."""
    last = {}
    for i, token in enumerate(tokens):
        for name in named:
            if token in (name, "و" + name, "ب" + name, "ل" + name, "وب" + name) or name in (token, "ب" + token):
                last[name] = i
    return max(reversed(named), key=lambda name: last.get(name, -1))


# Sites within a town: a square, a building, a court, a hospital put one for another are one slot («أمام مبنى
# المحافظة» for «في ساحة الساعة»).
_SITES = frozenset(
    normalize_text(w)
    for w in "شارع ساحة ميدان مبنى مقر محكمة مستشفى سجن مطار ميناء معبر حقل".split()  # noqa: SIM905
)


@functools.lru_cache(maxsize=1024)
def _cities(text: str) -> tuple[str, ...]:
    """The first words of the gazetteer's towns (of ``_CITY`` people or more) a text writes, wherever they stand."""
    return tuple(
        form.split()[0]
        for _, _, form, entries in gazetteer().arabic_hits(text)
        if all(e.kind == "city" for e in entries) and any(e.population >= _CITY for e in entries)
    )


def _compatible(mine: str, theirs: str) -> bool:
    """Two slots of one kind: the same place noun, two sites, or a preposition and anything."""
    return mine == theirs or PREPOSITION in (mine, theirs) or (mine in _SITES and theirs in _SITES)


_CLITICS = ("", "و", "ف", "ب", "ل", "وب", "لل")


def _writes(name: str, text: str) -> bool:
    """Does the normalised ``text`` write ``name`` (a clitic allowed before it)?"""
    if " " in name:
        return bool(re.search(rf"(?<!\w)(?:[وفبل]|وب|لل)?{re.escape(name)}(?!\w)", text))
    words = _words(text)
    return any(c + name in words for c in _CLITICS)


@functools.lru_cache(maxsize=1024)
def _words(text: str) -> frozenset[str]:
    return frozenset(re.findall(r"\w+", text))


def _same(first: str, other: str) -> bool:
    a, b = (w[2:] if w.startswith("ال") and len(w) > 4 else w for w in (first, other))
    return a == b


def _whole(first: str, places: frozenset[str]) -> str:
    """Round 12: a name read with «ب» or «ل» taken off as a preposition («بارا» as «ب» + «ارا») is the article's place
    spelled with that letter when the article introduces it so («مدينة بارا»)."""
    for letter in "بل":
        if letter + first in places:
            return letter + first
    return first


def _arabic(bullet: str, evidence: str, article: str, offsets: tuple[tuple[int, int], ...]) -> list[str]:
    places = article_places(article)
    stated = normalize_text(evidence)
    told = normalize_text(bullet)
    theirs = [(k, _whole(f, places)) for k, f, _, _ in slots(evidence) if f in places]
    theirs += [(k, _whole(f, places)) for k, f in _referents(evidence, article, offsets)]
    found = []
    for kind, first, written, _ in slots(bullet):
        if (whole := _whole(first, places)) != first:
            first = written = whole
        if first not in places or any(_same(first, f) and _compatible(kind, k) for k, f in theirs):
            continue
        # a town the evidence writes outside a slot («شهدت حلب») is another place too, though no slot of the bullet's
        anywhere = [(PREPOSITION, city) for city in _cities(evidence) if city in places]
        rivals = [
            f for k, f in theirs + anywhere if _compatible(kind, k) and not _writes(f, told) and not _same(first, f)
        ]
        if not rivals:
            continue
        if _writes(first, stated) and not any(k == kind != PREPOSITION for k, f in theirs if f in rivals):
            continue  # the bullet's place is in the evidence: a swap only between two slots of one place noun
        found.append(written)
    return found


# --- English ------------------------------------------------------------------------------------------------------

_EN_PLACE = re.compile(
    r"\b(?:in|at|near|from|outside|into|to|towards?|between|across|around|of)\s+(?:the\s+)?"
    r"((?:(?:al|el|ad|ar|as|ash|at|az|ez)-)?[A-Z][a-z'’]+(?:[\s-](?:(?:al|el|ad|ar|as|ash|at|az|ez)-)?[A-Z][a-z'’]+)?)"
    r"|((?:(?:al|el)-)?[A-Z][a-z'’]+(?:[\s-][A-Z][a-z'’]+)?)\s+(?:district|province|governorate|city|town|village|camp"
    r"|countryside|area|region|state|port|neighbou?rhood|crossing|airport|square|field|court|hospital|prison|street)\b"
)
_EN_NOT_PLACE_WORDS = (
    "The A An Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December North South East West Northern Southern Eastern Western Central "
    "Upper Lower Greater New Old"
)
_EN_NOT_PLACE = frozenset(_EN_NOT_PLACE_WORDS.split())


def _en_places(text: str) -> list[str]:
    found = []
    for match in _EN_PLACE.finditer(text):
        name = match.group(1) or match.group(2)
        words = [w for w in re.split(r"[\s-]", name) if w and w[0].isupper() and w not in _EN_NOT_PLACE]
        if words:
            found.append(" ".join(words))
    return found


def _transliterates(name: str, arabic: str, shortest: int = 3) -> bool:
    """Does the English ``name`` transliterate a name of ``arabic``? Skeletons of fewer than ``shortest`` classes
    match too much to tell a swap by ("Sirwah" SR), though they may tell that the bullet names a place."""
    exonym = EXONYMS.get(name.lower())
    if exonym is not None:
        return _writes(normalize_text(exonym), normalize_text(arabic))
    return len(latin_key(name)) >= shortest and english_matches_arabic(name, arabic)


@per_article
def _place_key_lengths(article: str) -> tuple[tuple[str, frozenset[int]], ...]:
    """Each of the article's places with the lengths of its skeletons (speed only: a name is matched against the
    places a one-class edit could reach)."""
    return tuple((p, frozenset(len(k) for k in arabic_phrase_keys(p))) for p in sorted(article_places(article)))


def _english(bullet: str, evidence: str, article: str, offsets: tuple[tuple[int, int], ...]) -> list[str]:
    # A name the evidence itself writes is never reported (the last line), so it is left out first: most bullets'
    # places are their evidence's, and then the article's place table is never built (speed only: same result).
    names = [
        n
        for n in _en_places(bullet)
        if (len(latin_key(n)) >= 3 or n.lower() in EXONYMS) and not _transliterates(n, evidence)
    ]
    if not names:
        return []
    places = article_places(article)
    stated = normalize_text(evidence)
    elsewhere = []
    for name in names:
        size = len(latin_key(name))
        near = [p for p, sizes in _place_key_lengths(article) if any(abs(n - size) <= 1 for n in sizes)]
        if any(_transliterates(name, p) for p in near if not _writes(p, stated)):
            elsewhere.append(name)
    if not elsewhere:
        return []
    theirs = [written for _, f, written, _ in slots(evidence) if f in places]
    theirs += [name for _, name in _referents(evidence, article, offsets)]
    theirs += [city for city in _cities(evidence) if city in places]
    capitalised = re.findall(r"\b[A-Z][a-z'’]+(?:[\s-][A-Z][a-z'’]+)*", bullet)
    if all(any(_transliterates(c, p, 2) for c in capitalised) for p in theirs):
        return []  # the evidence names no place, or the bullet names every one: its other place is another fact
    return [name for name in elsewhere if not _transliterates(name, evidence)]


@functools.lru_cache(maxsize=4096)
def swapped_places(
    bullet: str, evidence: str, article: str, offsets: tuple[tuple[int, int], ...] = ()
) -> tuple[str, ...]:
    """The article's places a bullet puts in a slot where its evidence names another (module docstring)."""
    if mostly_arabic(bullet):
        return tuple(_arabic(bullet, evidence, article, offsets))
    return tuple(_english(ascii_folded(bullet), evidence, article, offsets))  # round 12: "Gabès" read whole
