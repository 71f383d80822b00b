"""The eval gate as a library function: ``gate(run, baseline, policy) -> Verdict``; the CLI only prints it.

It decides, in this order:
1. recordings: a run or baseline result whose recording is missing, stale or corrupt makes the
   verdict ``recordings`` (exit 30), naming each case; so does a run holding cases the baseline lacks
   (they cannot be compared, so they would silently escape the gate);
2. absolute floors: a metric whose mean is below its ``minimum`` (or above its ``maximum``, for
   lower-is-better metrics) fails, when the run holds every result of the baseline (floors bound the
   whole gated suite; a run of a few cases is only checked for regressions, and the verdict says so);
3. regressions: a metric fails only when its whole paired-bootstrap 95% interval of the mean
   difference lies past ``max_regression`` (noise on a handful of cases is not a regression).

The policy is ``evals/gate.json``, validated: unknown keys and a missing file are errors. It also
declares *what* is gated: the model and prompt whose recordings CI replays, the languages, the case
ids (a new case joins the gate once the gated model has recordings for it) and the committed baseline.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer.errors import EvalRegression, StaleRecording, SummarizerError
from summarizer.evals.results import EvalRun
from summarizer.schema import Language

# Every headline metric is higher-is-better today (trap_avoidance replaced trap_rate); a future error rate goes here.
LOWER_IS_BETTER: frozenset[str] = frozenset({"trap_rate"})
LANGUAGES: tuple[Language, ...] = ("en", "ar")
EXIT_OK, EXIT_RECORDINGS, EXIT_REGRESSION = 0, StaleRecording.exit_code, EvalRegression.exit_code  # errors.py's


class GateConfigError(SummarizerError):
    """gate.json is missing or invalid."""

    exit_code = 2
    code = "bad_gate_config"


class MetricRule(BaseModel):
    """Limits for one metric: a floor (or ceiling) on its mean, and the largest tolerated regression."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minimum: float | None = Field(None, ge=0, le=1, description="The run's mean must be at least this.")
    maximum: float | None = Field(None, ge=0, le=1, description="The run's mean must be at most this.")
    max_regression: float | None = Field(
        None, ge=0, le=1, description="Fail when the 95% interval of the paired difference is wholly past this."
    )


class GatePolicy(BaseModel):
    """evals/gate.json."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    doc: str = Field("", alias="_doc")
    model: str = Field(description="Whose recordings CI replays (cassettes/<model>/).")
    prompt: str = Field(description="The prompt version gated.")
    languages: list[Language] = Field(default_factory=lambda: list(LANGUAGES), min_length=1)
    cases: list[str] | Literal["all"] = Field(
        description="Case ids gated (each needs a recording in every language), or 'all'."
    )
    baseline: str = Field(description="The committed baseline report (JSON), relative to the project root.")
    best_effort: bool = Field(
        False, description="Score an invalid answer's grounded parts (partial credit; success stays 0)."
    )
    bootstrap_rounds: int = Field(2000, ge=100)
    metrics: dict[str, MetricRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _sane(self) -> GatePolicy:
        for name, rule in self.metrics.items():
            if rule.minimum is not None and name in LOWER_IS_BETTER:
                raise ValueError(f"metrics.{name}: lower is better, so it takes a maximum, not a minimum")
            if rule.maximum is not None and name not in LOWER_IS_BETTER:
                raise ValueError(f"metrics.{name}: higher is better, so it takes a minimum, not a maximum")
        if isinstance(self.cases, list) and len(set(self.cases)) != len(self.cases):
            raise ValueError("cases: an id is listed twice")
        return self


def load_policy(path: Path) -> GatePolicy:
    """Read and validate gate.json; any problem is a one-line GateConfigError (exit 2)."""
    if not path.is_file():
        raise GateConfigError(f"no gate policy at {path} (pass --gate, or create it: see README 'The eval gate')")
    try:
        return GatePolicy.model_validate_json(path.read_text(encoding="utf-8"))
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc']) or '(file)'}: {e['msg']}" for e in exc.errors())
        raise GateConfigError(f"{path} is invalid: {problems}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise GateConfigError(f"{path} cannot be read: {exc}") from None


@dataclass(frozen=True)
class MetricCheck:
    metric: str
    baseline: float | None
    current: float | None
    delta: float | None
    ci_low: float | None
    ci_high: float | None
    n: int  # paired case-language results
    rule: MetricRule
    below_floor: bool = False
    regressed: bool = False
    absent: bool = False  # no result of the run has a value for it (e.g. relation_f1 on a suite with no relations)

    @property
    def failed(self) -> bool:
        return self.below_floor or self.regressed


@dataclass
class Verdict:
    """The gate's decision with everything behind it."""

    checks: list[MetricCheck] = field(default_factory=list)
    recording_problems: list[str] = field(default_factory=list)  # "<side>: <case>.<lang>: <message>"
    unpaired: list[str] = field(default_factory=list)  # run results the baseline does not hold
    n_run: int = 0
    n_paired: int = 0
    n_baseline: int = 0

    @property
    def exit_code(self) -> int:
        if self.recording_problems or self.unpaired:
            return EXIT_RECORDINGS
        return EXIT_REGRESSION if any(c.failed for c in self.checks) else EXIT_OK

    @property
    def passed(self) -> bool:
        return self.exit_code == EXIT_OK

    @property
    def status(self) -> str:
        return {EXIT_OK: "pass", EXIT_RECORDINGS: "recordings", EXIT_REGRESSION: "fail"}[self.exit_code]

    def notes(self) -> list[str]:
        """What the gate could not check, without failing for it."""
        notes = [f"{c.metric}: no result has a value for it (n=0), not checked" for c in self.checks if c.absent]
        if self.n_paired < self.n_baseline:
            notes.append(
                f"floors not applied: the run pairs {self.n_paired} of the baseline's {self.n_baseline} results "
                "(floors bound the whole gated suite); regressions are checked on the paired results"
            )
        return notes

    def summary(self) -> list[str]:
        """One line per reason the gate did not pass (empty when it passed)."""
        lines = [f"recording: {p}" for p in self.recording_problems]
        if self.unpaired:
            lines.append(
                f"the run has {self.n_run} result(s) but shares only {self.n_paired} with the baseline; "
                f"not in the baseline: {', '.join(self.unpaired)}"
            )
        for c in self.checks:
            if c.below_floor:
                bound = f"minimum {c.rule.minimum}" if c.rule.minimum is not None else f"maximum {c.rule.maximum}"
                lines.append(f"{c.metric}: mean {c.current:.3f} over n={c.n} is past its {bound}")
            if c.regressed:
                lines.append(
                    f"{c.metric}: {c.baseline:.3f} -> {c.current:.3f} (delta {c.delta:+.3f}, 95% CI "
                    f"[{c.ci_low:+.3f}, {c.ci_high:+.3f}], n={c.n}) is past max_regression {c.rule.max_regression}"
                )
        return lines


def paired_bootstrap(diffs: list[float], rounds: int = 2000, seed: int = 0) -> tuple[float, float]:
    """95% interval of the mean of paired differences (deterministic: fixed seed)."""
    if not diffs:
        return 0.0, 0.0
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def _values(run: EvalRun, metric: str) -> dict[str, float]:
    return {r.key: v for r in run.results if (v := r.metrics.get(metric)) is not None}


def _check(
    metric: str, rule: MetricRule, run: EvalRun, baseline: EvalRun, rounds: int, floors: bool = True
) -> MetricCheck:
    now, before = _values(run, metric), _values(baseline, metric)
    current = sum(now.values()) / len(now) if now else None
    below_minimum = rule.minimum is not None and (current is None or current < rule.minimum - 1e-9)
    above_maximum = rule.maximum is not None and current is not None and current > rule.maximum + 1e-9
    floor = floors and (below_minimum or above_maximum)
    shared = sorted(set(now) & set(before))
    if not shared:
        absent = not now and bool(run.results)
        return MetricCheck(metric, None, current, None, None, None, len(now), rule, not absent and floor, False, absent)
    diffs = [now[k] - before[k] for k in shared]
    delta = sum(diffs) / len(diffs)
    low, high = paired_bootstrap(diffs, rounds)
    regressed = False
    if rule.max_regression is not None:
        # worse = the interval lies wholly on the bad side of the tolerated drop
        limit = rule.max_regression + 1e-9
        regressed = low > limit if metric in LOWER_IS_BETTER else high < -limit
    mean_before = sum(before[k] for k in shared) / len(shared)
    mean_now = sum(now[k] for k in shared) / len(shared)
    return MetricCheck(metric, mean_before, mean_now, delta, low, high, len(shared), rule, floor, regressed)


def gate(run: EvalRun, baseline: EvalRun, policy: GatePolicy) -> Verdict:
    """Decide whether ``run`` may replace ``baseline`` under ``policy`` (see the module's docstring)."""
    verdict = Verdict(n_run=len(run.results))
    for side, source in (("run", run), ("baseline", baseline)):
        verdict.recording_problems += [f"{side}: {r.key}: {r.message}" for r in source.stale]
    baseline_keys = {r.key for r in baseline.results}
    verdict.unpaired = [r.key for r in run.results if r.key not in baseline_keys]
    verdict.n_paired = len(run.results) - len(verdict.unpaired)
    # Floors bound the whole gated suite's mean; a run of a few cases (--case, --lang) is compared with the
    # baseline on those cases only, since one case's 0 is not the suite falling below its floor.
    verdict.n_baseline = len(baseline_keys)
    whole = verdict.n_paired == verdict.n_baseline  # the same test notes() reports, so the two cannot disagree
    verdict.checks = [
        _check(metric, rule, run, baseline, policy.bootstrap_rounds, floors=whole)
        for metric, rule in policy.metrics.items()
    ]
    return verdict


def verdict_dict(verdict: Verdict) -> dict[str, object]:
    """The verdict as JSON-ready data (reports embed it)."""
    return {
        "status": verdict.status,
        "exit_code": verdict.exit_code,
        "n_run": verdict.n_run,
        "n_paired": verdict.n_paired,
        "recording_problems": verdict.recording_problems,
        "unpaired": verdict.unpaired,
        "reasons": verdict.summary(),
        "notes": verdict.notes(),
        "checks": [
            {
                "metric": c.metric,
                "baseline": _round(c.baseline),
                "current": _round(c.current),
                "delta": _round(c.delta),
                "ci_low": _round(c.ci_low),
                "ci_high": _round(c.ci_high),
                "n": c.n,
                **json.loads(c.rule.model_dump_json(exclude_none=True)),
                "below_floor": c.below_floor,
                "absent": c.absent,
                "regressed": c.regressed,
            }
            for c in verdict.checks
        ],
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)
