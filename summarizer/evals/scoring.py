"""Scorers: pure functions from (case, digest) to numbers in [0, 1].

Summary metrics work across languages: English bullets are checked against
English aliases, Arabic bullets against Arabic aliases after the same Arabic
normalisation grounding uses. ROUGE and chrF on Arabic use our own tokenizer
(rouge-score's default one drops every Arabic letter).

Event metrics match predicted to gold events one-to-one (Hungarian assignment
on type, location and date), then score fields on the matched pairs.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rouge_score import rouge_scorer
from sacrebleu.metrics.chrf import CHRF
from scipy.optimize import linear_sum_assignment

from summarizer.arabic import arabic_letter_ratio, normalize_text, same_word, strip_proclitics
from summarizer.evals.cases import Case, GoldActor, GoldCount, GoldEvent
from summarizer.grounding import QuoteNotFound, locate
from summarizer.schema import Actor, Count, CountQualifier, Digest, Event

MAX_BULLET_WORDS = 40
Metrics = dict[str, float | None]
HIGHER_IS_BETTER = {"trap_rate": False}


def fold(text: str) -> str:
    """Normalise for matching: Arabic folding, lower case, punctuation to spaces, dots in U.S. dropped."""
    return " ".join(re.sub(r"[^\w]+", " ", normalize_text(text).replace(".", "")).split())


def mentions(text: str, aliases: Sequence[str]) -> bool:
    """Does ``text`` contain any alias as a run of words? Attached clitics (و ف ب ل ك ال) are tolerated,
    and the alias's last word may be a stem ('retaliat' finds 'retaliated')."""
    words = fold(text).split()
    for alias in aliases:
        wanted = fold(alias).split()
        if not wanted:
            continue
        for start in range(len(words) - len(wanted) + 1):
            window = words[start : start + len(wanted)]
            *body, last = wanted
            if all(same_word(a, b) for a, b in zip(body, window, strict=False)) and same_word(
                last, window[-1], prefix=True
            ):
                return True
    return False


class _ArabicTokenizer:
    """Whitespace tokens of the normalised text; rouge-score's default drops Arabic entirely."""

    def tokenize(self, text: str) -> list[str]:
        return [strip_proclitics(token) for token in fold(text).split()]


_ROUGE = rouge_scorer.RougeScorer(["rouge1", "rougeL"], tokenizer=_ArabicTokenizer())
_CHRF = CHRF()


def overlap_scores(candidate: str, reference: str) -> Metrics:
    """ROUGE-1 / ROUGE-L F1 and chrF (0-1) on normalised Arabic."""
    rouge = _ROUGE.score(reference, candidate)
    chrf = _CHRF.sentence_score(normalize_text(candidate), [normalize_text(reference)]).score / 100
    return {"rouge1": rouge["rouge1"].fmeasure, "rougeL": rouge["rougeL"].fmeasure, "chrf": chrf}


def _quotes(digest: Digest) -> list[str]:
    quotes = [e.quote for b in digest.bullets for e in b.evidence]
    for event in digest.events:
        quotes += [e.quote for e in event.evidence]
        for count in (event.fatalities, event.injuries):
            quotes += [e.quote for e in count.evidence]
        for source in event.attributions:
            quotes += [e.quote for e in source.evidence]
    return quotes


def grounding_rate(digest: Digest, article: str) -> float:
    quotes = _quotes(digest)
    if not quotes:
        return 0.0
    found = 0
    for quote in quotes:
        try:
            locate(quote, article)
            found += 1
        except QuoteNotFound:
            pass
    return found / len(quotes)


def score_summary(case: Case, digest: Digest, language: str) -> Metrics:
    texts = [b.text for b in digest.bullets]
    joined = "\n".join(texts)
    recalled = [f for f in case.key_facts if mentions(joined, f.en if language == "en" else f.ar)]
    traps = [t for t in case.traps if mentions(joined, t.en if language == "en" else t.ar)]
    in_language = [
        (arabic_letter_ratio(t) >= 0.6) if language == "ar" else (arabic_letter_ratio(t) <= 0.2) for t in texts
    ]
    metrics: Metrics = {
        "key_fact_recall": len(recalled) / len(case.key_facts),
        "trap_rate": len(traps) / len(case.traps) if case.traps else None,
        "bullet_count_ok": 1.0 if 3 <= len(texts) <= 6 else 0.0,
        "bullet_length_ok": sum(len(t.split()) <= MAX_BULLET_WORDS for t in texts) / len(texts) if texts else 0.0,
        "language_ok": sum(in_language) / len(in_language) if in_language else 0.0,
        "grounding_rate": grounding_rate(digest, case.article),
    }
    if language == "ar" and case.human_bullets_ar:
        metrics.update(overlap_scores(joined, "\n".join(case.human_bullets_ar)))
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
    similarity = np.array([[_similarity(p, g) for g in golds] for p in preds])
    rows, cols = linear_sum_assignment(-similarity)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if similarity[r, c] > 0]


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


def _prf(correct: float, predicted: int, gold: int) -> tuple[float | None, float | None, float | None]:
    precision = correct / predicted if predicted else None
    recall = correct / gold if gold else None
    if precision is None and recall is None:
        return 1.0, 1.0, 1.0  # nothing to find, nothing claimed
    p, r = precision or 0.0, recall or 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return precision, recall, f1


def score_events(case: Case, digest: Digest) -> Metrics:
    preds, golds = digest.events, case.events
    pairs = match_events(preds, golds)
    metrics: Metrics = {}
    metrics["event_precision"], metrics["event_recall"], metrics["event_f1"] = _prf(len(pairs), len(preds), len(golds))

    checks: dict[str, Callable[[Event, GoldEvent], bool]] = {
        "event_type": lambda p, g: p.event_type == g.event_type,
        "sub_event_type": lambda p, g: p.sub_event_type == g.sub_event_type,
        "location": location_matches,
        "date": date_matches,
        "fatalities": lambda p, g: count_exact(p.fatalities, g.fatalities),
        "injuries": lambda p, g: count_exact(p.injuries, g.injuries),
    }
    for name, check in checks.items():
        correct = sum(check(preds[i], golds[j]) for i, j in pairs)
        metrics[f"{name}_f1"] = _prf(correct, len(preds), len(golds))[2]

    actor_tp = 0
    for i, j in pairs:
        gold_actors = list(golds[j].actors)
        for actor in preds[i].actors:
            hit = next((g for g in gold_actors if actor_matches(actor, g) and actor.side == g.side), None)
            if hit is not None:
                gold_actors.remove(hit)
                actor_tp += 1
    ap, ar, af = _prf(actor_tp, sum(len(p.actors) for p in preds), sum(len(g.actors) for g in golds))
    metrics.update({"actor_precision": ap, "actor_recall": ar, "actor_f1": af})

    counts = [(preds[i].fatalities, golds[j].fatalities) for i, j in pairs]
    counts += [(preds[i].injuries, golds[j].injuries) for i, j in pairs]
    for name, check_count in (
        ("count_exact", count_exact),
        ("count_compatible", count_compatible),
        ("count_within_tolerance", count_within_tolerance),
    ):
        metrics[name] = sum(check_count(p, g) for p, g in counts) / len(counts) if counts else None

    metrics["relation_f1"] = _relation_f1(preds, golds, pairs)
    metrics["attribution_f1"] = _attribution_f1(preds, golds, pairs)

    def strict(i: int, j: int) -> bool:
        pred, gold = preds[i], golds[j]
        actors_exact = len(pred.actors) == len(gold.actors) and all(
            any(actor_matches(a, g) and a.side == g.side for a in pred.actors) for g in gold.actors
        )
        return all(check(pred, gold) for check in checks.values()) and actors_exact

    metrics["strict_instance_accuracy"] = (
        sum(strict(i, j) for i, j in pairs) / len(golds) if golds else (1.0 if not preds else 0.0)
    )
    return metrics


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


def _attribution_f1(preds: Sequence[Event], golds: Sequence[GoldEvent], pairs: list[tuple[int, int]]) -> float | None:
    """F1 of (source, stance) per matched event; None for cases whose gold labels no attribution."""
    gold_total = sum(len(g.attributions) for g in golds)
    if gold_total == 0:
        return None
    correct = 0
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
            if hit is not None:
                remaining.remove(hit)
                correct += 1
    return _prf(correct, sum(len(p.attributions) for p in preds), gold_total)[2]


def score_case(case: Case, digest: Digest | None, language: str) -> Metrics:
    """All metrics for one case; a failed run (no digest) scores 0 on everything it could have earned."""
    if digest is None:
        from summarizer.evals.reference import reference_digest  # what a perfect run would have been scored on

        applicable = score_case(case, reference_digest(case, language), language)
        return {
            name: (0.0 if HIGHER_IS_BETTER.get(name, True) else None)
            for name, value in applicable.items()
            if value is not None
        }
    return {"success": 1.0, **score_summary(case, digest, language), **score_events(case, digest)}


@dataclass(frozen=True)
class Aggregate:
    mean: float
    n: int


def aggregate(per_case: Sequence[Metrics]) -> dict[str, Aggregate]:
    """Mean of each metric over the cases where it applies (a failed case carries its zeros already)."""
    names = sorted({name for metrics in per_case for name in metrics})
    result: dict[str, Aggregate] = {}
    for name in names:
        values = [v for metrics in per_case if (v := metrics.get(name)) is not None]
        if values:
            result[name] = Aggregate(sum(values) / len(values), len(values))
    return result
