"""Validating a digest against its article: quotes grounded, then claims checked, from this one module.

The schema carries data: its validators ground every quote in the article (``grounding``, a layer below) and
check the ACLED vocabulary, but whether each claim is backed by its evidence is the claim checker's call
(``summarizer.claims``), a layer above the schema. Every path that validates a digest against an article (the
re-ask loop of ``client.structured_call``, a pointer conversation's triage and repair, best-effort salvage, the
batch import, ``summarizer view``, the eval runner's claim audit and reference digests) builds its validation
context here (``context``) or validates through ``validate``, and the checker runs from here only
(``check_claims``, ``check_digest``).

How: the validation context carries the hook ``check_claims`` (key ``"claims"``) and ``Digest``'s last validator
calls it with the context; a bare context (``{"article": ...}``, as library users have always written) reaches
the same function through ``hooks.claim_check``, which the package fills. Chosen over a Digest subclass defined
up here as instructor's ``response_model`` because the checker's error must stay a pydantic validation error of
the very model the model was asked for: its wording is the re-ask feedback, recorded byte for byte in every
cassette, and each schema variant (compact, English/Arabic, partial) would need a checked twin whose JSON schema
must stay the same. A context key costs none of that.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeVar

from pydantic import BaseModel

from summarizer.claims.verify import annotate
from summarizer.findings import Finding
from summarizer.schema import Digest

Faithfulness = Literal["error", "warn", "off"]
POLICIES: tuple[str, ...] = ("error", "warn", "off")
SHOWN_ERRORS = 6
M = TypeVar("M", bound=BaseModel)


def context(article: str, language: str | None = None, faithfulness: str = "error") -> dict[str, Any]:
    """The validation context for ``article``: what the schema's validators read (the article, the language) and
    the claim checker they call back (``check_claims``, under ``faithfulness``).

    ``faithfulness``: ``"error"`` (the default) fails validation on a finding whose status is ``error`` (a check
    measured precise, ``findings.ERROR_CHECKS``), so the model is re-asked with those findings;
    ``unverified`` warnings never fail. ``"warn"`` keeps every finding on the digest (``findings``, ``status``,
    ``supported``) and fails nothing. ``"off"`` does not run the checker."""
    found: dict[str, Any] = {"article": article, "faithfulness": faithfulness, "claims": check_claims}
    if language is not None:
        found["language"] = language
    return found


def validate(model: type[M], data: Any, article: str, language: str | None = None, faithfulness: str = "error") -> M:
    """``data`` validated as ``model`` against ``article``: quotes grounded, then (for a digest) claims checked."""
    return model.model_validate(data, context=context(article, language, faithfulness))


def check_claims(digest: Digest, context: Mapping[str, Any]) -> None:
    """The hook ``Digest``'s last validator calls: check every claim against the context's article (the digest
    is annotated: ``findings``, ``status``, ``supported``) and, under ``faithfulness="error"``, raise the
    ``ValueError`` the model is re-asked with when a finding is an error."""
    policy = context.get("faithfulness", "error")
    if policy == "off":
        return
    if policy not in POLICIES:
        raise ValueError(f"faithfulness must be 'error', 'warn' or 'off', not {policy!r}")
    errors = [f for f in check_digest(digest, context["article"]) if f.is_error]
    if errors and policy == "error":
        shown = "; ".join(f"{f.location}: {f.message} ({f.claim[:80]!r})" for f in errors[:SHOWN_ERRORS])
        more = f" (+{len(errors) - SHOWN_ERRORS} more)" if len(errors) > SHOWN_ERRORS else ""
        raise ValueError(
            f"claims not supported by their evidence: {shown}{more}. State only what the quoted evidence says, "
            "or quote the sentence that says it."
        )


def check_digest(digest: Digest, article: str) -> list[Finding]:
    """Run the claim checker on a digest already grounded in ``article`` and record its results on it (each claim's
    status, ``supported``, ``findings``); return every finding, errors and ``unverified`` warnings alike.

    For what validates items one by one (``triage``, the claim audit): the same checker the hook runs."""
    return annotate(digest, article)
