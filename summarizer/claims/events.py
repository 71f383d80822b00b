"""What happened, not who or how many: the weapon or means of an attack, and the kind of harm done.

Why: the commonest real-model errors the name, number and date rules cannot see are a means of attack the
article never gives ("a chemical attack" for a roadside bomb, "military drones" for shells, "a suicide bomb" for
gunmen) and a harm told as the other kind («أصيب» for «قُتل», "killed" for "injured"). Both are read through a
small documented lexicon (no library has one for Arabic news): weapon families, and death and injury words, in
English and Arabic, matched on normalised text (``summarizer.arabic.normalize_text``: «ة» → «ه», no diacritics).

Precision first: a family is supported by any word of it (or of a family it covers: an air strike is carried
by a drone's or a helicopter's) anywhere in the evidence windows; a harm kind is flagged only when the evidence
speaks of harm of the *other* kind and never of this one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.numbers import quantities

_AR_PREFIX = r"(?<!\w)(?:[وفبلك]|وب|وال|بال|لل|فال|كال|ال)?"

# family -> (English claim pattern, Arabic pattern on normalised text). Arabic is matched with its clitics.
# «مسيرة» is also a march: an Arabic bullet claims a drone only with «طائرة»/«طائرات» before it, «انتحارية»
# after it, or a shadda (read on the raw text); any «مسيرة» in the evidence supports a drone.
_FAMILIES: dict[str, tuple[str, str]] = {
    "chemical": (
        r"\bchemical\b|\bmustard\b|\bsarin\b|\bchlorine\b|\bnerve (?:agent|gas)\b|\btoxic gas",
        r"كيماوي\w*|كيميايي\w*|كيميائي\w*|خردل|السارين|سارين|كلور|غازات سامه|غاز سام",
    ),
    "suicide": (
        r"\bsuicide (?:bomb\w*|attack\w*|vest\w*|car\w*|blast\w*|truck\w*)",
        r"انتحاري\w*|انتحار\w*|حزام ناسف|احزمه ناسفه",
    ),
    "drone": (
        r"\bdrones?\b|\buavs?\b|\bunmanned\b",
        r"مسير\w*|درون\w*|بدون طيار",
    ),
    "helicopter": (r"\bhelicopters?\b|\bgunships?\b|\bchoppers?\b", r"مروحي\w*|هليكوبتر|هيليكوبتر"),
    "air": (
        r"\bair ?strikes?\b|\bair ?raids?\b|\bwarplanes?\b|\bfighter jets?\b|\bwar ?planes?\b|\baerial bomb\w*",
        r"غار\w*|طيران|طاير\w*|مقاتلات|قصف جوي|القصف الجوي|جويه",
    ),
    "artillery": (
        r"\bshells?\b|\bshelling\b|\bshelled\b|\bartillery\b|\bmortars?\b|\bhowitzers?\b",
        r"قذيف\w*|قذايف|مدفعي\w*|هاون|قصف\w*|مدافع",
    ),
    "rocket": (
        r"\brockets?\b|\bmissiles?\b|\bkatyushas?\b|\bgrad\b|\bprojectiles?\b",
        r"صاروخ\w*|صواريخ|كاتيوشا|راجم\w*|مقذوف\w*|بالستي\w*|باليستي\w*",
    ),
    "car bomb": (r"\bcar bombs?\b|\bbooby[- ]trapped (?:car|vehicle)", r"مفخخ\w*"),
    "explosive device": (
        r"\broadside bombs?\b|\bieds?\b|\bexplosive devices?\b|\bimprovised explosive",
        r"عبو(?:ه|ات|تين|تان)\w*|ناسف\w*",  # «عبوة», «عبوات»; not «عبور» (crossing, round 11)
    ),
    "grenade": (r"\bgrenades?\b", r"قنبل\w* يدوي\w*|يدويه|قنبله"),
    "knife": (r"\bknife\b|\bknives\b|\bstabb\w*", r"سكين|طعن\w*|سكاكين"),
}
# What else supports a family: an air strike may be told of a drone or a helicopter; shelling («قصف») covers
# rockets and air strikes (the article's «قصف» is any bombardment); a rocket may be told as a shell (RPGs:
# «قذيفة صاروخية»).
_COVERED_BY: dict[str, tuple[str, ...]] = {
    "air": ("drone", "helicopter"),
    "artillery": ("rocket",),
    "rocket": ("artillery",),
    "drone": (),
    "car bomb": ("explosive device",),  # «عبوة ناسفة زرعت في دراجة نارية» is a booby-trapped motorbike
    "explosive device": ("car bomb",),
}
_AR_DRONE_CLAIM = re.compile(
    r"(?:طايرات|طايره|الطايرات|الطايره|بطايرات|بطايره)\s+(?:\w+\s+)?مسير\w*|مسير\w*\s+انتحاري\w*|درون|بدون طيار"
)

_EN = {family: re.compile(en, re.I) for family, (en, _) in _FAMILIES.items()}
_AR = {family: re.compile(_AR_PREFIX + "(?:" + ar + r")(?!\w)") for family, (_, ar) in _FAMILIES.items()}
_EN_SUICIDE_DRONE = re.compile(r"\bsuicide (?:drones?|uavs?)\b", re.I)


def claimed_families(bullet: str) -> dict[str, str]:
    """The weapon families a bullet names, each with the words that name it."""
    found: dict[str, str] = {}
    if mostly_arabic(bullet):
        text = normalize_text(bullet)
        for family, pattern in _AR.items():
            if family in ("drone", "air", "artillery", "grenade"):
                continue  # «مسيرة» (march), «غارة» / «قصف» (also figurative), «قنبلة» alone: too loose to claim
            match = pattern.search(text)
            if match:
                found[family] = match.group(0)
        drone = _AR_DRONE_CLAIM.search(text) or ("مسيّر" in bullet and re.search(r"مسير\w*", text))
        if drone:
            found["drone"] = drone.group(0)
        return found
    for family, pattern in _EN.items():
        text = _EN_SUICIDE_DRONE.sub("drone", bullet) if family == "suicide" else bullet
        match = pattern.search(text)
        if match:
            found[family] = match.group(0)
    return found


@functools.lru_cache(maxsize=4096)
def _evidence_families(evidence: str) -> frozenset[str]:
    text = normalize_text(evidence)
    return frozenset(family for family, pattern in _AR.items() if pattern.search(text))


def unsupported_weapons(bullet: str, evidence: str) -> list[tuple[str, str]]:
    """(family, words) the bullet names and no word of the evidence (of that family or one that covers it) gives."""
    stated = _evidence_families(evidence)
    return [
        (family, words)
        for family, words in claimed_families(bullet).items()
        if family not in stated and not any(other in stated for other in _COVERED_BY.get(family, ()))
    ]


# Harm. "casualties" and «ضحايا» are either kind and claim neither.
_EN_DEATH = re.compile(
    r"\b(?:killed|killing|kills?|dead|deaths?|died|dies|fatalit\w+|slain|lost their lives|lives were lost"
    r"|bodies|body of|corpses?|martyr\w*)\b",
    re.I,
)
_EN_INJURY = re.compile(r"\b(?:injur\w+|wound\w*|hurt)\b", re.I)
_AR_DEATH = re.compile(
    _AR_PREFIX + r"(?:قتل|قتلت|قتلوا|قتلا|قتلي|قتيل|قتيلا|قتيلين|القتيلين|مقتل|مقتلهم|مصرع|حتفه|حتفهم|حتفها"
    r"|استشهد|استشهدوا|استشهاد|شهيد|شهيدا|شهداء|شهيدين|وفاه|توفي|توفيت|اودي|اودت|جثه|جثث|جثتي|جثمان|قضي|قضوا|نفوق)(?!\w)"
)
_AR_INJURY = re.compile(
    _AR_PREFIX + r"(?:اصيب|اصيبت|اصيبوا|اصابه|اصابات|اصابتهم|اصابته|جرحي|جريح|جريحا|جريحين|جرح|جرحت|جروح|بجروح"
    r"|مصاب|مصابا|مصابين|مصابون|المصابين|يصاب|تضرر)(?!\w)"
)
# The active «أصاب» (hit: «أصابت أهدافها») and «جرح» as a wound are the same letters; «أصيب» is passive only.
_AR_HIT_TARGET = re.compile(r"اصاب\w*\s+(?:\w+\s+)?(?:هدف|اهداف|اهدافها|مبني|منزل)")


def _kinds(text: str) -> set[str]:
    if mostly_arabic(text):
        norm = normalize_text(text)
        kinds = set()
        if _AR_DEATH.search(norm):
            kinds.add("death")
        if _AR_INJURY.search(norm) and not _AR_HIT_TARGET.search(norm):
            kinds.add("injury")
        return kinds
    kinds = set()
    if _EN_DEATH.search(text):
        kinds.add("death")
    if _EN_INJURY.search(text):
        kinds.add("injury")
    return kinds


@functools.lru_cache(maxsize=4096)
def _evidence_kinds(evidence: str) -> frozenset[str]:
    norm = normalize_text(evidence)
    kinds = set()
    if _AR_DEATH.search(norm):
        kinds.add("death")
    if _AR_INJURY.search(norm):
        kinds.add("injury")
    return frozenset(kinds)


def swapped_harm(bullet: str, evidence: str) -> str | None:
    """The harm kind ("death" / "injury") a bullet tells where its evidence tells only the other kind."""
    stated = _evidence_kinds(evidence)
    if len(stated) != 1:
        return None
    for kind in sorted(_kinds(bullet)):
        if kind not in stated:
            return kind
    return None


# The figure or noun a harm word counts, right after it in Arabic («مقتل ستة جنود», «أصيب شخص», «إصابة 11»),
# past a qualifier («نحو», «أكثر من», «ما لا يقل عن»).
_AR_COUNTED = re.compile(
    r"(?<!\w)(?:[وفبل])?(?:قتل|مقتل|اصيب|اصابه|جرح)(?!\w)\s+"
    r"(?:(?:نحو|حوالي|قرابه|اكثر من|ما يزيد علي|ما لا يقل عن|اقل من)\s+)?(\w+)"
)


def _ar_counted(text: str) -> dict[str, set[str]]:
    """For each thing a harm word counts right after it, the kinds it is counted as."""
    counted: dict[str, set[str]] = {}
    for match in _AR_COUNTED.finditer(normalize_text(text)):
        verb = match.group(0).split()[0].lstrip("وفبل") or match.group(0).split()[0]
        kind = "death" if "قتل" in verb else "injury"
        counted.setdefault(match.group(1), set()).add(kind)
    return counted


def swapped_counted(bullet: str, evidence: str) -> list[str]:
    """What an Arabic bullet counts as one harm that its evidence counts, right after its harm word, only as the
    other («أصيب شخص» where the evidence has «قُتل شخص»)."""
    if not mostly_arabic(bullet):
        return []
    stated = _ar_counted(evidence)
    return sorted(
        thing for thing, kinds in _ar_counted(bullet).items() if thing in stated and not kinds & stated[thing]
    )


# Round 7: the figures of two harms crossed ("killing nine and wounding four" for «مقتل أربعة وإصابة تسعة»). Each
# figure is paired with the harm word next to it: the count after a word that comes first («مقتل ستة», "killing
# six", "killed six"), else the count just before a word that follows it («14 قتيلاً», "two wounded", "12
# fighters were killed"). Only a full cross is reported: each figure stated, but for the other harm.
_EN_FIGURE_STOP = {"and", "while", "with", "as", "after", "before", "in", "on", "at", "when", "including"}
_AR_FIGURE_STOP = {normalize_text(w) for w in ("و", "في", "خلال", "بعد", "قبل", "بينهم", "من", "على")}


def harm_of(token: str, arabic: bool) -> str | None:
    if arabic:
        norm = normalize_text(token)
        if _AR_DEATH.fullmatch(norm):
            return "death"
        return "injury" if _AR_INJURY.fullmatch(norm) else None
    if _EN_DEATH.fullmatch(token):
        return "death"
    return "injury" if _EN_INJURY.fullmatch(token) else None


def _first_figure(tokens: list[str]) -> float | None:
    found = quantities(" ".join(tokens))
    exact = [q for q in found if q.low == q.high]
    return exact[0].low if exact else None


def _last_figure(tokens: list[str]) -> float | None:
    found = quantities(" ".join(tokens))
    exact = [q for q in found if q.low == q.high]
    return exact[-1].low if exact else None


def _figure_right_before(tokens: list[str], i: int) -> float | None:
    """The figure whose last word is the one right before ``tokens[i]``."""
    if i == 0:
        return None
    found = quantities(" ".join(tokens[max(0, i - 3) : i]))
    if found and found[-1].low == found[-1].high and found[-1].text.split()[-1] == normalize_text(tokens[i - 1]):
        return found[-1].low
    return None


_BREAKS = frozenset(",،;؛:")
# Round 8: an Arabic harm word before a singular noun counts one («قُتل شخص وأصيب ثمانية»: one killed).
_EN_ONE = re.compile(
    r"\b[Oo]ne(?: (?:person|man|woman|child|civilian|soldier|officer|member|other))?(?: (?:was|is|has been))?$"
)
AR_ONE_WORDS = {normalize_text(w) for w in "شخص مدني جندي طفل شاب رجل امرأة عنصر شرطي مواطن".split()}  # noqa: SIM905


def harm_figures(text: str, kind_of: Callable[[str, bool], str | None] | None = None) -> dict[str, set[float]]:
    """Each harm kind ("death", "injury") and the figures the text counts it with (``kind_of`` reads other kinds
    of word too: ``summarizer.claims.roles`` adds arrests)."""
    if not quantities(text):
        return {}
    arabic = mostly_arabic(text)
    # (round 8: a clause break ends a figure's reach: «سبعة اعتقلوا، وإن ثلاثة أصيبوا» arrests seven, not three)
    tokens = re.findall(r"\w+(?:-\w+)*|[,،;؛:]", normalize_text(text) if arabic else text)
    stops = (_AR_FIGURE_STOP if arabic else _EN_FIGURE_STOP) | _BREAKS
    figures: dict[str, set[float]] = {}
    read = kind_of or harm_of
    kinds = [read(t, arabic) for t in tokens]  # read once: the loops below look ahead and behind in it
    for i, kind in enumerate(kinds):
        if kind is None:
            continue
        if (value := _figure_right_before(tokens, i)) is not None:  # «14 قتيلاً», "two wounded"
            figures.setdefault(kind, set()).add(value)
            continue
        ahead: list[str] = []
        for j in range(i + 1, min(i + 5, len(tokens))):
            token = tokens[j]
            if kinds[j] or (normalize_text(token) if arabic else token.lower()) in stops:
                break
            ahead.append(token)
        value = _first_figure(ahead) if ahead else None
        if value is None and arabic and ahead[:1] and ahead[0] in AR_ONE_WORDS:
            figures.setdefault(kind, set()).add(1)
            continue
        if value is None:
            behind: list[str] = []
            for j in range(i - 1, max(0, i - 6) - 1, -1):
                if kinds[j] or tokens[j] in _BREAKS:
                    break
                behind.insert(0, tokens[j])
            value = _last_figure(behind) if behind else None
            if value is None and not arabic and _EN_ONE.search(" ".join(behind[-3:])):
                value = 1  # "one person was killed", "and one wounded" (not "one of")
        if value is not None:
            figures.setdefault(kind, set()).add(value)
    return figures


def crossed_harm_figures(bullet: str, evidence: str) -> tuple[float, float] | None:
    """(deaths, injuries) as the bullet gives them, where its evidence gives the same two figures the other way
    round and neither the bullet's way."""
    said = harm_figures(bullet)
    if len(said) < 2:
        return None  # (speed: the evidence is read only for a bullet that gives both figures)
    stated = harm_figures(evidence)
    for dead in sorted(said.get("death", ())):
        for hurt in sorted(said.get("injury", ())):
            if dead == hurt or dead in stated.get("death", ()) or hurt in stated.get("injury", ()):
                continue
            if hurt in stated.get("death", ()) and dead in stated.get("injury", ()):
                return dead, hurt
    return None


# Round 7: a figure given to the other side ("twelve Sudanese soldiers were killed" for «12 من عناصر الدعم السريع
# قُتلوا»). The words right after a figure tell whose it is: the army's (soldiers, troops) or an armed group's
# (fighters, members, gunmen). Reported where the evidence gives that figure only to the other side.
_SIDES = {
    "army": re.compile(
        r"^(?:soldiers?|troops?|army|servicem[ae]n|جنود|جندي|جنديا|الجنود|جيش|الجيش|عسكريين|عسكريا)$", re.I
    ),
    "armed": re.compile(
        r"^(?:fighters?|militants?|gunmen|members|militi\w+|rebels?|عناصر|مقاتلي|مقاتلين|مقاتلا|مسلحين|مسلحا|"
        r"مسلحون|المسلحين|المقاتلين|الدعم|الحوثيين|التنظيم)$",  # «عناصر» (members) is either side's
        re.I,
    ),
    "security": re.compile(r"^(?:officers?|policem[ae]n|police|security|الامن|امن|شرطه|الشرطه|شرطيين|شرطيا)$", re.I),
    "civilian": re.compile(
        r"^(?:protesters?|demonstrators?|civilians?|residents?|محتجين|المحتجين|متظاهرين|المتظاهرين|مدنيين|مدنيا|"
        r"المدنيين|سكان)$",
        re.I,
    ),
}


def _bare(token: str) -> str:
    """An Arabic word without a leading conjunction or preposition and a trailing pronoun («وعناصرها»)."""
    token = token[1:] if token[:1] in "وفبل" and len(token) > 4 else token
    return re.sub(r"(?:ها|هم)$", "", token) if len(token) > 5 else token  # (a final ه may be a normalised ة)


def _figure_sides(text: str) -> dict[float, set[str]]:
    """Each exact figure and the sides the words right after it name."""
    starts = {q.text.split()[0] for q in quantities(text) if q.low == q.high}
    if not starts:
        return {}  # (speed: the text's figures are read once and cached; only their first words are tried)
    arabic = mostly_arabic(text)
    tokens = re.findall(r"\w+(?:-\w+)*", normalize_text(text) if arabic else text)
    sides: dict[float, set[str]] = {}
    i = 0
    while i < len(tokens):
        if normalize_text(tokens[i]) not in starts:
            i += 1
            continue
        found = quantities(" ".join(tokens[i : i + 3]))
        first = found[0] if found else None
        if first is None or first.low != first.high or first.text.split()[0] != normalize_text(tokens[i]):
            i += 1
            continue
        span = len(first.text.split())
        after = [_bare(t) if arabic else t for t in tokens[i + span : i + span + 3]]
        named = {side for side, pattern in _SIDES.items() for t in after if pattern.match(t)}
        if named:
            sides.setdefault(first.low, set()).update(named)
        i += span
    return sides


def swapped_sides(bullet: str, evidence: str) -> list[float]:
    """Figures the bullet gives to one side that its evidence gives only to the other."""
    said = _figure_sides(bullet)
    if not said:
        return []
    stated = _figure_sides(evidence)
    return sorted(v for v, sides in said.items() if v in stated and not sides & stated[v])
