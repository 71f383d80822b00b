"""Round 8 of the claim checker (issue 18): a fresh held-out and tune fixtures, frozen before the checker ran, and
the checks written on the tune fixtures (who did what to whom, counts crossed, polarity fixes).

The data tests pin what the benchmark's round-8 files are: the hand-written held-out only on held-out cases, the
tune fixtures only on tune cases, each unfaithful edit beside its faithful twin, and the real-model held-out exactly
the labelled fixture (``tests/fixtures/claims_real_model_round8.json``), re-extractable from the recordings it was
labelled from.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from summarizer.claims.polarity import arabic_scopes
from summarizer.claims.roles import counted_figures, crossed_figures, harm_values, reversed_parties
from summarizer.evals import claims_bench as bench
from summarizer.findings import CHECKS, ERROR_CHECKS, status_of
from tests.repo_scripts import load_script
from tests.test_claims_bench import heldout

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "evals" / "claims_bench"
FIXTURE = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model_round8.json").read_text(encoding="utf-8"))


def _rows(name: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def test_round8_hand_written_parts_stay_on_their_side_of_the_split_and_are_paired() -> None:
    for name, prefix, held in (("heldout_round8.jsonl", "r8h-", True), ("tune_round8.jsonl", "r8-", False)):
        rows = _rows(name)
        assert len(rows) >= 150, name
        assert all(str(r["id"]).startswith(prefix) and heldout(str(r["case"])) == held for r in rows), name
        assert all(r["pair"] is not None for r in rows if r["label"] == "unfaithful"), name
        assert {r["language"] for r in rows} == {"en", "ar"} and {r["source"] for r in rows} == {"hand-written"}
        kinds = Counter(str(r["kind"]) for r in rows if r["label"] == "unfaithful")
        for weak in ("negation", "number_digit", "name_swap_same_article", "actor_target_reversed"):
            assert kinds[weak] >= 15, (name, weak, kinds)


def test_round8_real_model_part_is_the_labelled_fixture_minus_its_excluded_bullets() -> None:
    items = FIXTURE["items"]
    assert all(heldout(i["case"]) for i in items)
    assert {i["label"] for i in items} <= {"faithful", "unfaithful", "excluded"}
    assert all(i["kind"] in ("garbled", "no_claim") for i in items if i["label"] == "excluded")
    assert all(i["kind"] == "real_model" for i in items if i["label"] == "faithful")
    kept = {f"real8-{i['key']}" for i in items if i["label"] != "excluded"}
    rows = _rows("heldout_round8_real.jsonl")
    assert {str(r["id"]) for r in rows} == kept and len(rows) == len(kept) >= 100
    assert all(str(r["source"]).startswith("real-model:qwen2.5-coder-") for r in rows)


def test_round8_real_bullets_are_what_the_recordings_hold_and_none_was_labelled_before() -> None:
    extractor = load_script(DATA / "extract_round8.py")
    items = FIXTURE["items"]
    assert all(i["key"] == extractor.base.key_of(i["case"], i["language"], i["text"], i["evidence"]) for i in items)
    older = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model_round4.json").read_text(encoding="utf-8"))
    assert not {i["key"] for i in items} & {i["key"] for i in older["items"]}
    extracted, _, hashes = extractor.extract()
    if hashes != FIXTURE["recordings"]:  # a re-recorded cassette: the labels stand for the recordings they read
        return
    assert [i["key"] for i in extracted] == [i["key"] for i in items]


def test_round8_files_load_as_their_own_sources_and_all_leaves_them_out() -> None:
    hand = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND8,))
    assert {i.split for i in hand} == {"tune", "heldout"} and {i.origin for i in hand} == {bench.ROUND8}
    real = bench.load_items(DATA, ("tune", "heldout"), (bench.ROUND8_REAL,))
    assert {i.split for i in real} == {"heldout"} and len(real) == len(_rows("heldout_round8_real.jsonl"))
    everyday = bench.load_items(DATA, ("tune", "heldout"), bench.SOURCES)
    assert not [i for i in everyday if i.origin in (bench.ROUND8, bench.ROUND8_REAL)]


# --- the round-8 checks, pinned on the round-8 tune fixtures (hand-written, tune cases only) -------------------
# Each unfaithful edit must draw its check and its faithful twin must not (a rule firing on both, or on neither,
# fails here). The new checks are warnings: ``findings.ERROR_CHECKS`` is the lead's to change.

ROUND8_CHECKS = ["claim.roles", "number.crossed", "number.harm_value"]
TUNE = {item.id: item for item in bench.load_items(DATA, ("tune",), (bench.ROUND8,))}
ARTICLES = bench.load_articles(ROOT / "evals" / "cases")


def _fired(item_id: str) -> set[str]:
    """The checks ``verify`` reports on a tune fixture's bullet (checked as the benchmark checks it)."""
    item = TUNE[item_id]
    return {f.check for f in bench.findings_on(item, ARTICLES[item.case])}


# claim.roles (tune 17/17, held-out 10/10 where it fired: docs/history/claim-checker.md "Round 8") was an error until
# session 10, when every held-out file pooled gave it 16/17 (docs/history/claim-checker.md "Round 10"): a warning
# again, so no round 8 check errors now
PROMOTED: set[str] = set()


def test_the_round8_checks_are_known_and_only_the_promoted_ones_fail_validation() -> None:
    for check in ROUND8_CHECKS:
        assert check in CHECKS and (check in ERROR_CHECKS) == (check in PROMOTED), check
        assert status_of(check) == ("error" if check in PROMOTED else "unverified"), check


@pytest.mark.parametrize(
    ("check", "wrong", "right"),
    [
        ("claim.roles", "r8-022-ar-02", "r8-022-ar-01"),  # the factions retook the town from the army (Arabic)
        ("claim.roles", "r8-022-en-03", "r8-022-en-01"),  # the same, English against Arabic evidence
        ("claim.roles", "r8-007-en-07", "r8-007-en-06"),  # the agency blamed the family
        ("claim.roles", "r8-025-en-10", "r8-025-en-08"),  # police said it, traders did not confirm
        ("number.crossed", "r8-005-en-06", "r8-005-en-05"),  # three arrested, seven hurt (seven and three)
        ("number.harm_value", "r8-038-en-03", "r8-038-en-01"),  # at least 17 killed: only 23 wounded backs it
        ("number.harm_crossed", "r8-025-en-02", "r8-025-en-01"),  # «قُتل شخص وأصيب ثمانية»: one killed
        ("polarity.acknowledged", "r8-001-ar-05", "r8-001-ar-04"),  # «وهو ما أكده الحزب» for «لم يؤكده»
        ("polarity.asserted", "r8-006-en-11", "r8-006-en-10"),  # "responded" where «لم تعلق»
        ("polarity.negated", "r8-016-ar-08", "r8-016-ar-06"),  # «لم يقر» where «وأقر»
        ("polarity.negated", "r8-016-en-11", "r8-016-en-09"),  # "failed to pass" where «وأقر»
        ("name.body_elsewhere", "r8-016-en-06", "r8-016-en-03"),  # parliament, named in another sentence
    ],
)  # fmt: skip
def test_a_round8_reading_fires_on_the_edit_and_not_on_its_twin(check: str, wrong: str, right: str) -> None:
    assert TUNE[wrong].kind != "real_model" and TUNE[wrong].label == "unfaithful" and TUNE[right].label == "faithful"
    assert check in _fired(wrong), (wrong, _fired(wrong))
    assert check not in _fired(right), (right, _fired(right))


def test_without_plates_is_a_noun_phrase_not_a_denial_of_the_verb_after_it() -> None:
    """«من دون لوحات اعترضوا طريقه»: the gunmen's car had no plates; they did stop him (was a false error)."""
    assert not _fired("r8-007-ar-01")
    assert arabic_scopes("من دون لوحات اعترضوا طريقه")[0] == [{"وحات"}]


@pytest.mark.parametrize(
    ("bullet", "evidence"),
    [
        ("Protesters were dispersed by riot police outside the building.", "فرقت قوات الشرطة المحتجين أمام المبنى."),
        ("The army and the factions clashed near the town.", "اندلعت اشتباكات بين الفصائل والجيش قرب البلدة."),
        ("The Israeli army said it struck Hezbollah positions near northern Israel.",
         "قال الجيش الإسرائيلي إنه قصف مواقع لحزب الله قرب شمال إسرائيل."),
    ],
)  # fmt: skip
def test_passives_joined_parties_and_places_are_no_reversal(bullet: str, evidence: str) -> None:
    assert reversed_parties(bullet, evidence) is None


def test_a_reversal_needs_one_evidence_sentence_naming_both_parties() -> None:
    swapped = "The factions said they had retaken the town from the army."
    assert reversed_parties(swapped, "استعاد الجيش السيطرة على البلدة بعد معارك مع الفصائل.") == ("armed", "army")
    assert reversed_parties(swapped, "استعاد الجيش السيطرة على البلدة. وانسحبت الفصائل.") is None


def test_crossed_figures_and_harm_values_read_arrests_and_harms() -> None:
    evidence = "وقال المسؤول إن سبعة أشخاص اعتقلوا، وإن ثلاثة من المنتسبين أصيبوا برشق الحجارة."
    assert counted_figures(evidence) == {"arrest": frozenset({7}), "injury": frozenset({3})}
    assert crossed_figures("Three people were arrested and seven officers were hurt.", evidence) == (
        "arrest", 3, "injury", 7
    )  # fmt: skip
    assert crossed_figures("Seven people were arrested and three officers were hurt.", evidence) is None
    toll = "قتل سبعة مدنيين على الأقل وأصيب 23 آخرون."
    assert [kind for kind, _ in harm_values("At least 17 civilians were killed and 23 wounded.", toll)] == ["death"]
    assert harm_values("At least seven civilians were killed and 23 wounded.", toll) == []
    assert harm_values("At least 20 people were wounded.", toll) == []  # a rounding of the wounded's own figure


def test_acronyms_keep_their_case_the_words_do_not() -> None:
    """ "IS" and "US" name parties; "is" and "us" do not (a post-run fix; every benchmark finding unchanged)."""
    evidence = "قال الجيش إن مقاتلي داعش هاجموا البلدة."
    assert reversed_parties("What is known is that the army attacked the town.", evidence) is None
    assert reversed_parties("IS fighters said the army attacked the town.", evidence) == ("armed+islamic_state", "army")
