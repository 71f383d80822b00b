"""The names of one bullet, checked against the evidence it cites (never against the whole article).

A name is an error when it is a *known* name and the evidence does not carry it:
- ``name.gazetteer``: a country, demonym, city or news agency (``gazetteer``), English or Arabic;
- ``name.article_swap``: a name the article writes elsewhere (after a title, a place or group noun; a digest
  name grounded in the article; or, in English, a transliteration of article text): the right name in the
  wrong place, the error newsrooms fear most.
A name-like word found nowhere (``name.unknown``) may be a name the article lacks or a paraphrase's own word:
a warning, never an error (``finding.ERROR_CHECKS``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from weakref import WeakKeyDictionary

from summarizer.arabic import arabic_letter_ratio, clitic_parses, normalize_text
from summarizer.article_index import article_index, per_article
from summarizer.claims import data_cache
from summarizer.claims import gazetteer as gazetteer_module
from summarizer.claims.arabic_names import (
    _PERSON_CUES,
    AR_FUNCTION,
    AR_NAME_CUES,
    PLACE_CUES,
    article_name_kinds,
    article_names,
    article_orgs,
    cue_name_kinds,
    names_in,
    org_back_reference,
    unknown_arabic_names,
)
from summarizer.claims.bodies import named_alone
from summarizer.claims.english import (
    STOP,
    Translations,
    acronym_supported,
    acronyms,
    capitalised_runs,
    english_names,
    english_phrases,
    expansions,
    is_common_english,
    name_by_position,
    phrase_supported,
    translated,
)
from summarizer.claims.gazetteer import Entry, Gazetteer, carries, gazetteer
from summarizer.claims.lexicon import dictionary_word, ordinary
from summarizer.claims.names import (
    EXONYMS,
    GLOSSARY,
    arabic_key,
    arabic_name_key,
    arabic_phrase_keys,
    ascii_folded,
    closer_spelling,
    english_matches_arabic,
    evidence_word_keys,
    latin_key,
    translation_matches,
)
from summarizer.claims.places import last_mentioned
from summarizer.claims.referents import antecedent, referred
from summarizer.claims.setting import is_home, is_home_city
from summarizer.claims.speakers import ar_speakers, bullet_speakers
from summarizer.grounding import find_phrase

NameFinding = tuple[str, str, str]  # (check, claim, message)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_KIND = {"country": "country", "city": "place", "agency": "news agency", "group": "armed group or party"}


@lru_cache(maxsize=4096)
def bullet_names(text: str, evidence: str, article: str, translations: Translations) -> list[NameFinding]:
    """Findings about the names of one bullet (English or Arabic) against its located evidence text (cached: the
    same bullet is checked again on every re-ask; callers must not change the list)."""
    english = arabic_letter_ratio(text) < 0.5
    # round 12: the names the evidence's «الشبكة», «الوزارة», «المخيم» refer back to are the evidence's names too
    named = f"{evidence} … {also}" if (also := referred(evidence, article)) else evidence
    found = (
        _english(ascii_folded(text), named, article, translations)
        if english
        else _arabic(text, named, article, translations)
    )
    findings = [f for f in found if not _adjective_of(f[1], evidence)]
    subject = [
        f for f in findings if f[0] in _TOPIC_CHECKS and _the_subject(f[1], english, evidence, article, text, named)
    ]
    findings = [f for f in findings if not (f[0] in _COUNTRY_CHECKS and _country_before(f[1], evidence, article))]
    findings = [f for f in findings if not (f[0] in _TOPIC_CHECKS and _same_person(f[1], english, named, article))]
    if not subject or not _one_name(subject, english, article):
        return findings  # a bullet has one subject: several lead names its evidence lacks are swaps or additions
    return [f for f in findings if f not in subject]


# Round 12: a country or nationality the window's paragraph gives before it («قال الجيش السوداني إن
# قواته ...» before «وأعلن الناطق باسمه»): "the Sudanese army spokesman" adds it from there (name.country fires only
# where the evidence names no other country; not beside an armed group or an agency the evidence names).
_COUNTRY_CHECKS = frozenset({"name.country"})


def _same_person(name: str, english: bool, evidence: str, article: str) -> bool:
    """Round 12: is ``name`` a part of a person's full name the article writes («عباس» of «عباس الساعدي»), whose
    family name the evidence writes («وأعلن الساعدي»)? Then the bullet names the evidence's own person."""
    if english:
        key = latin_key(name)
        if len(key) < 2:
            return False
        people = [p for p, k in article_name_kinds(article).items() if k == "person" and " " in p]
        mine = [p for p in people if key in (arabic_name_key(w) for w in p.split())]
    else:
        norm = normalize_text(name)
        people = [p for p, k in article_name_kinds(article).items() if k == "person" and " " in p]
        mine = [p for p in people if norm in p.split() or norm == p]
    words = set(re.findall(r"\w+", normalize_text(evidence)))
    return any(
        len(w) >= 4 and any(c + w in words for c in ("", "و", "ف", "ب", "ل")) for p in mine for w in p.split()[1:]
    )


def _country_before(name: str, evidence: str, article: str) -> bool:
    before = antecedent(evidence, article)
    if not before or any(
        e.kind in ("group", "agency") for *_, found in gazetteer().arabic_hits(evidence) for e in found
    ):
        return False  # "Iraqi forces said" citing «وقالت قوات الدعم السريع»: the nationality of the wrong body
    entries = gazetteer().english_entries(name) or [
        e for _, _, form, found in gazetteer().arabic_hits(name) for e in found if form
    ]
    return any(e.kind == "country" and carries(e, before) for e in entries)


# Round 11: a body the evidence names by its adjective: «تقديرات أممية» (the UN's estimates) for «الأمم المتحدة».
_ADJECTIVES = {normalize_text("الأمم المتحدة"): re.compile(r"(?<!\w)(?:[وفبل])?(?:ال)?اممي(?:ه|ين|ون)?(?!\w)")}


def _adjective_of(name: str, evidence: str) -> bool:
    adjective = _ADJECTIVES.get(normalize_text(name))
    return adjective is not None and adjective.search(normalize_text(evidence)) is not None


# Round 11: a feature or a biography names its subject in its first sentence and then goes on without naming it
# («ونشر أول دواوينه», «ويزورها السياح»); a bullet that restates such a sentence names the subject ("Darwish published
# his first collection", «يقصد السياح الأقصر شتاءً»). The lead's name is no swap there when the evidence names no one
# and nowhere (the subject's name in the wrong sentence is a swap where that sentence names another).
_TOPIC_CHECKS = frozenset({"name.article_swap", "name.article_name"})
_LEAD_END = re.compile(r"(?<!\d)[.!?؟](?!\d)|\n")


@per_article
def _lead(article: str) -> str:
    """The article's first sentence (its headline when it has one): where it names what it is about."""
    text = article.strip()
    end = _LEAD_END.search(text)
    return text[: end.start()] if end else text


def _one_name(found: list[NameFinding], english: bool, article: str) -> bool:
    """Do these findings name one person or place: the words of one name ("Mahmoud", "Darwish"; «محمود درويش»,
    «درويش»)?"""
    if len(found) == 1:
        return True
    if english:
        keys = [latin_key(f[1]) for f in found]
        return any(all(key in _name_keys(known) for key in keys) for known in article_name_kinds(article))
    names = [normalize_text(f[1]) for f in found]
    longest = max(names, key=len)
    return all(name in longest for name in names)


def _name_keys(name: str) -> tuple[str, ...]:
    """An article name's skeleton whole and word by word («محمود درويش»: MDRS, MD, DRS)."""
    return (arabic_name_key(name), *(arabic_name_key(word) for word in name.split()))


def _the_subject(name: str, english: bool, evidence: str, article: str, text: str = "", named: str = "") -> bool:
    """Is ``name`` (a bullet's name the evidence does not write) the article's subject, named in its lead, with the
    evidence naming no rival: no one else for a person, nowhere else for a place, neither for a name of no known
    kind? Round 12: or named before the evidence in its paragraph (``referents.antecedent``):
    the subject the window leaves out («وأضاف أن», «متهماً الجيش»), which a bullet writes out; a name the bullet
    makes its speaker ("Hamdan said") is someone's (``speakers.bullet_speakers``). ``named``: the evidence with
    what its back-references name (``referents.referred``), where a rival is looked for."""
    before = antecedent(evidence, article)
    lead = f"{_lead(article)} … {before}"
    if english:
        key = latin_key(name)  # the article's names it transliterates, whole or by their first word ("Mahmoud")
        written = frozenset(
            known
            for known in article_name_kinds(article)
            if len(key) >= 2 and key in (arabic_name_key(known), arabic_name_key(known.split()[0]))
        )
        entries = gazetteer().english_entries(name)
        # a known name the lead carries, or an article name written in the lead (a skeleton alone matches words:
        # "Tyre" TR is «طائرة»); round 12: a name the text before the window spells (3+ classes), or an acronym
        # it spells out ("UN" for «مكتب الأمم المتحدة» before «مشيرة إلى»)
        if entries:
            own = _own_place(name, article)  # round 12: "Bara" for «مدينة بارا», spelled otherwise in the gazetteer
            if not any(carries(e, lead) for e in entries) and not (own and find_phrase(own, lead) is not None):
                return False
        elif not (
            any(find_phrase(known, lead) is not None for known in written)
            or (before and len(key) >= 3 and english_matches_arabic(name, before))
            or (before and name.isupper() and acronym_supported(name, before, ()))
        ):
            return False
        place = bool(entries) and all(e.kind in ("city", "country") and e.ident != "UN" for e in entries)
    else:
        if find_phrase(name, lead) is None:
            return False
        written = frozenset({name})
        place = any(all(e.kind == "city" for e in found) for *_, found in gazetteer().arabic_hits(name))
    kinds = {article_name_kinds(article).get(w) for w in written} - {None}
    wanted: tuple[str, ...]
    if place or "place" in kinds:
        wanted = ("place",)
    elif _speaks(name, text, english):
        # the bullet's speaker: a rival is a speaker the evidence credits or a person it names, not a body its
        # speaker speaks of («وأضافت أن المفوضية لا تشجع»: Markova, UNHCR's representative, says it)
        rivals = [p for _, p in ar_speakers(evidence) if not _credits_the_bullet(p, text, english)]
        return not (rivals or _names_a_person(named or evidence, article))
    elif kinds == {"person"}:
        wanted = ("someone",)
    else:
        wanted = ("place", "someone")
    return not any(_names_anything(named or evidence, article, kind) for kind in wanted)


def _credits_the_bullet(phrase: str, text: str, english: bool) -> bool:
    """Does the evidence's speaker phrase name someone the bullet's speaker is too («وأعلن الجربي» for "UGTT
    regional secretary-general Hedi Jerbi announced")?"""
    said = " ".join(bullet_speakers(text))
    if english:
        return any(
            len(latin_key(word)) >= 3 and english_matches_arabic(word, phrase)
            for word in re.findall(r"\b[A-Z][a-z'’]+", said)
        )
    words = set(said.split())
    return any(len(w) >= 4 and w in words and not dictionary_word(w) for w in phrase.split())


def _names_a_person(evidence: str, article: str) -> bool:
    kinds = article_name_kinds(article)
    return any(kind == "person" and find_phrase(name, evidence) is not None for name, kind in kinds.items())


def _speaks(name: str, text: str, english: bool) -> bool:
    """Does the bullet make ``name`` its speaker ("Hamdan said", «قال الخوالدة»)?"""
    if not text:
        return False
    wanted = name.lower() if english else normalize_text(name)
    return any(wanted in (phrase.lower() if english else phrase) for phrase in bullet_speakers(text))


@lru_cache(maxsize=1024)
def _names_anything(evidence: str, article: str, kind: str) -> bool:
    """Does the evidence name a place (``kind`` "place") or someone (a person after a title, a body, an agency or an
    armed group)? A town's name counts where a place stands, as in ``_arabic``: «بلا» is "without" before it is a
    town."""
    tokens = re.findall(r"\w+", normalize_text(evidence))
    for start, end, _, found in gazetteer().arabic_hits(evidence):
        if kind == "someone" and any(e.kind in ("agency", "group") for e in found):
            return True
        if kind == "place" and any(e.kind == "country" and e.ident != "UN" for e in found):
            return True
        if kind == "place" and _after_cue(tokens, start) and not _function_word(tokens, start, end):
            return True
    kinds = article_name_kinds(article)
    for known in article_names(article):
        if (kinds.get(known) == "place") == (kind == "place") and find_phrase(known, evidence) is not None:
            return True
    if kind == "someone" and _apposed_person(evidence):
        return True
    return kind == "someone" and any(find_phrase(org, evidence) is not None for org in article_orgs(article))


# Session 15: a person the evidence names in apposition to its speaker («وقال أحدهم، علي الركابي، إن»): a rival to
# the article's lead person, though the article names him after no title.
_APPOSED = re.compile(r"\w+\s*[،,]\s*(\w+\s+\w+(?:\s+\w+)?)\s*[،,]")


def _apposed_person(evidence: str) -> bool:
    """Does a speaker of the evidence stand with a name of two or three words between commas after it, its last
    word no dictionary word («أحدهم، علي الركابي،»)?"""
    norm = normalize_text(evidence)
    for _, phrase in ar_speakers(evidence):
        at = norm.find(phrase)
        match = _APPOSED.match(norm, at) if at >= 0 else None
        if match is not None and not dictionary_word(match.group(1).split()[-1]):
            return True
    return False


def _around_a_quoted_name(org: str, evidence: str) -> bool:
    """Does the evidence write the organisation's words in order around a quoted proper name («شبكة "السويداء 24"
    المحلية», «موقع "الخابور" الإخباري»), which the article's reading of the body leaves out?"""
    words = org.split()
    if len(words) < 2:
        return False
    quoted = r"\s*[«\"“][^»\"”]{1,40}[»\"”]\s*"
    pattern = rf"(?<!\w)[وفبل]?{re.escape(words[0])}{quoted}" + r"\s+".join(re.escape(w) for w in words[1:]) + r"(?!\w)"
    return re.search(pattern, normalize_text(evidence)) is not None


def _describe(entries: list[Entry]) -> str:
    return _KIND.get(entries[0].kind, "name")


def known_english(text: str) -> list[tuple[str, list[Entry]]]:
    """Gazetteer names in English text, longest first: ("New York", [...]), ("Syrian", [Syria]).

    A city whose name is also a common English word ("Reading", "Mobile") counts only where a place name
    stands ("in Reading"); countries, demonyms and agencies count anywhere they are capitalised."""
    table = gazetteer()
    words = list(_WORD.finditer(text))
    found: list[tuple[str, list[Entry]]] = []
    i = 0
    while i < len(words):
        first = words[i]
        if not first.group()[:1].isupper() or first.group().lower() in STOP:
            i += 1
            continue
        hit = None
        for n in range(min(6, len(words) - i), 0, -1):
            surface = re.sub(r"['’]s$", "", text[first.start() : words[i + n - 1].end()])
            entries = table.english_entries(surface)
            if entries:
                hit = (n, surface, entries)
                break
        if hit is None:
            i += 1
            continue
        n, surface, entries = hit
        if (
            n == 1
            and all(e.kind == "city" for e in entries)
            and is_common_english(surface)
            and not name_by_position(text, first)
        ):
            i += 1
            continue
        found.append((surface, entries))
        i += n
    return found


# Words by which a text refers back to a place or an agency it named before: «أفادت الوكالة» (the agency),
# «في البلاد» (the country), «في المدينة» (the city).
_BACK_REFERENCE = {
    "agency": {normalize_text(w) for w in ("الوكالة", "للوكالة")},
    "country": {
        normalize_text(w)
        for w in (
            *("البلاد", "البلد", "الدولة", "للبلاد", "بالبلاد"),
            # session 15: a state by its form of government («أكبر اكتشاف في السلطنة» for Oman); not «الجمهورية»,
            # mostly a title's («وكيل الجمهورية», «رئيس الجمهورية»)
            *("السلطنة", "بالسلطنة", "للسلطنة", "المملكة", "بالمملكة", "للمملكة"),
        )
    },
    "city": {
        normalize_text(w)
        for w in (
            *("المدينة", "البلدة", "القرية", "العاصمة", "المنطقة", "بالمدينة", "بالبلدة", "المحافظة", "بالمحافظة"),
            *("المخيم", "بالمخيم"),  # round 12
            # session 15: two places at once («حظر تجوال في المدينتين» for Kosti and Rabak); not a plural («في المدن»:
            # "in urban areas", no places named before)
            *("المدينتين", "بالمدينتين", "البلدتين", "القريتين", "المحافظتين"),
        )
    },
    "group": {normalize_text(w) for w in ("التنظيم", "للتنظيم", "الجماعة", "للجماعة", "الحركة", "للحركة", "الحزب")},
}


_EN_PLACE_BEFORE = re.compile(
    r"\b(?:in|near|from|outside|around|into|towards?|between|across|of|and|at)\s+(?:the\s+)?$", re.I
)
_EN_PLACE_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:(?:oil|gas|air|military|refugee|border)\s+)?(?:district|province|governorate|city|town|village|"
    r"camp|countryside|area|region|state|port|neighbourhood|neighborhood|crossing|airport|base|field)\b",
    re.I,
)


_EN_ARTICLE = re.compile(r"\b(?:al|el|Al|El)-$")


# A town the evidence names implies its country only when it is a real city: smaller GeoNames places share their
# names with ordinary Arabic words («عمر»).
_CITY_FOR_COUNTRY = 15_000


def _own_place(surface: str, article: str) -> str | None:
    """The article's own place (named after a place noun) whose skeleton is the English name's, exactly."""
    key = latin_key(surface)
    kinds = cue_name_kinds(article)
    found = [n for n in _cue_name_keys(article).get(key, frozenset()) if kinds.get(n) == "place"]
    return min(found) if len(key) >= 2 and found else None


def _a_city_of(countries: list[Entry], evidence: str) -> bool:
    """Does the evidence name a city (of ``_CITY_FOR_COUNTRY`` people or more) of one of these countries?"""
    codes = {e.ident for e in countries}
    return any(
        e.kind == "city" and e.population >= _CITY_FOR_COUNTRY and e.ident.split(":")[0] in codes
        for _, _, _, found in gazetteer().arabic_hits(evidence)
        for e in found
    )


_BODY_LINKS = {"of", "the", "and"}


def _of_a_body_the_evidence_names(text: str, surface: str, evidence: str) -> bool:
    """Does an English nationality stand before a body the evidence names in Arabic ("the Iraqi army" citing
    «الجيش», "Lebanese parliament" citing «البرلمان»)? Writers add the article's country to it, as
    ``_demonym_of_evidence_noun`` lets an Arabic bullet do; every word of the body must be a glossary word whose
    Arabic the evidence writes (``names.GLOSSARY``), and the evidence names no armed group or agency ("Iraqi forces"
    citing «قوات الدعم السريع» is the wrong force)."""
    if any(e.kind in ("group", "agency") for *_, found in gazetteer().arabic_hits(evidence) for e in found):
        return False
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        words = _WORD.findall(re.sub(r"^['’]s\b", "", text[m.end() :]))[:3]  # "Iraq's interior ministry" (round 10)
        for n in range(len(words), 0, -1):
            body = [w.lower() for w in words[:n]]
            if body[-1] in _BODY_LINKS or not all(w in GLOSSARY or w in _BODY_LINKS for w in body):
                continue
            if translation_matches(" ".join(words[:n]), evidence):
                return True
    return False


def _english_place_position(text: str, surface: str) -> bool:
    """Does ``surface`` stand where English puts a place: after a place preposition ("in Misrata", "between Baidoa
    and Kismayo") or before a place noun ("Baaj district")? A person who shares a village's name rarely does."""
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        before = text[: m.start()]
        if _EN_PLACE_BEFORE.search(before) or _EN_ARTICLE.search(before) or _EN_PLACE_AFTER.match(text[m.end() :]):
            return True
    return False


_EN_GIVEN_BEFORE = re.compile(r"\b[A-Z][a-z]{2,}\s+$")
_EN_FAMILY_AFTER = re.compile(r"^\s+(?:al|el|bin|ben|ibn|abu|abdel|abdul)[-\s]", re.I)
_EN_RANK_BEFORE = re.compile(r"\b(?:Maj|Gen|Col|Brig|Lt|Capt|Sgt|Dr|Prof|Mr|Mrs|Ms)\.?\s+$")


def _in_a_persons_name(text: str, surface: str) -> bool:
    """Session 15: does ``surface`` stand in a person's name: after a rank or a capitalised word no dictionary has
    (a first name: "Laura Bianchi"), or before the particle of a family name ("Osman al-Taher")?"""
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        before, after = text[: m.start()], text[m.end() :]
        if _EN_RANK_BEFORE.search(before) or _EN_FAMILY_AFTER.match(after):
            return True
        given = _EN_GIVEN_BEFORE.search(before)
        if given and not is_common_english(given.group().strip()):
            return True
    return False


def _known_name(
    surface: str,
    entries: list[Entry],
    evidence: str,
    article: str,
    text: str | None = None,
    keep_home: bool = False,
) -> NameFinding | None:
    """A known name the evidence does not carry: a swap when the article writes it elsewhere (a country or a
    nationality that the article gives is only ``name.country``: writers add it from the article's context),
    a gazetteer error when the article never does. The evidence may refer back to it («الوكالة»)."""
    if not any(carries(e, article) for e in entries):
        if text is not None and all(e.kind == "city" for e in entries) and (own := _own_place(surface, article)):
            # round 12: "Bara" is the article's «بارا» («مدينة بارا»), which the gazetteer spells «بارة»
            if find_phrase(own, evidence) is not None or _spelled_out(surface, evidence):
                return None
            return ("name.article_swap", surface, f"{surface!r} is «{own}» of the article, not in this evidence")
        # a GeoNames place may share its name with an ordinary word («عمر», "Omar"); a country, an agency or an
        # armed group from the curated tables is a name wherever it stands
        if (
            text is not None
            and all(e.kind == "city" for e in entries)
            and not _english_place_position(text, surface)
            and _in_a_persons_name(text, surface)
        ):
            return None  # session 15: "Laura Bianchi", "Maj. Gen. Osman al-Taher": a GeoNames place in a person's name
        check = "name.gazetteer"
        if all(e.kind == "city" for e in entries):  # Arabic towns are only read after a place cue (``_after_cue``)
            check = (
                "name.gazetteer_place"
                if text is None or _english_place_position(text, surface)
                else "name.gazetteer_word"
            )
        return (check, surface, f"{surface!r} is a known {_describe(entries)} the article never writes")
    kinds = {e.kind for e in entries}
    others = [e for _, _, _, found in gazetteer().arabic_hits(evidence) for e in found if e.kind in kinds]
    words = set(re.findall(r"\w+", normalize_text(evidence)))
    # round 10: «غربي المحافظة» stands for the province the article named before the window, whatever other places
    # the window names ("west of Marib" citing it)
    if (
        "city" in kinds
        and words & _BACK_REFERENCE["city"]
        and (referent := _referent(evidence, article))
        and (
            _same_place(normalize_text(surface), referent)
            or (ENGLISH_BACK_REFERENCE and text is not None and english_matches_arabic(surface, referent))
        )
    ):
        return None
    # (session 15: no other name of the back-reference's own kind: «في السلطنة» stands for Oman («عمان», also the
    # town Amman) beside «خمس», a number GeoNames also knows as a town)
    if any(
        words & _BACK_REFERENCE.get(e.kind, set()) and not any(o.kind == e.kind for o in others)
        for e in entries
        if carries(e, article)
    ):
        # «أفادت الوكالة»: the agency named before, and no other agency named here. Round 9: «في البلدة» stands for the
        # last town the article named before it; an Arabic bullet's other town there is the wrong one (a warning).
        referent = _referent(evidence, article) if text is None and kinds == {"city"} else None
        if referent is not None and not _same_place(normalize_text(surface), referent):
            message = f"«{surface}»: its evidence's back-reference stands for «{referent}», named before it"
            return ("name.back_reference", surface, message)
        return None
    if kinds == {"country"} and not others:
        if (
            is_home(entries, article)
            and not keep_home
            and not (text is not None and _en_home_body_elsewhere(text, surface, evidence, article))
        ):
            return None  # round 16: the article's own country as context ("Tunisia's agriculture ministry")
        # "Basra, Iraq" citing «البصرة»: the country of a city the evidence names is its own, weaker check
        check = "name.country_of_place" if _a_city_of(entries, evidence) else "name.country"
        if check == "name.country" and text is not None and _of_a_body_the_evidence_names(text, surface, evidence):
            check = "name.country_of_body"  # "the Iraqi army" citing «الجيش»: the article's country added to a body
        return (check, surface, f"{surface!r} is written in the article, but not in this bullet's evidence")
    if kinds == {"city"} and not others and is_home_city(entries, article):
        return None  # round 16: the dateline's town as context ("in Sabha"), where the evidence names no other town
    return ("name.article_swap", surface, f"{surface!r} is written in the article, but not in this bullet's evidence")


_AR_NOT_A_BODY = {"في", "من", "الى", "علي", "عن", "مع", "ان", "او", "و"}


def _ar_home_body_elsewhere(tokens: list[str], start: int, entries: list[Entry], evidence: str, article: str) -> bool:
    """Round 16: the article's own country as an Arabic adjective of a body the article names with it and the
    evidence does not («خفر السواحل الليبي» for the rescue ship the window names): the body from elsewhere, which
    the home-country allowance of ``_known_name`` must not let pass."""
    if start < 1 or not is_home(entries, article):
        return False
    noun = tokens[start - 1]
    if len(noun) < 3 or noun in _AR_NOT_A_BODY:
        return False
    if re.search(rf"(?<!\w){re.escape(noun)}(?!\w)", normalize_text(evidence)):
        return False
    pair = rf"(?<!\w)\w?{re.escape(noun)} {re.escape(tokens[start])}(?!\w)"
    return re.search(pair, normalize_text(article)) is not None


# The English head nouns of bodies among ``names.GLOSSARY``'s words (not its adjectives: "Kurdish", "local").
_EN_BODY_HEAD_WORDS = (
    "agency army army's authority brigade brigades coalition coast guard command committee committees council"
    " court customs department directorate division force forces front government group intelligence judiciary"
    " ministry minister movement navy network observatory office party police prosecution secretariat service"
    " services union"
)
_EN_BODY_HEADS = frozenset(_EN_BODY_HEAD_WORDS.split())


def _en_home_body_elsewhere(text: str, surface: str, evidence: str, article: str) -> bool:
    """Round 16: the article's own country beside a body whose words (``names.GLOSSARY``) the article writes and
    the evidence does not ("the Libyan coast guard" for a rescue ship the window names): kept as ``name.country``."""
    stated, written = normalize_text(evidence), normalize_text(article)
    for m in re.finditer(rf"\b{re.escape(surface)}\b", text):
        after = _WORD.findall(re.sub(r"^['’]s\b", "", text[m.end() :]))[:3]
        before = _WORD.findall(text[: m.start()])[-4:]
        near = after + (before[:-1] if before and before[-1].lower() == "of" else [])
        for word in near:
            forms = GLOSSARY.get(word.lower(), ()) if word.lower() in _EN_BODY_HEADS else ()
            if forms and not any(f in stated for f in forms) and any(f in written for f in forms):
                return True
    return False


def _english(text: str, evidence: str, article: str, translations: Translations) -> list[NameFinding]:
    findings: list[NameFinding] = []
    covered: set[str] = set()
    for surface, entries in known_english(text):
        covered.update(re.sub(r"['’]s$", "", w.lower()) for w in _WORD.findall(surface))
        if not any(carries(e, evidence) for e in entries) and (
            other := _names_another_article_place(surface, evidence, article)
        ):
            findings.append(
                (
                    "name.article_swap",
                    surface,
                    f"{surface!r} is «{other}» of the article, not in this bullet's evidence",
                )
            )
            continue
        if (
            any(carries(e, evidence) for e in entries)
            or translated(surface, evidence, translations)
            or (
                acronym_supported(surface, evidence, translations)
                if surface.isupper()
                else _spelled_out(surface, evidence)
            )
        ):
            continue
        if (finding := _known_name(surface, entries, evidence, article, text)) is not None:
            findings.append(finding)

    def done(name: str) -> bool:
        return all(re.sub(r"['’]s$", "", w.lower()) in covered for w in _WORD.findall(name))

    expanded = expansions(text, lambda acronym: acronym_supported(acronym, evidence, translations))
    for phrase in english_phrases(text):
        if phrase in expanded or done(phrase) or phrase_supported(phrase, evidence, translations):
            continue
        if phrase_supported(phrase, article, translations):
            findings.append(
                ("name.article_swap", phrase, f"{phrase!r} is in the article, but not in this bullet's evidence")
            )
        else:
            findings.append(("name.unknown", phrase, f"{phrase!r} matches nothing in the evidence or the article"))
    for acronym in acronyms(text):
        if done(acronym) or acronym in expanded or acronym_supported(acronym, evidence, translations):
            continue
        if _defined_here(acronym, text):
            continue  # session 15: "the National Office of Electricity and Drinking Water (ONEE)": the name is checked
        if acronym_supported(acronym, article, translations):  # round 12: "UN" the article spells out elsewhere
            findings.append(("name.article_swap", acronym, f"{acronym!r} is in the article, not in this evidence"))
            continue
        check, claim, message = _unsupported_english(acronym, article)
        if check == "name.unknown":
            # session 15: an acronym found nowhere is mostly the writer's abbreviation of a name the evidence
            # spells out in words ("LNG" «الغاز المسال», "ONEE spokesman"): its own warning, apart from names
            check, message = (
                "name.unknown_acronym",
                f"acronym {acronym!r} matches nothing in the evidence or the article",
            )
        findings.append((check, claim, message))
    for name in english_names(text):
        if name.isupper() or name in expanded or done(name) or translated(name, evidence, translations):
            continue
        if _rank_abbreviation(name, text):
            continue  # session 15: "Maj. Gen. Osman al-Taher": a rank's abbreviation, no name
        if _designation(name, text):
            continue  # session 15: "Block 47" «منطقة الامتياز رقم 47»: a dictionary word numbering a thing
        if sum(c.isupper() for c in name) >= 2 and acronym_supported(name, evidence, translations):
            continue  # "MPs" for «نواب»
        if name.lower() in GLOSSARY and translation_matches(name, evidence):
            continue  # round 12: a word the glossary translates, translated there ("Arabic" «عربية», "Electricite")
        if other := _names_another_article_place(name, evidence, article):
            findings.append(
                ("name.article_swap", name, f"{name!r} is «{other}» of the article, not in this bullet's evidence")
            )
            continue
        if _transliterates(name, evidence):
            continue
        if any(latin_key(run) in evidence_word_keys(evidence) for run in capitalised_runs(text, name)):
            continue  # "Abu Dhabi" = «أبوظبي»: one Arabic word for a two-word name, skeletons equal
        if _first_of_a_written_name(name, text, evidence):
            continue  # round 12: "Diaa" of "Diaa al-Halfi" where the evidence writes «الحلفي»
        findings.append(_unsupported_english(name, article))
    return findings


@per_article
def _article_name_keys(article: str) -> dict[str, frozenset[str]]:
    """Transliteration skeleton -> the article's names with it: names after cues and known places it writes."""
    names = set(cue_name_kinds(article))  # (not people's family names: "Jabal" is no «الخبيل»)
    names.update(form for _, _, form, found in gazetteer().arabic_hits(article) if all(e.kind == "city" for e in found))
    keys: dict[str, set[str]] = {}
    for name in names:
        key = arabic_name_key(name)
        if len(key) >= 2:
            keys.setdefault(key, set()).add(name)
    return {key: frozenset(found) for key, found in keys.items()}


# Round 10: an English bullet's place where its evidence says «المحافظة» (the province named before the window) is
# accepted ("west of Marib" for «غربي المحافظة»). On by the lead's decision (board, 05:01): it removes one ERROR on a
# committed recording (1.5B v4 005 en: "oil companies operating in Basra" citing «العاملة في المحافظة»), which the
# lead re-records. Off restores the old replay.
ENGLISH_BACK_REFERENCE = True


def _names_another_article_place(name: str, evidence: str, article: str) -> str | None:
    """The article's own name that an English name transliterates exactly, when the evidence does not write it:
    "Mayadin" is «الميادين» of another paragraph, not «مدينة» of this window (a skeleton matches ordinary words
    by chance, so an exact article name wins over a match in the evidence)."""
    key = latin_key(name)
    if len(key) < 3:
        return None  # two classes ("Omar" MR, "Souq" SK) match too many names: «المريعية», «معرة», «شقيق»
    referent: str | None = None
    # round 12: a word of the evidence with the skeleton, spelled closer to the name than the article's name («مخيمي
    # الزعتري والأزرق» for "Azraq", not the city «الزرقاء» of another paragraph)
    spelled = [w for w in _evidence_words(evidence) if arabic_key(w) == key]
    for candidate in _article_names_of(key, article):
        if spelled and " " not in candidate and any(closer_spelling(name, w, candidate) for w in spelled):
            continue
        if find_phrase(candidate, evidence) is None:
            # round 10: "west of Marib" citing «غربي المحافظة», the province the article named before the window
            referent = (referent or _referent(evidence, article) or "") if ENGLISH_BACK_REFERENCE else ""
            if referent and _same_place(normalize_text(candidate), referent):
                continue
            return candidate
    return None


def _evidence_words(evidence: str) -> list[str]:
    """The evidence's normalised words, each also with its clitics off."""
    words = []
    for word in re.findall(r"\w+", normalize_text(evidence)):
        words.append(word)
        words += [stem for _, stem in clitic_parses(word)]
    return words


def _article_names_of(key: str, article: str) -> frozenset[str]:
    """``_article_name_keys(article)[key]``, that table built only when a city it lists may have this skeleton.

    Building it costs ~1 ms an article (the gazetteer's hits over every word), and most digests ask it for a
    skeleton no city of theirs has (speed only: the same names). Its names are the article's names after cues
    (``_cue_name_keys``, cheap) and the cities ``arabic_hits`` finds, each a gazetteer key, or that key after
    «ال», made of the article's words, so written in their joined text: when no key of this skeleton is, the
    table's names of this skeleton are the cue names'."""
    forms = _city_forms()
    words = _joined_words(article)
    if forms is None or any(form in words for form in forms.get(key, ())):
        return _article_name_keys(article).get(key, frozenset())
    return _cue_name_keys(article).get(key, frozenset())


@per_article
def _cue_name_keys(article: str) -> dict[str, frozenset[str]]:
    """Skeleton -> the article's names after cues (``article_names``) with it: the cheap part of the table."""
    keys: dict[str, set[str]] = {}
    for name in cue_name_kinds(article):
        keys.setdefault(arabic_name_key(name), set()).add(name)
    return {key: frozenset(found) for key, found in keys.items()}


@per_article
def _joined_words(article: str) -> str:
    """The normalised article's words joined by single spaces: the text ``arabic_hits`` reads keys from (it drops
    what stands between words; the index's words are the same text's ``\\w+`` runs)."""
    return " ".join(article_index(article).tokens)


CityForms = dict[str, tuple[str, ...]]
# Per gazetteer (one per set of sources), as long as it lives. Not an lru_cache: the claims benchmark clears those
# between digests, and this is read once per process like the gazetteer.
_CITY_FORMS: WeakKeyDictionary[Gazetteer, CityForms | None] = WeakKeyDictionary()


def _city_forms() -> CityForms | None:
    """Skeleton -> the gazetteer's city keys whose form (the key, or the key after «ال», as ``arabic_hits`` may
    find it) has it; None when some demonym's entries are all cities (never in today's data: its written forms
    are not listed). Built once per machine (~0.2 s), then read from the data cache."""
    table = gazetteer()
    if table not in _CITY_FORMS:
        _CITY_FORMS[table] = _read_or_build_city_forms(table)
    return _CITY_FORMS[table]


def _read_or_build_city_forms(table: Gazetteer) -> CityForms | None:
    """``_city_forms`` for ``table``, the gazetteer of today's ``SOURCES``."""
    if any(entries and all(e.kind == "city" for e in entries) for entries in table.nisba.values()):
        return None
    sources = "+".join(sorted(gazetteer_module.SOURCES)) or "none"
    built_from = [
        gazetteer_module.DATA / "places.tsv.gz",
        gazetteer_module.DATA / "agencies.json",
        *(
            Path(getattr(f, "__wrapped__", f).__code__.co_filename)
            for f in (gazetteer, normalize_text, arabic_name_key)
        ),
        Path(__file__),
    ]
    key = data_cache.input_key(built_from, sources)
    return data_cache.cached(f"city-skeletons-{sources}", key, lambda: _build_city_forms(table))


def _build_city_forms(table: Gazetteer) -> CityForms:
    found: dict[str, set[str]] = {}
    for key, entries in table.arabic.items():
        if all(e.kind == "city" for e in entries):
            for form in (key, "ال" + key):
                found.setdefault(arabic_name_key(form), set()).add(key)
    return {skeleton: tuple(sorted(keys)) for skeleton, keys in found.items()}


def _spelled_out(name: str, evidence: str) -> bool:
    """A known name written in the evidence in a spelling the gazetteer lacks: skeletons equal, no edit allowed
    (the one-class tolerance of ``_transliterates`` would let "Turkish" match «روسيا»-like text)."""
    key = latin_key(name)
    return len(key) >= 2 and (key in evidence_word_keys(evidence) or key in arabic_phrase_keys(evidence))


def _transliterates(name: str, evidence: str) -> bool:
    """The English name transliterates words of the evidence. A skeleton of one class ("Azaz" Z, "Aita" T)
    matches too much inside phrases: it must be the skeleton of one whole evidence word («عزاز», «عيتا»)."""
    words = [w for w in _WORD.findall(name) if w.lower() not in STOP]
    if len(words) > 1:
        if english_matches_arabic(name, evidence):
            return True  # "Kfar Kila" = «كفركلا»: one Arabic word
        return all(_transliterates(w, evidence) for w in words if not is_common_english(w)) and any(
            not is_common_english(w) for w in words
        )
    key = latin_key(name)
    if len(key) < 2:
        return bool(key) and key in evidence_word_keys(evidence)
    return english_matches_arabic(name, evidence)


def _first_of_a_written_name(name: str, text: str, evidence: str) -> bool:
    """A word of too few classes to match alone ("Diaa" D, "Hedi" D) opening a run whose next word transliterates a
    word of the evidence ("Diaa al-Halfi", «ونفى الحلفي»): the person the evidence names."""
    if len(latin_key(name)) >= 2:
        return False
    for match in re.finditer(rf"\b{re.escape(name)}\s+((?:(?:al|el|Al|El)-)?[A-Z][a-z'’]+)", text):
        rest = match.group(1)
        if len(latin_key(rest)) >= 2 and english_matches_arabic(rest, evidence):
            return True
    return False


# Session 15: abbreviated ranks and titles ("Maj. Gen.", "Brig.", "Lt. Col."), read as capitalised words.
_RANKS = frozenset(
    {"maj", "gen", "col", "brig", "lt", "capt", "sgt", "cpl", "cmdr", "adm", "gov", "sen", "rep", "prof", "supt"}
)


def _rank_abbreviation(name: str, text: str) -> bool:
    """Is ``name`` an abbreviated rank or title, written with its full stop ("Maj.", "Brig.")?"""
    return name.lower() in _RANKS and re.search(rf"\b{re.escape(name)}\.", text) is not None


def _designation(name: str, text: str) -> bool:
    """Is ``name`` a dictionary word capitalised before a number it designates ("Block 47", "Gate 3", "Route 6")?
    The number is checked as a number; the word is the thing's kind, translated, never transliterated."""
    return (
        is_common_english(name)
        and name.lower() not in EXONYMS
        and re.search(rf"\b{re.escape(name)}\s+(?:No\.?\s*)?\d", text) is not None
    )


def _defined_here(acronym: str, text: str) -> bool:
    """Session 15: does the bullet define the acronym, in brackets right after a name of two or more capitalised
    words ("the General Directorate of Information Systems Security (DGSSI)")? Its initials may be another
    language's (French: ONEE, DGSSI); the name before it is what the evidence must carry, and is checked itself."""
    return (
        re.search(
            rf"\b[A-Z][\w'’-]*(?:\s+(?:(?:of|for|the|and|de|du|des|la|le|el|al)\s+)*[A-Z][\w'’-]*)+\s*\(\s*"
            rf"{re.escape(acronym)}\s*\)",
            text,
        )
        is not None
    )


def _unsupported_english(name: str, article: str) -> NameFinding:
    """A name the article writes elsewhere is a swap; one written nowhere may be a paraphrase (a warning)."""
    if english_matches_arabic(name, article):
        return (
            "name.article_swap",
            name,
            f"{name!r} is written in the article, but not in this bullet's evidence",
        )
    return ("name.unknown", name, f"name {name!r} matches nothing in the evidence or the article")


def _function_word(tokens: list[str], start: int, end: int) -> bool:
    """Is the hit one function word with its clitics («بأنه», «لأنها», «فيما»)?"""
    if end - start != 1 or start >= len(tokens):
        return False
    token = tokens[start]
    return any(stem in AR_FUNCTION or stem in _FUSED for stem in (token, *(s for _, s in clitic_parses(token))))


# Round 14: function words written as one with «لا» («بألا يبقى», «إلا»): «بالا» is no town Bala.
_FUSED = frozenset(normalize_text(w) for w in ("ألا", "إلا", "لئلا"))


def _after_cue(tokens: list[str], index: int) -> bool:
    """A place name stands after a preposition or a place noun («في», «بلدة»), or carries a preposition («بدمشق»)."""
    token = tokens[index]
    if any(parts & {"ب", "ل"} for parts, _ in clitic_parses(token)):
        return True
    if index == 0:
        return False
    before = tokens[index - 1]
    cues = AR_NAME_CUES | PLACE_CUES
    return before in cues or any(stem in cues for _, stem in clitic_parses(before))


def _a_word_more_than_a_town(tokens: list[str], start: int, end: int, entries: list[Entry]) -> bool:
    """Is a one-word town's name here an ordinary word of the dictionary (``lexicon``): always, for a village
    (under ``_CITY_FOR_COUNTRY`` people: «أحد», «رصد», «سلوك»); for a town, unless a place noun or a preposition
    stands before it as a word, or «ب» is attached («بمأرب»), not «ل» («لعبور القافلة»: to cross)."""
    if end - start != 1 or start >= len(tokens):
        return False
    token = tokens[start]
    before = tokens[start - 1] if start else ""
    if before in _SOURCE_CUES or any(stem in _SOURCE_CUES for _, stem in clitic_parses(before)):
        return True  # session 15: «وبحسب السلطات» (the authorities), no town Settat: a source stands there
    if not dictionary_word(token):
        return False
    if max(e.population for e in entries) < _CITY_FOR_COUNTRY:
        return True
    cues = AR_NAME_CUES | PLACE_CUES
    if before in cues or any(stem in cues for _, stem in clitic_parses(before)):
        return False
    return not any("ب" in parts for parts, _ in clitic_parses(token))


# Round 17: Arabic cardinals, and what follows a cardinal inside one number: «واحد وعشرين», «خمسة آلاف»
_AR_CARDINAL = re.compile(
    r"^(?:واحد|واحده|اثن\w*|ثلاث\w*|اربع\w*|خمس\w*|ست|سته|ستين|ستون|سبع\w*|ثمان\w*|تسع\w*|عشر\w*|مئه|ميه|مايه"
    r"|مئات|الف|الفا|الفين|الاف|مليون\w*|ملايين|مليار\w*)$"
)
_AR_IN_A_NUMBER = re.compile(
    r"^(?:و(?:(?:واحد|اثن|ثلاث|اربع|خمس|سبع|ثمان|تسع|عشر|مئ|مائ|ماي|الف)\w*|ست|سته|ستين|ستون|ميه|ميتين)"
    r"|الف|الفا|الاف|مليون\w*|مليار\w*)$"
)


def _heads_a_number(tokens: list[str], start: int, end: int) -> bool:
    """A one-word town that is a cardinal («واحد», «خمس»), followed by the rest of a number («وعشرين», «ألف»)."""
    return (
        end - start == 1
        and end < len(tokens)
        and bool(_AR_CARDINAL.match(tokens[start]))
        and bool(_AR_IN_A_NUMBER.match(tokens[end]))
    )


# Cues after which a source stands, not a place («بحسب», «وفق»): a dictionary word there is that word.
_SOURCE_CUES = frozenset(normalize_text(w) for w in ("بحسب", "حسب", "وفق", "وفقا"))


def _demonym_of_evidence_noun(
    tokens: list[str], start: int, form: str, entries: list[Entry], evidence: str, article: str
) -> bool:
    """«وزارة الداخلية المصرية» for «وزارة الداخلية»: the country's adjective added to a body the evidence names,
    the country being the article's (writers add it from context, as "the Syrian Defence Ministry" in English)."""
    if start == 0 or not form.startswith("ال") or not form.endswith(("ي", "يه")) or " " in form:
        return False
    if not all(e.kind == "country" for e in entries) or not any(carries(e, article) for e in entries):
        return False
    if any(e.kind == "country" for *_, found in gazetteer().arabic_hits(evidence) for e in found):
        return False  # «الطيران التركي» where the evidence writes «الطيران الروسي»: another country, a swap
    return find_phrase(tokens[start - 1], evidence) is not None


# Round 9: «البلدة» in a window refers back to the last place the article named after «بلدة» before it (likewise
# «المدينة», «القرية»); a bullet naming another of the article's places there names the wrong one.
_REFERRING = {
    normalize_text(k): normalize_text(v)
    for k, v in (
        ("البلدة", "بلدة"), ("المدينة", "مدينة"), ("القرية", "قرية"), ("المحافظة", "محافظة"),
        ("المخيم", "مخيم"),  # round 12: «سكان المخيم» for «مخيم الزعتري»
    )
}  # fmt: skip
_REFERRING_WORD = re.compile(r"(?<!\w)(?:[وفبل]|وب|لل)?(" + "|".join(_REFERRING) + r")(?!\w)")


def _referent(evidence: str, article: str) -> str | None:
    """The place a back-reference of the evidence («في البلدة») stands for: of the words after a «بلدة» the article
    writes before it, the one it mentioned last (``places.last_mentioned``). None when the evidence has no such word,
    or its window is not found as written."""
    spans = evidence.split(" … ")
    norm_article = normalize_text(article)
    for span in spans:
        norm = normalize_text(span)
        at = norm_article.find(norm)
        found = _REFERRING_WORD.search(norm)
        if at < 0 or found is None:
            continue
        noun = _REFERRING[found.group(1)]
        before = norm_article[: at + found.start()]
        named = [m.group(1) for m in re.finditer(rf"(?<!\w)(?:[وفب]|وب)?{noun}\s+(\w+)", before)]
        # round 12: of the places introduced so, the one mentioned last («وكانت المدينة» after «الفارة من بارا»)
        return last_mentioned(list(dict.fromkeys(named)), re.findall(r"\w+", before)) if named else None
    return None


def _placed(name: str, text: str) -> bool:
    """Does the bullet write ``name`` where a place stands (after «في», «قرب», «بلدة», or with «ب»: «بمنبج»)?"""
    cue = r"(?<!\w)(?:(?:في|من|الي|علي|قرب|نحو|بلده|مدينه|قريه)\s+|[وف]?[بل])(?:ال)?"
    return bool(re.search(rf"{cue}{re.escape(name)}(?!\w)", normalize_text(text)))


def _same_place(name: str, referent: str) -> bool:
    return name == referent or name.startswith(referent) or referent.startswith(name)


@per_article
def _people_family_names(article: str) -> dict[str, frozenset[str]]:
    """Round 14: the last word of each person's name the article writes after a title («رجل الأعمال مجدي السيوفي»:
    «السيوفي»), when no ordinary word reads it: the name a text refers to that person by; each with the words of
    the title before the name that names a person's role («الوزير», «العقيد»: ``arabic_names``' person cues), bare (no
    clitic, no «ال»)."""
    norm = article_index(article).text
    found: dict[str, set[str]] = {}
    for name, kind in article_name_kinds(article).items():
        if kind != "person" or " " not in name or len(last := name.split()[-1]) < 4 or ordinary(last):
            continue
        titles = found.setdefault(last, set())
        for match in re.finditer(rf"(?<!\w)[وفبل]?{re.escape(name)}(?!\w)", norm):
            # (the title before the name, an apposition's comma between them allowed: «وزير الفلاحة، رشيد حمادي»)
            before = re.split(r"[^\w\s]", norm[max(0, match.start() - 60) : match.start()].rstrip(" ،,"))[-1]
            before = before.split()[-3:]
            titles.update(
                form
                for w in before
                for form in (re.sub(r"^ال", "", w), re.sub(r"^[وفبل](?:ال)?", "", w))
                if form in _PERSON_CUES or "ال" + form in _PERSON_CUES
            )
    return {last: frozenset(titles) for last, titles in found.items()}


def _family_names(text: str, evidence: str, article: str) -> set[str]:
    """The article people's family names (``_people_family_names``) a bullet writes, but not where the evidence
    refers back by the person's title, definite («وأضاف الوزير» for «وزير الفلاحة رشيد حمادي»)."""
    words = set(re.findall(r"\w+", normalize_text(evidence)))
    return {
        name
        for name, titles in _people_family_names(article).items()
        if find_phrase(name, text)
        and not any(c + "ال" + t in words for t in titles if len(t) >= 3 for c in ("", "و", "ف", "ب", "ل"))
    }


def _arabic(text: str, evidence: str, article: str, translations: Translations) -> list[NameFinding]:
    findings: list[NameFinding] = []
    tokens = re.findall(r"\w+", normalize_text(text))
    seen: set[str] = set()
    kinds = article_name_kinds(article)
    for start, _end, form, entries in gazetteer().arabic_hits(text):
        if all(e.kind == "city" for e in entries) and not _after_cue(tokens, start):
            continue  # a town's name that is also a word («صور» "pictures») counts only where a place stands
        if all(e.kind == "city" for e in entries) and _heads_a_number(tokens, start, _end):
            continue  # round 17: «من واحد وعشرين ألف مودع»: a number word heading a number, not the village «واحد»
        if all(e.kind == "city" for e in entries) and _a_word_more_than_a_town(tokens, start, _end, entries):
            continue  # round 11: «في الأساس», «في أحد أكثر», «لعبور القافلة»: a dictionary word before a village
        if all(e.kind == "city" for e in entries) and _function_word(tokens, start, _end):
            continue  # «بأنه» normalises to «بانه» (Baneh): a preposition and «أنه», not a town
        if start < len(tokens) and " " not in form and tokens[start] != form and tokens[start] in kinds:
            continue  # round 12: «بارا» as the article names it («مدينة بارا»), not «ب» + a town «ارا»
        seen.add(form)
        if any(carries(e, evidence) for e in entries):
            continue
        if _demonym_of_evidence_noun(tokens, start, form, entries, evidence, article):
            continue
        keep = _ar_home_body_elsewhere(tokens, start, entries, evidence, article)
        if (finding := _known_name(form, entries, evidence, article, keep_home=keep)) is not None:
            findings.append(finding)
    written = {normalize_text(arabic) for _, arabic in translations if find_phrase(arabic, article)}
    words = set(re.findall(r"\w+", normalize_text(evidence)))
    kinds = article_name_kinds(article)
    for name in sorted(written | set(names_in(text, article)) | _family_names(text, evidence, article)):
        if name in seen or not find_phrase(name, text) or find_phrase(name, evidence):
            continue
        if any(form in name or name in form for form in seen):
            continue
        # «في البلدة», «أفادت الوكالة»: the evidence may refer back to a place (or, for a digest name, to anything)
        back = _BACK_REFERENCE["city"] | _BACK_REFERENCE["country"] if kinds.get(name) == "place" else set()
        if words & (back if name not in written else set().union(*_BACK_REFERENCE.values())):
            if (
                back
                and _placed(name, text)
                and (referent := _referent(evidence, article)) is not None
                and not _same_place(name, referent)
            ):
                message = f"«{name}»: its evidence's «{referent}» refers back to another place the article named before"
                findings.append(("name.back_reference", name, message))
            continue
        seen.add(name)
        check = "name.article_swap" if name in written else "name.article_name"
        findings.append((check, name, f"«{name}» is a name in the article, but not in this bullet's evidence"))
    orgs = article_orgs(article)
    # Only where the evidence credits another body (the right name in the wrong role): a bullet may name the
    # article's own source (the ministry whose statement the article is) from context.
    credited = [o for o in orgs if find_phrase(o, evidence)] or [
        form
        for _, _, form, found in gazetteer().arabic_hits(evidence)
        if any(e.kind in ("agency", "group") for e in found)
    ]
    for org in sorted(orgs) if credited else ():
        if any(org in form or form in org for form in seen) or not find_phrase(org, text):
            continue
        if find_phrase(org, evidence):
            continue
        if _around_a_quoted_name(org, evidence):
            continue  # session 15: «شبكة "السويداء 24" المحلية» carries «شبكة محلية» (the article's «شبكه المحليه»)
        if named_alone(re.sub(r"^(?:ال|لل)", "", org.split()[1]), normalize_text(evidence)):
            continue  # round 12: «أمام هيئة المحكمة» for «أمام المحكمة»: the evidence names the body by its own noun
        if org_back_reference(org, evidence):
            # «الوزارة» refers back to the body the evidence names with the same head, not to the bullet's
            head = org.split()[0]
            rivals = [o for o in credited if o.split()[0] == head and o != org]
            if rivals:
                seen.add(org)
                message = f"«{org}»: the evidence's «{head}» is its «{rivals[0]}», named in the same window"
                findings.append(("name.org_same_head", org, message))
            continue
        seen.add(org)
        findings.append(
            ("name.article_org", org, f"«{org}» is an organisation the article names, but not this bullet's evidence")
        )
    for token in unknown_arabic_names(text, article):
        if any(carries(e, evidence) for *_, found in gazetteer().arabic_hits(token) for e in found):
            continue  # round 14: «سوريا» where the evidence writes «الأراضي السورية»: the name in another form
        findings.append(
            (
                "name.unknown",
                token,
                f"«{token}» looks like a name and is not in the article (neither the word nor its root)",
            )
        )
    return findings
