"""Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM.

The public names load on first use (PEP 562): ``import summarizer`` stays cheap, and the openai SDK
(about a second of start-up) loads with the first call that needs it.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from summarizer import hooks as _hooks

if TYPE_CHECKING:
    from summarizer.api import (
        ItemError,
        ResultCallback,
        asummarize,
        asummarize_iter,
        asummarize_many,
        summarize,
        summarize_iter,
        summarize_many,
    )
    from summarizer.claims import Finding, verify
    from summarizer.errors import SummarizerError
    from summarizer.schema import Digest
    from summarizer.settings import ProviderSettings

# public name -> the module that defines it (add a line here to export more)
_EXPORTS = {
    "Digest": "summarizer.schema",
    "Finding": "summarizer.claims",
    "ItemError": "summarizer.api",
    "ProviderSettings": "summarizer.settings",
    "SummarizerError": "summarizer.errors",
    "ResultCallback": "summarizer.api",
    "asummarize": "summarizer.api",
    "asummarize_iter": "summarizer.api",
    "asummarize_many": "summarizer.api",
    "summarize": "summarizer.api",
    "summarize_iter": "summarizer.api",
    "summarize_many": "summarizer.api",
    "verify": "summarizer.claims",
}

__all__ = [
    "Digest",
    "Finding",
    "ItemError",
    "ProviderSettings",
    "ResultCallback",
    "SummarizerError",
    "asummarize",
    "asummarize_iter",
    "asummarize_many",
    "summarize",
    "summarize_iter",
    "summarize_many",
    "verify",
]
__version__ = "0.1.0"


def _check_claims(digest: Any, context: Mapping[str, Any]) -> None:
    """The schema's default claim checker (``hooks.claim_check``): ``summarizer.validation``'s, loaded with the first
    digest validated against an article, so a bare ``context={"article": ...}`` checks claims as it always did."""
    from summarizer.validation import check_claims

    check_claims(digest, context)


def _notebook_html(digest: Any) -> str:
    """The schema's notebook view (``hooks.notebook_html``): ``summarizer.html``'s, loaded when a notebook first
    shows a digest."""
    from summarizer.html import notebook_html

    return notebook_html(digest)


_hooks.claim_check = _check_claims
_hooks.notebook_html = _notebook_html


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # later look-ups skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
