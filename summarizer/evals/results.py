"""What an eval run produces, as plain typed data: reports (JSON, Markdown, JUnit, HTML) render from this.

A result is one case in one language. Its ``reasons`` say why it scored what it did: the scorer's
(missed facts with the alias expected, fired traps with the sentence, event matches with field
differences) and the runner's (the validation error and the model's raw output when a run failed).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from summarizer.schema import Digest, Usage

Metrics = dict[str, float | None]
# Outcomes that mean "this recording cannot be trusted": the gate refuses to decide on them (exit 30).
RECORDING_PROBLEMS = frozenset({"stale_recording", "missing_recording", "corrupt_recording"})


@dataclass(frozen=True)
class Reason:
    """One explained finding about a case: ``kind`` is a stable key, ``message`` one line for a human."""

    kind: str
    message: str
    metric: str | None = None
    detail: dict[str, Any] = field(default_factory=dict)


def as_reason(item: Any) -> Reason:
    """Adopt whatever the scorer returns as a reason (our Reason, another dataclass, a dict or a string)."""
    if isinstance(item, Reason):
        return item
    if isinstance(item, str):
        return Reason("note", item)
    if is_dataclass(item) and not isinstance(item, type):
        data = {f.name: getattr(item, f.name) for f in fields(item)}
    elif isinstance(item, Mapping):
        data = dict(item)
    elif hasattr(item, "model_dump"):
        data = item.model_dump()
    else:
        return Reason("note", str(item))
    kind = str(data.pop("kind", "note"))
    message = str(data.pop("message", "") or data.pop("text", "") or kind)
    metric = data.pop("metric", None)
    return Reason(kind, message, str(metric) if metric is not None else None, _plain(data))


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    """JSON-safe values: enums by value, anything else unknown by its text."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        if value is None or isinstance(value, str | int | float | bool):
            out[key] = value
        elif isinstance(value, list | tuple):
            out[key] = [v if isinstance(v, str | int | float | bool) or v is None else str(v) for v in value]
        else:
            out[key] = str(getattr(value, "value", value))
    return out


@dataclass(frozen=True)
class BulletMark:
    """One bullet of the model's answer as a reader sees it: its text, and whether the checker supports it."""

    text: str
    supported: bool
    why: str = ""  # what the checker found, or why the bullet did not stand at all


@dataclass
class CaseResult:
    case_id: str
    outcome: str  # "ok" or an error code
    message: str = ""
    metrics: Metrics = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    attempts: int = 0
    digest: Digest | None = None
    language: str = "en"
    tags: list[str] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    replay_s: float = 0.0  # wall time to replay (or record) and score it here, not the recorded model latency
    bullets: list[BulletMark] = field(default_factory=list)  # the answer's bullets, marked supported or not
    provider: str = ""  # where the answer was recorded (its meta's provider: host, or 'openai'); "" if none
    mode: str = ""  # how the model was asked (json_object, json_schema, tools); "" if no recording

    @property
    def key(self) -> str:
        """Case and language: the unit the gate pairs between runs."""
        return f"{self.case_id}.{self.language}"


@dataclass
class EvalRun:
    model: str
    prompt_version: str
    prompt_hash: str
    schema_hash: str
    languages: list[str]
    results: list[CaseResult]
    replay_s: float = 0.0  # wall time of the whole run (replay and scoring)
    best_effort: bool | None = None  # how it was scored (None: not recorded, e.g. an old report)
    provider: str = ""  # where its answers were recorded (provenance_label of the results' providers)
    mode: str = ""  # how the model was asked (the results' modes)

    @property
    def stale(self) -> list[CaseResult]:
        """Results whose recording is missing, stale or corrupt."""
        return [r for r in self.results if r.outcome in RECORDING_PROBLEMS]


LOOPBACK = re.compile(r"^(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?$")


def provenance_label(values: Iterable[str]) -> str:
    """One label for the providers (or modes) a run's recordings name: the distinct values, sorted, joined by
    ", ". A local server's port is left out (it changes with every recording session, not with the model)."""
    seen = {LOOPBACK.sub(r"\1", v) for v in values if v}
    return ", ".join(sorted(seen))


# A mean over fewer results than this is too noisy to headline or gate on.
MIN_HEADLINE_N = 10


@dataclass(frozen=True)
class Aggregate:
    mean: float
    n: int

    @property
    def headline_ok(self) -> bool:
        """Enough cases to show as a headline or to gate on."""
        return self.n >= MIN_HEADLINE_N


def aggregate(per_case: Sequence[Metrics]) -> dict[str, Aggregate]:
    """Mean of each metric over the cases where it applies (a failed case carries its zeros already)."""
    names = sorted({name for metrics in per_case for name in metrics})
    result: dict[str, Aggregate] = {}
    for name in names:
        values = [v for metrics in per_case if (v := metrics.get(name)) is not None]
        if values:
            result[name] = Aggregate(sum(values) / len(values), len(values))
    return result
