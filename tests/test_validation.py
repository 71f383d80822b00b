"""The claim checker runs from one place (summarizer.validation): the schema carries data and never imports it,
the core reaches it only through the validation context, and a context that forgets it is refused."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

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


def test_a_context_with_an_article_but_no_checker_is_refused() -> None:
    with pytest.raises(TypeError, match=r"summarizer\.validation"):
        Digest.model_validate(_seed_digest(), context={"article": SEED, "language": "en"})


def test_faithfulness_off_grounds_quotes_and_checks_no_claim() -> None:
    for built in (context(SEED, "en", "off"), {"article": SEED, "language": "en", "faithfulness": "off"}):
        digest = Digest.model_validate(_seed_digest(), context=built)
        assert digest.findings is None and all(e.start is not None for b in digest.bullets for e in b.evidence)


def test_the_checker_error_is_a_validation_error_of_the_model_asked_for() -> None:
    data = _seed_digest()
    data["bullets"][0]["text"] = "Twelve thousand people were killed."  # type: ignore[index]
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
