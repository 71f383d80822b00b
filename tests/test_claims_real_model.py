"""The claim checker on what a real model wrote, labelled by a person: false alarms at most 2% (issue 8).

The perturbation suite edits our own reference digests; these are Qwen2.5-Coder 1.5B's bullets from the
committed prompt-v2 recordings, each labelled faithful or not against the article text its evidence cites
(`tests/fixtures/claims_real_model.json`). The checker is re-run on every recorded answer here, so a checker
change that starts flagging faithful model wording fails this test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.evals.audit import AuditedBullet, audit_recordings

ROOT = Path(__file__).parent.parent
FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "claims_real_model.json").read_text(encoding="utf-8"))
MIN_FAITHFUL_FOUND = 30  # recordings re-made with another prompt leave labels behind: relabel, do not shrink


@pytest.fixture(scope="module")
def audited() -> dict[str, AuditedBullet]:
    folder = ROOT / "cassettes" / FIXTURE["model"] / FIXTURE["prompt"]
    return {b.key: b for b in audit_recordings(folder, ROOT / "evals" / "cases", FIXTURE["prompt"])}


def test_false_alarms_on_faithful_model_bullets_are_at_most_2_percent(audited: dict[str, AuditedBullet]) -> None:
    faithful = [label for label in FIXTURE["labels"] if label["faithful"] and label["key"] in audited]
    assert len(faithful) >= MIN_FAITHFUL_FOUND, "labelled bullets no longer in the recordings: relabel the fixture"
    alarms = [(label["text"], audited[label["key"]].findings) for label in faithful if audited[label["key"]].findings]
    assert len(alarms) <= 0.02 * len(faithful), alarms


def test_most_unfaithful_model_bullets_are_caught(audited: dict[str, AuditedBullet]) -> None:
    """Not the issue's bar (that is for planted edits); a floor under what the checker catches on real output,
    so a change that stops catching it shows. The misses are mostly Arabic bullets that copy one sentence and
    cite another, whose names and numbers are all in the article."""
    unfaithful = [label for label in FIXTURE["labels"] if not label["faithful"] and label["key"] in audited]
    caught = [label for label in unfaithful if audited[label["key"]].findings]
    assert len(unfaithful) >= 120
    assert len(caught) / len(unfaithful) >= 0.6, f"{len(caught)} of {len(unfaithful)}"
