"""evals/gate.json as a validated model: what is gated (model, prompt, cases, languages, baseline) and how.

Unknown keys and a missing file are one-line errors (exit 2). Metric limits:
- ``minimum``: the run's mean over the whole gated suite must be at least this (a floor); ``scopes`` holds a
  floor per slice (``lang:en``, ``tag:live_blog``), so a collapse in one language is a failure even when the
  pooled mean holds;
- ``max_regression``: the drop the gate tolerates; past it a metric fails by its paired-bootstrap interval or
  by the sign-flip drop test (``summarizer.evals.gate``), in every slice the policy's ``scopes`` lists.
Every gated metric is higher-is-better.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from summarizer.errors import SummarizerError
from summarizer.schema import Language

LANGUAGES: tuple[Language, ...] = ("en", "ar")
Across = Literal["model", "prompt", "schema"]
SCOPE = re.compile(r"^(all|lang:(en|ar)|tag:[a-z0-9_]+)$")


class GateConfigError(SummarizerError):
    """gate.json is missing or invalid."""

    exit_code = 2
    code = "bad_gate_config"


class ScopeLimits(BaseModel):
    """A floor for one slice of the suite (a language or a tag)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minimum: float | None = Field(None, ge=0, le=1, description="The slice's mean must be at least this.")


class MetricRule(BaseModel):
    """Limits for one metric: floors on its means, and the largest tolerated regression."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    minimum: float | None = Field(None, ge=0, le=1, description="The whole suite's mean must be at least this.")
    max_regression: float | None = Field(
        None, ge=0, le=1, description="The drop tolerated; past it the interval or the drop test fails the metric."
    )
    scopes: dict[str, ScopeLimits] = Field(default_factory=dict, description="Floors per slice, e.g. lang:en.")


class OverallRule(BaseModel):
    """The overall drop test: each result's mean change over every metric with a ``max_regression``.

    A regression that lowers several metrics of the same answers a little each (a weaker model on some cases)
    is one consistent fall of the answers' quality; tested metric by metric it is split over many tests and
    the correction for them. Tested once per slice, it keeps its power.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    alpha: float = Field(0.035, gt=0, le=0.2, description="False-failure rate of the overall test, over its slices.")
    max_regression: float = Field(
        0.03, ge=0, le=1, description="The mean fall tolerated where the overall score moved."
    )
    flip_rounds: int = Field(5000, ge=100, description="Sign flips of its randomisation test.")
    metrics: list[str] | None = Field(
        None, description="The metrics averaged (default: every metric with a max_regression)."
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
    compare_across: list[Across] = Field(
        default_factory=list,
        description="Identity changes the gate compares across (a prompt edit is what it gates); others are refused.",
    )
    scopes: list[str] | None = Field(
        None, description="Slices judged one by one: 'all', 'lang:xx', 'tag:name' (default: all and each language)."
    )
    min_scope_n: int = Field(8, ge=2, description="A slice with fewer paired results is reported, not gated.")
    alpha: float = Field(0.05, gt=0, le=0.2, description="False-failure rate of the drop test, over all its tests.")
    interval_alpha: float = Field(
        0.01, gt=0, le=0.2, description="False-failure rate of the interval rule, over all its tests (Bonferroni)."
    )
    overall: OverallRule | None = Field(
        None, description="The overall drop test per slice (the mean change of the gated metrics); null: off."
    )
    bootstrap_rounds: int = Field(2000, ge=100)
    flip_rounds: int = Field(2000, ge=100)
    metrics: dict[str, MetricRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _sane(self) -> GatePolicy:
        if isinstance(self.cases, list) and len(set(self.cases)) != len(self.cases):
            raise ValueError("cases: an id is listed twice")
        for scope in self.gated_scopes:
            if not SCOPE.match(scope):
                raise ValueError(f"scopes: {scope!r} is not 'all', 'lang:en', 'lang:ar' or 'tag:<name>'")
        if self.overall is not None and self.overall.metrics is not None:
            missing = sorted(set(self.overall.metrics) - set(self.metrics))
            if missing or not self.overall.metrics:
                raise ValueError(f"overall.metrics: {', '.join(missing) or '(empty)'} is not a gated metric")
        for name, rule in self.metrics.items():
            unknown = sorted(set(rule.scopes) - set(self.gated_scopes))
            if unknown:
                raise ValueError(f"metrics.{name}.scopes: {', '.join(unknown)} is not a gated scope")
        return self

    @property
    def gated_scopes(self) -> list[str]:
        """The slices judged one by one: the policy's, or the pooled suite and each of its languages."""
        return self.scopes if self.scopes is not None else ["all", *(f"lang:{lang}" for lang in self.languages)]


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
