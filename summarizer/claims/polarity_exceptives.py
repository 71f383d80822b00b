"""An exception dropped: the evidence restricts a negation («لم يُطلقوا سوى الغاز», «لن يتدخل إلا إذا انهار الاتفاق»,
«سيُفرج عنهم جميعاً إلا من يثبت تورطه»), the bullet keeps the negation without the exception ("they did not use
gas", «لن يتدخل حتى لو انهار الاتفاق») or turns the exception into an inclusion ("including anyone proven involved").

Why (round 12): a negation restricted by «إلا / سوى» asserts what it excepts; the older readings blank such an
exceptive out (``polarity._AR_IDIOMS``), so a bullet that drops the «إلا» and negates the very thing the evidence
asserts was read as agreeing with it. A warning (``polarity.exception_dropped``) until measured on a held-out.
"""

from __future__ import annotations

import re
from functools import lru_cache

from summarizer.arabic import mostly_arabic, normalize_text
from summarizer.claims.polarity import _AR, _AR_IDIOMS, _EN, _content, _related, idiom_free, idiom_free_en

# A negation restricted by an exception («لم يُنجز إلا بعد صرف المبلغ», «لا يحصلون على الكهرباء إلا لساعتين»), and a
# whole restricted by one («سيُفرج عنهم جميعاً إلا من يثبت تورطه»); not «إلا أن» ("however").
_GAP = r"[\s«»\"“”]+"  # (a quotation mark may stand between the negation and its exception)
_AR_EXCEPTIVE = re.compile(
    rf"(?<!\w)[وف]?(?:لا|لم|لن|ليس|ليست|ما){_GAP}((?:\w+{_GAP}){{0,8}}?)(?:الا|سوي){_GAP}(?!ان(?!\w))((?:\w+\s*){{1,4}})"
    rf"|(?<!\w)(?:جميع\w*|كل\w*|كاف\w*){_GAP}((?:\w+{_GAP}){{0,3}}?)(?:الا|عدا|باستثناء){_GAP}(?!ان(?!\w))"
    r"((?:\w+\s*){1,4})"
)
# What keeps the restriction in a bullet.
_AR_RESTRICTION = re.compile(
    r"(?<!\w)[وف]?(?:الا|سوي|فقط|فحسب|وحده|وحدها|وحدهم|حصرا|حصريا|اقتصر\w*|يقتصر\w*|تقتصر\w*|باستثناء|عدا|غير)(?!\w)"
    r"|(?<!\w)لا غير(?!\w)|(?<!\w)[وف]?بشرط(?!\w)|(?<!\w)شرط(?!\w)"
    # «لن يتدخل ما لم ينهر الاتفاق» (unless), «لم يوقّع قبل تأشير المصالح» (before), «لن يسلّم حتى يصدر» (until)
    r"|(?<!\w)ما لم(?!\w)|(?<!\w)[وف]?قبل(?!\w)|(?<!\w)حتي(?! (?:لو|وان|اذا|بعد|عبر|من خلال)(?!\w))"
)
_EN_RESTRICTION = re.compile(
    r"\b(?:only|except\w*|unless|(?:nothing|none|no one|nobody|anything) but|but for|solely|just|alone"
    r"|exclusively|apart from|other than|save|restrict\w*|limit\w*|until|till|before|provided|on condition"
    r"|condition\w*|(?<!even )if)\b",
    re.I,
)
# What turns an exception into an inclusion: "even if", "including", «حتى لو», «بما في ذلك».
_AR_INCLUSION = re.compile(r"(?<!\w)(?:حتي (?:لو|وان|اذا|بعد|عبر|من خلال)|بما (?:في ذلك|فيها|فيهم)|بمن فيهم)(?!\w)")
_EN_INCLUSION = re.compile(r"\b(?:even|including|as well as)\b", re.I)


def _stems(text: str) -> set[str]:
    return {stem for token in re.findall(r"\w+", text) if (stem := _content(token))}


@lru_cache(maxsize=2048)
def _exceptives(span: str) -> tuple[frozenset[str], ...]:
    """The words of each exceptive construction of a window: the restricted verb's words and the exception's."""
    norm = normalize_text(span)
    return tuple(
        frozenset(_stems(" ".join(g for g in m.groups() if g))) for m in _AR_EXCEPTIVE.finditer(norm) if any(m.groups())
    )


def _negated_in_bullet(norm: str) -> set[str]:
    """An Arabic bullet's words within reach of a negation (six words after each cue)."""
    plain = _AR_IDIOMS.sub(" ", norm)
    out: set[str] = set()
    for cue in _AR.finditer(plain):
        out |= _stems(" ".join(re.findall(r"\w+", plain[cue.end() :])[:6]))
    return out


@lru_cache(maxsize=4096)
def dropped_exception(bullet: str, spans: tuple[str, ...]) -> str | None:
    """The exceptive («إلا ...») a bullet drops or turns into an inclusion, or None. An Arabic bullet must negate (or
    include, «حتى لو») words of the exceptive construction itself; an English one must negate (or include, "even",
    "including") while the window negates nothing but by its exception, with no restriction word of its own
    ("only", "except", "until")."""
    arabic = mostly_arabic(bullet)
    for span in spans:
        found = _exceptives(span)
        if not found:
            continue
        if arabic:
            norm = normalize_text(bullet)
            if _AR_RESTRICTION.search(norm):
                return None
            negated = _negated_in_bullet(norm)
            included = _stems(norm) if _AR_INCLUSION.search(norm) else set()
            for words in found:
                if any(_related(a, b) for a in negated | included for b in words):
                    return "«إلا»"
            continue
        if _EN_RESTRICTION.search(bullet):
            return None
        plain = idiom_free_en(bullet)
        if not (_EN.search(plain) or _EN_INCLUSION.search(plain)):
            return None
        # the window's only negations are its exceptives (``_AR_IDIOMS`` blanks them): the bullet's is about one
        if not _AR.search(_AR_EXCEPTIVE.sub(" ", idiom_free(span))):
            return "«إلا»"
    return None


# --- an exception widened -------------------------------------------------------------------------------------

# Round 14: «لم يُسمح له بالاتصال بأسرته إلا مرة واحدة» told «سُمح له بالتواصل مع عائلته بانتظام», «لم تُجرَ الفحوص
# إلا لعينة منها» told «أُجريت الفحوص عليها جميعاً»: the bullet states the restricted verb as done, with no restriction
# word and nothing of the exception; a faithful bullet that drops «إلا» still names what is excepted («أُفرج عن 15»).
_NUMERAL = re.compile(r"\d+")


@lru_cache(maxsize=2048)
def _exceptive_parts(span: str) -> tuple[tuple[tuple[str, ...], frozenset[str]], ...]:
    """Each negation restricted by an exception («لا/لم ... إلا ...»): the restricted stretch's stems in order (the
    verb first) and the exception's stems and numerals."""
    norm = normalize_text(span)
    out = []
    for m in _AR_EXCEPTIVE.finditer(norm):
        if m.group(1) is None:
            continue  # («جميع ... إلا»: a whole restricted, not a negation)
        restricted = tuple(stem for token in re.findall(r"\w+", m.group(1)) if (stem := _content(token)))
        head = " ".join(re.findall(r"\w+", m.group(2))[:2])  # what is excepted: its first words
        exception = _stems(head) | set(_NUMERAL.findall(head))
        if restricted:
            out.append((restricted, frozenset(exception)))
    return tuple(out)


@lru_cache(maxsize=4096)
def widened_exception(bullet: str, spans: tuple[str, ...]) -> str | None:
    """The restricted verb an Arabic bullet states as done without its exception, or None."""
    if not mostly_arabic(bullet):
        return None
    norm = normalize_text(bullet)
    if _AR_RESTRICTION.search(norm):
        return None
    mine = _stems(norm) - _negated_in_bullet(norm)  # (what the bullet negates is not stated as done)
    numerals = set(_NUMERAL.findall(norm))
    for span in spans:
        for restricted, exception in _exceptive_parts(span):
            verb = restricted[0]
            if not any(_related(verb, word) for word in mine):
                continue
            if sum(1 for word in restricted if any(_related(word, m) for m in mine)) < 2:
                continue
            if any(_related(word, m) for word in exception for m in mine) or exception & numerals:
                continue
            return verb
    return None
