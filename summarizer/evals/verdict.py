"""The gate's decision as typed data: every check behind it, and the text every CI surface shows.

The first line (``headline``) says the status, what was compared with what when their identity differs,
and the first reason; ``reasons`` has one line per failed rule, ``notes`` what was not checked and why.
Reports embed ``model_dump(mode="json")`` and read it back with ``model_validate``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, computed_field

from summarizer.errors import EvalRegression, StaleRecording

EXIT_OK, EXIT_REFUSED = 0, 2  # refused: a comparison the policy does not allow is a usage error
EXIT_RECORDINGS, EXIT_REGRESSION = StaleRecording.exit_code, EvalRegression.exit_code  # errors.py's 30 and 40
Status = Literal["pass", "fail", "recordings", "refused"]
ACROSS_FLAG = "--across"
OVERALL = "overall"  # the overall drop test's check: each result's mean change over the policy's overall.metrics


def signed(value: float) -> str:
    """``+0.012`` / ``-0.012``, and ``+0.000`` for anything that rounds to zero (never ``-0.000``)."""
    text = f"{value:+.3f}"
    return "+0.000" if text == "-0.000" else text


class Check(BaseModel):
    """One metric in one slice of the suite: the numbers, and which rule (if any) it failed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    metric: str
    scope: str = "all"  # "all", "lang:en", "tag:live_blog"
    n: int  # paired results
    baseline: float | None = None
    current: float | None = None
    delta: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    moved: int = 0  # paired results whose value changed
    down: int = 0
    moved_delta: float | None = None  # mean difference over the results that moved
    p_drop: float | None = None  # the drop test's p-value, adjusted over all its tests
    minimum: float | None = None
    max_regression: float | None = None
    below_floor: bool = False
    bound: float | None = None  # upper end of the interval rule's simultaneous bound (over all its tests)
    regressed: bool = False  # the whole 95% interval, and the simultaneous bound, lie past max_regression
    dropped: bool = False  # the drop test: a consistent fall, significant after correction, past max_regression
    absent: bool = False  # no result of the run has a value for it in this slice
    thin: bool = False  # fewer paired results than the policy's min_scope_n: reported, not gated
    alpha: float | None = None  # its drop test's own family (the overall test's), when not the verdict's
    tests: int = 0  # how many tests that family's correction covered

    @property
    def failed(self) -> bool:
        return self.below_floor or self.regressed or self.dropped

    @property
    def label(self) -> str:
        return self.metric if self.scope == "all" else f"{self.metric} [{self.scope.split(':', 1)[1]}]"

    def reasons(self, alpha: float, tests: int) -> list[str]:
        """One line per rule this check failed."""
        lines = []
        if self.below_floor:
            mean = f"{self.current:.3f}" if self.current is not None else "–"
            if self.current is not None and self.minimum is not None and round(self.current, 3) >= self.minimum:
                mean = f"{self.current:.4f}"  # 0.0897 below 0.09 must not read "0.090 below 0.09"
            lines.append(f"{self.label}: mean {mean} over n={self.n} is below its minimum {self.minimum}")
        if self.regressed and self.delta is not None and self.ci_low is not None and self.ci_high is not None:
            lines.append(
                f"{self.label}: {self.baseline:.3f} -> {self.current:.3f} (delta {signed(self.delta)}, 95% CI "
                f"[{signed(self.ci_low)}, {signed(self.ci_high)}], simultaneous bound {signed(self.bound or 0)}, "
                f"n={self.n}) is past max_regression {self.max_regression}"
            )
        if self.dropped and self.moved_delta is not None:
            alpha, tests = (self.alpha, self.tests) if self.alpha is not None else (alpha, tests)
            what = " (each result's mean over the overall metrics)" if self.metric == OVERALL else ""
            lines.append(
                f"{self.label}{what}: fell in {self.down} of the {self.moved} results that moved (mean change "
                f"{signed(self.moved_delta)} where it moved; delta {signed(self.delta or 0)} over n={self.n}); "
                f"drop test p = {self.p_drop:.4f} adjusted over {tests} tests, at most alpha {alpha}"
            )
        return lines


class Move(BaseModel):
    """A paired result whose gated metrics changed: run minus baseline, per metric that moved."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    key: str  # "<case>.<lang>"
    deltas: dict[str, float]

    @property
    def worst(self) -> float:
        return min(self.deltas.values())


class IdentityDiff(BaseModel):
    """A way the run is not the baseline's kind of run (model, prompt, schema), and whether that is allowed."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    field: Literal["model", "prompt", "schema"]
    run: str
    baseline: str
    allowed: bool


class Verdict(BaseModel):
    """The gate's decision with everything behind it."""

    model_config = ConfigDict(extra="ignore")

    baseline: str | None = None  # what the run was compared with (a report path, or "prompt v1")
    identity: list[IdentityDiff] = []
    checks: list[Check] = []
    recording_problems: list[str] = []  # "<side>: <case>.<lang>: <message>"
    unpaired: list[str] = []  # run results the baseline does not hold
    n_run: int = 0
    n_paired: int = 0
    n_baseline: int = 0
    alpha: float = 0.05
    drop_tests: int = 0  # how many tests the drop test's correction covered
    floors: bool = True  # False: compared with another prompt's run, not the gated suite's baseline
    moves: list[Move] = []  # the paired results that moved on a gated metric, most fallen first

    @computed_field  # type: ignore[prop-decorator]
    @property
    def exit_code(self) -> int:
        if any(not d.allowed for d in self.identity):
            return EXIT_REFUSED
        if self.recording_problems or self.unpaired:
            return EXIT_RECORDINGS
        return EXIT_REGRESSION if any(c.failed for c in self.checks) else EXIT_OK

    @computed_field  # type: ignore[prop-decorator]
    @property
    def status(self) -> Status:
        codes: dict[int, Status] = {
            EXIT_OK: "pass",
            EXIT_REFUSED: "refused",
            EXIT_RECORDINGS: "recordings",
            EXIT_REGRESSION: "fail",
        }
        return codes[self.exit_code]

    @property
    def passed(self) -> bool:
        return self.exit_code == EXIT_OK

    @computed_field  # type: ignore[prop-decorator]
    @property
    def headline(self) -> str:
        """The verdict's first line: status, what was compared across, and the first reason."""
        crossed = [d for d in self.identity if d.allowed]
        across = ""
        if crossed:
            what = "; ".join(f"{d.field} {d.run} (baseline {d.baseline})" for d in crossed)
            across = f" across {', '.join(d.field for d in crossed)}: {what}"
        if self.status == "refused":
            refused = [d for d in self.identity if not d.allowed]
            what = "; ".join(f"the run's {d.field} is {d.run}, the baseline's {d.baseline}" for d in refused)
            flags = " ".join(f"{ACROSS_FLAG} {d.field}" for d in refused)
            return f"REFUSED: {what}; compare only with {flags} (or gate.json compare_across)"
        reasons = self.reasons
        if self.status == "recordings":
            more = f" (+{len(reasons) - 1} more)" if len(reasons) > 1 else ""
            return f"RECORDINGS{across}: stale or missing recordings, or results the baseline lacks: {reasons[0]}{more}"
        if self.status == "fail":
            failed = sum(1 for c in self.checks if c.failed)
            return f"FAIL{across}: {failed} check(s) failed; {reasons[0]}"
        gated = [c for c in self.checks if not (c.thin or c.absent)]
        scopes = len({c.scope for c in gated})
        return (
            f"PASS{across}: no metric below its floor or regressed ({len({c.metric for c in gated} - {OVERALL})} "
            "metrics and their overall mean in "
            f"{scopes} slice(s), {self.n_paired} of {self.n_run} results paired)"
        )

    @computed_field  # type: ignore[prop-decorator]
    @property
    def reasons(self) -> list[str]:
        """One line per reason the gate did not pass (empty when it passed)."""
        lines = [f"the run's {d.field} is {d.run}, the baseline's {d.baseline}" for d in self.identity if not d.allowed]
        lines += [f"recording: {p}" for p in self.recording_problems]
        if self.unpaired:
            lines.append(
                f"the run has {self.n_run} result(s) but shares only {self.n_paired} with the baseline; "
                f"not in the baseline: {', '.join(self.unpaired)}"
            )
        for check in self.checks:
            lines += check.reasons(self.alpha, self.drop_tests)
        return lines

    @computed_field  # type: ignore[prop-decorator]
    @property
    def notes(self) -> list[str]:
        """What the gate could not check, without failing for it."""
        notes = [f"{c.label}: no result has a value for it (n=0), not checked" for c in self.checks if c.absent]
        thin = sorted({c.scope for c in self.checks if c.thin})
        if thin:
            notes.append(f"slices with too few paired results to gate (reported only): {', '.join(thin)}")
        if not self.floors:
            notes.append(f"floors not applied: compared with {self.baseline}, not the gated suite's baseline")
        elif self.n_paired < self.n_baseline:
            notes.append(
                f"floors not applied: the run pairs {self.n_paired} of the baseline's {self.n_baseline} results "
                "(floors bound the whole gated suite); regressions are checked on the paired results"
            )
        return notes

    @property
    def failed_checks(self) -> list[Check]:
        return [c for c in self.checks if c.failed]
