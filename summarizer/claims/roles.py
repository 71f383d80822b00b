"""Who did what to whom (round 8): parties and figures given the other way round.

Why: a reversed role is the error newsrooms fear with a same-article name swap, and no name, number or date rule
sees it: every name and figure of "the army retook the town from the factions" written as "the factions retook it
from the army" is in the evidence. Three readers, each a warning (``unverified``) until measured on text it was
not tuned on:

- ``reversed_parties``: two parties (a small documented lexicon of the actors news names, by class, English and
  Arabic: the army, the police, armed groups, protesters, a family, a ministry, ...) that one sentence of the bullet
  names in one order and the one sentence of its evidence naming both names in the other. English (SVO) and Arabic
  (VSO) both put the doer before the done-to; a passive with its agent ("dispersed by the police", «من قبل») and two
  parties joined by "and" / «و» (no order) are left alone;
- ``crossed_figures``: an arrest figure and a harm figure (killed, wounded) given the other way round ("three
  arrested, seven hurt" for «سبعة اعتقلوا ... ثلاثة أصيبوا»); killed against wounded is ``events.crossed_harm_figures``;
- ``harm_values``: a figure for the killed, the wounded or the arrested that the evidence never states, backed only
  as a rounding of another count's figure ("at least 17 killed" where the evidence has «سبعة» killed and «23»
  wounded).
"""

from __future__ import annotations

import functools
import re

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.events import _AR_PREFIX, harm_figures, harm_of
from summarizer.claims.numbers import Quantity, quantities, supports

_ACRONYMS = {"organisation", "us", "sdf", "rsf", "islamic_state"}  # their English patterns set their own case
# class -> (English pattern, Arabic pattern on normalised text, without the article or a clitic)
_PARTIES: dict[str, tuple[str, str]] = {
    "police": (
        r"riot police|police(?:m[ae]n)?|security (?:forces|services|agencies|personnel|members)|(?:police )?officers?",
        r"قوات الامن|القوات الامنيه|قوات امنيه|الاجهزه الامنيه|اجهزه الامن|عناصر الامن|قوي الامن|شرطه|شرطي\w*"
        r"|منتسبين|اعوان\w*|مكافحه الشغب",
    ),
    "army": (r"arm(?:y|ies)|soldiers?|troops?|servicem[ae]n", r"جيش|جنود|جندي|جنديا"),
    "organisation": (r"(?i:rights groups?|organi[sz]ations?)|NGOs?", r"منظمه|منظمات"),
    "armed": (
        r"factions?|militants?|gunmen|rebels?|fighters?|jihadists?|insurgents?|militi(?:a|as|amen)|armed groups?"
        r"|the group",
        r"فصيل|فصايل|فصائل|مسلح\w*|مقاتل\w*|جهادي\w*|ميليشي\w*|مليشي\w*|جماعه",  # (not «تنظيم»: also "organising")
    ),
    "protesters": (
        r"protesters?|demonstrators?|activists?|graduates|marchers",
        r"محتج(?!ز)\w*|متظاهر\w*|ناشط\w*|خريج\w*",
    ),
    "family": (r"family|families|relatives", r"عايله|عائله|اسره|ذوي"),
    "ministry": (r"ministry|ministries|minister", r"وزاره|وزير"),
    "agency": (r"agency", r"جهاز|وكاله"),
    "traders": (
        r"traders?|merchants?|shop ?keepers?|shop owners?|vendors?",
        r"تجار[اه]?|تاجر|اصحاب المحال|اصحاب المتاجر",
    ),
    "residents": (r"residents?|villagers?|locals", r"سكان|اهالي"),  # (not «مدني»: "he is a civilian" is no actor)
    "government": (r"government|authorities|administration", r"حكومه|سلطات|اداره"),
    "us": (r"U\.S\.|US|(?i:American|Americans|United States|Pentagon|Washington)", r"اميرك\w*|امريك\w*|واشنطن"),
    "israel": (r"Israel\w*", r"اسراييل\w*|اسرائيل\w*"),
    "hezbollah": (r"Hezbollah|Hizbollah", r"حزب الله"),
    "iran": (r"Iran\w*", r"ايران\w*"),
    "sdf": (r"(?i:Syrian Democratic Forces)|SDF", r"قوات سوريا الديمقراطيه|قسد"),
    "rsf": (r"(?i:Rapid Support Forces)|RSF", r"قوات الدعم السريع|الدعم السريع"),
    "houthis": (r"Houthis?|Huthis?|Ansar Allah", r"حوثي\w*|انصار الله"),
    "islamic_state": (r"(?i:Islamic State|Daesh)|ISIS|ISIL|IS", r"الدوله الاسلاميه|داعش"),
}
# (acronyms keep their case: "US", "IS" are not "us", "is"; every other English word is matched in any case)
_EN_PARTY = re.compile(
    "|".join(rf"\b(?P<{name}>{en if name in _ACRONYMS else f'(?i:{en})'})\b" for name, (en, _) in _PARTIES.items())
)
_AR_PARTY = re.compile("|".join(rf"{_AR_PREFIX}(?P<{name}>{ar})(?!\w)" for name, (_, ar) in _PARTIES.items()))
_SENTENCE = re.compile(r"[.;؛!?؟\n…]+")
# A bullet is read clause by clause: a paraphrase may put an attribution or a second clause first ("According to
# the police, ...", «أكدت ... ولا ينتمي»); the evidence sentence by sentence (Arabic news runs clauses on commas).
_CLAUSE = re.compile(r"[.;؛!?؟\n…,،]+|\s(?:while|whereas|but|although|though)\s|\s(?:بينما|فيما|لكن|في حين)\s")
# Two mentions this close, not joined, name one party: "the Israeli army" («الجيش الإسرائيلي»), "Iran-backed
# factions" («فصائل مسلحة عدة مدعومة من إيران»), "pro-government fighters", "the Salvation Government's ministry".
_COMPOUND_WORDS = 3
_BREAK = re.compile(r"[,،;؛:]|\b(?:said|says|while|but)\b|(?<!\w)(?:فيما|بينما|لكن|قال|قالت)(?!\w)")
# ... and more words apart only through a word of affiliation: "Iran-backed", "the Government's", «مدعومة من».
_LINK = re.compile(r"-backed|-allied|-aligned|'s\b|\bof\b|(?<!\w)(?:مدعوم\w*|موال\w*|تابع\w*|في|من)(?!\w)")
_COUNTRIES = {"us", "israel", "iran"}
_EN_PLACE = re.compile(
    r"\b(?:in|into|to|at|from|near|northern|southern|eastern|western|north|south|east|west)\s+$", re.I
)
_AR_PLACE = re.compile(r"(?<!\w)(?:في|الي|نحو|داخل|شمال|جنوب|شرق|غرب|شمالي|جنوبي|شرقي|غربي)\s+$")
_MODIFIERS = {
    "us",
    "israel",
    "iran",
    "hezbollah",
    "government",
    "sdf",
    "rsf",
    "houthis",
    "islamic_state",
}  # named as adjectives or possessors too
# A passive names its doer after the done-to: "were dispersed by riot police", «من قبل الشرطة».
_EN_AGENT = re.compile(r"\bby\s+(?:the\s+|its\s+|their\s+)?(?:\w+\s+){0,2}?$", re.I)
_AR_AGENT = re.compile(r"(?:من قبل|علي يد|بيد)\s+(?:\w+\s+){0,1}?$")
_EN_JOIN = re.compile(r"^\W*(?:\w+\W+){0,3}?(?:and|or|nor|with|against each other)\W", re.I)
# Round 13: a party that is a sentence's speaker: "the army said (that) militants attacked", "..., the army said",
# "according to the army"; «وقال الجيش إن مسلحين هاجموا», «بحسب بيان للجيش». The same speaker stands first in one
# language's sentence and last in the other's («هاجم مسلحون ...، بحسب الجيش» for "the army said militants
# attacked"): a party both texts make their speaker has no place in the order of who did what to whom. (A party
# one text makes its speaker and the other does not is kept: "Hezbollah claimed it had targeted" for «زعم الجيش
# أنه استهدف» is the wrong party's claim.)
_EN_SPEAKER_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+[\w'’-]+){0,3}?\s+(?:said|says|say|told|tells|stated|added|reported|claimed|announced"
    r"|confirmed|noted|insisted|maintained)\b",
    re.I,
)
_EN_SPEAKER_BEFORE = re.compile(
    r"\b(?:according to|cited by|quoted by|citing|told by)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I
)
_AR_SPEAKER_BEFORE = re.compile(
    r"(?<!\w)(?:[وف]?(?:قال|قالت|يقول|تقول|افاد|افادت|ذكر|ذكرت|اكد|اكدت|اوضح|اوضحت|اضاف|اضافت|صرح|صرحت|زعم|زعمت"
    r"|اعلن|اعلنت)|[وف]?(?:بحسب|حسب|وفق|وفقا ل|نقلا عن|طبقا ل)(?:\s+(?:بيان|تصريحات?|مصادر|مصدر)\s*(?:ل|من|عن|في)?)?"
    r"|(?:ال)?(?:متحدث|ناطق)\s+باسم)\s+(?:\w+\s+){0,1}$"
)


# Round 13: a passive without its agent puts the done-to first ("three soldiers were killed when militants
# attacked", "a soldier was arrested after protesters accused him"; «قتل ثلاثة جنود في هجوم لمسلحين», undiacritised:
# passive or active alike): no order of who did what is read from such a clause. A party after "of" is a possessor
# ("the family of the soldier accused the militants"), no doer or done-to.
_EN_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|be)\s+(?:\w+ly\s+)?(?:\w+ed|\w+en|held|hit|shot|hurt|caught|"
    r"left|struck|seized|sent|put|kept|brought|fought|told|built|found|made|set)\b",
    re.I,
)
_EN_POSSESSOR = re.compile(r"\bof\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?$", re.I)
_AR_HARM_FIRST = re.compile(
    r"(?<!\w)[وف]?(?:قتل|اصيب|اصيبت|جرح|اعتقل|اعتقلت|اختطف|اسر|استهدف|مقتل|اصابه|جرح|اعتقال|اختطاف|اسر|مصرع|استهداف)"
    r"\s+(?:\w+\s+){0,2}$"
)

# ... read in Arabic where the next party is the doer of an attack («قتل ثلاثة جنود في هجوم لمسلحين»), not a list of
# the harmed («مقتل 23 جندياً و14 عنصراً من الفصائل»: the order of a count).
_AR_DOER_AFTER = re.compile(r"(?<!\w)(?:هجوم|هجمات|قصف|غاره|غارات|برصاص|بنيران|كمين|اشتباك\w*|تفجير|علي يد)(?!\w)")


@functools.lru_cache(maxsize=4096)
def _mentions(sentence: str, arabic: bool) -> tuple[tuple[str, int, int, bool, bool], ...]:
    """Each party a sentence names: (class, start, end, named as a passive's agent, named as its speaker), in
    order."""
    pattern = _AR_PARTY if arabic else _EN_PARTY
    agent = _AR_AGENT if arabic else _EN_AGENT
    found = []
    place = _AR_PLACE if arabic else _EN_PLACE
    for match in pattern.finditer(sentence):
        name = match.lastgroup
        if name in _COUNTRIES and place.search(sentence[: match.start()]):
            continue  # "fire at northern Israel", «نحو شمال إسرائيل»: a place, not a party
        if (
            name is not None
            and not arabic
            and _EN_POSSESSOR.search(sentence[max(0, match.start() - 20) : match.start()])
        ):
            continue  # round 13: "the family of the soldier": a possessor
        if name is not None:
            passive = bool(agent.search(sentence[: match.start()]))
            found.append(
                (name, match.start(), match.end(), passive, _speaker(sentence, match.start(), match.end(), arabic))
            )
    return tuple(found)


def _speaker(sentence: str, start: int, end: int, arabic: bool) -> bool:
    """Is the party mentioned at [start:end] the sentence's speaker (``_EN_SPEAKER_AFTER``)?"""
    before = sentence[max(0, start - 60) : start]
    if arabic:
        return bool(_AR_SPEAKER_BEFORE.search(before))
    return bool(_EN_SPEAKER_BEFORE.search(before) or _EN_SPEAKER_AFTER.match(sentence[end : end + 60]))


Party = frozenset[str]  # the classes one mention names: {"army"}, {"army", "israel"} for "the Israeli army"


@functools.lru_cache(maxsize=4096)
def _order(
    sentence: str, arabic: bool, speakers: frozenset[str] = frozenset()
) -> tuple[tuple[Party, tuple[int, ...]], ...] | None:
    """Each party (a class, or classes named together: "Israeli army") with the positions of its mentions; None for
    a sentence with a passive's agent. A mention of a class in ``speakers`` as the sentence's speaker is left out."""
    mentions = [m for m in _mentions(sentence, arabic) if not (m[4] and m[0] in speakers)]
    if any(m[3] for m in mentions):
        return None
    if mentions and (
        (
            _AR_HARM_FIRST.search(sentence[max(0, mentions[0][1] - 40) : mentions[0][1]])
            and len(mentions) > 1
            and _AR_DOER_AFTER.search(sentence[mentions[0][2] : mentions[1][1]])
        )
        if arabic
        else _EN_PASSIVE.search(sentence)
    ):
        return None  # round 13: a passive without its agent (``_EN_PASSIVE``); «مقتل 23 جندياً و14 عنصراً» is a list

    groups: list[tuple[set[str], int, int]] = []
    for name, start, end, *_ in mentions:
        if groups:
            names, first, last = groups[-1]
            gap = sentence[last:start]
            close = len(gap.split()) <= _COMPOUND_WORDS and not _BREAK.search(gap)
            close = close and not _joined(sentence, arabic, first, start)
            modified = name in _MODIFIERS or bool(names & _MODIFIERS)
            adjacent = close and len(gap.split()) <= 1 and (name in names or modified)  # «مقاتلي جماعة الحوثيين»
            linked = close and bool(_LINK.search(gap)) and modified
            if adjacent or linked:
                groups[-1] = (names | {name}, first, end)
                continue
        groups.append(({name}, start, end))
    order: dict[Party, list[int]] = {}
    for names, start, _ in groups:
        order.setdefault(frozenset(names), []).append(start)
    return tuple((party, tuple(positions)) for party, positions in order.items())


def _speakers(sentences: list[str], arabic: bool) -> frozenset[str]:
    """The classes of the parties these sentences make their speaker."""
    return frozenset(m[0] for s in sentences for m in _mentions(s, arabic) if m[4])


def _joined(sentence: str, arabic: bool, first: int, second: int) -> bool:
    """Two mentions joined with no order between them ("the army and the factions", «الجيش والفصائل»)."""
    gap = sentence[first:second]
    if arabic:
        words = gap.split()
        return len(words) <= 4 and (sentence[second : second + 1] == "و" or "و" in words or "مع" in words)
    return bool(_EN_JOIN.match(gap))


def _sentences(text: str, arabic: bool, pattern: re.Pattern[str] = _SENTENCE) -> list[str]:
    norm = normalize_text(text) if arabic else text
    return [s for s in pattern.split(norm) if s.strip()]


def _positions(order: tuple[tuple[Party, tuple[int, ...]], ...], party: Party, other: Party) -> list[int]:
    """Where a sentence names ``party`` (a mention sharing a class with it and none with ``other``)."""
    return [p for names, positions in order if names & party and not names & other for p in positions]


# Round 14: a date between commas ("Iran on Sunday, August 3, 2025, accused", «الأحد، 3 آب/أغسطس 2025،») ends no
# clause: read as one word, the clause keeps its doer.
_EN_DATE = re.compile(
    r"(?:,\s*)?\b(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?(?:January|February|March|April|May|June"
    r"|July|August|September|October|November|December)\s+\d{1,2}(?:st|nd|rd|th)?,\s*\d{4}\s*,?"
)
_AR_DATE = re.compile(
    r"[،,]\s*(?:يوم\s+)?(?:ال)?(?:احد|اثنين|ثلاثاء|اربعاء|خميس|جمعه|سبت)?\s*\d{1,2}\s+[^\s،,]+\s+\d{4}\s*[،,]"
)


def reversed_parties(bullet: str, evidence: str) -> tuple[str, str] | None:
    """Two parties a bullet clause names one wholly before the other, where the one evidence sentence naming both
    names them wholly the other way round."""
    arabic = mostly_arabic(bullet)
    clauses = _sentences(
        _AR_DATE.sub(" ", normalize_text(bullet)) if arabic else _EN_DATE.sub(" ", bullet), arabic, _CLAUSE
    )
    said = [(s, o) for s in clauses if (o := _order(s, arabic)) is not None and len(o) >= 2]
    if not said:
        return None  # (speed: the evidence is read only for a bullet naming two parties in one clause)
    sentences = _sentences(evidence, True)
    speakers = _speakers(_sentences(bullet, arabic), arabic) & _speakers(sentences, True)
    if speakers:  # round 13: a party both texts make their speaker is read out of both
        said = [(s, o) for s in clauses if (o := _order(s, arabic, speakers)) is not None and len(o) >= 2]
    stated = [(s, o) for s in sentences if (o := _order(s, True, speakers)) is not None and len(o) >= 2]
    for clause, order in said:
        for first, _ in order:
            for second, _ in order:
                if first & second:
                    continue
                mine_first, mine_second = _positions(order, first, second), _positions(order, second, first)
                if max(mine_first) > min(mine_second):
                    continue  # not wholly before
                both = [
                    (s, a, b)
                    for s, o in stated
                    if (a := _positions(o, first, second)) and (b := _positions(o, second, first))
                ]
                if len(both) != 1:
                    continue  # no single evidence sentence naming both
                sentence, theirs_first, theirs_second = both[0]
                if max(theirs_second) > min(theirs_first):
                    continue  # not wholly the other way round
                if _joined(sentence, True, max(theirs_second), min(theirs_first)):
                    continue
                if _joined(clause, arabic, max(mine_first), min(mine_second)):
                    continue
                return "+".join(sorted(first)), "+".join(sorted(second))
    return None


# Arrests are counted like harms: "seven people were arrested", «اعتقل سبعة», «توقيف أربعة».
_EN_ARREST = re.compile(r"arrest\w*|detain\w*|detention", re.I)
_AR_ARREST = re.compile(
    _AR_PREFIX + r"(?:اعتقل|اعتقلت|اعتقلوا|اعتقال|اعتقالات|اوقف|اوقفت|اوقفوا|توقيف|موقوف\w*|القبض|احتجز\w*)(?!\w)"
)


def _kind_of(token: str, arabic: bool) -> str | None:
    """A harm word's kind, or ``arrest``."""
    kind = harm_of(token, arabic)
    if kind is not None:
        return kind
    if arabic:
        return "arrest" if _AR_ARREST.fullmatch(normalize_text(token)) else None
    return "arrest" if _EN_ARREST.fullmatch(token) else None


@functools.lru_cache(maxsize=4096)
def counted_figures(text: str) -> dict[str, frozenset[float]]:
    """Each count a text gives (death, injury, arrest) with its figures."""
    return {kind: frozenset(values) for kind, values in harm_figures(text, _kind_of).items()}


def crossed_figures(bullet: str, evidence: str) -> tuple[str, float, str, float] | None:
    """(kind, figure, other kind, other figure): an arrest figure and a harm figure the bullet gives that its
    evidence gives the other way round, neither the bullet's way."""
    said = counted_figures(bullet)
    if "arrest" not in said or len(said) < 2:
        return None
    stated = counted_figures(evidence)
    for other in ("death", "injury"):
        for mine in sorted(said["arrest"]):
            for theirs in sorted(said.get(other, ())):
                if mine == theirs or mine in stated.get("arrest", ()) or theirs in stated.get(other, ()):
                    continue
                if mine in stated.get(other, ()) and theirs in stated.get("arrest", ()):
                    return "arrest", mine, other, theirs
    return None


def harm_values(bullet: str, evidence: str) -> list[tuple[str, Quantity]]:
    """(kind, claim): a count the bullet gives (killed, wounded, arrested), never stated in the evidence, that only a
    figure the evidence gives another count backs (as a rounding); where no evidence figure backs it at all,
    ``number.value`` says so already."""
    said = counted_figures(bullet)
    if not said:
        return []
    stated = counted_figures(evidence)
    if not stated:
        return []
    claims = quantities(bullet)
    figures = quantities(evidence)
    found = []
    for kind, values in sorted(said.items()):
        own = stated.get(kind)
        if not own:
            continue
        mine = [s for s in figures if s.low in own or s.high in own]
        for value in sorted(values):
            claim = next((q for q in claims if q.low == value), None)
            if claim is None or any(supports(claim, s) for s in mine):
                continue
            if any(value in (s.low, s.high) for s in figures):
                continue  # the figure itself is stated: which count it belongs to is read too loosely to judge
            if any(supports(claim, s) for s in figures):
                found.append((kind, claim))
    return found


# Round 14: where from and where to (who moved from where to where), given the other way round: «نزحت من مدينة
# الهرمل نحو القصر» for «غادرت البلدة باتجاه مدينة الهرمل»; «نزحت من البلدة نحو قرية الحنيبة» for «نزحت من القرية
# باتجاه بلدة البرح». Arabic only. A movement is a verb of moving (``_AR_MOVE``) with «من» X (or «غادر» X) and then
# «إلى», «نحو», «باتجاه» Y, X and Y at most two words each. Two places match by a name word («الهرمل»), or, where one is
# only a place noun referring back («البلدة»), by that noun. Reversed when the bullet's origin is the evidence's
# destination and neither its origin is the evidence's origin nor its destination the evidence's destination.
_AR_MOVE = re.compile(
    r"(?<!\w)[وف]?(?:نزح\w*|فر|فرت|فروا|هرب\w*|غادر\w*|انتقل\w*|توجه\w*|نقل\w*|رحل\w*|تهجير|نزوح|فرار|انتقال)(?!\w)"
)
_AR_FROM = re.compile(
    r"^\s*(?:\w+\s+){0,4}?من\s+(?P<origin>(?:\w+\s+)?\w+)\s+(?:\w+\s+){0,6}?(?:الي|نحو|باتجاه|صوب)\s+"
    r"(?P<to>(?:\w+\s+)?\w+)"
)
_PLACE_NOUNS = frozenset(
    normalize_text(w)
    for w in "مدينة بلدة قرية منطقة محافظة مخيم حي أحياء قرى مدن بلدات مناطق مركز ميناء".split()  # noqa: SIM905
)
_NOT_PLACE = frozenset(normalize_text(w) for w in "في من إلى على عن مع منذ خلال بعد قبل حتى".split())  # noqa: SIM905


def _place_words(phrase: str) -> tuple[frozenset[str], frozenset[str]]:
    """(name words, place nouns) of a place phrase, the article and a clitic off the nouns."""
    names, nouns = set(), set()
    for word in phrase.split():
        if word in _NOT_PLACE:
            break
        forms = {word, re.sub(r"^ال", "", word), re.sub(r"^[وفبل]", "", word), re.sub(r"^[وفبل]?ال", "", word)}
        if forms & _PLACE_NOUNS:
            nouns.update(forms & _PLACE_NOUNS)
        elif len(word) >= 3:
            names.add(re.sub(r"^(?:[وفبل])?", "", word))
    return frozenset(names), frozenset(nouns)


def _same_place_phrase(one: str, other: str) -> bool:
    names, nouns = _place_words(one)
    their_names, their_nouns = _place_words(other)
    if names and their_names:
        return bool(names & their_names)
    return bool(nouns & their_nouns)


def _movements(text: str) -> list[tuple[str, str]]:
    norm = normalize_text(text)
    found = []
    for verb in _AR_MOVE.finditer(norm):
        rest = norm[verb.end() : verb.end() + 160]
        if verb.group(0).lstrip("وف").startswith("غادر"):
            rest = "من " + rest
        match = _AR_FROM.match(rest)
        if match is not None:
            found.append((match.group("origin"), match.group("to")))
    return found


def reversed_movement(bullet: str, evidence: str) -> tuple[str, str] | None:
    """(the bullet's origin, its destination) when the evidence has them the other way round (above)."""
    if not mostly_arabic(bullet):
        return None
    mine = _movements(bullet)
    if not mine:
        return None
    for origin, to in mine:
        for their_origin, their_to in _movements(evidence):
            if (
                _same_place_phrase(origin, their_to)
                and not _same_place_phrase(origin, their_origin)
                and not _same_place_phrase(to, their_to)
            ):
                return origin, to
    return None
