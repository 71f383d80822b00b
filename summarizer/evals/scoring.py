"""Scorers: pure functions from (case, digest) to metrics in [0, 1] and the reasons behind them.

Facts, not words: a key fact is conveyed when a bullet states one of its aliases as whole words
(numbers compared by value: two = 2 = ٢ = اثنين, never "six" for "sixteen"), outside a negated
clause. A trap fires on the sentence that states it, unless that sentence negates or denies it
(the matching itself is ``summarizer.evals.matching``, shared with the case validator).

Every metric is higher-is-better, and a failed run scores 0 on every metric its case defines, so a
prompt that fails more often never looks safer or better.

Event metrics match predicted to gold events one-to-one (Hungarian assignment on type, location and
date), then score fields on the matched pairs against every gold item, so a missed event is a miss
for each of its fields.

Reference metrics (ROUGE, chrF) compare bullets with the case's human-written bullets: ROUGE twice,
``rouge*`` the standard one (rouge-score on ``\\w+`` tokens, comparable with papers) and
``rouge*_norm`` on Arabic-normalised text with no clitic stripping (بلد stays apart from ولد).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from summarizer.arabic import normalize_text
from summarizer.evals.assignment import matched_pairs
from summarizer.evals.cases import Case, GoldActor, GoldCount, GoldEvent
from summarizer.evals.matching import find_alias, fold, mentions
from summarizer.evals.reference import reference_digest  # what a perfect run would have been scored on
from summarizer.evals.results import MIN_HEADLINE_N as MIN_HEADLINE_N  # where it is defined now
from summarizer.evals.rouge import RougeScorer  # rouge-score's figures without its nltk import (1.2 s)
from summarizer.schema import Actor, Count, CountQualifier, Digest, Event

if TYPE_CHECKING:
    from sacrebleu.metrics.chrf import CHRF

MAX_BULLET_WORDS = 40
Metrics = dict[str, float | None]
# Reference metrics: compared with human bullets, so a model's gold-derived reference digest does not score 1.0.
REFERENCE_METRICS = ("rouge1", "rouge2", "rougeL", "rouge1_norm", "rougeL_norm", "chrf")


@dataclass(frozen=True)
class Reason:
    """Why a case lost points on one metric: what was expected and what the digest said instead."""

    kind: str  # failed_run | missed_fact | fired_trap | long_bullet | missed_event | extra_event | field | actor
    metric: str
    message: str
    expected: tuple[str, ...] = ()  # the aliases (or gold value) that would have earned the point
    sentence: str | None = None  # the bullet sentence that fired a trap
    field: str | None = None  # e.g. "event 1 date"
    predicted: str | None = None
    gold: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in asdict(self).items() if v not in (None, ())}


@dataclass
class CaseScore:
    """All metrics of one case and the reasons for every point lost."""

    metrics: Metrics
    reasons: list[Reason] = field(default_factory=list)

    def __getitem__(self, name: str) -> float | None:  # compatibility: score_case(...)["metric"]
        return self.metrics[name]

    def to_dict(self) -> dict[str, Any]:
        return {"metrics": dict(self.metrics), "reasons": [r.to_dict() for r in self.reasons]}


# --- reference metrics -----------------------------------------------------------------------


class WordTokenizer:
    """``\\w+`` tokens, lower-cased: what published multilingual ROUGE uses (rouge-score's default drops Arabic)."""

    def __init__(self, normalise: bool = False) -> None:
        self.normalise = normalise

    def tokenize(self, text: str) -> list[str]:
        text = normalize_text(text) if self.normalise else text.lower()
        return re.findall(r"\w+", text)


_ROUGE_STANDARD = RougeScorer(["rouge1", "rouge2", "rougeL"], tokenizer=WordTokenizer())
_ROUGE_NORMALISED = RougeScorer(["rouge1", "rougeL"], tokenizer=WordTokenizer(normalise=True))


@lru_cache(maxsize=256)
def _chrf_against(reference: str) -> CHRF:
    """sacrebleu's chrF with ``reference``'s character n-grams extracted once (sacrebleu's own reference cache):
    a case's human bullets are compared with every answer about it, and extracting them was a third of chrF's
    time. Keyed by the labels' text, never by an answer. sacrebleu is imported on first use (~0.2-0.4 s)."""
    from sacrebleu.metrics.chrf import CHRF

    return CHRF(references=[[reference]])


def _chrf(candidate: str, reference: str) -> float:
    """chrF (0-100) of one candidate against one reference: ``CHRF().sentence_score(candidate, [reference])``'s
    arithmetic on the cached reference (one segment: the corpus score is that sentence's score)."""
    return float(_chrf_against(reference).corpus_score([candidate], None).score)


# An answer's written and kept bullets are often the same text: the runner scores both, one after the other, so
# what was just computed is asked again (168 overlaps in a gated run, 137 distinct). The memos are sized to catch
# that pair, not to serve a later run of the same answers (a warm benchmark round must score its answers anew).
_JUST_SCORED = 32


def overlap_scores(candidate: str, reference: str) -> Metrics:
    """Standard ROUGE-1/2/L F1, Arabic-normalised ROUGE-1/L F1 and chrF (0-1) of candidate against reference."""
    return dict(_overlap_scores(candidate, reference))


@lru_cache(maxsize=2)
def _overlap_scores(candidate: str, reference: str) -> tuple[tuple[str, float | None], ...]:
    standard = _ROUGE_STANDARD.score(reference, candidate)
    normalised = _ROUGE_NORMALISED.score(reference, candidate)
    chrf = _chrf(normalize_text(candidate), normalize_text(reference)) / 100
    return (
        ("rouge1", standard["rouge1"].fmeasure),
        ("rouge2", standard["rouge2"].fmeasure),
        ("rougeL", standard["rougeL"].fmeasure),
        ("rouge1_norm", normalised["rouge1"].fmeasure),
        ("rougeL_norm", normalised["rougeL"].fmeasure),
        ("chrf", chrf),
    )


@lru_cache(maxsize=_JUST_SCORED)
def _found(text: str, aliases: tuple[str, ...]) -> tuple[str, str] | None:
    """``find_alias`` of the text, remembered for the next few calls (see ``_JUST_SCORED``)."""
    return find_alias(text, aliases)


# --- summary ---------------------------------------------------------------------------------


def score_summary(case: Case, digest: Digest, language: str) -> CaseScore:
    texts = [b.text for b in digest.bullets]
    joined = "\n".join(texts)
    reasons: list[Reason] = []
    recalled = 0
    for fact in case.key_facts:
        aliases = fact.en if language == "en" else fact.ar
        if _found(joined, tuple(aliases)) is not None:
            recalled += 1
        else:
            reasons.append(
                Reason("missed_fact", "key_fact_recall", f"key fact {fact.id} not stated", expected=tuple(aliases))
            )
    fired = 0
    for trap in case.traps:
        wording = trap.en if language == "en" else trap.ar
        hit = find_alias(joined, wording)
        if hit is not None:
            fired += 1
            reasons.append(Reason("fired_trap", "trap_avoidance", trap.why, expected=(hit[0],), sentence=hit[1]))
    long = [t for t in texts if len(t.split()) > MAX_BULLET_WORDS]
    reasons += [
        Reason("long_bullet", "bullet_length_ok", f"bullet over {MAX_BULLET_WORDS} words", sentence=t) for t in long
    ]
    metrics: Metrics = {
        "key_fact_recall": recalled / len(case.key_facts),
        "trap_avoidance": 1 - fired / len(case.traps) if case.traps else None,
        "bullet_length_ok": 1 - len(long) / len(texts) if texts else 0.0,
    }
    human = case.human_bullets_en if language == "en" else case.human_bullets_ar
    if human:
        metrics.update(overlap_scores(joined, "\n".join(human)))
    return CaseScore(metrics, reasons)


WRITTEN_METRICS = ("written_key_fact_recall", "written_rougeL", "written_chrf")


def score_written(case: Case, texts: Sequence[str], language: str) -> Metrics:
    """Key-fact recall, ROUGE-L and chrF of every bullet the model *wrote* (``texts``), before validation or the
    claim checker dropped any: 0 when it wrote none.

    Why beside the same metrics on what users get: a worse prompt or model writes worse bullets, but when the
    checker drops most bullets on both sides (a small model, a strict checker) what users get is near 0 either
    way and cannot show it; what was written still does. Gated for drops only: writing more unsupported text
    never passes the gate by itself (supported claims and trap avoidance are judged on what users get)."""
    joined = "\n".join(t for t in texts if t.strip())
    aliases = [fact.en if language == "en" else fact.ar for fact in case.key_facts]
    recall = sum(_found(joined, tuple(a)) is not None for a in aliases) / len(aliases) if joined else 0.0
    metrics: Metrics = {"written_key_fact_recall": recall}
    human = case.human_bullets_en if language == "en" else case.human_bullets_ar
    if human:
        overlap = overlap_scores(joined, "\n".join(human)) if joined else {"rougeL": 0.0, "chrf": 0.0}
        metrics.update(written_rougeL=overlap["rougeL"], written_chrf=overlap["chrf"])
    return metrics


# --- events ---------------------------------------------------------------------------------


def location_matches(pred: Event, gold: GoldEvent) -> bool:
    return mentions(pred.location.name, gold.location_ar) or mentions(pred.location.name_en, gold.location_en)


def date_matches(pred: Event, gold: GoldEvent) -> bool:
    if gold.date_iso and pred.date.iso:
        return pred.date.iso.isoformat() == gold.date_iso
    if gold.date_as_written:
        return mentions(pred.date.as_written, [gold.date_as_written]) or mentions(
            gold.date_as_written, [pred.date.as_written]
        )
    return True


def actor_matches(pred: Actor, gold: GoldActor) -> bool:
    return mentions(pred.name, gold.ar) or mentions(pred.name_en, gold.en)


def _similarity(pred: Event, gold: GoldEvent) -> float:
    """0 when the pair is not admissible (type or place differ); otherwise 2 + sub-type + date."""
    if pred.event_type != gold.event_type or not location_matches(pred, gold):
        return 0.0
    return 2.0 + (pred.sub_event_type == gold.sub_event_type) + date_matches(pred, gold)


def match_events(preds: Sequence[Event], golds: Sequence[GoldEvent]) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs maximising total similarity."""
    if not preds or not golds:
        return []
    # scipy's linear_sum_assignment answer, without scipy's 0.6-1 s import (assignment.py)
    return matched_pairs([[_similarity(p, g) for g in golds] for p in preds])


def _interval(count: Count | GoldCount) -> tuple[float, float] | None:
    q, low, high = count.qualifier, count.low, count.high
    if q is CountQualifier.NOT_MENTIONED:
        return None
    if q is CountQualifier.NONE_REPORTED:
        return (0, 0)
    if q is CountQualifier.EXACT:
        return (low or 0, low or 0)
    if q is CountQualifier.APPROXIMATE:
        return ((low or 0) * 0.8, (low or 0) * 1.2)
    if q is CountQualifier.AT_LEAST:
        return (low or 0, math.inf)
    if q is CountQualifier.MORE_THAN:
        return ((low or 0) + 1, math.inf)
    if q is CountQualifier.AT_MOST:
        return (0, high or 0)
    return (low or 0, high or 0)


def _point(count: Count | GoldCount) -> float | None:
    interval = _interval(count)
    if interval is None:
        return None
    return interval[0] if math.isinf(interval[1]) else (interval[0] + interval[1]) / 2


def count_exact(pred: Count, gold: GoldCount) -> bool:
    return pred.qualifier == gold.qualifier and _interval(pred) == _interval(gold)


def count_compatible(pred: Count, gold: GoldCount) -> bool:
    a, b = _interval(pred), _interval(gold)
    if a is None or b is None:
        return a is None and b is None
    return a[0] <= b[1] and b[0] <= a[1]


def count_within_tolerance(pred: Count, gold: GoldCount, relative: float = 0.1) -> bool:
    a, b = _point(pred), _point(gold)
    if a is None or b is None:
        return a is None and b is None
    return abs(a - b) <= max(1.0, relative * b)


def _describe_count(count: Count | GoldCount) -> str:
    q = count.qualifier.value
    return q if count.low is None and count.high is None else f"{q} {count.low}-{count.high}"


def _prf(correct: float, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    precision = correct / predicted if predicted else None
    recall = correct / gold if gold else None
    if precision is None and recall is None:
        return 1.0, 1.0, 1.0  # nothing to find, nothing claimed
    p, r = precision or 0.0, recall or 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return precision, recall, f1


_FIELD_CHECKS: dict[
    str, tuple[Callable[[Event, GoldEvent], bool], Callable[[Event], str], Callable[[GoldEvent], str]]
] = {
    "sub_event_type": (
        lambda p, g: p.sub_event_type == g.sub_event_type,
        lambda p: p.sub_event_type.value,
        lambda g: g.sub_event_type.value,
    ),
    "date": (
        date_matches,
        lambda p: f"{p.date.as_written} ({p.date.iso})",
        lambda g: f"{g.date_as_written} ({g.date_iso})",
    ),
    "fatalities": (
        lambda p, g: count_exact(p.fatalities, g.fatalities),
        lambda p: _describe_count(p.fatalities),
        lambda g: _describe_count(g.fatalities),
    ),
    "injuries": (
        lambda p, g: count_exact(p.injuries, g.injuries),
        lambda p: _describe_count(p.injuries),
        lambda g: _describe_count(g.injuries),
    ),
    "country": (
        lambda p, g: fold(p.location.country) == fold(g.country),
        lambda p: p.location.country,
        lambda g: g.country,
    ),
}


def _labelled_accuracy(
    name: str,
    golds: Sequence[GoldEvent],
    pairs: list[tuple[int, int]],
    preds: Sequence[Event],
    gold_value: Callable[[GoldEvent], object | None],
    pred_value: Callable[[Event], object],
    reasons: list[Reason],
) -> float | None:
    """Share of gold events that label a field whose matched prediction has the same value; None if unlabelled."""
    labelled = [j for j, g in enumerate(golds) if gold_value(g) is not None]
    if not labelled:
        return None
    to_pred = {j: i for i, j in pairs}
    correct = 0
    for j in labelled:
        expected = gold_value(golds[j])
        got = pred_value(preds[to_pred[j]]) if j in to_pred else None
        if got == expected:
            correct += 1
        elif j in to_pred:
            reasons.append(
                Reason(
                    "field",
                    name,
                    f"event {j + 1} {name.removesuffix('_accuracy')} differs",
                    field=f"event {j + 1}",
                    predicted=str(got),
                    gold=str(expected),
                )
            )
    return correct / len(labelled)


def score_events(case: Case, digest: Digest) -> CaseScore:
    preds, golds = digest.events, case.events
    pairs = match_events(preds, golds)
    reasons: list[Reason] = []
    metrics: Metrics = {}
    metrics["event_precision"], metrics["event_recall"], metrics["event_f1"] = _prf(len(pairs), len(preds), len(golds))
    matched_preds, matched_golds = {i for i, _ in pairs}, {j for _, j in pairs}
    for j, gold in enumerate(golds):
        if j not in matched_golds:
            reasons.append(
                Reason(
                    "missed_event",
                    "event_recall",
                    f"gold event {j + 1} ({gold.sub_event_type.value} in {gold.location_en[0]}) has no match",
                    expected=(gold.event_type.value, *gold.location_en),
                    field=f"event {j + 1}",
                )
            )
    for i, pred in enumerate(preds):
        if i not in matched_preds:
            reasons.append(
                Reason(
                    "extra_event",
                    "event_precision",
                    f"{pred.event_id} ({pred.sub_event_type.value} in {pred.location.name_en}) matches no gold event",
                    field=pred.event_id,
                    predicted=f"{pred.event_type.value} / {pred.location.name_en}",
                )
            )

    for name, (check, show_pred, show_gold) in _FIELD_CHECKS.items():
        correct = 0
        for i, j in pairs:
            if check(preds[i], golds[j]):
                correct += 1
            else:
                reasons.append(
                    Reason(
                        "field",
                        f"{name}_f1",
                        f"event {j + 1} {name} differs",
                        field=f"event {j + 1} {name}",
                        predicted=show_pred(preds[i]),
                        gold=show_gold(golds[j]),
                    )
                )
        metrics[f"{name}_f1"] = _prf(correct, len(preds), len(golds))[2]

    metrics["date_iso_accuracy"] = _labelled_accuracy(
        "date_iso_accuracy",
        golds,
        pairs,
        preds,
        lambda g: g.date_iso,
        lambda p: p.date.iso.isoformat() if p.date.iso else None,
        reasons,
    )
    metrics["geo_precision_accuracy"] = _labelled_accuracy(
        "geo_precision_accuracy",
        golds,
        pairs,
        preds,
        lambda g: g.geo_precision,
        lambda p: p.location.geo_precision,
        reasons,
    )
    metrics["time_precision_accuracy"] = _labelled_accuracy(
        "time_precision_accuracy",
        golds,
        pairs,
        preds,
        lambda g: g.time_precision,
        lambda p: p.date.time_precision,
        reasons,
    )

    actor_tp, type_ok = 0, 0
    for i, j in pairs:
        gold_actors = list(golds[j].actors)
        for actor in preds[i].actors:
            hit = next((g for g in gold_actors if actor_matches(actor, g) and actor.side == g.side), None)
            if hit is None:
                reasons.append(
                    Reason(
                        "actor",
                        "actor_precision",
                        f"{pred_name(actor)} is not a gold actor of event {j + 1}",
                        field=f"event {j + 1} actors",
                        predicted=f"{actor.name_en} ({actor.side})",
                    )
                )
                continue
            gold_actors.remove(hit)
            actor_tp += 1
            if actor.actor_type == hit.actor_type:
                type_ok += 1
            else:
                reasons.append(
                    Reason(
                        "field",
                        "actor_type_accuracy",
                        f"event {j + 1} actor {hit.en[0]} type differs",
                        field=f"event {j + 1} actor {hit.en[0]}",
                        predicted=actor.actor_type.value,
                        gold=hit.actor_type.value,
                    )
                )
        reasons += [
            Reason(
                "actor",
                "actor_recall",
                f"gold actor {g.en[0]} of event {j + 1} not found",
                expected=tuple(g.en),
                field=f"event {j + 1} actors",
                gold=f"{g.en[0]} ({g.side})",
            )
            for g in gold_actors
        ]
    gold_actor_total = sum(len(g.actors) for g in golds)
    ap, ar, af = _prf(actor_tp, sum(len(p.actors) for p in preds), gold_actor_total)
    metrics.update({"actor_precision": ap, "actor_recall": ar, "actor_f1": af})
    metrics["actor_type_accuracy"] = type_ok / gold_actor_total if gold_actor_total else None

    counts = [(preds[i].fatalities, golds[j].fatalities) for i, j in pairs]
    counts += [(preds[i].injuries, golds[j].injuries) for i, j in pairs]
    gold_counts = 2 * len(golds)
    for name, check_count in (
        ("count_exact", count_exact),
        ("count_compatible", count_compatible),
        ("count_within_tolerance", count_within_tolerance),
    ):  # over every gold count: a missed event misses its counts
        metrics[name] = sum(check_count(p, g) for p, g in counts) / gold_counts if gold_counts else None

    metrics["relation_f1"] = _relation_f1(preds, golds, pairs)
    metrics["attribution_f1"], metrics["source_type_accuracy"] = _attribution_scores(preds, golds, pairs, reasons)

    def strict(i: int, j: int) -> bool:
        pred, gold = preds[i], golds[j]
        actors_exact = len(pred.actors) == len(gold.actors) and all(
            any(actor_matches(a, g) and a.side == g.side for a in pred.actors) for g in gold.actors
        )
        return all(check(pred, gold) for check, _, _ in _FIELD_CHECKS.values()) and actors_exact

    metrics["strict_instance_accuracy"] = (
        sum(strict(i, j) for i, j in pairs) / len(golds) if golds else (1.0 if not preds else 0.0)
    )
    return CaseScore(metrics, reasons)


def pred_name(actor: Actor) -> str:
    return f"{actor.name_en} ({actor.side})"


def _relation_f1(preds: Sequence[Event], golds: Sequence[GoldEvent], pairs: list[tuple[int, int]]) -> float | None:
    """F1 of (source, relation, target) triples, with predicted events mapped to gold ones by the matching."""
    to_gold = dict(pairs)
    position = {event.event_id: index for index, event in enumerate(preds)}
    predicted = {
        (to_gold.get(i), r.relation, to_gold.get(position.get(r.event_id, -1)))
        for i, event in enumerate(preds)
        for r in event.relations
    }
    gold = {(j, r.relation, r.event - 1) for j, event in enumerate(golds) for r in event.relations}
    if not predicted and not gold:
        return None
    return _prf(len(predicted & gold), len(predicted), len(gold))[2]


def _attribution_scores(
    preds: Sequence[Event], golds: Sequence[GoldEvent], pairs: list[tuple[int, int]], reasons: list[Reason]
) -> tuple[float | None, float | None]:
    """F1 of (source, stance) per matched event, and the share of labelled source types found right.

    Both None for cases whose gold labels no attribution (source type: none labelled).
    """
    gold_total = sum(len(g.attributions) for g in golds)
    if gold_total == 0:
        return None, None
    typed_total = sum(1 for g in golds for a in g.attributions if a.source_type is not None)
    correct = typed_ok = 0
    for i, j in pairs:
        remaining = list(golds[j].attributions)
        for attribution in preds[i].attributions:
            hit = next(
                (
                    g
                    for g in remaining
                    if g.stance == attribution.stance
                    and (mentions(attribution.source, g.source_ar) or mentions(attribution.source_en, g.source_en))
                ),
                None,
            )
            if hit is None:
                continue
            remaining.remove(hit)
            correct += 1
            if hit.source_type is not None:
                if attribution.source_type == hit.source_type:
                    typed_ok += 1
                else:
                    reasons.append(
                        Reason(
                            "field",
                            "source_type_accuracy",
                            f"event {j + 1} source {hit.source_en[0]} type differs",
                            field=f"event {j + 1} attribution",
                            predicted=attribution.source_type.value,
                            gold=hit.source_type.value,
                        )
                    )
        reasons += [
            Reason(
                "field",
                "attribution_f1",
                f"event {j + 1}: {g.source_en[0]} {g.stance.value} not found",
                expected=tuple(g.source_en),
                field=f"event {j + 1} attribution",
                gold=g.stance.value,
            )
            for g in remaining
        ]
    f1 = _prf(correct, sum(len(p.attributions) for p in preds), gold_total)[2]
    return f1, (typed_ok / typed_total if typed_total else None)


# --- one case ---------------------------------------------------------------------------------


def score_case(case: Case, digest: Digest | None, language: str, *, failure: str = "") -> CaseScore:
    """All metrics for one case, with reasons; a failed run (no digest) scores 0 on every metric it could earn."""
    if digest is None:
        applicable = score_case(case, reference_digest(case, language), language).metrics
        zeros: Metrics = {name: 0.0 for name, value in applicable.items() if value is not None}
        return CaseScore(zeros, [Reason("failed_run", "success", failure or "the run produced no valid digest")])
    summary, events = score_summary(case, digest, language), score_events(case, digest)
    # success is strict (the answer validated); the runner sets it to 0 for a best-effort digest, whose
    # best_effort_success stays 1: a change that makes answers invalid but keeps partial credit shows in the first
    metrics: Metrics = {"success": 1.0, "best_effort_success": 1.0, **summary.metrics, **events.metrics}
    return CaseScore(metrics, summary.reasons + events.reasons)
