"""Scorer validity: gold scores perfectly, and each single perturbation lowers the metric it should."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from rouge_score import rouge_scorer

from summarizer.evals.cases import Case, GoldCount, load_cases
from summarizer.evals.matching import mentions
from summarizer.evals.reference import reference_digest
from summarizer.evals.scoring import (
    REFERENCE_METRICS,
    CaseScore,
    WordTokenizer,
    count_compatible,
    count_exact,
    count_within_tolerance,
    match_events,
    overlap_scores,
    score_case,
    score_written,
)
from summarizer.schema import Count, Digest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def case() -> Case:
    return next(c for c in load_cases(ROOT / "evals" / "cases") if c.id == "000_28e21e24a588c826")


def val(score: CaseScore | dict[str, float | None], name: str) -> float:
    value = score[name]
    assert value is not None, name
    return value


def perturbed(digest: Digest, change: dict[str, object]) -> Digest:
    """A copy of ``digest`` with model_copy-style updates applied without re-validation."""
    return digest.model_copy(update=change, deep=True)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_gold_as_prediction_scores_perfectly(case: Case, language: str) -> None:
    score = score_case(case, reference_digest(case, language), language)
    for name, value in score.metrics.items():
        if name in REFERENCE_METRICS:
            continue  # compared with the human bullets, not with the gold facts
        assert value in (None, 1.0), name
    assert score.reasons == []


def test_human_bullets_score_one_on_overlap(case: Case) -> None:
    joined = "\n".join(case.human_bullets_ar)
    assert set(overlap_scores(joined, joined).values()) == {1.0}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_written_bullets_score_like_a_digest_of_them(case: Case, language: str) -> None:
    """What the model wrote is scored as a digest of the same bullets would be; nothing written scores 0."""
    gold = reference_digest(case, language)
    summary = score_case(case, gold, language)
    written = score_written(case, [b.text for b in gold.bullets], language)
    assert written["written_key_fact_recall"] == summary["key_fact_recall"] == 1.0
    assert written["written_rougeL"] == summary["rougeL"] and written["written_chrf"] == summary["chrf"]
    assert set(score_written(case, [], language).values()) == {0.0}
    assert set(score_written(case, ["  "], language).values()) == {0.0}
    partial = score_written(case, [gold.bullets[0].text], language)
    assert 0 < val(partial, "written_key_fact_recall") < 1


def test_rouge_scores_default_tokenizer_drops_arabic_ours_does_not() -> None:
    text = "تعرضت القاعدة الأميركية لهجوم"
    default = rouge_scorer.RougeScorer(["rouge1"]).score(text, text)["rouge1"].fmeasure
    assert default == 0.0
    assert overlap_scores(text, text)["rouge1"] == 1.0


def test_standard_rouge_reproduces_lin_2004() -> None:
    """Lin (2004), ROUGE, section 3.1: reference S1 'police killed the gunman'; S2 'police kill the gunman'
    scores ROUGE-L 3/4 and S3 'the gunman kill police' 2/4, while both score ROUGE-2 1/3 ('the gunman')."""
    scorer = rouge_scorer.RougeScorer(["rouge2", "rougeL"], tokenizer=WordTokenizer())
    s2 = scorer.score("police killed the gunman", "police kill the gunman")
    s3 = scorer.score("police killed the gunman", "the gunman kill police")
    assert s2["rougeL"].fmeasure == pytest.approx(0.75) and s3["rougeL"].fmeasure == pytest.approx(0.5)
    assert s2["rouge2"].recall == pytest.approx(1 / 3) and s3["rouge2"].recall == pytest.approx(1 / 3)
    # the same figures through our metric, in Arabic-free English: standard = normalised there
    ours = overlap_scores("police kill the gunman", "police killed the gunman")
    assert ours["rougeL"] == pytest.approx(0.75) and ours["rougeL_norm"] == pytest.approx(0.75)


def test_normalised_rouge_keeps_root_letters() -> None:
    """No clitic stripping: بلد is not ولد, and فرنسا keeps its ف."""
    assert overlap_scores("بلد", "ولد")["rouge1_norm"] == 0.0
    assert overlap_scores("فرنسا", "رنسا")["rouge1_norm"] == 0.0
    assert overlap_scores("أعلنت فرنسا", "اعلنت فرنسا")["rouge1_norm"] == 1.0  # hamza folded
    assert overlap_scores("أعلنت فرنسا", "اعلنت فرنسا")["rouge1"] == 0.5  # the standard one does not fold


def test_dropping_an_event_lowers_event_recall(case: Case) -> None:
    gold = reference_digest(case, "en")
    worse = perturbed(gold, {"events": gold.events[:-1]})
    before, after = score_case(case, gold, "en"), score_case(case, worse, "en")
    assert val(after, "event_recall") < val(before, "event_recall")
    assert val(after, "event_f1") < val(before, "event_f1")
    assert val(after, "event_precision") == 1.0


def test_wrong_location_breaks_the_match(case: Case) -> None:
    gold = reference_digest(case, "en")
    events = copy.deepcopy(gold.events)
    events[0].location.name, events[0].location.name_en = "دمشق", "Damascus"
    after = score_case(case, perturbed(gold, {"events": events}), "en")
    assert val(after, "event_f1") < 1.0
    assert any(r.kind == "missed_event" for r in after.reasons)


def test_wrong_count_lowers_count_metrics(case: Case) -> None:
    gold = reference_digest(case, "en")
    events = copy.deepcopy(gold.events)
    events[0].fatalities = Count.model_validate({"qualifier": "exact", "low": 12, "evidence": [{"quote": "x y z"}]})
    after = score_case(case, perturbed(gold, {"events": events}), "en")
    assert val(after, "count_exact") < 1.0
    assert val(after, "fatalities_f1") < 1.0
    assert val(after, "strict_instance_accuracy") < 1.0


def test_swapped_actors_lower_actor_f1(case: Case) -> None:
    gold = reference_digest(case, "en")
    events = copy.deepcopy(gold.events)
    for event in events:
        for actor in event.actors:
            actor.side = {"actor1": "actor2", "actor2": "actor1"}.get(actor.side.value, actor.side)  # type: ignore[assignment]
    after = score_case(case, perturbed(gold, {"events": events}), "en")
    assert val(after, "actor_f1") < 1.0


def test_trap_claim_lowers_trap_avoidance_and_names_the_sentence(case: Case) -> None:
    gold = reference_digest(case, "en")
    bullets = copy.deepcopy(gold.bullets)
    bullets[0].text = "Three US soldiers were killed in the attack."
    after = score_case(case, perturbed(gold, {"bullets": bullets}), "en")
    assert val(after, "trap_avoidance") < 1.0
    fired = [r for r in after.reasons if r.kind == "fired_trap"]
    assert fired and fired[0].sentence == "Three US soldiers were killed in the attack"


def test_negated_trap_does_not_fire(case: Case) -> None:
    gold = reference_digest(case, "en")
    for text in ("No US soldiers were killed in the attack.", "The base said three US soldiers were not killed."):
        bullets = copy.deepcopy(gold.bullets)
        bullets[0].text = text
        assert val(score_case(case, perturbed(gold, {"bullets": bullets}), "en"), "trap_avoidance") == 1.0, text


def test_invented_bullet_lowers_key_fact_recall(case: Case) -> None:
    gold = reference_digest(case, "en")
    bullets = copy.deepcopy(gold.bullets)
    bullets[0].text = "The weather in the region was mild."
    after = score_case(case, perturbed(gold, {"bullets": bullets}), "en")
    assert val(after, "key_fact_recall") < 1.0


def test_missed_fact_reason_names_the_expected_alias(case: Case) -> None:
    gold = reference_digest(case, "en")
    bullets = copy.deepcopy(gold.bullets)
    bullets[0].text = "The weather in the region was mild."
    after = score_case(case, perturbed(gold, {"bullets": bullets}), "en")
    missed = [r for r in after.reasons if r.kind == "missed_fact"]
    assert missed and all(r.metric == "key_fact_recall" and r.expected for r in missed)


def test_failed_run_counts_zero_in_every_rate() -> None:
    case = load_cases(ROOT / "evals" / "cases")[0]
    failed = score_case(case, None, "en", failure="validation failed")
    assert failed["success"] == 0.0 and failed["key_fact_recall"] == 0.0 and failed["event_f1"] == 0.0
    assert failed["trap_avoidance"] == 0.0  # a failing prompt must not look safer
    assert [r.kind for r in failed.reasons] == ["failed_run"] and failed.reasons[0].message == "validation failed"


def test_alias_matching_is_whole_words_and_normalised() -> None:
    assert not mentions("US forces retaliated overnight", ["retaliat"])
    assert mentions("قصفت القوات الاميركيه", ["القوات الأميركية"])
    assert mentions("U.S. forces", ["US forces"])


@pytest.mark.parametrize(
    ("text", "alias", "expected"),
    [
        ("two people were killed", "2 people were killed", True),
        ("٢ people were killed", "two people were killed", True),
        ("قتل اثنين من الجنود", "قتل 2 من الجنود", True),
        ("sixteen people were killed", "six people were killed", False),
        ("120 people were arrested", "12 people were arrested", False),
        ("twenty-five were injured", "25 were injured", True),
        ("أصيب خمسة وعشرون شخصا", "أصيب 25 شخصا", True),
        ("يوم الاثنين", "يوم 2", False),
    ],
)
def test_numbers_match_by_value_as_whole_tokens(text: str, alias: str, expected: bool) -> None:
    assert mentions(text, [alias]) is expected


def test_field_reasons_name_both_values(case: Case) -> None:
    gold = reference_digest(case, "en")
    events = copy.deepcopy(gold.events)
    events[0].location.country = "Narnia"
    after = score_case(case, perturbed(gold, {"events": events}), "en")
    assert val(after, "country_f1") < 1.0
    reason = next(r for r in after.reasons if r.metric == "country_f1")
    assert reason.predicted == "Narnia" and reason.gold == case.events[0].country


def gc(qualifier: str, low: int | None = None, high: int | None = None) -> GoldCount:
    return GoldCount.model_validate({"qualifier": qualifier, "low": low, "high": high})


def pc(qualifier: str, low: int | None = None, high: int | None = None) -> Count:
    evidence = [] if qualifier == "not_mentioned" else [{"quote": "q q q"}]
    return Count.model_validate({"qualifier": qualifier, "low": low, "high": high, "evidence": evidence})


def test_count_scoring_keeps_qualifiers_apart() -> None:
    assert count_exact(pc("approximate", 10), gc("approximate", 10))
    assert not count_exact(pc("more_than", 10), gc("approximate", 10))
    assert count_compatible(pc("more_than", 10), gc("exact", 12))
    assert not count_compatible(pc("more_than", 10), gc("exact", 10))
    assert not count_compatible(pc("none_reported"), gc("not_mentioned"))
    assert count_compatible(pc("not_mentioned"), gc("not_mentioned"))
    assert count_within_tolerance(pc("exact", 21), gc("exact", 20))
    assert not count_within_tolerance(pc("exact", 25), gc("exact", 20))


def test_hungarian_matching_is_one_to_one(case: Case) -> None:
    gold = reference_digest(case, "en")
    pairs = match_events(gold.events + gold.events[:1], case.events)
    assert len(pairs) == len(case.events)
    assert len({g for _, g in pairs}) == len(pairs)


def test_relations_score_through_the_event_matching(case: Case) -> None:
    gold = reference_digest(case, "en")
    assert val(score_case(case, gold, "en"), "relation_f1") == 1.0
    events = copy.deepcopy(gold.events)
    for event in events:
        event.relations = []
    assert val(score_case(case, perturbed(gold, {"events": events}), "en"), "relation_f1") == 0.0


def test_alias_matching_tolerates_attached_clitics() -> None:
    assert mentions("بين الجيش السوداني وقوات الدعم السريع", ["قوات الدعم السريع"])
    assert mentions("اتفاق لوقف إطلاق النار", ["وقف إطلاق النار"])
    assert not mentions("قوات الأمن", ["قوات الدعم السريع"])


def test_attributions_need_source_and_stance(case: Case) -> None:
    gold = reference_digest(case, "en")
    assert val(score_case(case, gold, "en"), "attribution_f1") == 1.0
    events = copy.deepcopy(gold.events)
    for event in events:
        for attribution in event.attributions:
            attribution.stance = "denied" if attribution.stance.value != "denied" else "confirmed"  # type: ignore[assignment]
    assert val(score_case(case, perturbed(gold, {"events": events}), "en"), "attribution_f1") == 0.0
