"""What the claim checker reports: a finding, its finer kind (``check``) and its status.

Precision first: a check fails validation (status ``error``) only when it was measured precise enough on
text it was not tuned on (``ERROR_CHECKS``, the measurement is in the README's claim-checker section).
Every other check still reports what it found, as ``unverified``: a warning a person can read in JSON,
Markdown and the HTML page, never dropped and never a reason to re-ask the model.

This module holds data only and sits in the foundation layer (it was ``summarizer.claims.finding``): the schema
carries findings without importing the checker package, whose ``__init__`` loads the checker itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

from pydantic import BaseModel

FindingKind = Literal["number", "name", "polarity", "date", "evidence", "claim"]
FindingStatus = Literal["error", "unverified"]
ClaimStatus = Literal["supported", "unverified", "unsupported"]

# Every finer kind the checker emits, with the family (``Finding.kind``) it belongs to.
CHECKS: dict[str, FindingKind] = {
    # numbers
    "number.value": "number",  # a count the evidence does not state (the bullet writes it in digits)
    "number.value_words": "number",  # session 13: the same, for a figure written in words («طائرتين», "a dozen")
    "number.value_words_two": "number",  # session 15: the same for one or two ("two", «طائرتين»): a dual, no numeral
    "number.value_approx": "number",  # session 15: a hedged figure near a stated one ("nearly 20" for 18)
    "number.value_worked_out": "number",  # round 17: a sum, difference or share of two stated figures ("leaving 21")
    "number.value_vague": "number",  # round 5: "more than 100" for «مئات»: true, only weaker than the evidence
    "number.scale": "number",  # the same figure with another scale word (million / billion)
    "number.qualifier": "number",  # the figure is stated, with an incompatible qualifier (about / exactly / more than)
    "number.quantifier": "number",  # "all" or "some" where the evidence says "most" («معظم»)
    "number.count": "number",  # an event's fatality or injury count against its own evidence
    "number.exact": "number",  # round 5: "exactly 10" where the evidence says about / at least / more than 10
    "number.bound": "number",  # round 5: a plain "40" where the evidence says «أكثر من 40» / «على الأقل»
    "number.ordinal": "number",  # round 7: "the third attack" for «ثاني هجوم»: a place in an order not stated
    "number.harm_crossed": "number",  # round 7: killed and wounded figures given the other way round
    "number.noun": "number",  # round 7: an Arabic noun counted otherwise than its evidence counts it
    "number.side": "number",  # round 7: a figure given to the army where the evidence gives it to an armed group
    "number.crossed": "number",  # round 8: an arrest figure and a harm figure given the other way round
    "number.harm_value": "number",  # round 8: a count of killed / wounded / arrested only another count's figure backs
    "number.reused": "number",  # round 9: a figure given to two things where the evidence gives it to one
    "number.noun_en": "number",  # round 9: "four main roads" where the evidence counts «ثلاثة طرق»
    "number.age": "number",  # round 9: an age in another decade ("in his sixties" for «في الخمسينيات من عمره»)
    # dates
    "date.year": "date",  # a year the evidence does not carry
    "date.weekday": "date",
    "date.month": "date",
    "date.day": "date",  # a day of a month other than the one the evidence gives that month
    "date.period": "date",  # a unit of time ("months") other than the one the evidence counts in ("weeks")
    "date.time": "date",  # round 5: a clock hour the evidence gives otherwise ("2 a.m." for «الساعة الرابعة»)
    "date.rate": "date",  # round 7: a rate per year where the evidence gives it per month («شهريا»)
    "date.relative": "date",  # round 11: "this year" where the evidence says «العام المقبل» (last / this / next)
    "date.season": "date",  # session 14: "last winter" where the evidence says «مطلع الصيف» (another season)
    "date.iso": "date",  # an event's ISO date no written date of the article gives
    "date.field": "date",  # an event's date-as-written not written in the article
    # names
    "name.gazetteer": "name",  # a known country, demonym, agency or armed group the article never writes
    "name.gazetteer_place": "name",  # a GeoNames place the article never writes, where a place stands ("in Misrata")
    "name.gazetteer_word": "name",  # a GeoNames place's name elsewhere in an English bullet (may be a person's name)
    "name.article_swap": "name",  # a name written in the article (or its transliteration), not in the evidence
    "name.article_name": "name",  # an Arabic name the article writes after a title or a place noun, not in the evidence
    "name.article_org": "name",  # an organisation the article names («وزارة الداخلية»), not in the evidence
    "name.country": "name",  # a country or nationality the article gives elsewhere, not in the evidence
    "name.country_of_place": "name",  # round 5: the same, where the evidence names a city of that country
    "name.country_of_body": "name",  # round 6: an English nationality added to a body the evidence names
    "name.direction": "name",  # round 5: north for the evidence's south («شمال المدينة» for «جنوب المدينة»)
    "name.institution": "name",  # round 5: a body ("the Pentagon", NATO, «البيت الأبيض») its evidence does not name
    "name.body_elsewhere": "name",  # round 7: a common-noun body ("the army", "the oil minister") from another sentence
    "name.body_swap": "name",  # round 9: a body by its head noun («مجلس», "directorate") the evidence does not write
    "name.speaker_swap": "name",  # round 10: a speaker the article names elsewhere; the evidence credits another
    "name.speaker_person": "name",  # round 13: a person named elsewhere as the speaker; the evidence credits another
    "name.place_swap": "name",  # round 10: a place the article names elsewhere, in the slot of the evidence's place
    "name.back_reference": "name",  # round 9: a place where the evidence's «البلدة» refers back to another place
    "name.org_same_head": "name",  # round 7: «وزارة التجارة» where the evidence's «الوزارة» is its «وزارة الخارجية»
    "name.unknown": "name",  # a name-like word found nowhere: may be a name, may be a paraphrase
    "name.unknown_acronym": "name",  # session 15: an acronym found nowhere (the writer's abbreviation, mostly)
    "name.field": "name",  # an event's actor, place or source not written in the article
    # polarity
    "polarity.negated": "polarity",  # the bullet negates a word the evidence asserts
    "polarity.negated_whole": "polarity",  # the bullet negates; no window of its evidence negates anything
    "polarity.negated_contrast": "polarity",  # round 6: either of the two above, where the negation contrasts
    "polarity.asserted": "polarity",  # the bullet asserts the very word the evidence negates («لم يسجل احتكاك»)
    "polarity.acknowledged": "polarity",  # a source 'confirmed/claimed/admitted' what the evidence has it deny
    "polarity.asserted_whole": "polarity",  # the bullet asserts; every window of its evidence denies
    "polarity.asserted_paraphrase": "polarity",  # round 6: the same, told by its source or beside a bare denial
    "polarity.antonym": "polarity",  # round 10: the opposite meaning by another word ("the pound firmed" for «تراجع»)
    "polarity.dropped_without": "polarity",  # round 10: what the evidence says was not done («من دون أن»), told as done
    "polarity.not_yet": "polarity",  # round 10: "has yet to find" where the evidence negates nothing («عثرت»)
    "polarity.none_reported": "polarity",  # a count of 'none reported' without evidence saying so
    "polarity.stance": "polarity",  # a source's stance 'denied' without a denial in its evidence
    "polarity.clause_negated": "polarity",  # round 9: a bullet clause negates the evidence clause it restates
    "polarity.clause_asserted": "polarity",  # round 9: a bullet clause asserts the evidence clause it restates negated
    "polarity.clause_by_day": "polarity",  # session 15: a clause anchored by its weekday, negated on one side only
    "polarity.still_ended": "polarity",  # session 15: a state the evidence says still holds («لا يزال»), told as ended
    "polarity.denial_negated": "polarity",  # round 9: "did not deny" («لم ينفه») where the evidence denies («نفاه»)
    "polarity.denial_added": "polarity",  # round 12: "ruled out" («استبعد») where the evidence says «لم يستبعد»
    "polarity.exception_dropped": "polarity",  # round 12: «لم يطلقوا سوى الغاز» told "did not use gas" (no «إلا»)
    "polarity.exception_widened": "polarity",  # round 14: «لم يُسمح له إلا مرة» told «سُمح له بانتظام»
    "polarity.dropped_negation": "polarity",  # round 14: an English bullet as long as its evidence, its negation gone
    # evidence
    "evidence.missing": "evidence",
    "evidence.not_arabic": "evidence",
    "evidence.too_long": "evidence",
    "evidence.not_found": "evidence",
    "evidence.words": "evidence",  # an Arabic bullet most of whose words its evidence does not hold
    # what happened and who says so (round 5: warnings until measured; ``summarizer.claims.events``, ``attribution``)
    "claim.weapon": "claim",  # a means of attack (chemical, drone, suicide bomb, ...) no evidence window gives
    "claim.harm": "claim",  # killed where the evidence has only wounded, or the reverse
    "claim.harm_count": "claim",  # «أصيب شخص» where the evidence has «قُتل شخص» (Arabic, the word after the harm)
    "claim.attribution": "claim",  # a party's claim or accusation stated as fact (every window attributes it)
    "claim.hedge": "claim",  # a hedge dropped («يُعتقد», «من المرجح»: every window hedges, the bullet does not)
    "claim.roles": "claim",  # round 8: two parties (army, protesters, a ministry, ...) named in the other order
    "claim.speakers_crossed": "claim",  # round 14: two speakers each given what the evidence has the other say
    "claim.accusation_reversed": "claim",  # round 14: "A accused B" where the evidence has B accuse A
    "claim.movement_reversed": "claim",  # round 14: from A to B where the evidence has from B to A
}

# Round 4's erroring table: the table of every recording whose meta names none (recorded before metas did).
# The checks that fail validation: each claim check here is at >= 97% precision on the tune part of the
# claim benchmark (README, "Grounded claims": n and 95% intervals, and each round's held-out run, made once with the
# checker frozen and never used to set a status since the third round: ``python -m summarizer.evals.claims_checks``).
# Below the bar, reported ``unverified``: name.gazetteer_place (held-out 5/6), polarity.asserted (9/10) (both
# demoted by the second round on its held-out run, left so by the third),
# polarity.asserted_whole (14/18), polarity.negated(_whole) (2/3, 7/8), name.unknown (19/27). Four erroring checks
# never fired on the held-out part and rest on the tune part alone (marked "tune only"). The structural checks
# (evidence.*, and an event's fields: written in the article, a derivable ISO date, a count in its own evidence,
# 'none reported' and 'denied' backed by a negation) judge the digest's own quotes and fields, not a paraphrase;
# the bullet benchmark cannot measure them, so they stay errors on the perturbation suite's measure (README).
ROUND4_ERROR_CHECKS: frozenset[str] = frozenset(
    {
        # held-out (second round) / tune precision
        "number.value",  # 41/41, 211/211
        "number.qualifier",  # 1/1, 11/11
        "number.scale",  # tune only: 6/6 (the same figure under another scale word)
        "number.quantifier",  # tune only: 4/4 ("all" / "some" where the evidence says «معظم»)
        "date.year",  # 13/13, 12/12
        "date.month",  # 8/8, 17/17
        "date.weekday",  # 13/13, 37/37
        "date.day",  # 4/4, 12/12
        "date.period",  # 6/6, 20/20 (third round)
        "name.article_swap",  # 33/33, 105/105
        "name.article_name",  # 5/5, 17/17
        "name.article_org",  # tune only: 4/4 («وزارة الداخلية» where the evidence credits another body)
        "name.country",  # 7/7, 27/27
        "name.gazetteer",  # 8/8, 18/18 (countries, demonyms, agencies, armed groups; not GeoNames places)
        # split off name.country / number.value in rounds 5 and 6 (``SPLIT_OFF``): errors when these were recorded
        "name.country_of_place",
        "number.value_vague",
        "name.country_of_body",
        "polarity.acknowledged",  # tune only: 25/25 (third round: a reaction told as its opposite, per clause)
        # structural
        "number.count",
        "date.iso",
        "date.field",
        "name.field",
        "polarity.none_reported",
        "polarity.stance",
        "evidence.missing",
        "evidence.not_arabic",
        "evidence.too_long",
        "evidence.not_found",
    }
)

# The README sections cited below ("A check after round 4", "Round 5" to "Round 11") are now in
# docs/history/claim-checker.md, the measurement history behind the README's claim-checker figures.
# The table today: round 4's, plus evidence.words (an Arabic bullet whose cited sentences hold under 30% of its
# words; tune 110/110, held-out 23/23, README "A check after round 4") and round 5's checks at >= 97% on the tune
# part with n >= 10 that held where they fired on its held-out run.
# Round 5's precision fixes to erroring checks, each a check of its own so recordings made before replay as
# recorded: the country of a city the evidence names ("Basra, Iraq" citing «البصرة»; tune 5 -> 4 of 144 false alarms
# on the round 4 set) and a lower bound at the unit of a vague plural ("more than 100" for «مئات»; 4 -> 2).
SPLIT_OFF: frozenset[str] = frozenset({"name.country_of_place", "number.value_vague", "name.country_of_body"})
# Checks split off a parent after recordings named their tables: (parent, when the split landed). A table recorded
# before then that holds the parent ran the child as part of it (``split_children``).
SPLIT_LATER: dict[str, tuple[str, str]] = {
    # session 13: every false alarm of number.value the round 13 blind run found (10 of 12 on its new articles) was
    # a figure written in words; in digits it held (README "Grounded claims")
    "number.value_words": ("number.value", "2026-12-07T14:00:00+00:00"),
    # session 15: a count of one or two in words (Arabic writes it with a dual or singular noun, no numeral) off
    # number.value_words: on round 14's retired held-out every false alarm left of that check was one (3 of 3)
    "number.value_words_two": ("number.value_words", "2026-12-07T19:00:00+00:00"),
    # session 15, after round 15's blind run and designed from it (README "Grounded claims"): a hedged or bounded
    # figure within 15% of a stated one ("nearly 20" for «ثمانية عشر», "nearly 2 billion" for «نحو 1,8 مليار»)
    "number.value_approx": ("number.value", "2026-12-07T19:02:00+00:00"),
    # round 17, after its validation run and designed from it (README "Grounded claims"): a figure that is the
    # sum, difference or share of two figures its evidence states ("leaving 21 in custody" for 23 and two freed)
    "number.value_worked_out": ("number.value", "2026-12-07T22:16:00+00:00"),
}


def split_children(table: frozenset[str], recorded_at: str) -> frozenset[str]:
    """``table`` as it ran when recorded at ``recorded_at`` (ISO): with the checks split off its checks since."""
    grown = set(table)
    while True:  # session 15: a child of a child (number.value -> number.value_words -> number.value_words_two)
        children = {c for c, (parent, split) in SPLIT_LATER.items() if parent in grown and recorded_at < split}
        if children <= grown:
            return frozenset(grown)
        grown |= children


ERROR_CHECKS: frozenset[str] = (
    (ROUND4_ERROR_CHECKS - SPLIT_OFF)
    | {
        "evidence.words",
        # round 5 (tune, pooled | held-out where it fired, README "Round 5"):
        "claim.weapon",  # 38/38 | 3/3: a means of attack the evidence never gives
        "claim.hedge",  # 10/10 | 2/2: stated as fact what every window hedges
        "number.exact",  # 10/10 | 1/1: "exactly 10" for «نحو 10»
        # round 6 (tune, pooled | held-out, README "Round 6"):
        "polarity.asserted",  # 20/20 | 8/8: a negated fact stated as happening
        "polarity.asserted_whole",  # 14/14 | 8/8: the whole evidence negated, the bullet affirms it
        "polarity.negated_whole",  # 34/34 | 6/6 + 4/4: the bullet negates what the evidence affirms
        # round 7 (tune: hand + first real | round 4 set | round 7 fixtures; held-out where it fired, README "Round 7"):
        "name.body_elsewhere",  # 12/12 + 26/26 + 17/17 | 11/11 + 4/4: a body ("the army") from another sentence
        "number.noun",  # 29/29 + 1/1 + 10/10 | 6/6: an Arabic noun counted otherwise than its evidence counts it
        # round 8 (tune, all tune files | held-out, old and round 8's new files, where it fired; README "Round 8"):
        "claim.roles",  # 17/17 | 10/10: two parties named the other way round from their evidence sentence
        "number.harm_crossed",  # 11/11 | 4/4 (round 7's check): killed and wounded figures given the other way round
        "number.side",  # 13/13 | 2/2 (round 7's check): a figure given to the army, the evidence gives an armed group
        # round 9 (tune, all tune files | the blind held-out, written without the checker; README "Round 9"):
        "name.body_swap",  # 25/25 | 9/9: a body the article names elsewhere, by its head noun and modifiers
        # session 10, decided before round 10's blind held-out was run (tune, all tune files | every older held-out
        # file pooled, where it fired; promoted at n >= 5 there) and held on it (README "Round 10"). A third,
        # polarity.clause_negated (5/5 | 8/8), was promoted with them and went back to a warning when the blind run
        # gave it 6/7: 14/15 pooled, under the bar of 97% on held-out.
        "number.bound",  # 9/9 | 15/15: "five" where the evidence says "at least five" (a bound told as exact)
        "name.institution",  # 4/4 | 6/6: a government seat or international body its evidence never names
        # session 12, by the issue's rule once round 12's blind held-out (eight more new articles) was added to every
        # older held-out file, with round 12's code (pooled, where they fired, n >= 10; README "Grounded claims"):
        # warnings that reached >= 97% there and are at 100% on every tune file.
        "name.country",  # 27/27 (was 27/28 with round 11's code): a country or nationality from elsewhere
        "name.direction",  # 12/12: north for the evidence's south
        "name.place_swap",  # 10/10: a place the article names elsewhere, in the slot of the evidence's place
    }
) - {  # (the parentheses matter: round 4's checks are demoted too)
    # Session 10: back to warnings by the issue's rule (>= 97% precision on the held-out part), once round 10's blind
    # held-out was added to every older held-out file (pooled, where they fired; README "Round 10"): claim.weapon
    # 6/7, claim.roles 16/17, polarity.asserted 36/38. Recordings made before keep the table they were made with.
    "claim.weapon",
    "claim.roles",
    "polarity.asserted",
    # Session 11: the same rule once round 11's blind held-out, written on ten articles outside the eval suite, was
    # added (every held-out file pooled, where they fired; README "Round 11"): name.article_swap 124/129,
    # name.country 27/28, number.bound 23/24, polarity.negated_whole 57/59, polarity.asserted_whole 15/16,
    # claim.hedge 5/6. On the new articles these six made 9 of the 13 false alarms by an error.
    "name.article_swap",
    "number.bound",
    "polarity.negated_whole",
    "polarity.asserted_whole",
    "claim.hedge",
    # Session 12: the same rule with round 12's blind held-out added and round 12's code: number.noun 55/57,
    # number.scale 13/14 (each made one of round 12's five false alarms by an error on the new articles).
    "number.noun",
    "number.scale",
    # Session 13: the same rule once round 13's blind held-out (eight more new articles) was added and round 12's
    # retired to tuning (every other held-out file pooled, round 13's code): number.qualifier 19/20.
    "number.qualifier",
    # Session 14: the same rule once round 14's blind held-out (eight more new articles, a new writer) was added
    # and round 13's retired to tuning (every held-out file pooled but rounds 12 and 13, round 14's frozen code):
    # evidence.words 55/64 (9 of round 14's 17 false alarms by an error: Arabic paraphrases, most writing the
    # evidence's figures in words), name.article_name 42/45, name.article_org 21/23, name.place_swap 12/13,
    # date.month 41/43.
    "evidence.words",
    "name.article_name",
    "name.article_org",
    "name.place_swap",
    "date.month",
}
# Session 14, by the same rule: back to an error at 19/19 pooled on held-out text (round 14's code) and 17/17 on
# every tune file (its one false alarm on round 12's retired file, a figure misread as under a scale, is gone).
ERROR_CHECKS |= {"number.scale"}
# Session 15, by the same rule once round 15's blind held-out (eight more new articles, a sixth writer) was added
# and round 14's retired to tuning (every held-out file pooled but rounds 12-14, round 15's code; tune = every tune
# file and the three retired held-outs): back to warnings under 97% pooled: name.country 36/42 (the writer names
# the article's country as context: "Tunisia's agriculture ministry"), name.body_elsewhere 36/40, date.period
# 31/32. Back to errors at >= 97% on tune (n >= 10) and 100% where they fired on held-out text: name.article_name
# (106/108 | 41/42), number.bound (10/10 | 24/24), number.ordinal (20/20 | 17/17), number.qualifier (31/31 |
# 12/12), polarity.antonym (23/23 | 2/2), name.speaker_person (18/18 | 4/4). number.value (130/135 at round 15's
# frozen code) stays an error at 125/127 once a hedged figure within 15% of a stated one was split off
# (number.value_approx, 5/8): a split designed from round 15's blind file after it was run.
ERROR_CHECKS = (ERROR_CHECKS - {"name.country", "name.body_elsewhere", "date.period"}) | {
    "name.article_name",
    "number.bound",
    "number.ordinal",
    "number.qualifier",
    "polarity.antonym",
    "name.speaker_person",
}
# Session 15, round 16 (the same rule once round 16's blind held-out was added and round 15's retired to tuning;
# every held-out file pooled but rounds 12-15, round 16's frozen code; tune = every tune file and rounds 12-15):
# back to warnings under 97% pooled: name.body_swap 21/22, name.gazetteer 36/38, number.bound 23/24. Errors again
# at >= 97% on tune (n >= 10) and 100% where they fired on held-out text: name.article_org (35/36 | 16/16) and
# name.body_elsewhere (83/83 | 22/22; its round 15 false alarms, «برلمان بونتلاند» for "Puntland's parliament",
# were fixed by context16 on the retired file).
ERROR_CHECKS = (ERROR_CHECKS - {"name.body_swap", "name.gazetteer", "number.bound"}) | {
    "name.article_org",
    "name.body_elsewhere",
}
# Session 16, round 17 (a validation file and a test file by two new writers, evals/claims_bench/README.md "Round
# 17"): decided on the validation pool (every held-out file never retired, round 17's validation file included) at
# round 17's code (``python -m summarizer.evals.claims_table``); tune = every tune file and rounds 12-16. Errors at
# >= 97% on tune (n >= 10) and where they fired on the pool: date.period (73/73 | 30/30), date.time (10/10 | 0/0),
# polarity.asserted (136/136 | 54/55). number.value fell to 134/145 on the pool (10 of the validation writer's 11
# false alarms by an error: figures worked out from two stated ones, "leaving 21 in custody"); after the validation
# run, and designed from it, such a figure is its own warning, number.value_worked_out, and number.value is at 130/131.
ERROR_CHECKS |= {"date.period", "date.time", "polarity.asserted"}

# The table a replay runs under (``erroring``); None: ``ERROR_CHECKS``. A context variable, so concurrent replays of
# recordings made under different tables each keep their own.
_replayed_table: ContextVar[frozenset[str] | None] = ContextVar("replayed_table", default=None)


def error_checks() -> frozenset[str]:
    """The erroring table in force: ``ERROR_CHECKS`` (the claims benchmark swaps it to measure other tables), or
    the one a replay set with ``erroring``."""
    table = _replayed_table.get()
    return ERROR_CHECKS if table is None else table


@contextmanager
def erroring(table: frozenset[str]) -> Iterator[None]:
    """Check claims under another erroring table inside this block (this task and what it starts): a recorded
    conversation replays under the table it was recorded with, since the table decides what is re-asked."""
    token = _replayed_table.set(table)
    try:
        yield
    finally:
        _replayed_table.reset(token)


def status_of(check: str) -> FindingStatus:
    """``error`` for a check in the erroring table in force, else ``unverified``."""
    return "error" if check in error_checks() else "unverified"


class Finding(BaseModel):
    """One claim the checker could not support: where it is, what it says, what it was checked against, why,
    which check found it (``check``, e.g. ``name.article_swap``) and whether it fails validation (``status``)."""

    location: str
    kind: FindingKind
    claim: str
    evidence: str
    message: str
    check: str = ""
    status: FindingStatus = "error"

    @classmethod
    def of(cls, check: str, location: str, claim: str, evidence: str, message: str) -> Finding:
        """A finding of ``check``, with its family and its status from the erroring table."""
        return cls(
            location=location,
            kind=CHECKS[check],
            claim=claim,
            evidence=evidence,
            message=message,
            check=check,
            status=status_of(check),
        )

    @property
    def is_error(self) -> bool:
        return self.status == "error"

    def __str__(self) -> str:
        return (
            f"{self.location} [{self.check or self.kind}, {self.status}] {self.message}: "
            f"«{self.claim}» vs «{self.evidence[:160]}»"
        )


def claim_status(findings: list[Finding]) -> ClaimStatus:
    """A claim's status from its findings: any error is ``unsupported``, only warnings ``unverified``."""
    if any(f.is_error for f in findings):
        return "unsupported"
    return "unverified" if findings else "supported"
