"""Distinct articles for the benchmarks, and the mock server's answer to each: no two requests alike.

Article ``n`` is case ``n % 42`` of the suite (1k-34k characters, real Arabic news) under a first line
``[[NNNN]]`` that makes it distinct, so no per-article cache (index, claims, dates) serves one article from
another's work, as it would for copies of one article. The mock server finds the marker in the request and
answers with that case's ``reference`` digest (the case's gold labels as a Digest, a fixture: never presented
as model output), which validates against the article it is for.

"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from summarizer.evals.cases import Case

ROOT = Path(__file__).resolve().parent.parent
MARKER = re.compile(rb"\[\[(\d+)\]\]")


@functools.cache
def _cases() -> list[Case]:
    from summarizer.evals.cases import load_cases

    return list(load_cases(ROOT / "evals" / "cases"))


def article(n: int) -> str:
    """The n-th distinct article."""
    cases = _cases()
    return f"[[{n:04d}]]\n" + cases[n % len(cases)].article


def articles(count: int) -> list[str]:
    return [article(n) for n in range(count)]


def answers() -> list[str]:
    """Each case's reference digest as the model would answer it (JSON of the fields the model writes)."""
    from summarizer.evals.reference import reference_digest

    return [
        json.dumps(_model_fields(reference_digest(case, "en").model_dump(mode="json")), ensure_ascii=False)
        for case in _cases()
    ]


_OURS = {
    "run",
    "start",
    "end",
    "match",
    "similarity",
    "model_quote",
    "supported",
}  # filled by validation, not the model


def _model_fields(value: object) -> object:
    if isinstance(value, dict):
        return {k: _model_fields(v) for k, v in value.items() if k not in _OURS and v is not None}
    if isinstance(value, list):
        return [_model_fields(v) for v in value]
    return value


def case_of(body: bytes) -> int | None:
    """Which case a request is for (its article's marker), or None."""
    found = MARKER.search(body)
    return None if found is None else int(found.group(1)) % len(_cases())
