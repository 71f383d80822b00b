"""Check every claim a digest makes against the article text its evidence points at.

Deterministic and offline. Each check reads the *located* article span of the evidence
(``article[start:end]``), never the model's copy of the quote, so a quote that was repaired or
matched through a clitic is checked on what the article really says.

What is checked, per bullet: numbers (``numbers``), names (``names``), polarity (``polarity``);
per event field: names written in the article (actor, place, date as written, attribution
source), ISO dates (``dates``), counts (each bound stated in the count's own evidence, with a
compatible qualifier; «none reported» needs evidence that denies). Evidence that is missing, in
the wrong language or absurdly long is a finding too, never a crash.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from summarizer.arabic import arabic_letter_ratio, clitic_parses, normalize_text
from summarizer.claims.dates import date_terms, derivable
from summarizer.claims.finding import ClaimStatus, Finding, claim_status
from summarizer.claims.names import (
    EXONYMS,
    acronym_spelled_in,
    arabic_root_key,
    english_matches_arabic,
    evidence_word_keys,
    latin_key,
    translation_matches,
)
from summarizer.claims.numbers import RANGE, Quantity, quantities, states_one, supports
from summarizer.claims.polarity import denies, is_negative
from summarizer.grounding import MAX_QUOTE_WORDS, QuoteNotFound, find_phrase, locate, quote_words

if TYPE_CHECKING:
    from summarizer.schema import Count, Digest, Event, Evidence

MAX_EVIDENCE_CHARS = 2000

_STOP = {
    "the", "a", "an", "in", "on", "at", "he", "she", "they", "it", "its", "this", "that", "these", "those", "his",
    "her", "their", "mr", "ms", "mrs", "dr", "but", "and", "after", "before", "during", "while", "according",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "i", "we", "no",
}  # fmt: skip
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z'’-]*[a-z][A-Za-z'’-]*\b|\b[A-Z]{4,}\b")
_AR_FUNCTION = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في من إلى على عن مع أن إن أو ثم قد كان كانت هذا هذه ذلك تلك الذي التي الذين بعد قبل خلال حيث كما "
        "أي كل بين عند حتى منذ لدى وفق نحو إثر جراء إنه أنه إنها أنها هو هي هم ما لا لم لن ليس عدم دون"
    ).split()
}


@lru_cache(maxsize=1)
def _english_words() -> frozenset[str]:
    """A general English dictionary (lower-case entries only), to tell a common word from a name."""
    from english_words import get_english_words_set  # type: ignore[import-untyped]

    return frozenset(w for w in get_english_words_set(["web2", "gcide"], lower=False, alpha=True) if w.islower())


def _is_common_english(word: str) -> bool:
    w = word.lower().rstrip("'’s")
    words = _english_words()
    forms = {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith(("es", "ed")) else w}
    forms.add(w[:-3] if w.endswith("ing") else w)
    return any(f in words for f in forms if f)


class _Evidence:
    """The located article text of a list of Evidence, plus findings about the evidence itself."""

    def __init__(self, evidence: list[Evidence], article: str, where: str, findings: list[Finding]) -> None:
        self.spans: list[str] = []
        if not evidence:
            findings.append(Finding.of("evidence.missing", where, "", "", "no evidence"))
        for number, item in enumerate(evidence):
            place = f"{where}.evidence[{number}]"
            quote = item.quote
            if len(quote) > MAX_EVIDENCE_CHARS or len(quote_words(quote[:MAX_EVIDENCE_CHARS])) > MAX_QUOTE_WORDS:
                findings.append(Finding.of("evidence.too_long", place, quote[:200], "", "quote too long"))
                continue
            if arabic_letter_ratio(quote) < 0.5:
                findings.append(
                    Finding.of(
                        "evidence.not_arabic",
                        place,
                        quote[:200],
                        "",
                        "evidence is not in Arabic (quotes are copied from the Arabic article)",
                    )
                )
                continue
            if item.start is not None and item.end is not None and 0 <= item.start < item.end <= len(article):
                self.spans.append(article[item.start : item.end])
                continue
            try:
                self.spans.append(locate(quote, article).text(article))
            except QuoteNotFound:
                findings.append(Finding.of("evidence.not_found", place, quote[:200], "", "quote not in article"))

    @property
    def text(self) -> str:
        return " … ".join(self.spans)


def _english_names(text: str) -> list[str]:
    """Capitalised words that are transliterated names: not common English words (a translated name such as
    "Ministry of Education" is checked as a phrase, see ``_english_phrases``), nor days or months.
    Exonyms (Tyre, Egypt) are names even when they are also English words. So is a dictionary word that can
    only be a name where it stands ("in Tripoli", "El Fasher", "Wadi al-Shay", see ``_name_by_position``)."""
    names = []
    for match in _CAPITALISED.finditer(text):
        word = re.sub(r"['’]s$", "", match.group())
        word = re.sub(r"-[a-z][a-z-]*$", "", word)  # "Russian-brokered", "Iranian-backed": the name is the head
        if word.lower() in _STOP:
            continue
        if word.lower() not in EXONYMS and _is_common_english(word) and not _name_by_position(text, match):
            continue
        names.append(word)
    return names


_CAPITALISED_RUN = re.compile(r"\b[A-Z][A-Za-z'’]*(?:[\s-]+[A-Z][A-Za-z'’]*)+")


def _capitalised_runs(text: str, name: str) -> list[str]:
    """The runs of capitalised words holding ``name`` ("Abu Dhabi"): a name Arabic writes as one word is
    transliterated as two, so the whole run may match one evidence word when the word alone does not.
    Exactly, with no edit allowed: a long skeleton with one edit would match too much (e.g. a person's name)."""
    return [m.group() for m in _CAPITALISED_RUN.finditer(text) if re.search(rf"\b{re.escape(name)}\b", m.group())]


_ARTICLE_BEFORE = re.compile(r"(?:\b(?:al|el|Al|El|ad|ar|as|ash|at|az|ez)[-\s])$")
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|outside|around|into|to|towards?|between|across)\s+$", re.I)
_SENTENCE_START = re.compile(r"(?:^|[.!?;:(\"“«—–]\s*|\s[-–—]\s)$")


def _name_by_position(text: str, match: re.Match[str]) -> bool:
    """A capitalised dictionary word ("Tripoli", "Fasher", "Shay") is a place name where English puts one:
    after an Arabic article ("El Fasher", "al-Shay"), or alone after a place preposition ("in Tripoli"),
    neither opening a sentence nor part of a run of capitalised words ("in Green Zone", "Ministry of
    Education"). Elsewhere it may be an institution ("the Pentagon") or an ordinary word, and is left alone."""
    before, after = text[: match.start()], text[match.end() :]
    if _ARTICLE_BEFORE.search(before):
        return True
    if _SENTENCE_START.search(before):
        return False
    if any(p.start() <= match.start() < p.end() for p in _PHRASE.finditer(text)):
        return False  # "Ministry of Education", "Support Group for Islam": a translated name, checked as a phrase
    if not _PLACE_BEFORE.search(before):
        return False  # "the Pentagon reported", "the Cabinet approved": an institution, not a place
    following = re.match(r"\s+([A-Za-z'’-]+)", after)
    return not (following is not None and following.group(1)[:1].isupper() and following.group(1).lower() not in _STOP)


_PHRASE = re.compile(r"\b[A-Z][a-z]+(?:\s+(?:(?:of|for|the|al|el)\s+)?[A-Z][a-z]+)+")
_ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
# Acronyms that name no organisation of the digest but a state, with their Arabic spellings.
_STATE_ACRONYMS = {
    "US": ("امريك", "اميرك", "الولايات المتحده", "واشنطن"),
    "USA": ("امريك", "اميرك", "الولايات المتحده"),
    "UK": ("بريطان", "المملكه المتحده", "لندن"),
    "UAE": ("الامارات", "اماراتي"),
    "UN": ("الامم المتحده", "اممي"),
    "EU": ("الاتحاد الاوروبي",),
    "AFP": ("فرانس برس",),
    "AP": ("اسوشيتد برس",),
}


# Head nouns of organisations: a translated name built on one ("Interior Ministry", "Rapid Support Forces")
# must be a grounded name of the digest. Other capitalised common-word phrases ("Green Zone", "Red
# Crescent") are left alone: without a translation table they cannot be checked against Arabic.
_ORG_HEADS = {
    "ministry", "forces", "force", "army", "agency", "council", "front", "movement", "party", "group", "committee",
    "authority", "brigade", "brigades", "militia", "militias", "helmets", "office", "service", "services",
    "command", "government", "battalion", "division", "organisation", "organization",
}  # fmt: skip


def _english_phrases(text: str) -> list[str]:
    """Translated organisation names: runs of two or more capitalised words with an organisation head noun."""
    phrases = []
    for m in _PHRASE.finditer(text):
        words = [w.lower() for w in m.group().split()]
        if all(w in _STOP for w in words) or not _ORG_HEADS & set(words):
            continue
        phrases.append(m.group())
    return phrases


def _acronyms(text: str) -> list[str]:
    return [a for a in _ACRONYM.findall(text) if a not in ("I", "AM", "PM", "GMT", "UTC")]


def _phrase_supported(phrase: str, digest_phrases: set[str], evidence: str) -> bool:
    """A translated name matches a grounded name of the digest (either containing the other), the evidence
    holds a translation of each of its words (``names.GLOSSARY``), or every word that is not a common
    English word transliterates the evidence."""
    wanted = phrase.lower()
    if any(wanted in known or known in wanted for known in digest_phrases if len(known) >= 4):
        return True
    if translation_matches(phrase, evidence):
        return True
    proper = [w for w in phrase.split() if not _is_common_english(w) and w.lower() not in _STOP]
    return bool(proper) and all(english_matches_arabic(w, evidence) for w in proper)


def _acronym_supported(acronym: str, digest_phrases: set[str], evidence: str) -> bool:
    for known in digest_phrases:
        initials = "".join(w[0] for w in re.findall(r"[A-Za-z]+", known) if w not in ("of", "for", "the", "and"))
        if acronym.lower() in known.split() or acronym.lower() == initials.lower():
            return True
    norm = normalize_text(evidence)
    return any(form in norm for form in _STATE_ACRONYMS.get(acronym, ())) or acronym_spelled_in(acronym, evidence)


_EXPANDED = re.compile(r"((?:[A-Z][a-z]+\s+(?:(?:of|for|the|and)\s+)?){2,6})\(([A-Z]{2,6})\)")


def _expansions(text: str, supported: Callable[[str], bool]) -> set[str]:
    """Words of "Syrian Arab News Agency (SANA)": a name spelled out before its acronym, initials equal to it.

    When the acronym itself is supported (the evidence writes «سانا»), its expansion is the same name in full
    and is not checked word by word against Arabic that never spells it out.
    """
    covered: set[str] = set()
    for match in _EXPANDED.finditer(text):
        words = match.group(1).split()
        initials = "".join(w[0] for w in words if w not in ("of", "for", "the", "and"))
        if initials == match.group(2) and supported(match.group(2)):
            covered.update(words)
            covered.add(" ".join(words))
    return covered


def _check_bullet(
    index: int,
    bullet_text: str,
    ev: _Evidence,
    article: str,
    names: tuple[set[str], set[str]],
    findings: list[Finding],
) -> None:
    where = f"bullets[{index}]"
    evidence = ev.text
    digest_names, digest_phrases = names
    if not ev.spans:
        return  # nothing to check against; the evidence finding says why
    stated = quantities(evidence)
    for claim in quantities(bullet_text):
        if claim.low == claim.high == 1 and states_one(evidence):
            continue
        if not any(supports(claim, s) for s in stated):
            findings.append(
                Finding.of(
                    "number.value",
                    where,
                    claim.text,
                    evidence,
                    f"number {_describe(claim)} is not stated in this bullet's evidence",
                )
            )
    if arabic_letter_ratio(bullet_text) < 0.5:
        expanded = _expansions(bullet_text, lambda acronym: _acronym_supported(acronym, digest_phrases, evidence))
        for phrase in _english_phrases(bullet_text):
            if phrase in expanded:
                continue
            if not _phrase_supported(phrase, digest_phrases, evidence):
                findings.append(
                    Finding.of(
                        _name_check(phrase, article),
                        where,
                        phrase,
                        evidence,
                        f"name {phrase!r} matches neither the evidence nor a grounded name of the digest",
                    )
                )
        for acronym in _acronyms(bullet_text):
            if not _acronym_supported(acronym, digest_phrases, evidence):
                findings.append(
                    Finding.of(
                        _name_check(acronym, article),
                        where,
                        acronym,
                        evidence,
                        f"{acronym!r} is neither a grounded name of the digest nor in the evidence",
                    )
                )
        for name in _english_names(bullet_text):
            if name.isupper() or name.lower() in digest_names or name in expanded:
                continue
            if len(latin_key(name)) < 2:
                # A skeleton of one class ("Azaz" Z, "Aita" T, "Ariha" R) matches too much inside phrases:
                # it must be the skeleton of one whole word of the evidence («عزاز», «عيتا», «أريحا»).
                if latin_key(name) and latin_key(name) in evidence_word_keys(evidence):
                    continue
            elif english_matches_arabic(name, evidence):
                continue
            if any(latin_key(run) in evidence_word_keys(evidence) for run in _capitalised_runs(bullet_text, name)):
                continue  # "Abu Dhabi" = «أبوظبي»: one Arabic word for a two-word name, skeletons equal
            findings.append(
                Finding.of(
                    _name_check(name, article),
                    where,
                    name,
                    evidence,
                    f"name {name!r} matches neither the evidence nor a grounded name of the digest",
                )
            )
    else:
        for token in _unknown_arabic_names(bullet_text, article):
            findings.append(
                Finding.of(
                    "name.unknown",
                    where,
                    token,
                    evidence,
                    f"«{token}» looks like a name and is not in the article (neither the word nor its root)",
                )
            )
    missing_dates = date_terms(bullet_text) - date_terms(evidence)
    for term in ("year", "month", "weekday"):
        missing = sorted(value for kind, value in missing_dates if kind == term)
        if missing:
            named = ", ".join(f"{term} {value}" for value in missing)
            findings.append(
                Finding.of(
                    f"date.{term}",
                    where,
                    bullet_text,
                    evidence,
                    f"the date it names ({named}) is not in this bullet's evidence",
                )
            )
    negative_claim = is_negative(bullet_text)
    if negative_claim and not any(is_negative(span) for span in ev.spans):
        check, message = "polarity.negated", "the bullet denies or negates what its evidence asserts"
    elif not negative_claim and all(denies(span) for span in ev.spans) and len(bullet_text.split()) >= 4:
        # (a fragment of fewer than four words asserts nothing a denial could contradict)
        check, message = "polarity.asserted", "the bullet asserts what its evidence denies"
    else:
        return
    findings.append(Finding.of(check, where, bullet_text, evidence, message))


def _name_check(name: str, article: str) -> str:
    """A name the article writes (here, not in the evidence) is a swap; one it never writes may be a paraphrase."""
    return "name.article_swap" if english_matches_arabic(name, article) else "name.unknown"


# Words after which Arabic news names a place, a group or a person.
_AR_NAME_CUES = {
    normalize_text(w)
    for w in (  # noqa: SIM905
        "في من إلى مدينة بلدة قرية منطقة محافظة ولاية حي مخيم جماعة حركة تنظيم قوات ميليشيا لواء فصيل "
        "بحسب وفق جانب قبل عن الرئيس الوزير المتحدث العميد العقيد الشيخ "
        "مدينتي بلدتي قريتي منطقتي مدن بلدات قرى سوق ساحة شارع ميدان جامعة مستشفى"
    ).split()
}


def _unknown_arabic_names(text: str, article: str) -> list[str]:
    """Words of an Arabic bullet that look like names the article does not have.

    A word is unknown when neither it (clitics allowed) nor its crude root is in the article. Paraphrase
    brings unknown common words too («تتبن»), so an unknown word counts as a name only where Arabic news
    puts names: after a cue («في», «مدينة», «جماعة», «بحسب»), next to another unknown word («خالد
    المصري»), or when its stem is long (5+ letters: «الحوثيين», «كفرنبل»), as short verbs and particles are not.
    """
    tokens = re.findall(r"\w+", normalize_text(text))
    tokens_in_article, roots = _article_roots(article)
    unknown = [
        not (
            t in _AR_FUNCTION
            or t.isdigit()
            or len(t) < 3
            or t in tokens_in_article
            or find_phrase(t, article)
            or _root_in(t, roots)
        )
        for t in tokens
    ]
    names = []
    for i, token in enumerate(tokens):
        if not unknown[i]:
            continue
        before = tokens[i - 1] if i > 0 else ""
        cue = bool(before) and (before in _AR_NAME_CUES or any(p in _AR_NAME_CUES for _, p in clitic_parses(before)))
        neighbour = (i > 0 and unknown[i - 1]) or (i + 1 < len(tokens) and unknown[i + 1])
        long_stem = min(len(stem) for _, stem in clitic_parses(token)) >= 5
        if cue or neighbour or long_stem:
            names.append(token)
    return names


@lru_cache(maxsize=16)
def _article_roots(article: str) -> tuple[frozenset[str], frozenset[str]]:
    tokens = frozenset(re.findall(r"\w+", normalize_text(article)))
    return tokens, frozenset(arabic_root_key(t) for t in tokens)


def _root_in(token: str, roots: frozenset[str]) -> bool:
    """Same word family as some article word: equal crude roots, or one extends the other by a letter
    («هجوم» / «الهجمات»). A root under three letters says too little: such a word must be in the article."""
    root = arabic_root_key(token)
    if len(root) < 3:
        return False  # «وادي», «بيروت», «عين»: two letters match half the article
    variants = {root, root[1:]} if root[0] in "مينتس" and len(root) >= 4 else {root}  # مشتبه / يشتبه
    for r in roots:
        for v in variants:
            if r == v or (
                abs(len(r) - len(v)) == 1 and min(len(r), len(v)) >= 3 and (r.startswith(v) or v.startswith(r))
            ):
                return True
            if len(r) >= 4 and r[0] in "مينتس" and r[1:] == v:
                return True
    return False


def _describe(q: Quantity) -> str:
    if q.qualifier == RANGE:
        return f"{q.low}-{q.high}"
    return f"{q.text!r} ({q.qualifier})"


def _grounded(name: str, article: str) -> bool:
    return bool(name.strip()) and find_phrase(name, article) is not None


def _check_name_field(
    where: str, name: str, article: str, findings: list[Finding], *, required: bool = True, check: str = "name.field"
) -> bool:
    """A name field (written as in the article) must be found in the article. English-only generic names
    ("unidentified gunmen") are allowed for actors the article does not name."""
    if not name.strip():
        if required:
            findings.append(Finding.of(check, where, name, "", "empty name"))
        return not required
    if arabic_letter_ratio(name) < 0.5:
        if not any(w[:1].isupper() for w in name.split()):
            return True
        message = "a name in this field must be written as in the (Arabic) article"
    elif _grounded(name, article):
        return True
    else:
        message = "name is not written in the article"
    findings.append(Finding.of(check, where, name, "", message))
    return False


_COUNT_QUALIFIER = {
    "exact": "exact",
    "approximate": "approximate",
    "at_least": "at_least",
    "more_than": "more_than",
    "at_most": "at_most",
    "range": "range",
}


def _check_count(where: str, count: Count, article: str, findings: list[Finding]) -> bool:
    qualifier = count.qualifier.value
    if qualifier == "not_mentioned":
        return True
    before = len(findings)
    ev = _Evidence(count.evidence, article, where, findings)
    if not ev.spans:
        return len(findings) == before
    evidence = ev.text
    if qualifier == "none_reported":
        if not is_negative(evidence):
            findings.append(
                Finding.of(
                    "polarity.none_reported",
                    where,
                    "none reported",
                    evidence,
                    "'none reported' needs evidence that says there were none",
                )
            )
        return len(findings) == before
    low = count.low if count.low is not None else 0
    high = count.high if count.high is not None else low
    claim = Quantity(low, high, _COUNT_QUALIFIER[qualifier], f"{qualifier} {count.low}-{count.high}")
    stated = quantities(evidence)
    bounds = [b for b in (count.low, count.high) if b is not None]
    approximate = qualifier == "approximate"
    missing = [
        b for b in bounds if not any(b in (s.low, s.high) for s in stated) and not _sum_of(b, stated, approximate)
    ]
    if missing == [1] * len(missing) and missing and states_one(evidence):
        missing, stated = [], [*stated, Quantity(1, 1, "exact", "one")]
    summed = bool(bounds) and all(_sum_of(b, stated, approximate) for b in bounds)
    if missing or not (summed or any(supports(claim, s) or _same_bounds(claim, s) for s in stated)):
        findings.append(
            Finding.of(
                "number.count",
                where,
                claim.text,
                evidence,
                (
                    f"{', '.join(map(str, missing))} not stated in this count's evidence"
                    if missing
                    else f"the evidence does not state the count as {qualifier}"
                ),
            )
        )
    return len(findings) == before


def count_findings(where: str, count: Count, article: str) -> list[Finding]:
    """The findings about one count alone (its bounds against its own evidence): a public entry for tools that
    pick evidence for a count, such as the eval suite's reference digests."""
    findings: list[Finding] = []
    _check_count(where, count, article, findings)
    return findings


def _sum_of(value: int, stated: list[Quantity], approximate: bool = False) -> bool:
    """Is ``value`` the total of two or three exact numbers the evidence states (12 + 31 + 9 = 52)?
    Analysts code totals; each part must still be in the count's evidence. An approximate total may add
    approximate parts («نحو عشرين متظاهرا» and «ثلاثة من المنتسبين»: about 23)."""
    kinds = ("exact", "approximate") if approximate else ("exact",)
    parts = [s.low for s in stated if s.qualifier in kinds and s.low == s.high and 0 < s.low < value]
    return any(sum(combo) == value for n in (2, 3) for combo in itertools.combinations(parts, n))


def _same_bounds(claim: Quantity, stated: Quantity) -> bool:
    return claim.low == stated.low and (claim.qualifier != RANGE or claim.high == stated.high)


def check_event(index: int, event: Event, article: str, findings: list[Finding]) -> list[str]:
    """Check one event's fields (findings appended to ``findings``); return the field paths checked."""
    where = f"events[{index}]"
    status: dict[str, bool] = {}
    before = len(findings)
    _Evidence(event.evidence, article, where, findings)
    status["evidence"] = len(findings) == before
    for number, actor in enumerate(event.actors):
        path = f"actors[{number}].name"
        status[path] = _check_name_field(f"{where}.{path}", actor.name, article, findings)
    status["location.name"] = _check_name_field(f"{where}.location.name", event.location.name, article, findings)
    written = event.date.as_written
    status["date.as_written"] = not written.strip() or _check_name_field(
        f"{where}.date.as_written", written, article, findings, check="date.field"
    )
    if event.date.iso is not None:
        ok = derivable(event.date.iso, article)
        status["date.iso"] = ok
        if not ok:
            findings.append(
                Finding.of(
                    "date.iso",
                    f"{where}.date.iso",
                    event.date.iso.isoformat(),
                    written,
                    "this ISO date cannot be derived from the article (no written date or dateline gives it); "
                    "leave it null",
                )
            )
    status["fatalities"] = _check_count(f"{where}.fatalities", event.fatalities, article, findings)
    status["injuries"] = _check_count(f"{where}.injuries", event.injuries, article, findings)
    for number, source in enumerate(event.attributions):
        path = f"attributions[{number}]"
        before = len(findings)
        _check_name_field(f"{where}.{path}.source", source.source, article, findings)
        ev = _Evidence(source.evidence, article, f"{where}.{path}", findings)
        if source.stance.value == "denied" and ev.spans and not is_negative(ev.text):
            findings.append(
                Finding.of(
                    "polarity.stance",
                    f"{where}.{path}.stance",
                    f"{source.source_en} denied",
                    ev.text,
                    "stance 'denied' needs evidence of a denial",
                )
            )
        status[path] = len(findings) == before
    return list(status)


def digest_names(digest: Digest, article: str) -> tuple[set[str], set[str]]:
    """Lower-cased English words, and whole names, of the digest's names whose Arabic form is grounded."""
    words: set[str] = set()
    phrases: set[str] = set()

    def add(english: str | None) -> None:
        if english:
            phrases.add(english.lower())
        for word in re.findall(r"[A-Za-z][A-Za-z'’-]*", english or ""):
            words.add(word.lower())
            words.update(part.lower() for part in word.split("-"))

    for event in digest.events:
        for actor in event.actors:
            if _grounded(actor.name, article):
                add(actor.name_en)
        place = event.location
        if _grounded(place.name, article):
            for english in (place.name_en, place.admin1, place.admin2, place.country):
                add(english)
        for source in event.attributions:
            if _grounded(source.source, article):
                add(source.source_en)
    return words, phrases


@dataclass
class Checked:
    """What the checker found on one digest, and each claim's status, computed without touching the digest."""

    findings: list[Finding] = field(default_factory=list)
    bullets: list[ClaimStatus] = field(default_factory=list)
    events: list[dict[str, ClaimStatus]] = field(default_factory=list)

    @property
    def errors(self) -> list[Finding]:
        """The findings that fail validation (their check is in ``finding.ERROR_CHECKS``)."""
        return [f for f in self.findings if f.is_error]


def _at(findings: list[Finding], location: str) -> list[Finding]:
    return [f for f in findings if f.location == location or f.location.startswith((location + ".", location + "["))]


def check(digest: Digest, article: str) -> Checked:
    """Check every claim of ``digest`` against ``article``; the digest is only read."""
    result = Checked()
    names = digest_names(digest, article)
    for index, bullet in enumerate(digest.bullets):
        mine: list[Finding] = []
        ev = _Evidence(bullet.evidence, article, f"bullets[{index}]", mine)
        _check_bullet(index, bullet.text, ev, article, names, mine)
        result.findings += mine
        result.bullets.append(claim_status(mine))
    for index, event in enumerate(digest.events):
        mine = []
        where = f"events[{index}]"
        paths = check_event(index, event, article, mine)
        result.findings += mine
        statuses = {path: claim_status(_at(mine, f"{where}.{path}")) for path in paths}
        if any(f.location == where for f in mine):  # no evidence at all
            statuses["evidence"] = claim_status(
                [*_at(mine, f"{where}.evidence"), *(f for f in mine if f.location == where)]
            )
        result.events.append(statuses)
    return result


def verify(digest: Digest, article: str) -> list[Finding]:
    """Every claim of ``digest`` the checker could not support against ``article`` (empty when all are
    supported), errors and ``unverified`` warnings alike. Pure: the digest is not changed (``annotate`` records)."""
    return check(digest, article).findings


def annotate(digest: Digest, article: str) -> list[Finding]:
    """``verify``, and record on the digest each bullet's and event field's status (``supported``, ``unverified``
    or ``unsupported``), ``supported`` (False only for an erroring finding) and ``findings``."""
    result = check(digest, article)
    for bullet, status in zip(digest.bullets, result.bullets, strict=True):
        bullet.status = status
        bullet.supported = status != "unsupported"
    for event, statuses in zip(digest.events, result.events, strict=True):
        event.status = statuses
        event.supported = {path: status != "unsupported" for path, status in statuses.items()}
    digest.findings = result.findings
    return result.findings
