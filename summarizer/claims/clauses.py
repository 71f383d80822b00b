"""Negation read clause by clause: the bullet's clause against the evidence clause that says the same thing.

Why (round 9): ``polarity.scope_conflict`` compares the negated word itself, so a negation of a verb the evidence
writes otherwise («عرفت مكان احتجازه» for «لم تتمكن من معرفة مكان احتجازه»), or an English verb outside its
concept glossary ("failed to reach", "refused to open an investigation"), passes. Here a clause is matched with
the evidence clause it restates, by what they share rather than by the verb:

- an Arabic bullet clause shares two or more content words with an evidence clause (its object, not its verb);
- an English bullet clause shares an anchor with an evidence clause: a figure, or a name the evidence writes
  (a transliteration or a gazetteer name), since English and Arabic share no words.

Then one of the two negates and the other does not. A negated denial ("did not deny", «لم ينفه») is no denial:
told of a window that denies, it asserts the opposite. Every reading here is an ``unverified`` warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.attribution import _AR_ATTRIBUTED, attributes
from summarizer.claims.english import STOP, is_common_english
from summarizer.claims.gazetteer import gazetteer
from summarizer.claims.names import english_matches_arabic, latin_key
from summarizer.claims.numbers import quantities
from summarizer.claims.polarity import (
    _ADJECTIVE_COMPLEMENT,
    _AR,
    _AR_LITOTES,
    _COORDINATED_PAST,
    _DENIAL_CUE,
    _DENIAL_VERBS,
    _DOUBLE,
    _EN,
    _EN_DENIAL,
    _EN_IDIOMS,
    _EN_LITOTES,
    _PERFECT_PLURAL,
    _STOPPING,
    _SUBJECT_WORDS,
    CONCEPTS,
    _content,
    _meets_bare,
    _meets_loosely,
    _root,
    _verb_core,
    _verb_subjects,
    backs_a_negation,
    corrects_alike,
    english_concepts,
    idiom_free,
    restates_asserted_relative,
)

# --- Arabic clauses -----------------------------------------------------------------------------------------

# A clause ends at punctuation or a conjunction that opens a new statement («بينما», «في حين», «غير أن», «لكن»), and
# a coordinated clause begins at «و» before a negation or a complementiser («ولم تتلقَّ», «وإنها»).
_AR_BREAK = re.compile(
    r"[.,،؛;:!?؟\n()…]|(?<!\w)(?:بينما|فيما|لكن|ولكن|حين|(?<!من )غير ان|الا ان)(?!\w)"
    # round 12: «لن يُسرَّحوا بل سيُنقلون», «ليست اقتصادية وإنما سياسية»: what follows «بل» is asserted
    r"|(?<!\w)(?=(?:بل|وانما|انما)(?!\w))"
    r"|(?<!\w)(?=[وف](?:لم|لا|لن|ليس|ليست|ان|انه|انها|انهم|قال|قالت|اضاف|اضافت)(?!\w))"
    # round 13: «وهو ما تنفيه الجماعة التي تقول إنها فتحت عدداً من الطرق»: what a source says (a reporting verb
    # and its «أن») opens a statement of its own, outside the denial before it
    # round 13: «عارضه 41 نائباً وامتنع ثلاثة عن التصويت»: a coordinated denial or refusal is a clause of its own
    r"|(?<!\w)(?=و(?:نفي|نفت|نفوا|ينفي|تنفي|رفض|رفضت|رفضوا|يرفض|ترفض|امتنع|امتنعت|امتنعوا|يمتنع|تمتنع|استبعد"
    r"|استبعدت|انكر|انكرت"
    # round 17: their verbal nouns too, coordinated in a tally («بأغلبية 41 نائباً مقابل 19 وامتناع ستة»)
    r"|امتناع|انكار|استبعاد)(?!\w))"
    r"|(?<!\w)(?=(?:تقول|يقول|يقولون|قائلا|قائله|موكدا|موكده|مضيفا|مضيفه|مشيرا|مشيره)\s+(?:ان|انه|انها|انهم|بان)(?!\w))"
)
# A relative clause or the rest of a phrase cut by commas («لم يصدر عن قوات الدعم السريع، التي تطوّق الفاشر، أي
# تعليق») is still under the negation of the clause before it; any other clause states something of its own.
_AR_COMPLEMENT = re.compile(r"^\s*(?:علي|في|عن|الي|مع|لدي|حول|بشان)(?!\w)")
_AR_THAT = re.compile(r"^\s*(?:ان|بان)(?!\w)")
# (round 17: or a construct noun before a definite one, «محامي الدمنهوري», «رئيس المجلس»: the speaker's title)
_AR_APPOSITION = re.compile(r"^\s*(?:ال\w+(?:\s+\w+){0,5}|\w+\s+ال\w+(?:\s+\w+){0,3})\s*$")
_AR_UNDER = re.compile(r"^\s*(?:التي|الذي|الذين|اللذين|اللتين|اي|ايه)(?!\w)")
# «لا/لم» that negate nothing are idioms (``polarity._AR_IDIOMS``); a few verbs deny by meaning (``_DENIAL_CUE``
# and «يصعب», «فشلت في»).
_AR_CUE = re.compile(
    _AR.pattern + r"|(?<!\w)[وف]?(?:يصعب|فشل|فشلت|فشلوا|اخفق|اخفقت|عجزت|عجزوا|يعجز|تعجز)(?!\w)|(?<!\w)من غير(?!\w)"
    # round 12: «عجز المستشفى عن استقبال» (could not); not «عجز الموازنة» (a deficit)
    r"|(?<!\w)[وف]?عجز(?=(?: \w+){0,3} عن(?!\w))"
    # «غير» before an adjective negates it («أسلحة غير مرخصة»); «غير أن» is "however", «وغير ذلك» "and so on"
    r"|(?<!\w)غير(?= (?!ان(?:ه|ها|هم)?(?!\w)|ذلك|هذا|هذه|مره|بعيد)\w)"
)
_AR_DENIAL = re.compile(r"(?<!\w)[وف]?(?:" + _DENIAL_VERBS + r")(?!\w)")
_PREPOSITION = re.compile(r"(?:دون|بدون|بلا|غير)$")  # before a noun or adjective: negates that phrase only
_AR_FAILURE = re.compile(
    r"(?<!\w)[وف]?(?:فشل|فشلت|فشلوا|اخفق|اخفقت|اخفقوا|عجزت|عجزوا)(?!\w)|(?<!\w)[وف]?عجز(?=(?: \w+){0,3} عن(?!\w))"
)
_FAILED_AT = {"عن", "في", "علي"}
_PRONOUNS = {"هو", "هي", "هم", "هما", "هن"}
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين"}
_FAILURE_WORD = re.compile(r"[وف]?(?:فشل|فشلت|فشلوا|اخفق|اخفقت|اخفقوا|عجز|عجزت|عجزوا|يعجز|تعجز)")
_OVERLAP = 2  # content words a bullet clause shares with the evidence clause it restates
_CUE_WIDTH = 2  # the negated verb or noun: the first content words after the cue


_THAT_WORDS = frozenset({"ان", "انه", "انها", "انهم", "بان", "بانه", "بانها"})
_RESTRICTING = re.compile(r"^[وف]?(?:اكتفي|اكتفت|اكتفوا|يكتفي|تكتفي)$")
_CIRCUMSTANCE = re.compile(r"(?<!\w)(?:بسبب|جراء|نتيجه|لعدم|في ظل|وسط|مع|امام|ل)\s*(?:ال)?(?:غياب|انعدام)(?!\w)")


@dataclass(frozen=True)
class _Clause:
    stems: frozenset[str]
    negated: bool
    scope: frozenset[str]  # the first content words after its negation cue
    stretch: frozenset[str]  # every content word its negation cue reaches
    free: frozenset[str] = frozenset()  # the words it states outside any negation's reach
    head: frozenset[str] = frozenset()  # round 12: the negated word itself (the verb or noun right after the cue)
    subject: frozenset[str] = frozenset()  # round 14: the negated verb's subject where it stands before it (SVO)


def _stems(text: str) -> list[str]:
    return [stem for token in re.findall(r"\w+", text) if (stem := _content(token))]


def _clause(text: str, inherited: bool) -> _Clause:
    """A clause's words and what its first negation negates. A denial verb («نفى المتحدث خسارة ...») names its
    subject first, so it negates no word by position; «دون» before a noun («من دون لوحات اعترضوا طريقه») negates
    that noun phrase only."""
    stems = frozenset(_stems(text))
    cue = _AR_CUE.search(text)
    if cue is None:
        # round 11: «بسبب انعدام الأمن», «في ظل غياب الخدمات»: a lack as the cause or the setting denies nothing
        told = _CIRCUMSTANCE.sub(" ", text)
        # round 12: «اكتفت قواته بحماية الساحة» restricts: it tells the protecting, it does not deny it
        denied = any(_DENIAL_CUE.match(t) and not _RESTRICTING.match(t) for t in re.findall(r"\w+", told))
        return _Clause(
            stems, inherited or denied, frozenset(), frozenset(), stems if not (inherited or denied) else frozenset()
        )
    if _AR_DENIAL.fullmatch(cue.group()):
        return _Clause(stems, True, frozenset(), frozenset())
    rest = re.findall(r"\w+", text[cue.end() :])
    if _FAILURE_WORD.fullmatch(cue.group()) and (at := next((i for i, t in enumerate(rest) if t in _FAILED_AT), None)):
        # round 12: «عجز مستشفى بارا عن استقبال الجرحى»: what failed is what follows «عن / في», not the hospital
        object_ = _stems(" ".join(rest[at + 1 :]))
        failed = frozenset(object_)
        preceding = frozenset(_stems(text[: cue.start()] + " " + " ".join(rest[:at])))
        return _Clause(stems, True, frozenset(object_[:_CUE_WIDTH]), failed, preceding - failed, frozenset(object_[:1]))
    if rest and (_DOUBLE.match(rest[0]) or _STOPPING.match(rest[0])) and _VERBAL.fullmatch(cue.group()):
        # round 12: «لم يمنع المطر المتظاهرين من التجمع»: the preventing is denied, the gathering told
        verb = frozenset(_stems(rest[0]))
        return _Clause(stems, True, verb, verb, stems - verb, verb)
    privative = cue.group() == "غير" and len(rest) > 1 and not _ADJECTIVE_COMPLEMENT.match(rest[1])
    if privative:
        rest = rest[:1]  # round 17: «منظمة غير حكومية تحصي الضحايا»: «غير» negates its adjective, not what follows
    if _PREPOSITION.search(cue.group()) and rest and rest[0] not in ("ان", "انه", "انها"):
        ends = [i for i, token in enumerate(rest) if i and _PERFECT_PLURAL.match(token)]
        rest = rest[: ends[0]] if ends else rest
    if (
        _VERBAL.fullmatch(cue.group())
        and rest
        and rest[0][0] in "يتن"
        and (ends := [i for i, token in enumerate(rest) if i and _COORDINATED_PAST.match(token)])
    ):
        rest = rest[: ends[0]]  # round 14: «لم تعتقل أحداً وانسحبت بعد ساعتين»: the withdrawal is told
    if ends := [i for i, token in enumerate(rest) if i and token in _RELATIVES]:
        rest = rest[: ends[0]]  # round 13: «لم يعلق الجيش على القصف الذي استهدف السوق»: the relative clause is told
    if (ends := [i for i, token in enumerate(rest) if i and token in _PRONOUNS]) and not _PREPOSITION.search(
        cue.group()
    ):
        rest = rest[: ends[0]]  # round 12: «مندسين لا يعرفهم أحد هم من فعلوا ذلك»: «هم» opens a sentence of its own
    after = [stem for token in rest if (stem := _content(token))]
    before = frozenset(_stems(text[: cue.start()]))
    subject: frozenset[str] = frozenset()
    if cue.group() in ("لم", "لن", "لا") and rest and rest[0][0] in "يتن":
        # round 12: «أن مصير المحتجزين لم يُحسم»: up to three words before a negated verb, since the clause or its
        # «أن», are its subject (SVO), not stated on their own
        since = re.split(r"(?<!\w)(?:ان|انه|انها|انهم|بان)(?!\w)", text[: cue.start()])[-1]
        words = _stems(since)
        if len(words) <= _SUBJECT_WORDS:
            before = before - frozenset(words)
            subject = frozenset(words)
    tail = re.findall(r"\w+", text[cue.end() :])[len(rest) :]
    # (round 17: what follows a privative adjective is not negated by it, nor told as freely as the clause's head)
    stated = tail if not privative else []
    free = before | {stem for token in stated if (stem := _content(token))} if not inherited else frozenset()
    # round 13: «لم تتمكن من صدّ الهجوم», «لم يستطع الوصول»: what is denied is the verb the ability governs too
    head = after[:2] if rest and _AR_ABILITY.fullmatch(rest[0]) else after[:1]
    # round 14: the scope ends at «أن»: «لم يكن يعلم أن القطع أثرية» does not negate «القطع»
    that = next((i for i, token in enumerate(rest) if i and token in _THAT_WORDS), None)
    width = min(_CUE_WIDTH, len(_stems(" ".join(rest[:that])))) if that is not None else _CUE_WIDTH
    return _Clause(
        stems,
        True,
        frozenset(after[: width or _CUE_WIDTH]),
        frozenset(after),
        frozenset(free) - frozenset(after),
        frozenset(head),
        subject,
    )


@lru_cache(maxsize=4096)
def _ar_parts(text: str) -> tuple[str, ...]:
    """An Arabic text's clauses, normalised, idioms that negate nothing blanked out."""
    norm = idiom_free(text)
    return tuple(part for part in _AR_BREAK.split(norm) if part and part.strip())


@lru_cache(maxsize=4096)
def _ar_clauses(text: str) -> tuple[_Clause, ...]:
    out: list[_Clause] = []
    parts = _ar_parts(text)
    for k, part in enumerate(parts):
        # round 10: a relative clause that ends the sentence («…، التي تأتي في إطار حملة ….») states its own fact
        last = k + 1 == len(parts) and not re.match(r"\s*(?:اي|ايه)(?!\w)", part)
        inherited = bool(out) and out[-1].negated and bool(_AR_UNDER.match(part)) and not last
        # round 12: «لم تطّلع نادية العلمي، الموظفة السابقة في القسم، على ملف الصفقة»: a part that opens with a
        # preposition completes the negated verb before it, past an apposition («الموظفة ...») between commas
        if out and not _AR_CUE.search(part) and (_AR_COMPLEMENT.match(part) or _AR_THAT.match(part)):
            before = [k - 1] + ([k - 2] if k >= 2 and _AR_APPOSITION.match(parts[k - 1]) else [])
            # «نفى العميد الوشلي، المتحدث باسم الحوثيين، أن تكون الجماعة بدأت الهجوم»: «أن» completes the denial
            inherited = inherited or any(
                out[b].negated and (out[b].scope or (_AR_THAT.match(part) and _AR_DENIAL.search(parts[b])))
                for b in before
            )
        out.append(_clause(part, inherited))
    return tuple(out)


@lru_cache(maxsize=8192)
def _core(stem: str) -> str:
    """A verb without its person letters, Form V/VI's «ت» too: «يتدخلوا», «تدخلوا» are «دخل»."""
    core = _verb_core(stem)
    if len(core) >= 5 and core[0] == "ا":
        core = core[1:]  # the past of Forms VII, VIII, X: «اعترض» / «تعترض»
    return _verb_core(core) if len(core) >= 4 and core[0] == "ت" else core


@lru_cache(maxsize=8192)
def _keys(stem: str) -> tuple[frozenset[str], frozenset[str]]:
    """What ``polarity._related`` and ``_core`` compare, as look-up keys (speed only: the same relation). The first
    set is looked up in another stem's second: equal words, equal three-letter roots, one verb in another person,
    one word a prefix of the other by up to two letters, equal cores."""
    mine = {f"w:{stem}"}
    theirs = {f"w:{stem}"}
    root = _root(stem)
    if len(root) == 3:
        mine.add(f"r:{root}")
        theirs.add(f"r:{root}")
    if len(stem) >= 3 and stem[0] in "يتنا":
        mine.add(f"p:{stem[1:]}")
        theirs.add(f"p:{stem[1:]}")
    if len(stem) >= 4:
        theirs.add(f"x:{stem}")
    for cut in (1, 2):
        if len(stem) - cut >= 4:
            mine.add(f"x:{stem[:-cut]}")  # mine is longer by up to two letters
            theirs.add(f"w:{stem[:-cut]}")  # theirs is
    core = _core(stem)
    if len(core) >= 3:
        mine.add(f"c:{core}")
        theirs.add(f"c:{core}")
    return frozenset(mine), frozenset(theirs)


@lru_cache(maxsize=4096)
def _index(stems: frozenset[str]) -> frozenset[str]:
    return frozenset().union(*(_keys(stem)[1] for stem in stems)) if stems else frozenset()


@lru_cache(maxsize=4096)
def _negating(evidence: str) -> bool:
    """Does any clause of the evidence negate (speed: most windows do not, and then no clause reading applies)?"""
    return any(c.negated for c in _ar_clauses(evidence))


def _shared(a: frozenset[str], b: frozenset[str], *, roots: bool = True) -> set[str]:
    """The words of ``a`` that are a word of ``b`` up to inflection (``polarity._related``) or person (``_core``);
    without ``roots``, a shared three-letter root does not count («السفارة» is not «يسفر»)."""
    index = _index(b)
    if roots:
        return {x for x in a if _keys(x)[0] & index}
    return {x for x in a if {k for k in _keys(x)[0] if not k.startswith("r:")} & index}


def _restates(mine: _Clause, theirs: _Clause) -> set[str]:
    """The words two clauses share, when they share two or more and over half of the smaller one's; else none."""
    shared = _shared(mine.stems, theirs.stems)
    if len(shared) >= _OVERLAP and len(shared) * 2 > min(len(mine.stems), len(theirs.stems)):
        return shared
    return set()


def _backed(bullet: str, evidence: str) -> bool:
    return any(backs_a_negation(bullet, span) for span in evidence.split(" … "))


_AR_SOURCE = re.compile(r"^\s*(?:بحسب|حسب|وفق|وفقا|طبقا|نقلا عن|كما افاد\w*|كما قال\w*)(?!\w)")


@lru_cache(maxsize=2048)
def arabic_clause_conflict(bullet: str, evidence: str) -> str | None:
    """``negated`` when an Arabic bullet clause negates a word (its negated verb or noun) of the evidence clause it
    restates, which states it unnegated; ``asserted`` when it states, unnegated, a word the evidence clause it
    restates negates and no other evidence clause asserts. A clause restates another when they share two or more
    content words and over half of the smaller one's; only the best-matching evidence clauses count."""
    if not _negating(evidence):
        # a bullet negating such evidence is ``polarity.negated_whole``'s, unless it says so by a failure («فشلت»);
        # round 12: not where the evidence tells it by a privative word («تعطلت», «توقفت») or an idiom
        failure = _AR_FAILURE.search(normalize_text(bullet))
        return "negated" if failure and not _backed(bullet, evidence) else None
    ev = _ar_clauses(evidence)
    # round 13: a clause that only names the source («، بحسب الدفاع المدني», «وفق مصادر طبية») states no fact
    mine_all = tuple(c for p, c in zip(_ar_parts(bullet), _ar_clauses(bullet), strict=True) if not _AR_SOURCE.match(p))
    asserted = frozenset().union(*(c.stems for c in ev if not c.negated)) if ev else frozenset()
    if not any(c.negated for c in mine_all):
        # a bullet that negates nothing, stating a word only a negation of its evidence has («وأوقعت إصابات» for «ولا
        # معلومات فورية عن إصابات»); not one that restates the relative clause ending a denying window (round 10)
        if restates_asserted_relative(bullet, evidence.split(" … ")):
            return None
        # round 12: nor one that restates what a window states besides its denial («لم تستهدف مدرسة، بل منزلاً»)
        if any(restates_stated_part(bullet, span) for span in evidence.split(" … ")):
            return None
        stated = frozenset().union(*(c.stems for c in mine_all)) if mine_all else frozenset()
        subjects = _verb_subjects(evidence)  # (round 13: «ولم يتدخل الجيش، واكتفى ...»: the army is no denied word)
        for theirs in ev:
            if theirs.negated and (_shared(stated, theirs.stretch - subjects) - _shared(stated, asserted)):
                return "asserted"
    else:
        # one that negates something else, stating outside its negation the very word an evidence negation negates
        # («في مناطق مأهولة من دون إصابات» for «في مناطق غير مأهولة من دون تسجيل إصابات»)
        free: frozenset[str] = frozenset().union(*(c.free for c in mine_all))
        denied: frozenset[str] = frozenset().union(*(c.stretch for c in mine_all))
        for theirs in ev:
            # (round 13: not the subject of the evidence's negated verb, VSO: «ولم تنجح الحكومة في تمرير القانون»)
            scope = theirs.scope - _verb_subjects(evidence)
            hits = _shared(free, scope, roots=False) - _shared(free, asserted) - _shared(free, denied)
            # (round 14: not where the bullet negates that clause's subject or scope: «بقيت معظم المنازل بلا كهرباء»
            # for «الكهرباء لم تعد إلى معظم المنازل», one negation told by another verb)
            # (round 17: nor by another form of its word: «وليس نهايتها» for «ليس نهاية الأزمة», «لا يحلّ» for «ليس حلاً»)
            if (
                theirs.negated
                and hits
                and not _meets_loosely(set(denied), set(theirs.scope | theirs.subject))
                and not _meets_bare(denied, theirs.scope)
            ):
                return "asserted"
    for mine in mine_all:
        matches = [(shared, theirs) for theirs in ev if (shared := _restates(mine, theirs))]
        if not matches:
            continue
        best = max(len(shared) for shared, _ in matches)
        matches = [(shared, theirs) for shared, theirs in matches if len(shared) == best]
        if mine.negated and mine.head and all(not t.negated and _shared(mine.head, frozenset(s)) for s, t in matches):
            return "negated"
        if any(
            other.negated
            and (_shared(other.stretch or other.stems, t.stretch) or _meets_bare(other.stretch, t.stretch))
            for other in mine_all
            if other is not mine
            for _, t in matches
        ):
            # round 14: another clause of the bullet negates the same verb («حتى مساء يوم القصف، لم تكن ...»); round
            # 17: or another form of the same word («بداية الأزمة وليس نهايتها» for «ليس نهاية الأزمة، بل بدايتها»)
            continue
        if not mine.negated and all(t.negated and (s & set(_shared(mine.stems, t.stretch))) for s, t in matches):
            said = frozenset().union(*(_shared(mine.stems, t.stretch) for _, t in matches))
            if not any(_shared(said, other.stems) for other in ev if not other.negated):
                return "asserted"
    return None


# --- a negated denial ----------------------------------------------------------------------------------------

_AR_NEGATED_DENIAL = re.compile(
    r"(?<!\w)[وف]?(?:لم|لا|لن)\s+(?:[يت]نف\w*|[يت]نكر\w*|[يت]عترض\w*)|(?<!\w)(?:دون|عدم)\s+(?:ان\s+)?(?:[يت]?نف\w*)"
)
_EN_NEGATED_DENIAL = re.compile(
    r"\b(?:not|never|n't|no one|nobody)\s+(?:\w+\s+)?(?:den(?:y|ied|ies)|disput\w*|refut\w*|contest\w*|reject\w*|"
    r"challeng\w*|object\w*)\b|\bundisputed\b|\bunchallenged\b|\bwithout (?:denying|disputing)\b",
    re.I,
)


def negated_denial(bullet: str, evidence: str) -> bool:
    """The bullet says a source did not deny ("did not dispute", «لم ينفه») where its evidence has a denial verb
    («نفاه», «نفته») that is not itself negated: a denial told as its absence."""
    norm = normalize_text(evidence)
    if not _AR_DENIAL.search(norm) or _AR_NEGATED_DENIAL.search(norm):
        return False
    if mostly_arabic(bullet):
        return bool(_AR_NEGATED_DENIAL.search(normalize_text(bullet)))
    return bool(_EN_NEGATED_DENIAL.search(bullet))


# --- English clauses, matched by anchors ---------------------------------------------------------------------

_EN_BREAK = re.compile(r"[,;:]|\s(?:and|but|while|whereas|although|though|however|yet)\s", re.I)
# Negations an English clause states: the particles, and verbs that tell a failure or a refusal.
_EN_MEANING = re.compile(
    r"\b(?:fail(?:ed|s)? to|unable to|could not|couldn't|refus(?:ed|es) to|declin(?:ed|es) to|no longer|"
    r"un(?:likely|confirmed|verified|harmed|hurt|paid)|yet to|ruled out)\b",
    re.I,
)
# Round 11: a participle negated by "un-" right after a figure ("47 unpublished letters" for «47 رسالة لم تُنشر»):
# it negates what the figure counts. Not a verb of its own ("unveiled", "uncovered", "underlined").
_EN_UN = re.compile(
    r"\bun(?!veil|leash|lock|load|fold|earth|cover|derstood|dertak|dergo|derscor|derlin|derpin|dermin|dress)[a-z]{4,}ed\b",
    re.I,
)
_AR_ABILITY = re.compile(r"(?<!\w)[وف]?(?:[يت]?تمكن\w*|[يت]تسن\w*|[يت]?ستطع\w*|استطاع\w*|يصعب|تعذر\w*|يتعذر)(?!\w)")
_EN_ABILITY = re.compile(r"\b(?:were|was|are|is) able to|\bmanaged to|\bsucceeded in\b", re.I)


def _en_negation(clause: str) -> re.Match[str] | None:
    plain = _EN_IDIOMS.sub(" ", clause)
    return _EN.search(plain) or _EN_MEANING.search(plain)


_VERBAL = re.compile(r"[وف]?(?:لم|لن|لا)")  # a verb's negation, whose subject may stand before it (SVO after «أن»)
_REACH_BEFORE = 3  # a figure this many words before a negation is its subject («ستة آلاف معلم لم يتقاضوا»)
_EN_REACH = 6
_EN_PHRASE_REACH = 1  # round 13: "released without charge after two days": "without" negates its noun phrase only
# A verb's negation ("have not been paid"), whose subject stands before it; "without", "no" negate what follows.
_EN_VERBAL = re.compile(r"\b(?:not|n't|never|fail|unable|refus|declin|no longer|yet|could)", re.I)


def _verbal_negation(clause: str, negation: re.Match[str]) -> bool:
    """Does the negation negate a verb, whose subject stands before it: "not", "never" ... (``_EN_VERBAL``), or
    (session 15) "no" right after a verb ("Damascus made no official comment" for «لم تعلّق الحكومة في دمشق»)."""
    if _EN_VERBAL.search(negation.group()):
        return True
    return negation.group().lower() == "no" and bool(_EN_VERB_BEFORE_NO.search(clause, 0, negation.start()))


_EN_VERB_BEFORE_NO = re.compile(
    r"\b(?:\w{3,}ed|made|gave|had|has|have|took|found|saw|got|left|paid|held|kept|brought|heard|met|sent|won|showed"
    r"|offers?|makes?|gives?|takes?|finds?|sees?|gets?|shows?|reports?|reveals?|issues?|receives?)\s+$",
    re.I,
)


@lru_cache(maxsize=4096)
def _figures(text: str) -> list[tuple[float, int, int]]:
    """Each plain figure of two or more in ``text``, with where its words are."""
    found = []
    for q in quantities(text):
        at = text.find(q.text)
        if q.low == q.high and q.low >= 2 and at >= 0:
            found.append((q.low, at, at + len(q.text)))
    return found


_CAPITALISED = re.compile(r"\b[A-Z][a-z]+(?:[ -](?:al-|el-)?[A-Z][a-z]+)*\b")


def _names(clause: str) -> list[tuple[str, int, int]]:
    """The clause's capitalised names that are no dictionary words (transliterations: "Azaz", "Meiss el-Jabal").
    Countries, nationalities, agencies and armed groups are left out: a text refers back to them («الحزب»,
    «البلاد»), so the clause that names them is often not the one that says the fact."""
    table = gazetteer()
    found = []
    for m in _CAPITALISED.finditer(clause):
        words = re.findall(r"[A-Za-z]+", m.group())
        while words and words[0].lower() in STOP:
            words = words[1:]
        name = " ".join(words)
        if len(latin_key(name)) < 3 or all(is_common_english(w) for w in words):
            continue
        if any(e.kind != "city" for e in table.english_entries(name)):
            continue
        found.append((name, m.start(), m.end()))
    return found


def _ar_name_reach(name: str, part: str, subject: bool = False) -> bool | None:
    """None when the Arabic clause does not write the name; else whether its negation reaches it (the name stands
    after the cue, or right before it). With ``subject`` (round 14: the English clause names it as the subject of
    its negated verb, "Baghdad had not summoned"), the subject of the Arabic clause's negated verb counts too: the
    name right before the cue (SVO) or right after the verb (VSO: «لم تستدعِ بغداد السفير»), one clause read alike
    in both languages."""
    if not english_matches_arabic(name, part):
        return None
    cue = _AR_CUE.search(part)
    if cue is None:
        return False
    reached = _reached_text(part, cue)
    if subject and _VERBAL.fullmatch(cue.group()) and re.match(r"\s*[يتن]\w", reached):
        # (session 15: not past a complementiser: «قال البلوشي إنه لا يشجع»: the name before «إنه» is who says it,
        # as ``_EN_REPORTING`` reads "al-Balushi said does not encourage")
        near = re.findall(r"\w+", part[: cue.start()])[-_REACH_BEFORE:]
        while any(w in _THAT_WORDS for w in near):
            near = near[[w in _THAT_WORDS for w in near].index(True) + 1 :]
        before = " ".join(near)
        after = " ".join(re.findall(r"\w+", reached)[1:4])
        if english_matches_arabic(name, before) or english_matches_arabic(name, after):
            return True
    outside = part[: cue.start()] + " " + part[cue.end() + len(reached) :]
    if _AR_DENIAL.fullmatch(cue.group()) or _VERBAL.fullmatch(cue.group()):
        # round 12: the subject after the verb (VSO) is not what is denied: «ونفى الإدريسي التهم», «ولم تحمّل
        # رينالدي أياً من الطرفين المسؤولية»; the name must stand past the verb and its first word
        words = list(re.finditer(r"\w+", reached))
        skip = 1 if _AR_DENIAL.fullmatch(cue.group()) else 2
        outside += " " + (reached[: words[skip - 1].end()] if len(words) >= skip else reached)
        reached = reached[words[skip - 1].end() :] if len(words) >= skip else ""
    # (a name the clause also writes outside the negation's reach is not known to be negated: the transliteration
    # skeleton may match another word, «مباشرة» for "Misrata")
    return english_matches_arabic(name, reached) and not english_matches_arabic(name, outside)


_EN_WEEKDAYS = {
    "monday": "الاثنين", "tuesday": "الثلاثاء", "wednesday": "الاربعاء", "thursday": "الخميس", "friday": "الجمعه",
    "saturday": "السبت", "sunday": "الاحد",
}  # fmt: skip
# "not until Sunday", "only on Sunday", "before Sunday": the time it happened at, read as ``_EN_IDIOMS`` reads it
_EN_TIME_BOUND = re.compile(r"\b(?:until|till|only|before|after|since|not yet)\b", re.I)


_EN_FINITE = re.compile(
    r"\b(?:\w{3,}ed|had|has|have|was|were|is|are|will|would|did|does|said|says|made|took|gave|met|held|kept|won|sent"
    r"|began|broke|came|went|left|fled|fell|told|found|saw|got|paid|put|set|shot|hit|cut|lost|spent|ran|rose)\b",
    re.I,
)


@lru_cache(maxsize=2048)
def weekday_clause_conflict(bullet: str, evidence: str) -> str | None:
    """Session 15 (roles15): ``negated`` / ``asserted`` for an English clause anchored to the one Arabic clause that
    names the same weekday, where exactly one of the two negates ("The Saudi-led coalition had announced a military
    response by Sunday evening" for «ولم يعلن التحالف ... أي رد عسكري حتى مساء الأحد»). Read after every other
    clause reading (``english_clause_conflict`` anchors on figures and names only)."""
    if mostly_arabic(bullet) or not _negating(evidence):
        return None
    parts = _ar_parts(evidence)
    for clause in _EN_BREAK.split(bullet):
        negation = _en_negation(clause)
        for value, _, end in _weekdays(clause):
            holding = [reached for part in parts if (reached := _ar_word_reach(value, part)) is not None]
            negated = negation is not None and negation.start() < end
            if len(holding) == 1 and holding[0] != negated:
                return "negated" if negated else "asserted"
    return None


def _weekdays(clause: str) -> list[tuple[str, int, int]]:
    """Session 15: the weekdays an English clause names, as their Arabic names (not in a clause that bounds a time:
    "was not lifted until Wednesday" restates «لم يُرفع حتى الأربعاء»)."""
    if _EN_TIME_BOUND.search(clause) or not _EN_FINITE.search(clause):
        return []  # (nor a fronted phrase without a verb: "As of Tuesday evening, Baghdad had not summoned")
    return [
        (_EN_WEEKDAYS[m.group().lower()], m.start(), m.end())
        for m in re.finditer(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b", clause)
    ]


def _ar_word_reach(word: str, part: str) -> bool | None:
    """None when the Arabic clause does not write ``word`` (normalised, a clitic allowed); else whether its negation
    reaches it (the word stands in the rest of the clause after the cue, and nowhere before it)."""
    pattern = re.compile(rf"(?<!\w)(?:[وفبل]|لل)?{re.escape(word)}(?!\w)")
    if not pattern.search(part):
        return None
    cue = _AR_CUE.search(part)
    if cue is None:
        return False
    reached = _reached_text(part, cue)
    return bool(pattern.search(reached)) and not pattern.search(part[: cue.start()])


def _words_between(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end])) if start < end else 0


# A figure followed by a unit of time counts no subject of a verb: an age or a span («البالغ 15 عاماً»).
_AR_SPAN = re.compile(
    r"\W*(?:عام|عاما|اعوام|سنه|سنوات|سنين|يوم|يوما|ايام|شهر|شهرا|اشهر|شهور|ساعه|ساعات|اسبوع|اسبوعا|اسابيع|دقيقه"
    r"|دقايق)(?!\w)"
)


def _ar_figures(part: str) -> list[tuple[float, bool]]:
    """The figures of an Arabic clause, each with whether the clause's negation reaches it (it stands in the
    negation's scope, or right before the cue as its subject)."""
    cue = _AR_CUE.search(part)
    if cue is None:
        # a clause that denies by its verb («استبعد مسؤولون وجود صلة بين الهجومين») denies all it says
        return [(value, _clause(part, False).negated) for value, _, _ in _figures(part)]
    # (round 13: a verb's negation only: «عدد القتلى ثلاثة لا سبعة» contrasts two figures, and «ثلاثة» is told)
    verbal = _VERBAL.fullmatch(cue.group()) is not None and bool(re.match(r"\s*[يتنا]\w", part[cue.end() :]))
    reach = cue.end() + len(_reached_text(part, cue))
    out = []
    for value, start, end in _figures(part):
        subject = verbal and end <= cue.start() and _words_between(part, end, cue.start()) <= _REACH_BEFORE
        if subject and _AR_SPAN.match(part, end):
            subject = False  # session 15: «ابنه البالغ 15 عاماً لم يكن ينوي»: an age or a span, as "_EN_SPAN" reads
        out.append((value, cue.end() <= start < reach or subject))
    return out


def _reached_text(part: str, cue: re.Match[str]) -> str:
    """The text a negation cue reaches: the rest of its clause, or for «دون», «غير» before a noun or an adjective
    («هدوء غير معلن على جبهات مأرب») only that phrase's first words."""
    rest = part[cue.end() :]
    if _PREPOSITION.search(cue.group()) and not re.match(r"\s*ان(?:ه|ها)?(?!\w)", rest):
        words = list(re.finditer(r"\w+", rest))
        return rest[: words[_CUE_WIDTH - 1].end()] if len(words) >= _CUE_WIDTH else rest
    return rest


def _concept_conflict(bullet: str, clauses: tuple[_Clause, ...], evidence: str) -> str | None:
    """``polarity.CONCEPTS`` read with the verb's person letters dropped («من دون أن يتدخلوا» is "intervene"):
    ``asserted`` when the bullet asserts a concept only a negated evidence clause has, ``negated`` the reverse."""
    negated, asserted = english_concepts(bullet)

    def held(pattern: str, negating: bool) -> bool:
        forms = frozenset(CONCEPTS[pattern])
        return any(_shared(c.stretch if negating else c.stems, forms) for c in clauses if c.negated == negating)

    for pattern in asserted - negated:
        if held(pattern, True) and not held(pattern, False) and not corrects_alike(bullet, evidence, pattern):
            return "asserted"
    for pattern in negated - asserted:
        if held(pattern, False) and not held(pattern, True) and not any(c.negated for c in clauses):
            return "negated"
    return None


# Round 13: an English clause that tells a denial or a refusal by its verb ("denied that", "rejected the figures",
# "three abstaining"): a window clause that denies (by «نفى», «امتنع», a particle) says the same.
_EN_TELLS_DENIAL = re.compile(
    r"\b(?:den(?:y|ied|ies|ying|ial)|reject\w*|refut\w*|dismiss\w*|abstain\w*|abstention\w*|refrain\w*|declin\w*"
    r"|refus\w*|rul(?:e|ed|es|ing) out|boycott\w*)\b",
    re.I,
)
_EN_REPORTING = re.compile(
    r"\b(?:said|says|saying|told|tells|added|adds|stated|states|announced|warned|insisted|stressed|noted|argued"
    r"|claimed|affirmed|vowed|pledged|that)\b|[\"“”«»]",
    re.I,
)
# Session 15: an age ("her 12-year-old daughter"), as «البالغة 12 عاماً» is read (``_AR_SPAN``): no subject
_EN_AGE = re.compile(r"[\s-]+(?:years?|months?)[\s-]+old\b", re.I)
_EN_SPAN = re.compile(r"\s+(?:more\s+)?(?:days?|weeks?|months?|years?|hours?|minutes?|decades?)\b", re.I)
_EN_ADDRESSEE = re.compile(
    r"\b(?:told|tells|telling|according to|quoted by|speaking to|spoke to|said to"
    r"|(?:interview|statement)s? (?:with|to))\s+(?:the\s+)?$",
    re.I,
)
_EN_FAILURE = re.compile(r"\b(?:fail(?:ed|s)? to|unable to|refus(?:ed|es) to|no longer)\b", re.I)


# Round 14: "without" before a verb ("without explicitly blaming Baghdad") negates its verb phrase, as far as any
# negation reaches; before a noun ("released without charge after two days") only that noun phrase.
_EN_GERUND = re.compile(r"\s+(?:\w+ly\s+)?\w{3,}ing\b", re.I)
# Round 14: a negated clause whose subject is a pronoun or a partitive of one («لكنه لن يعود», «أن أياً منهم لم
# يُوجَّه إليه اتهام»): it refers back to what an earlier clause names, so a name or a figure told there may be its
# subject.
_AR_ANAPHORIC = re.compile(r"(?<!\w)(?:[وف]?لكن(?:ه|ها|هم)|[وفب]?ان(?:ه|ها|هم)|من(?:ه|ها|هم)|هو|هي|هم)(?:\s+\w+)?\s*$")


def _noun_phrase_without(clause: str, negation: re.Match[str]) -> bool:
    return negation.group().lower() == "without" and not _EN_GERUND.match(clause, negation.end())


def _anaphoric_negation(parts: tuple[str, ...]) -> bool:
    """Does a clause negate a verb whose subject is a pronoun that refers back («لكنه لن يعود»)?"""
    for part in parts:
        cue = _AR_CUE.search(part)
        if cue is not None and _VERBAL.fullmatch(cue.group()) and _AR_ANAPHORIC.search(part[: cue.start()]):
            return True
    return False


@lru_cache(maxsize=2048)
def english_clause_conflict(bullet: str, evidence: str) -> str | None:
    """``negated`` / ``asserted`` for an English bullet clause whose figure (two or more) the evidence states in
    one clause only, when exactly one of the two negates it ("six thousand teachers received their allowances" for
    «نحو ستة آلاف معلم لم يتقاضوا منحهم»); ``asserted`` too for "were able to" where an evidence clause says it
    could not («لم تتمكن», «يصعب»)."""
    if not _negating(evidence):
        # "failed to reach" where no window negates anything; nothing else here can differ from such evidence
        # (round 12: "no longer works" for «توقفت عن العمل»: a privative word or an idiom says it without a particle)
        return "negated" if _EN_FAILURE.search(bullet) and not _backed(bullet, evidence) else None
    parts = _ar_parts(evidence)
    clauses = _ar_clauses(evidence)
    if (concept := _concept_conflict(bullet, clauses, evidence)) is not None:
        return concept
    stated = [figure for part in parts for figure in _ar_figures(part)]
    denying_window = any(_AR_DENIAL.search(part) for part in parts)
    # (round 14: a pronoun's negated clause may be what the bullet negates only while the bullet negates no more
    # clauses than the window: "Tehran was not ready for dialogue and would not accept" has two for one)
    negated_clauses = sum(1 for clause in _EN_BREAK.split(bullet) if _en_negation(clause))
    negating_parts = sum(1 for clause in clauses if clause.negated)
    for clause in _EN_BREAK.split(bullet):
        if _EN_LITOTES.search(clause) and any(_AR_LITOTES.search(part) for part in parts):
            continue  # session 15: "not the first time" for «لم تكن المرة الأولى», litotes on both sides
        negation = _en_negation(clause)
        telling_denial = _EN_TELLS_DENIAL.search(clause) is not None or _EN_DENIAL.search(clause) is not None
        for value, start, end in _figures(clause) + _names(clause):
            if not isinstance(value, str) and (_EN_SPAN.match(clause, end) or _EN_AGE.match(clause, end)):
                continue  # round 13: "held for 40 days without seeing a judge": how long a state lasts, not negated
            if isinstance(value, str) and _EN_ADDRESSEE.search(clause, 0, start):
                continue  # round 13: "a source told Asharq Al-Awsat there were no plans": who was told is no news
            if isinstance(value, str):
                # (round 14: the subject of a negated English verb is read as the subject of the Arabic one)
                subject = (
                    negation is not None
                    and negation.start() >= end
                    and _verbal_negation(clause, negation)
                    and _words_between(clause, end, negation.start()) <= _REACH_BEFORE + 1
                )
                stated_name = [
                    reached for part in parts if (reached := _ar_name_reach(value, part, subject)) is not None
                ]
                holding = stated_name
            else:
                holding = [reached for figure, reached in stated if figure == value]
            negated = (
                negation is not None
                and (
                    _words_between(clause, negation.end(), start)
                    <= (_EN_PHRASE_REACH if _noun_phrase_without(clause, negation) else _EN_REACH)
                    if negation.start() < end
                    else (
                        _verbal_negation(clause, negation)
                        and _words_between(clause, end, negation.start()) <= _REACH_BEFORE + 1
                        # round 13: 'al-Obeidi said the attack "will not go unpunished"': a negation in what a
                        # source says does not reach back to the source
                        and not _EN_REPORTING.search(clause, end, negation.start())
                    )
                )
            ) or (
                # round 11: "47 unpublished letters": an "un-" participle right after the figure negates what it
                # counts
                not isinstance(value, str)
                and (un := _EN_UN.search(clause, end)) is not None
                and _words_between(clause, end, un.start()) <= 1
            )
            if isinstance(value, str) and denying_window and _denier_named(bullet, clause, start):
                continue  # round 17: "X, an activist with ..., denied that": the subject the apposition cut off
            if telling_denial and (holding == [True] or denying_window):
                # round 13: "X denied that any soldier was captured", "three abstaining": a denial told; beside a
                # window that has a source deny («نفى», «بنفي»), which of its clauses it tells is not known
                continue
            if negated and holding == [False] and _anaphoric_negation(parts) and negated_clauses <= negating_parts:
                continue  # round 14: «..., لكنه لن يعود إلى عمله», «أن أياً منهم لم يُوجَّه إليه اتهام»: a pronoun
            if len(holding) == 1 and holding[0] != negated:
                return "negated" if negated else "asserted"
        if (
            _EN_ABILITY.search(clause)
            and negation is None
            and any(_AR_CUE.search(part) and _AR_ABILITY.search(part) for part in parts)
        ):
            return "asserted"
    return None


_EN_DENIER_AFTER_APPOSITION = re.compile(
    r"^(?:,[^,]{1,60}){1,2},\s*(?:\w+\s+)?(?:" + _EN_TELLS_DENIAL.pattern + r")", re.I
)


def _denier_named(bullet: str, clause: str, start: int) -> bool:
    """Round 17: a name the bullet gives as the subject of its denial verb, past an apposition between commas ("Adnan
    al-Rawashdeh, an activist with the movement, denied that ..."): the name opens its clause and the next verb of
    its sentence, within a few words after the clause, tells the denial."""
    if clause[:start].strip():
        return False
    at = bullet.find(clause)
    if at < 0:
        return False
    rest = bullet[at + len(clause) :]
    rest = rest[: m.start()] if (m := re.search(r"[.;!?]", rest)) else rest
    # the apposition: one or two comma-set phrases of a few words each, then the verb ("also", "later" before it)
    return _EN_DENIER_AFTER_APPOSITION.match(rest) is not None


# --- which part of a denying window a bullet restates ----------------------------------------------------------

# Words that report or attach rather than state: a window's «وقال المتحدث» or «مؤكدة أن» is no statement of its own.
_REPORTING_STEMS = frozenset(
    _stems(
        normalize_text(
            "قال قالت قالوا اضاف اضافت اكد اكدت مؤكدا مؤكده موكدا موكده اوضح اوضحت مشيرا مشيره لافتا وفق بحسب بيان"
            " تصريح تصريحات متحدث المتحدث الناطق مصدر مصادر"
        )
    )
)


# A denial that refers back to what the window states («..., وهو ما نفاه ناشطون», «وهو اتهام نفته الحركة»): the
# stated part is itself denied.
_BACK_DENIAL = re.compile(
    r"(?<!\w)(?:ما|الذي|التي|اتهام|اتهامات|امر|روايه|ادعاء|ادعاءات|انباء|انباء)\s+(?:\w+\s+)?[وف]?(?:"
    + _DENIAL_VERBS
    + r"|كذبه|كذبته|كذبها|انكره|انكرته|انكرها|ينكره|تنكره|رفضه|رفضته|ترفضه|يرفضه)(?!\w)"
)
# A negated verb whose object «بل» replaces («لم تستهدف الغارة مدرسة بل منزلاً»): the verb and its subject are told
# of the second object too.
_CONTRAST = re.compile(r"^\s*(?:بل|وانما|انما)(?!\w)")


def _after_denial(part: str) -> frozenset[str]:
    """What a denial verb's clause denies: the words after the verb («ونفى المتحدث خسارة أي مواقع»: the loss, not
    the spokesman)."""
    verb = _AR_DENIAL.search(part)
    return frozenset(_stems(part[verb.end() :])) if verb else frozenset()


def _window_parts(span: str) -> tuple[frozenset[str], frozenset[str], bool]:
    """The stems a window's negated clauses reach (their whole clause for a denial verb), the stems it states
    outside any negation (reporting words left out), and whether a reporting verb tells what it states («قال
    تجار إن ...», «رجح مسؤولون»)."""
    denied: set[str] = set()
    stated: set[str] = set()
    reported = False
    parts = _ar_parts(span)
    clauses = _ar_clauses(span)
    for k, (part, clause) in enumerate(zip(parts, clauses, strict=True)):
        if clause.negated:
            reach = clause.stretch or _after_denial(part) or clause.stems
            if k + 1 < len(parts) and _CONTRAST.match(parts[k + 1]) and clause.scope:
                cue = _AR_CUE.search(part)
                after = _stems(part[cue.end() :]) if cue else []
                reach = reach - frozenset(after[:_CUE_WIDTH])  # «لم تستهدف الغارة مدرسة، بل ...»: the school only
            denied |= reach
            cue = _AR_CUE.search(part)
            if cue and _PREPOSITION.search(cue.group()):
                stated |= clause.free  # «انتشروا في محيط الساحة من دون أن يتدخلوا»: the deployment is told
        else:
            stated |= clause.stems
            reported = reported or bool(_AR_ATTRIBUTED.search(part))
    return frozenset(denied), frozenset(stated - _REPORTING_STEMS), reported


# A few verbs and nouns of news, each with the Arabic stems that say it: anchors of an English clause besides its
# figures and names (which part of a denying window it restates: "the army later shelled the positions" for «لكنه قصف
# مواقع الجماعة»).
_ANCHOR_WORDS = (
    (r"\bshell\w*|\bbombard\w*", ("قصف", "يقصف", "تقصف", "قصفت")),
    (r"\bkill\w*|\bdead\b|\bdied\b", ("قتل", "قتلي", "مقتل", "قتلت")),
    (r"\barrest\w*|\bdetain\w*", ("اعتقل", "اعتقال", "اعتقلت", "توقيف", "اوقف", "اوقفت")),
    (r"\bwithdr[ae]w\w*|\bpull\w* out", ("انسحب", "انسحبت", "انسحاب", "انسحبوا")),
    (r"\bdeploy\w*", ("انتشر", "انتشرت", "انتشار", "نشر", "نشرت")),
    (r"\breleas\w*|\bfreed?\b", ("افرج", "افرجت", "الافراج", "اطلاق سراح")),
    (r"\bsign(?:ed|s|ing)?\b", ("وقع", "وقعت", "توقيع")),
    (r"\bmet\b|\bmeet\w*", ("اجتماع", "التقي", "اجتمع", "لقاء")),
    (r"\bprotest\w*|\bdemonstrat\w*|\brall\w*", ("احتجاج", "تظاهر", "مظاهره", "محتج", "متظاهر")),
    (r"\brescue\w*|\bpulled\b", ("انتشل", "انتشلت", "انقاذ")),
    (r"\bstorm\w*|\braid\w*", ("اقتحم", "اقتحمت", "اقتحام", "داهم", "مداهمه")),
    (r"\bdepot\b|\bwarehouse\b", ("مستودع", "مخزن")),
)


def _english_anchor_parts(clause: str, span: str) -> tuple[int, int]:
    """An English clause's anchors (figures, names, ``CONCEPTS``) found only in the window's negated clauses, and
    only in its clauses with no negation."""
    parts = _ar_parts(span)
    clauses = _ar_clauses(span)
    negated_parts = [p for p, c in zip(parts, clauses, strict=True) if c.negated]
    stated_parts = [p for p, c in zip(parts, clauses, strict=True) if not c.negated]
    denied_only = stated_only = 0
    for value, _, _ in _figures(clause):
        in_denied = any(value == v for p in negated_parts for v, _, _ in _figures(p))
        in_stated = any(value == v for p in stated_parts for v, _, _ in _figures(p))
        denied_only += in_denied and not in_stated
        stated_only += in_stated and not in_denied
    for name, _, _ in _names(clause):
        in_denied = any(english_matches_arabic(name, p) for p in negated_parts)
        in_stated = any(english_matches_arabic(name, p) for p in stated_parts)
        denied_only += in_denied and not in_stated
        stated_only += in_stated and not in_denied
    negated, asserted = english_concepts(clause)
    for pattern in asserted - negated:
        forms = frozenset(CONCEPTS[pattern])
        in_denied = any(_shared(c.stretch or c.stems, forms) for c in clauses if c.negated)
        in_stated = any(_shared(c.stems, forms) for c in clauses if not c.negated)
        denied_only += in_denied and not in_stated
        stated_only += in_stated and not in_denied
    for english, arabic in _ANCHOR_WORDS:
        if not re.search(english, clause, re.I):
            continue
        forms = frozenset(arabic)
        # (a verb of the window's denial is its head, «لم يعلق»; its subject or object «القصف» is no denied act)
        in_denied = any(_shared(c.head, forms, roots=False) for c in clauses if c.negated)
        in_stated = any(_shared(c.stems, forms, roots=False) for c in clauses if not c.negated)
        denied_only += in_denied and not in_stated
        stated_only += in_stated and not in_denied
    return denied_only, stated_only


_EN_CLAUSE_WORDS = 4


# A bullet's apposition that is a title («الناطق باسم الشرطة», «مدير المستشفى»): it names who speaks, no statement.
_TITLE_APPOSITION = re.compile(
    r"^\s*(?:ال)?(?:ناطق|متحدث|مدير|رييس|قايد|وزير|محافظ|والي|عميد|عقيد|لواء|مسوول|ممثل|منسق|امين|نايب)"
    r"(?:\s+\w+){0,6}\s*$"
)


@lru_cache(maxsize=2048)
def restates_stated_part(bullet: str, span: str) -> bool:
    """Round 12: does a bullet restate what a denying window states besides its denial, and nothing it denies?
    «ولم يتبنَّ أي تنظيم الهجوم، غير أن مسؤولين رجحوا وقوف خلايا التنظيم خلفه», «لم تستهدف الغارة مدرسة، بل منزلاً
    مأهولاً», «ولم تُعرف الحصيلة، فيما انتشلت الفرق ثلاثة ناجين»: a bullet telling the other clause asserts what the
    window asserts. Each clause of the bullet is matched: an Arabic one by its content words (none of its clauses
    shares more with the denied clauses than with the stated ones, and the bullet shares two or more words with the
    stated ones only), an English one by its anchors (a figure, a name, a concept; none in a denied clause only).
    Not where the window denies what it states («وهو ما نفاه ناشطون»), nor where a source tells the stated part and
    the bullet tells it as fact (a contested claim told as fact)."""
    if _BACK_DENIAL.search(normalize_text(span)):
        return False
    denied, stated, reported = _window_parts(span)
    if not denied or not stated or (reported and not attributes(bullet)):
        return False
    if mostly_arabic(bullet):
        total = 0
        for part in _ar_parts(bullet):
            if _TITLE_APPOSITION.match(part):
                continue  # session 15: «، الناطق باسم شرطة النيل الأبيض،»: who speaks, not what the window denies
            mine = frozenset(_stems(part)) - _REPORTING_STEMS
            with_denied, with_stated = _shared(mine, denied), _shared(mine, stated)
            only_stated, only_denied = with_stated - with_denied, with_denied - with_stated
            if only_denied:
                return False
            total += len(only_stated)
        return total >= _OVERLAP
    for clause in _EN_BREAK.split(bullet):
        if len(clause.split()) < _EN_CLAUSE_WORDS:
            continue
        denied_only, stated_only = _english_anchor_parts(clause, span)
        if denied_only or not stated_only:
            return False  # each English clause needs an anchor of its own in what the window states
    return True


# --- a negated denial told as a denial ------------------------------------------------------------------------

# Round 12: «ولم يستبعد الوالي تعليق نشاط الوحدة» told "the governor ruled out halting the unit": the reverse of
# ``negated_denial``. Each kind of denial with its Arabic verb and its English words.
_DENIAL_KINDS = {
    "exclude": (
        r"[يت]?ستبعد\w*|استبعد\w*",
        r"rul(?:ed|es|ing) out|exclud(?:ed|es)|dismiss(?:ed|es) the (?:possibility|idea)",
    ),
    "deny": (r"[يت]?نف(?:ي|ت|وا|ا)\w*|نفي\w*|[يت]?نكر\w*|انكر\w*", r"den(?:ied|ies|y)|refut(?:ed|es)"),
    "reject": (r"[يت]?رفض\w*|رفض\w*", r"reject(?:ed|s)|refus(?:ed|es)|turn(?:ed|s) down"),
}
_NEGATOR = r"(?<!\w)[وف]?(?:لم|لا|لن|عدم|دون)\s+(?:ان\s+)?"
_DENIAL_PATTERNS = {
    kind: (
        re.compile(rf"(?<!\w)[وف]?(?:{ar})(?!\w)"),
        re.compile(_NEGATOR + rf"[وف]?(?:{ar})(?!\w)"),
        re.compile(rf"\b(?:{en})\b", re.I),
    )
    for kind, (ar, en) in _DENIAL_KINDS.items()
}
_ANY_NEGATED_DENIAL = re.compile(_NEGATOR + r"[وف]?(?:" + "|".join(ar for ar, _ in _DENIAL_KINDS.values()) + r")(?!\w)")
_NEGATOR_BEFORE = re.compile(_NEGATOR + r"$")
_EN_NEGATOR_BEFORE = re.compile(r"\b(?:not|never|no|n't|nor|without)\b(?:\W+\w+){0,2}\W*$|n't\s+(?:\w+\s+)?$", re.I)


@lru_cache(maxsize=2048)
def added_denial(bullet: str, evidence: str) -> str | None:
    """The kind of denial (``exclude``, ``deny``, ``reject``) a bullet tells, unnegated, where its evidence negates
    that very denial («لم يستبعد», «لم ينفِ», «لا يرفض») and states it nowhere unnegated."""
    norm = normalize_text(evidence)
    if not _ANY_NEGATED_DENIAL.search(norm):
        return None
    arabic = mostly_arabic(bullet)
    mine = normalize_text(bullet) if arabic else bullet
    for kind, (verb, negated_verb, english) in _DENIAL_PATTERNS.items():
        negated = len(negated_verb.findall(norm))
        if not negated or len(verb.findall(norm)) > negated:
            continue
        if arabic:
            told = [m for m in verb.finditer(mine) if not _NEGATOR_BEFORE.search(mine[: m.start()])]
        else:
            told = [m for m in english.finditer(mine) if not _EN_NEGATOR_BEFORE.search(mine[: m.start()])]
        if told:
            return kind
    return None
