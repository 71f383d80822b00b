"""The perturbation suite (summarizer.evals.perturb): single planted edits in the cases' reference digests.

Thresholds from issue 8: at least 300 edits, at least 95% detected for each kind (a finding of that
kind at the edited bullet or field), at most 2% false alarms on the unedited digests.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from summarizer.evals.perturb import KINDS, SuiteResult, run_suite

CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"


@lru_cache(maxsize=1)
def _result() -> SuiteResult:
    return run_suite(CASES)


def test_at_least_300_edits_in_both_languages_and_in_fields() -> None:
    edits = _result().edits
    assert sum(edits.values()) >= 300
    for kind in KINDS:
        assert sum(n for (k, lang, where), n in edits.items() if k == kind and where == "field") > 0, kind
        for language in ("en", "ar"):
            assert sum(n for (k, lang_, w), n in edits.items() if k == kind and lang_ == language and w == "bullet")


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_detected_at_least_95_percent(kind: str) -> None:
    result = _result()
    edits = sum(n for key, n in result.edits.items() if key[0] == kind)
    caught = sum(n for key, n in result.caught.items() if key[0] == kind)
    missed = [f"{e.case} {e.language} {e.location}: {e.description}" for e, _ in result.missed if e.kind == kind]
    assert caught / edits >= 0.95, missed


def test_false_alarms_on_unedited_reference_digests_are_at_most_2_percent() -> None:
    result = _result()
    assert result.false_alarms / result.items <= 0.02
