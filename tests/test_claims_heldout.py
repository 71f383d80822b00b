"""The claim checker on Arabic news phrasing the perturbation suite never saw (a hand-written fixture).

Faithful summaries of each sentence (English and Arabic) must raise no finding; each unfaithful one
must raise a finding of its kind. Thresholds are the issue's: at most 2% false alarms, and detection
well above chance on every kind (the fixture is small, so each miss is listed on failure).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from summarizer import verify
from summarizer.schema import Bullet, Digest, Evidence

FIXTURE = Path(__file__).parent / "fixtures" / "claims_heldout_ar.json"


def _items() -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return list(data["items"])


def _findings(text: str, evidence: str) -> list[str]:
    # The article is every sentence of the fixture, about the length of a short news story: words are
    # checked against a whole article, as in use, not against one sentence.
    article = "\n".join(item["evidence"] for item in _items())
    bullet = Bullet.model_construct(text=text, evidence=[Evidence(quote=evidence)], supported=None)
    digest = Digest.model_construct(bullets=[bullet], events=[], run=None, findings=None)
    return [f.kind for f in verify(digest, article)]


def test_faithful_summaries_of_unseen_phrasing_raise_at_most_2_percent_false_alarms() -> None:
    claims = [(item["evidence"], text) for item in _items() for text in item["faithful"]]
    alarms = [(text, kinds) for evidence, text in claims if (kinds := _findings(text, evidence))]
    assert len(claims) >= 50
    assert len(alarms) / len(claims) <= 0.02, alarms


def test_unfaithful_claims_on_unseen_phrasing_are_found_with_their_kind() -> None:
    cases = [(item["evidence"], u["text"], u["kind"]) for item in _items() for u in item["unfaithful"]]
    missed = [(text, kind, found) for evidence, text, kind in cases if kind not in (found := _findings(text, evidence))]
    assert len(cases) >= 35
    assert len(missed) / len(cases) <= 0.05, missed
