"""The scorer's speed-ups change no figure: chrF on a cached reference is sacrebleu's sentence chrF to the last bit,
and a remembered overlap or key-fact match is what computing it again gives."""

from __future__ import annotations

import random
from pathlib import Path

from sacrebleu.metrics.chrf import CHRF

from summarizer.arabic import normalize_text
from summarizer.evals import scoring
from summarizer.evals.cases import load_cases
from summarizer.evals.matching import find_alias
from summarizer.evals.reference import reference_digest

ROOT = Path(__file__).resolve().parent.parent


def _pairs() -> list[tuple[str, str]]:
    """(candidate, reference) over every case and language: the gold digest's bullets (all, each, shuffled words,
    none) against the human bullets, normalised as the scorer normalises them."""
    rng = random.Random(23)
    pairs = []
    for case in load_cases(ROOT / "evals" / "cases"):
        for language in ("en", "ar"):
            human = case.human_bullets_en if language == "en" else case.human_bullets_ar
            if not human:
                continue
            reference = normalize_text("\n".join(human))
            bullets = [b.text for b in reference_digest(case, language).bullets]
            words = " ".join(bullets).split()
            rng.shuffle(words)
            candidates = ["\n".join(bullets), *bullets, " ".join(words), "", reference]
            pairs += [(normalize_text(c), reference) for c in candidates]
    return pairs


def test_chrf_on_a_cached_reference_is_sacrebleus_sentence_chrf() -> None:
    pairs = _pairs()
    assert len(pairs) > 300
    for candidate, reference in pairs:
        assert scoring._chrf(candidate, reference) == CHRF().sentence_score(candidate, [reference]).score


def test_remembered_overlaps_and_matches_are_what_computing_again_gives() -> None:
    case = next(iter(load_cases(ROOT / "evals" / "cases")))
    text = "\n".join(b.text for b in reference_digest(case, "en").bullets)
    reference = "\n".join(case.human_bullets_en)
    first = scoring.overlap_scores(text, reference)
    first["rougeL"] = -1.0  # a caller's change to its copy reaches no later caller
    again = scoring.overlap_scores(text, reference)
    scoring._overlap_scores.cache_clear()
    assert again == scoring.overlap_scores(text, reference) and again["rougeL"] != -1.0
    for fact in case.key_facts:
        assert scoring._found(text, tuple(fact.en)) == find_alias(text, fact.en)
