"""The claim checker's API: verify is pure, annotate records statuses, validation checks claims by default
and fails only on erroring checks, and "off" turns the check off."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from summarizer import findings as finding
from summarizer import verify
from summarizer.claims import annotate
from summarizer.findings import CHECKS, ERROR_CHECKS, Finding
from summarizer.render import to_markdown
from summarizer.schema import Digest
from summarizer.validation import context as validation_context

ARTICLE = (
    "بيروت - استهدفت طائرة مسيّرة إسرائيلية، أمس الثلاثاء 14 أيار 2024، سيارة في بلدة بنت جبيل جنوبي لبنان، "
    "ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين بجروح. ولم يعلق الجيش الإسرائيلي على الغارة حتى الآن."
)
QUOTE = "ما أدى إلى مقتل شخصين وإصابة ثلاثة آخرين"
DATA: dict[str, Any] = {
    "bullets": [
        {"text": "12 people were killed.", "evidence": [{"quote": QUOTE}]},
        {"text": "Two people were killed.", "evidence": [{"quote": QUOTE}]},
        {"text": "Three people were wounded.", "evidence": [{"quote": QUOTE}]},
    ]
}


def _plain() -> Digest:
    """The digest validated without an article: offsets and statuses unset."""
    return Digest.model_validate(DATA)


def test_verify_is_pure() -> None:
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="off"))
    before = digest.model_dump()
    findings = verify(digest, ARTICLE)
    assert [(f.location, f.check) for f in findings] == [("bullets[0]", "number.value")]
    assert digest.model_dump() == before
    assert digest.findings is None and digest.bullets[0].status is None and digest.bullets[0].supported is None


def test_annotate_records_statuses() -> None:
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="off"))
    findings = annotate(digest, ARTICLE)
    assert digest.findings == findings
    assert [b.status for b in digest.bullets] == ["unsupported", "supported", "supported"]
    assert [b.supported for b in digest.bullets] == [False, True, True]


def test_validating_against_an_article_checks_claims_by_default() -> None:
    with pytest.raises(ValidationError, match="number '12'"):
        Digest.model_validate(DATA, context=validation_context(ARTICLE, "en"))


def test_faithfulness_off_does_not_run_the_checker() -> None:
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="off"))
    assert digest.findings is None and digest.bullets[0].status is None
    assert digest.bullets[0].evidence[0].start is not None  # quotes are still located


def test_an_unknown_policy_is_refused() -> None:
    with pytest.raises(ValidationError, match="faithfulness must be"):
        Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="strict"))


def test_only_erroring_checks_fail_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="error"))
    assert digest.findings and all(f.status == "unverified" for f in digest.findings)
    assert digest.bullets[0].status == "unverified" and digest.bullets[0].supported is True
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset({"number.value"}))
    with pytest.raises(ValidationError, match="not stated in this bullet's evidence"):
        Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="error"))


def test_unverified_findings_are_shown_in_markdown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="error"))
    text = to_markdown(digest)
    assert "unverified" in text and "number.value" in text


def test_every_erroring_check_is_a_known_check_and_a_finding_takes_its_status_from_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert set(ERROR_CHECKS) <= set(CHECKS)
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset({"name.article_swap"}))
    unknown = Finding.of("name.unknown", "bullets[0]", "x", "y", "z")
    swap = Finding.of("name.article_swap", "bullets[0]", "x", "y", "z")
    assert (unknown.kind, unknown.status, swap.status) == ("name", "unverified", "error")
    assert _plain().bullets[0].status is None


def test_unverified_findings_are_shown_on_the_html_page(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer.html import render_digest_page

    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="error"))
    page = render_digest_page(digest, ARTICLE)
    assert 'class="badge warn"' in page and "number.value (unverified)" in page
    assert 'class="bullet unsupported"' not in page


def test_json_carries_check_and_status() -> None:
    digest = Digest.model_validate(DATA, context=validation_context(ARTICLE, faithfulness="warn"))
    dumped = digest.model_dump(mode="json")
    assert dumped["findings"][0]["check"] == "number.value" and dumped["findings"][0]["status"] == "error"
    assert dumped["bullets"][0]["status"] == "unsupported"


def test_triage_keeps_a_part_with_only_unverified_findings_and_marks_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pointer conversation and best-effort mode drop a part only for an erroring finding."""
    from summarizer.triage import Item, assemble, build

    items = [Item("bullet", dict(b), where=f"bullets[{n}]") for n, b in enumerate(DATA["bullets"])]
    bullets, _ = assemble(items, ARTICLE, "en")
    assert [i.data["text"] for i in bullets] == ["Two people were killed.", "Three people were wounded."]
    assert items[0].reasons() and "number" in items[0].reasons()[0]
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    items = [Item("bullet", dict(b), where=f"bullets[{n}]") for n, b in enumerate(DATA["bullets"])]
    bullets, events = assemble(items, ARTICLE, "en")
    assert len(bullets) == 3 and items[0].findings and not items[0].reasons()
    digest = build(bullets, events, ARTICLE, "en", Digest)
    assert [b.status for b in digest.bullets] == ["unverified", "supported", "supported"]


def test_best_effort_keeps_unverified_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    from summarizer.salvage import keep_supported

    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    kept = keep_supported(json.dumps(DATA), Digest, validation_context(ARTICLE, "en"))
    assert kept is not None
    digest, dropped = kept
    assert len(digest.bullets) == 3 and not dropped and digest.bullets[0].status == "unverified"
