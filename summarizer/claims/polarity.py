"""Does a text assert or deny? Negation cues in English and Arabic.

Deliberately simple and explainable: a text is negative when it holds a negation cue
(not, no, never, denied, without / لم، لن، لا، ليس، نفى، عدم، دون). A bullet is flagged when it
denies and none of its evidence does, or asserts while every piece of its evidence denies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import clitic_parses, normalize_text

# نفى "deny" (normalised ى→ي), with an object pronoun too: «وهو ما نفاه قيادي», «اتهام نفته القوات».
_DENIAL_VERBS = (
    r"(?:نفي|نفت|نفوا|ينفي|تنفي|ينفون|نافيا|نافيه)(?:ه|ها|هم)?|نفا(?:ه|ها|هم)|نفو(?:ه|ها|هم)|نفته|نفتها|نفتهم"
)
_EN = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|without|neither|nor|denied|denies|deny|denying|refuted|rejected claims)\b"
    r"|n't\b",
    re.I,
)
# Arabic cues after normalisation (ى→ي, أ/إ→ا); و ف may be attached to the particle.
# «غير» is left out: «غير أن» is "however".
_AR = re.compile(r"(?<!\w)[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|لسنا|عدم|دون|بدون|بلا|لاي|" + _DENIAL_VERBS + r")(?!\w)")


# Idioms built on a negation particle that negate nothing: "at least", "still", "especially".
_AR_IDIOMS = re.compile(
    r"(?:ما )?(?:لا|لم) (?:يقل|تقل|يقلون|يزال|تزال|يزالون|تزالان|سيما|بد|شك|ريب|يخفي|يختلف اثنان)(?!\w)|ما زال\w*"
    r"|(?<!\w)لا (?:\w+ ){1,3}?الا(?!\w)"  # «لا إله إلا الله»: an exceptive restricts, it does not deny
    r"|(?<!\w)[وف]?ليس[تا]? (?:\w+ ){1,4}?بل(?!\w)"  # «ليس حصريا على الرجال بل ...»: "not only ... but"
)
_EN_IDIOMS = re.compile(r"\b(?:no (?:fewer|less|more) than|not only|nothing but)\b", re.I)
_AR_DENIAL = re.compile(r"(?<!\w)[وف]?(?:رفض|رفضت|" + _DENIAL_VERBS + r")(?!\w)")
_AR_LEAD = re.compile(r"^(?:\W*\w+\W+){0,2}?\W*[وف]?(?:لم|لن|لا|ليس|ليست|عدم|دون)(?!\w)")
_AR_COMPLEMENT = re.compile(r"(?<!\w)(?:ان|بان|انه|انها)\s+(?:\w+\s+){0,3}?(?:لم|لن|لا|ليس|ليست)(?!\w)")


def negation_cues(text: str) -> list[str]:
    """The negation cues in ``text``, in order (idioms such as «ما لا يقل عن» and "no fewer than" left out)."""
    norm = _AR_IDIOMS.sub(" ", normalize_text(text))
    plain = _EN_IDIOMS.sub(" ", text)
    return [m.group() for m in _EN.finditer(plain)] + [m.group() for m in _AR.finditer(norm)]


def denies(text: str) -> bool:
    """Is the *main* statement of ``text`` a denial? A negation at its head («لم تعلن أي جهة», «عدم وقوع
    إصابات»), in a reported clause («قال إنه لم ...»), or a denial verb («نفت»). A negation further on
    («... دون أن يسفر عن إصابات», «في حين لم تصدر حصيلة») qualifies an assertion rather than denying it."""
    norm = _AR_IDIOMS.sub(" ", normalize_text(text))
    if _AR_LEAD.search(norm) or _AR_COMPLEMENT.search(norm) or _AR_DENIAL.search(norm):
        return True
    plain = _EN_IDIOMS.sub(" ", text)
    return bool(re.match(r"^\W*(?:\w+\W+){0,3}?(?:no|not|never|none|denied|denies)\b", plain, re.I))


def is_negative(text: str) -> bool:
    return bool(negation_cues(text))


# --- scope: what a negation negates ------------------------------------------------------------------------

_SCOPE_CUE = re.compile(r"^[وف]?(?:لم|لن|لا|ليس|ليست|ليسوا|عدم|دون|بدون|بلا)$")
# A denial verb's clause (VSO: «نفى مسؤول أميركي إصابة أي جندي») names its subject before what is denied, so its
# words are only kept from counting as asserted; and a few verbs and nouns deny by meaning («تخلو», «تعذّر»).
_DENIAL_CUE = re.compile(
    r"^[وف]?(?:" + _DENIAL_VERBS + r"|رفض|رفضت|تخلو|يخلو|خلت|خاليه|خال|تعذر|يتعذر|امتنع|امتنعت|غياب|انعدام)$"
)
# A scope ends at a clause break: «بل» ("but rather"), «لكن», «إلا» (an exceptive: «لا ... إلا» restricts,
# it does not deny), «غير أن», «بينما», «في حين», or punctuation.
_SCOPE_END = {"بل", "لكن", "ولكن", "الا", "بينما", "حين", "غير"}
_SCOPE_WORDS = 2
_FUNCTION = set(
    [
        "في",
        "من",
        "الي",
        "علي",
        "عن",
        "مع",
        "ان",
        "او",
        "ثم",
        "قد",
        "كان",
        "كانت",
        "يكن",
        "تكن",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "الذي",
        "التي",
        "الذين",
        "بعد",
        "قبل",
        "خلال",
        "حيث",
        "كما",
        "اي",
        "كل",
        "بين",
        "عند",
        "حتي",
        "منذ",
        "لدي",
        "وفق",
        "نحو",
        "هو",
        "هي",
        "هم",
        "ما",
        "يتم",
        "تم",
        "اي",
        "احد",
        "شيء",
        "له",
        "لها",
        "لهم",
        "به",
        "بها",
    ]
)


def _clauses(text: str) -> list[list[str]]:
    return [re.findall(r"\w+", part) for part in re.split(r"[.,،؛;:!?؟\n«»\"()]", normalize_text(text))]


def _content(token: str) -> str | None:
    """A word's stem without clitics, or None for a function word or a fragment."""
    stems = [token, *(stem for _, stem in clitic_parses(token))]
    stem = min(stems, key=len)
    if stem in _FUNCTION or token in _FUNCTION or len(stem) < 3 or stem.isdigit():
        return None
    return stem


@lru_cache(maxsize=4096)
def arabic_scopes(text: str, width: int = _SCOPE_WORDS) -> tuple[list[set[str]], set[str], set[str]]:
    """What an Arabic text negates and asserts, by stems.

    Returns the scope of each negation (the first ``width`` content words after its cue: the negated verb or noun,
    «لم تعلق», «عدم وقوع إصابات»), the stems the text asserts (content words before any negation of their
    clause), and every stem in a negated stretch (after a cue to the clause's end) or in a clause with a denial
    verb or a word that denies by meaning («نفى», «تعذّر»), which is neither asserted nor safe to call asserted.
    «لا إله إلا الله» (an exceptive) and «لا يزال» (an idiom) negate nothing; «ليس ... بل» ends at «بل»."""
    scopes: list[set[str]] = []
    asserted: set[str] = set()
    denied: set[str] = set()
    for clause in _clauses(_AR_IDIOMS.sub(" ", normalize_text(text))):
        if any(_DENIAL_CUE.match(token) for token in clause):
            denied.update(stem for token in clause if (stem := _content(token)))
            continue
        i = 0
        while i < len(clause):
            if not _SCOPE_CUE.match(clause[i]):
                if stem := _content(clause[i]):
                    asserted.add(stem)
                i += 1
                continue
            j = i + 1
            stretch: list[str] = []
            while j < len(clause) and clause[j] not in _SCOPE_END and not _SCOPE_CUE.match(clause[j]):
                if stem := _content(clause[j]):
                    stretch.append(stem)
                j += 1
            if j < len(clause) and clause[j] == "الا":
                asserted.update(stretch)  # «لا ... إلا»: an exception, which asserts
            elif stretch:
                scopes.append(set(stretch[:width]))
                denied.update(stretch)
            i = j if j > i + 1 else i + 1
    return scopes, asserted, denied


def _related(a: str, b: str) -> bool:
    """Same word up to an inflection: equal stems, one a prefix of the other by up to two letters, or the same
    three-letter root without its weak letters («العثور» / «عثر»)."""
    if a == b:
        return True
    root = _root(a)
    if len(root) == 3 and root == _root(b):
        return True
    if len(a) == len(b) >= 4 and a[0] in "يتنا" and b[0] in "يتنا" and a[1:] == b[1:]:
        return True  # «تتبن» / «يتبن»: one verb, another person
    short, long_ = sorted((a, b), key=len)
    return len(short) >= 4 and long_.startswith(short) and len(long_) - len(short) <= 2


def _root(stem: str) -> str:
    return re.sub(r"[اويهءي]", "", stem)


def _meets(stems: set[str], others: set[str]) -> bool:
    return any(_related(a, b) for a in stems for b in others)


# English concepts news negates, with the Arabic stems that say them: an English bullet is compared with Arabic
# evidence through these only (a short glossary, like ``names.GLOSSARY``).
CONCEPTS = {
    r"injur\w*|hurt|wound\w*|casualt\w*": ("اصاب", "اصابه", "اصابات", "جرح", "جريح", "جرحي", "ضحايا", "ضحيه"),
    r"clash\w*|friction|confrontation\w*|scuffle\w*": ("صدام", "صدامات", "اشتباك", "اشتباكات", "احتكاك", "مواجهات"),
    r"comment\w*": ("تعلق", "يعلق", "تعليق", "علق"),
    r"claim\w*": ("تتبن", "يتبن", "تبن", "تبني", "تبنت", "تبنيه"),
    r"arrest\w*|detain\w*": ("توقيف", "اعتقال", "اعتقل", "اوقف", "توقيفات", "اعتقالات"),
    r"interven\w*": ("تدخل",),
    r"confirm\w*": ("تؤكد", "يؤكد", "اكد", "تاكيد", "اكدت"),
    r"link\w*|ties|tied|connect\w*|belong\w*|involve\w*": ("علاقه", "صله", "ارتباط"),
    r"paid|pay\w*": ("يتقاض", "تقاض", "صرف", "تسلم", "يتسلم"),
    r"toll": ("حصيله",),
    r"damage\w*": ("اضرار", "ضرر"),
}
_EN_NEGATION_BEFORE = re.compile(
    r"\b(?:not|no|never|without|denied|denies|deny|nor|neither|none)\b(?:\W+\w+){0,3}?\W*$|n't(?:\W+\w+){0,3}?\W*$",
    re.I,
)


_EN_NEGATION_AFTER = re.compile(r"^(?:\W+\w+){0,2}?\W+(?:not|never|cannot)\b|^(?:\W+\w+){0,2}?\w*n't\b", re.I)


def english_concepts(text: str) -> tuple[set[str], set[str]]:
    """The concepts (``CONCEPTS`` keys) an English text negates, and those it asserts."""
    negated: set[str] = set()
    asserted: set[str] = set()
    plain = _EN_IDIOMS.sub(" ", text)
    for pattern in CONCEPTS:
        for m in re.finditer(rf"\b(?:{pattern})\b", plain, re.I):
            before = plain[max(0, plain.rfind(",", 0, m.start()) + 1) : m.start()]
            after = re.split(r"[,;.]", plain[m.end() :], maxsplit=1)[0]
            negative = _EN_NEGATION_BEFORE.search(before) or _EN_NEGATION_AFTER.match(after)
            (negated if negative else asserted).add(pattern)
    return negated, asserted


def _concept_in(pattern: str, stems: set[str]) -> bool:
    return any(s.startswith(form) or (form.startswith(s) and len(s) >= 3) for s in stems for form in CONCEPTS[pattern])


@lru_cache(maxsize=4096)
def scope_conflict(claim: str, evidence: str) -> str | None:
    """``negated`` when the claim negates what the evidence states without negation, ``asserted`` when it asserts
    what the evidence negates; each on the negated words themselves, not on a negation elsewhere in the sentence.
    Arabic claims are compared word by word; English claims through ``CONCEPTS``. None when neither is seen."""
    ev_scopes, ev_asserted, ev_negated = arabic_scopes(evidence)
    if re.search(r"[\u0621-\u064A]", claim) and len(re.findall(r"[A-Za-z]", claim)) < len(claim) / 4:
        scopes, asserted, denied = arabic_scopes(claim, width=1)  # the negated word itself (VSO: verb first)
        for scope in scopes:
            if _meets(scope, ev_asserted) and not _meets(scope, ev_negated):
                return "negated"
        for scope in ev_scopes:
            if _meets(scope, asserted) and not _meets(scope, denied):
                return "asserted"
        return None
    negated, asserted_concepts = english_concepts(claim)
    for pattern in negated - asserted_concepts:
        if _concept_in(pattern, ev_asserted) and not _concept_in(pattern, ev_negated):
            return "negated"
    for pattern in asserted_concepts - negated:
        if _concept_in(pattern, ev_negated) and not _concept_in(pattern, ev_asserted):
            return "asserted"
    return None


def denies_by_meaning(text: str) -> bool:
    """A denial with no particle: a denial verb or a word that denies by meaning («تعذّر التحقق», «تخلو من»)."""
    return any(_DENIAL_CUE.match(token) for token in re.findall(r"\w+", normalize_text(text)))


# --- a denial turned into an acknowledgment -------------------------------------------------------------------

# What a bullet may say a source did, by kind, and the Arabic that says it: "confirmed" «أكد», "claimed" «تبنى»,
# "admitted" «أقر».
_ACKNOWLEDGE_EN = {
    "confirm": re.compile(r"\b(?:confirm(?:ed|s|ing)?|verified)\b", re.I),
    "claim": re.compile(r"\b(?:claim(?:ed|s|ing)?(?: responsibility)?|took responsibility)\b(?!\s+(?:that|by))", re.I),
    "admit": re.compile(r"\b(?:acknowledg\w*|admit\w*|conced\w*)\b", re.I),
}
_ACKNOWLEDGE_AR = {
    "confirm": re.compile(r"(?<!\w)[وف]?(?:اكد|اكدت|يوكد|تؤكد|توكد|موكد|موكده|موكدا|تحقق|اثبت)(?!\w)"),
    "claim": re.compile(
        r"(?<!\w)[وف]?(?:تبن|تبني|تبنت|يتبني|تتبني|تبنوا)(?!\w)|(?:اعلن|اعلنت|يعلن|تعلن)\s+(?:\w+\s+){0,5}?مسوولي"
    ),
    "admit": re.compile(r"(?<!\w)[وف]?(?:اقر|اقرت|يقر|تقر|اعترف|اعترفت|يعترف|تعترف)(?!\w)"),
}
# The evidence already says it: "claimed" from «زعم» (alleged), "confirmed" from «أكد».
_ASSERTED_AR = {
    "confirm": _ACKNOWLEDGE_AR["confirm"],
    "claim": re.compile(_ACKNOWLEDGE_AR["claim"].pattern + r"|(?<!\w)[وف]?(?:زعم|زعمت|يزعم|تزعم)(?!\w)"),
    "admit": _ACKNOWLEDGE_AR["admit"],
}
# A source's refusal of that act: a denial verb, or «لم تتبنَّ / لم تعلق / لم يؤكد / لم يصدر أي تعليق».
_REFUSAL = re.compile(
    r"(?<!\w)[وف]?(?:" + _DENIAL_VERBS + r")(?!\w)"
    r"|(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:تبن|علق|عليق|يوكد|توكد|تاكيد|يعلن|تعلن)\w*|يصدر اي تعليق|يتسن)"
)


# The same refusals, each of one act only: «وهو ما لم يؤكده الحزب» refuses to confirm and says nothing of a claim.
_REFUSAL_OF = {
    "confirm": re.compile(r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:يوكد|توكد|تاكيد)\w*|يتسن)"),
    "claim": re.compile(
        r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}تبن\w*|(?:يعلن|تعلن)\s+(?:\w+\s+){0,3}?مسوولي)"
    ),
    "admit": re.compile(r"(?<!\w)[وف]?(?:لم|لا|دون|عدم)\s+(?:[يت]?\w{0,2}(?:يقر|تقر|يعترف|تعترف)\w*)"),
}
# A bullet's clauses: a reaction ("which the group confirmed", «بينما تبنّت الحركة») is judged on its own clause,
# so a negation elsewhere in the bullet ("No group claimed the attack, but ...") does not hide it.
_CLAIM_CLAUSES = re.compile(r"[,;،؛:]|\s(?:while|but|whereas|although|though)\s|\s(?:بينما|لكن|فيما)\s|في حين")
# "denied" where the source only declined to comment: «لم يصدر أي تعليق عن قوات الدعم السريع».
_DENIED_EN = re.compile(r"\b(?:denied|denies|deny|denying|refuted|rejected)\b", re.I)
_DENIED_AR = re.compile(r"(?<!\w)[وف]?(?:" + _DENIAL_VERBS + r")(?!\w)")
_NO_COMMENT = re.compile(r"(?<!\w)[وف]?(?:لم|لا)\s+(?:[يت]صدر\s+(?:\w+\s+){0,2}?تعليق|[يت]علق|يصدر\s+عنه\w*\s+تعليق)")


def _is_arabic(text: str) -> bool:
    return bool(re.search(r"[\u0621-\u064A]", text)) and len(re.findall(r"[A-Za-z]", text)) < len(text) / 4


def _claim_kinds(clause: str, arabic: bool) -> list[str]:
    text = normalize_text(clause) if arabic else clause
    return [k for k, p in (_ACKNOWLEDGE_AR if arabic else _ACKNOWLEDGE_EN).items() if p.search(text)]


_COMPLEMENTISER = {"ان", "بان", "انه", "انها", "انهم"}


def _object_stems(tokens: list[str], start: int) -> list[str]:
    """What a verb at ``tokens[start]`` says, by stems: the words after it, after its «أن» where it has one (the
    words before «أن» are its subject: «نفت مصادر محلية أن يكون القتيل ...»)."""
    rest = tokens[start + 1 :]
    for i, token in enumerate(rest):
        if token in _COMPLEMENTISER:
            rest = rest[i + 1 :]
            break
    return [stem for token in rest if (stem := _content(token))]


@lru_cache(maxsize=1024)
def _denied_and_asserted(evidence: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """The stems a window's denials deny (after the denial verb, after its «أن») and the stems it asserts."""
    _, asserted, _ = arabic_scopes(evidence)
    denied: list[str] = []
    for clause in _clauses(_AR_IDIOMS.sub(" ", normalize_text(evidence))):
        for i, token in enumerate(clause):
            if _AR_DENIAL.fullmatch(token):
                denied += _object_stems(clause, i)
    return tuple(denied), frozenset(asserted)


def _leaning(said: set[str], evidence: str) -> tuple[int, int]:
    """How many of a bullet's said stems only a denial of the evidence has, and how many only its assertions."""
    denied, asserted = _denied_and_asserted(evidence)
    in_denial = {s for s in said if any(_related(s, d) for d in denied)}
    in_assertion = {s for s in said if any(_related(s, a) for a in asserted)}
    return len(in_denial - in_assertion), len(in_assertion - in_denial)


def _confirms_the_denied(claim: str, evidence: str) -> bool:
    """An Arabic bullet has a source confirm or admit («أكدت ... استهداف دبي») what a window has it deny («نفت
    استهداف دبي»): at least two of the confirmed words are in a denial's scope, and more of them than in what the
    windows assert («نفى ... وقال إن ...» keeps its asserted words)."""
    if not _denied_and_asserted(evidence)[0]:
        return False
    for clause in _clauses(claim):
        if any(_SCOPE_CUE.match(t) or _DENIAL_CUE.match(t) for t in clause):
            continue
        for i, token in enumerate(clause):
            if not (_ACKNOWLEDGE_AR["confirm"].fullmatch(token) or _ACKNOWLEDGE_AR["admit"].fullmatch(token)):
                continue
            denied_only, asserted_only = _leaning(set(_object_stems(clause, i)), evidence)
            if denied_only >= 2 and denied_only > asserted_only:
                return True
    return False


def _says_what_is_asserted(clause: str, evidence: str) -> bool:
    """An Arabic clause whose words are more those the evidence asserts than those it denies («أكد المتحدث أن
    مقاتلي الجماعة صدوا زحفا» against «قال ... إن مقاتلي الجماعة صدوا زحفا، ونفى خسارة أي مواقع»)."""
    tokens = re.findall(r"\w+", normalize_text(clause))
    said = {stem for token in tokens if (stem := _content(token))}
    denied_only, asserted_only = _leaning(said, evidence)
    return asserted_only > denied_only


def acknowledges_a_denial(claim: str, evidence: str) -> bool:
    """The bullet says a source confirmed, claimed or admitted something, in a clause with no negation of its own,
    while the windows it cites have a source deny or decline that very act («لم يؤكده», «لم تتبنَّ») and say no such
    act themselves; or it has a source confirm, claim or admit while every window has one deny or decline
    («نفت», «لم تعلق») and states none of the acts the bullet names (a window that denies one thing and confirms
    another, «نفى ... مؤكداً», is left alone); or it says a source denied what the windows say it did not comment
    on («لم يصدر أي تعليق»)."""
    norm = _AR_IDIOMS.sub(" ", normalize_text(evidence))
    arabic = _is_arabic(claim)
    if arabic and _confirms_the_denied(claim, evidence):
        return True
    if (_DENIED_AR.search(normalize_text(claim)) if arabic else _DENIED_EN.search(claim)) and (
        _NO_COMMENT.search(norm) and not _AR_DENIAL.search(norm)
    ):
        return True
    if not _REFUSAL.search(norm):
        return False
    # a bullet that itself reports a denial («نفى ... مؤكداً ...») is told a denial: only a refusal of that act counts
    denial_in_claim = denies_by_meaning(claim) or bool(_DENIED_EN.search(claim))
    for clause in _CLAIM_CLAUSES.split(normalize_text(claim) if arabic else claim):
        if not clause.strip() or is_negative(clause) or denies_by_meaning(clause):
            continue
        kinds = _claim_kinds(clause, arabic)
        for kind in kinds:
            refused = _REFUSAL_OF[kind].search(norm)
            if refused and not _ASSERTED_AR[kind].search(_REFUSAL.sub(" ", norm)):
                return True
        if (
            kinds
            and not denial_in_claim
            and not any(_ASSERTED_AR[k].search(norm) for k in kinds)
            and not (arabic and _says_what_is_asserted(clause, evidence))
        ):
            return True
    return False
