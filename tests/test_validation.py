"""The claim checker runs from one place (summarizer.validation): the schema carries data and never imports it,
the core reaches it only through the validation context, and a context that forgets it is refused."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from summarizer import findings as finding
from summarizer import hooks
from summarizer.article_index import per_article
from summarizer.schema import Digest
from summarizer.validation import check_claims, context, validate
from tests.test_architecture import graph

ROOT = Path(__file__).resolve().parent.parent
SEED = (ROOT / "seeds" / "000_28e21e24a588c826.article.txt").read_text(encoding="utf-8")


def _seed_digest() -> dict[str, object]:
    data = json.loads((ROOT / "tests" / "fixtures" / "reference_seed_digest_en.json").read_text(encoding="utf-8"))
    data.pop("_fixture", None)
    return data  # type: ignore[no-any-return]


def test_the_context_carries_the_checker_and_the_schema_calls_it() -> None:
    built = context(SEED, "en", "warn")
    assert built["claims"] is check_claims and built["article"] == SEED and built["language"] == "en"
    digest = validate(Digest, _seed_digest(), SEED, "en", "warn")
    assert digest.findings is not None  # the checker ran and recorded its results
    assert all(b.status is not None for b in digest.bullets)


def test_a_bare_context_checks_claims_through_the_packages_default() -> None:
    """Library users' ``context={"article": ...}`` checks claims as it always did (issue 21: behaviour kept)."""
    data = _seed_digest()
    data["bullets"][0]["text"] = "12,000 people were killed."  # type: ignore[index]
    with pytest.raises(ValidationError, match="claims not supported"):
        Digest.model_validate(data, context={"article": SEED, "language": "en"})
    warned = Digest.model_validate(data, context={"article": SEED, "language": "en", "faithfulness": "warn"})
    assert warned.findings and warned.bullets[0].status == "unsupported"


def test_with_no_checker_at_all_an_article_context_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hooks, "claim_check", None)
    with pytest.raises(TypeError, match="no claim checker"):
        Digest.model_validate(_seed_digest(), context={"article": SEED, "language": "en"})
    assert Digest.model_validate(_seed_digest(), context={"article": SEED, "claims": None}).findings is None


def test_faithfulness_off_grounds_quotes_and_checks_no_claim() -> None:
    for built in (context(SEED, "en", "off"), {"article": SEED, "language": "en", "faithfulness": "off"}):
        digest = Digest.model_validate(_seed_digest(), context=built)
        assert digest.findings is None and all(e.start is not None for b in digest.bullets for e in b.evidence)


def test_the_checker_error_is_a_validation_error_of_the_model_asked_for() -> None:
    data = _seed_digest()
    data["bullets"][0]["text"] = "12,000 people were killed."  # type: ignore[index]
    with pytest.raises(ValidationError, match="claims not supported by their evidence") as caught:
        validate(Digest, data, SEED, "en")
    assert caught.value.title == "Digest"


def test_only_the_validation_module_imports_the_checker_below_the_eval_layers() -> None:
    """The core (schema, client, api, batch, repair, triage, salvage, html) reaches the checker through
    summarizer.validation; eval tools that measure the checker itself may call it directly, and the package
    facade re-exports its pure ``verify`` for users."""
    edges = graph()
    core = [m for m in edges if not m.startswith(("summarizer.evals", "summarizer.cli", "summarizer.claims"))]
    core.remove("summarizer")
    callers = sorted(m for m in core if "summarizer.claims.verify" in edges[m] or "summarizer.claims" in edges[m])
    assert callers == ["summarizer.validation"]


def test_one_answer_is_checked_once_however_often_it_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation, best-effort triage, the digest built from the kept parts and the eval's audit all ask about the
    same content: the checker runs once, the rest are look-ups (results equal, lists not shared)."""
    verify_module = sys.modules["summarizer.claims.verify"]
    runs: list[int] = []
    real = verify_module._check

    def counted(digest: Digest, article: str) -> object:
        runs.append(1)
        return real(digest, article)

    monkeypatch.setattr(verify_module, "_check", counted)
    article = SEED + "\n[[memo]]"  # an article of its own: nothing remembered yet
    first = validate(Digest, _seed_digest(), article, "en", "warn")
    again = validate(Digest, _seed_digest(), article, "en", "warn")
    assert len(runs) == 1
    assert first.findings == again.findings and first.findings is not again.findings
    changed = _seed_digest()
    changed["bullets"][0]["text"] = "12,000 people were killed."  # type: ignore[index]
    validate(Digest, changed, article, "en", "warn")
    assert len(runs) == 2  # other content: checked


def test_the_memo_follows_the_erroring_table(monkeypatch: pytest.MonkeyPatch) -> None:
    """A finding's status comes from finding.ERROR_CHECKS (the claims benchmark swaps it): part of the key."""
    data = _seed_digest()
    data["bullets"][0]["text"] = "12,000 people were killed."  # type: ignore[index]
    article = SEED + "\n[[table]]"
    assert any(f.is_error for f in validate(Digest, data, article, "en", "warn").findings or [])
    monkeypatch.setattr(finding, "ERROR_CHECKS", frozenset())
    assert not any(f.is_error for f in validate(Digest, data, article, "en", "warn").findings or [])


def test_per_article_tables_survive_many_distinct_articles_in_flight() -> None:
    """More than 16 distinct articles (an lru_cache(16) evicted the first by then): each table is built once."""
    built: list[str] = []

    @per_article
    def table(article: str) -> int:
        built.append(article)
        return len(article)

    articles = [f"{SEED}\n[[{n}]]" for n in range(40)]
    for _ in range(2):
        assert [table(a) for a in articles] == [len(a) for a in articles]
    assert built == articles
