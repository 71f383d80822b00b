"""An eval run as a typed report: the JSON data (a committed one is the gate's baseline) that every other
format renders from (``markdown``, ``junit``, ``html_report``).

``Report`` is a pydantic model: ``build_report(run, verdict)`` makes one, ``model_dump_json`` writes it and
``load_report`` reads it back as a run. Format 2 (before typed reports, and before provider, mode, scoring,
replay times and the answer's bullets were recorded) is migrated on reading: the committed baselines of that
time still load. Every figure carries its n; a metric measured on fewer than ``MIN_HEADLINE_N`` results is
never a headline.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from summarizer.evals.results import MIN_HEADLINE_N, BulletMark, CaseResult, EvalRun, Metrics, Reason, aggregate
from summarizer.evals.verdict import Verdict
from summarizer.provenance import Provenance
from summarizer.schema import Usage

REPORT_FORMAT = 3
READABLE_FORMATS = (2, 3)
HEADLINE_METRICS = [
    "success",
    "best_effort_success",
    "key_fact_recall",
    "trap_avoidance",
    "supported_rate",
    "event_f1",
    "actor_f1",
    "relation_f1",
    "attribution_f1",
    "count_compatible",
    "strict_instance_accuracy",
    "rougeL",
    "chrf",
    "written_key_fact_recall",
    "written_rougeL",
    "written_chrf",
]


class ReportError(ValueError):
    """A report file that is not one of ours (a baseline that cannot be read)."""


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Mean(_Data):
    mean: float
    n: int


class Slice(_Data):
    results: int
    aggregate: dict[str, Mean]


class UsageTotals(_Data):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    attempts: int = 0
    recorded_latency_s: float = 0.0  # the model's time when it was recorded
    replay_s: float = 0.0  # this run's time to replay and score (what CI waits for)


class CaseRecord(_Data):
    """One case in one language."""

    case: str
    language: str
    tags: list[str] = []
    outcome: str
    message: str = ""
    metrics: dict[str, float | None]
    reasons: list[Reason] = []
    prompt_tokens: int = 0
    completion_tokens: int = 0
    total_tokens: int = 0
    attempts: int = 0
    latency_s: float = 0.0
    replay_s: float = 0.0
    bullets: list[BulletMark] = []

    @property
    def key(self) -> str:
        return f"{self.case}.{self.language}"


class Report(Provenance):
    """The whole report."""

    model_config = ConfigDict(extra="forbid")

    format: int = REPORT_FORMAT
    languages: list[str]
    best_effort: bool | None = None  # how answers were scored (None: not recorded, a format-2 report)
    cases: int
    results: int
    outcomes: dict[str, int]
    aggregate: dict[str, Mean]
    slices: dict[str, Slice]
    usage: UsageTotals
    per_case: list[CaseRecord]
    gate: Verdict | None = None

    @model_validator(mode="before")
    @classmethod
    def _migrate(cls, data: Any) -> Any:
        """Read format 2: the same data less what format 3 added (defaults), and its verdict as recorded."""
        if not isinstance(data, dict):
            return data
        version = data.get("format", REPORT_FORMAT)
        if version not in READABLE_FORMATS:
            raise ValueError(f"report format {version!r}, expected one of {READABLE_FORMATS}: regenerate it")
        if version == 2:
            data = {"provider": "", "mode": "", **data, "format": REPORT_FORMAT}
        return data


def _means(results: list[CaseResult]) -> dict[str, Mean]:
    """Means of the per-case metrics as the report writes them (rounded), so a report read back aggregates the same:
    a mean of unrounded values can round the other way (0.16294 -> 0.1629 against 0.16295 -> 0.163)."""
    rounded = [_round_metrics(r.metrics) for r in results]
    return {name: Mean(mean=round(a.mean, 4), n=a.n) for name, a in aggregate(rounded).items()}


def _slices(run: EvalRun) -> dict[str, Slice]:
    """Aggregates per language and per case tag."""
    groups: dict[str, list[CaseResult]] = defaultdict(list)
    for r in run.results:
        groups[f"lang:{r.language}"].append(r)
        for tag in r.tags:
            groups[f"tag:{tag}"].append(r)
    return {name: Slice(results=len(rs), aggregate=_means(rs)) for name, rs in sorted(groups.items())}


def _round_metrics(metrics: Metrics) -> dict[str, float | None]:
    return {k: (round(v, 4) if v is not None else None) for k, v in metrics.items()}


def _record(r: CaseResult) -> CaseRecord:
    return CaseRecord(
        case=r.case_id,
        language=r.language,
        tags=r.tags,
        outcome=r.outcome,
        message=r.message,
        metrics=_round_metrics(r.metrics),
        reasons=r.reasons,
        prompt_tokens=r.usage.prompt_tokens,
        completion_tokens=r.usage.completion_tokens,
        total_tokens=r.usage.total_tokens,
        attempts=r.attempts,
        latency_s=round(r.latency_s, 2),
        replay_s=round(r.replay_s, 3),
        bullets=r.bullets,
    )


def build_report(run: EvalRun, verdict: Verdict | None = None) -> Report:
    """The report of a run, with the gate's verdict when it was gated."""
    return Report(
        model=run.model,
        provider=run.provider,
        mode=run.mode,
        prompt_version=run.prompt_version,
        prompt_hash=run.prompt_hash,
        schema_hash=run.schema_hash,
        languages=run.languages,
        best_effort=run.best_effort,
        cases=len({r.case_id for r in run.results}),
        results=len(run.results),
        outcomes={o: sum(r.outcome == o for r in run.results) for o in sorted({r.outcome for r in run.results})},
        aggregate=_means(run.results),
        slices=_slices(run),
        usage=UsageTotals(
            prompt_tokens=sum(r.usage.prompt_tokens for r in run.results),
            completion_tokens=sum(r.usage.completion_tokens for r in run.results),
            total_tokens=sum(r.usage.total_tokens for r in run.results),
            attempts=sum(r.attempts for r in run.results),
            recorded_latency_s=round(sum(r.latency_s for r in run.results), 2),
            replay_s=round(run.replay_s, 3),
        ),
        per_case=[_record(r) for r in run.results],
        gate=verdict,
    )


def run_from_report(report: Report | dict[str, Any]) -> EvalRun:
    """Rebuild a run (metrics, outcomes, reasons; no digests) from a report: how a committed baseline is read."""
    data = report if isinstance(report, Report) else Report.model_validate(report)
    results = [
        CaseResult(
            case_id=c.case,
            outcome=c.outcome,
            message=c.message,
            metrics=dict(c.metrics),
            usage=Usage(
                prompt_tokens=c.prompt_tokens, completion_tokens=c.completion_tokens, total_tokens=c.total_tokens
            ),
            latency_s=c.latency_s,
            attempts=c.attempts,
            language=c.language,
            tags=list(c.tags),
            reasons=list(c.reasons),
            replay_s=c.replay_s,
            bullets=list(c.bullets),
        )
        for c in data.per_case
    ]
    return EvalRun(
        data.model,
        data.prompt_version,
        data.prompt_hash,
        data.schema_hash,
        data.languages,
        results,
        replay_s=data.usage.replay_s,
        best_effort=data.best_effort,
        provider=data.provider,
        mode=data.mode,
    )


def read_report(path: Path) -> Report:
    """Read a JSON report; a bad file is a one-line ReportError."""
    try:
        return Report.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        raise ReportError(f"no baseline report at {path}") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "(file)"
        raise ReportError(f"{path} is not a readable eval report ({where}: {first['msg']})") from None
    except OSError as exc:
        raise ReportError(f"{path} cannot be read ({exc})") from None


def load_report(path: Path) -> EvalRun:
    """Read a JSON report (e.g. the committed baseline) back as a run."""
    return run_from_report(read_report(path))


def headline_split(aggregates: dict[str, Mean]) -> tuple[list[str], list[str]]:
    """(headline metrics with n >= MIN_HEADLINE_N, every other metric measured), in a stable order."""
    ordered = [m for m in HEADLINE_METRICS if m in aggregates] + sorted(set(aggregates) - set(HEADLINE_METRICS))
    head = [m for m in ordered if m in HEADLINE_METRICS and aggregates[m].n >= MIN_HEADLINE_N]
    return head, [m for m in ordered if m not in head]


def report_stem(report: Report) -> str:
    return f"eval-{report.model}-{report.prompt_version}".replace("/", "_")


def write_json(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = report.model_dump(mode="json")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
