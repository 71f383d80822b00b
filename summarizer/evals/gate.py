"""The eval gate as a library function: ``gate(run, baseline, policy) -> Verdict``; every entry point prints it.

It decides, in this order:
1. identity: a run of another model, prompt or schema than the baseline's is refused (exit 2) unless the
   policy's ``compare_across`` or the caller's ``across`` allows that change; an allowed one is named in the
   verdict's first line;
2. recordings: a run or baseline result whose recording is missing, stale or corrupt makes the verdict
   ``recordings`` (exit 30), naming each case; so does a run holding cases the baseline lacks;
3. per metric and per slice (the pooled suite and each language by default; tags when gate.json lists them;
   a slice with fewer than ``min_scope_n`` paired results is reported, not gated), three rules (exit 40):
   - floor: the mean is below its ``minimum``; only when the run holds every result of the baseline (floors
     bound the whole gated suite; a run of a few cases is checked for regressions only, and the verdict says so);
   - interval: the whole paired-bootstrap 95% interval of the mean difference lies past ``max_regression``, and
     so does a one-sided bound that holds for every gated (metric, slice) at once (``stats.simultaneous_bound``:
     Bonferroni over them at ``interval_alpha``), so 39 intervals do not give a no-op change 39 chances;
   - drop: the one-sided sign-flip test (``stats.sign_flip_max_t``) finds the run lower, with a p-value
     adjusted over every (metric, slice) test at most ``alpha``, and the results that moved fell by more than
     ``max_regression`` on average. It sees a consistent fall confined to some cases, which the pooled interval
     dilutes; the correction keeps the chance that a change with no effect fails it at or below ``alpha``.
4. per slice, the overall drop test (``policy.overall``, check ``overall``): the same sign-flip test on each
   result's mean change over ``overall.metrics`` (default: every gated metric), adjusted over the slices at
   ``overall.alpha``. A weaker model on ten cases lowers recall, supported claims, chrF and success a little
   each: split over 39 tests none reaches its corrected alpha, while the answers' overall fall is one
   consistent drop.
The three families' alphas add up to the gate's false-failure rate on a change with no effect (at most
``interval_alpha + alpha + overall.alpha``; measured by ``python -m summarizer.evals.power``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from summarizer.evals.policy import GateConfigError, GatePolicy, MetricRule, OverallRule, load_policy
from summarizer.evals.results import CaseResult, EvalRun
from summarizer.evals.stats import MOVED, paired_bootstrap, sign_flip_max_t, simultaneous_bound
from summarizer.evals.verdict import (
    EXIT_RECORDINGS,
    EXIT_REGRESSION,
    OVERALL,
    Check,
    IdentityDiff,
    Move,
    Verdict,
)

PRECISION = 4  # decimal places of every figure in a report

__all__ = [
    "EXIT_RECORDINGS",
    "EXIT_REGRESSION",
    "OVERALL",
    "GateConfigError",
    "GatePolicy",
    "Verdict",
    "gate",
    "identity_diffs",
    "load_policy",
    "paired_bootstrap",
]


def identity_diffs(run: EvalRun, baseline: EvalRun, allowed: Iterable[str] = ()) -> list[IdentityDiff]:
    """How the run's model, prompt and schema differ from the baseline's, each marked allowed or not."""
    ok = set(allowed)
    pairs = {
        "model": (run.model, baseline.model),
        "prompt": (f"{run.prompt_version} {run.prompt_hash}", f"{baseline.prompt_version} {baseline.prompt_hash}"),
        "schema": (run.schema_hash, baseline.schema_hash),
    }
    return [
        IdentityDiff(field=name, run=now, baseline=before, allowed=name in ok)
        for name, (now, before) in pairs.items()
        if now != before
    ]


def _in_scope(result: CaseResult, scope: str) -> bool:
    kind, _, value = scope.partition(":")
    return kind == "all" or (kind == "lang" and result.language == value) or (kind == "tag" and value in result.tags)


def _values(results: Iterable[CaseResult], metric: str) -> dict[str, float]:
    """Values at the reports' precision (4 places), so a run compares with a baseline read from its report
    without moving by the rounding alone."""
    return {r.key: round(v, PRECISION) for r in results if (v := r.metrics.get(metric)) is not None}


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return sum(items) / len(items) if items else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, PRECISION) + 0.0  # + 0.0: never -0.0


@dataclass
class _Pending:
    """A check's numbers before the drop test's p-value (which needs every test) is known."""

    metric: str
    scope: str
    rule: MetricRule
    minimum: float | None
    now: dict[str, float]
    diffs: dict[str, float]
    current: float | None
    below_floor: bool
    thin: bool
    present: bool  # the run holds results in this slice (a one-language run has no other language's slice)
    floored: bool  # its floor applies (a whole-suite run, and the slice has one)

    def drop_candidate(self) -> bool:
        return bool(self.diffs) and not self.thin and self.rule.max_regression is not None


def _pending(
    metric: str, rule: MetricRule, scope: str, run: EvalRun, baseline: EvalRun, policy: GatePolicy, whole: bool
) -> _Pending:
    members = [r for r in run.results if _in_scope(r, scope)]
    now = _values(members, metric)
    before = _values(baseline.results, metric)
    diffs = {k: now[k] - before[k] for k in sorted(set(now) & set(before))}
    minimum = rule.minimum if scope == "all" else (rule.scopes[scope].minimum if scope in rule.scopes else None)
    current = _mean(now.values())
    below = whole and minimum is not None and (current is None or current < minimum - 1e-9) and bool(members)
    thin = scope != "all" and len(diffs) < policy.min_scope_n
    floored = whole and minimum is not None and not thin
    return _Pending(metric, scope, rule, minimum, now, diffs, current, below and not thin, thin, bool(members), floored)


def _check(p: _Pending, baseline: EvalRun, p_drop: float | None, policy: GatePolicy, intervals: int) -> Check:
    if not p.diffs:
        absent = not p.now
        return Check(
            metric=p.metric,
            scope=p.scope,
            n=len(p.now),
            current=_round(p.current),
            minimum=p.minimum,
            max_regression=p.rule.max_regression,
            below_floor=p.below_floor and not absent,
            absent=absent,
            thin=p.thin,
        )
    values = list(p.diffs.values())
    delta = sum(values) / len(values)
    low, high = paired_bootstrap(values, policy.bootstrap_rounds)
    bound = simultaneous_bound(values, policy.interval_alpha / max(intervals, 1))
    moved = [d for d in values if abs(d) > MOVED]
    moved_delta = _mean(moved)
    limit = p.rule.max_regression
    gated = limit is not None and not p.thin
    regressed = gated and limit is not None and high < -limit - 1e-9 and bound < -limit - 1e-9
    dropped = gated and limit is not None and _fell(p_drop, policy.alpha, moved_delta, limit)
    before = _values(baseline.results, p.metric)
    return Check(
        metric=p.metric,
        scope=p.scope,
        n=len(values),
        baseline=_round(_mean(before[k] for k in p.diffs)),
        current=_round(_mean(p.now[k] for k in p.diffs)),
        delta=_round(delta),
        ci_low=_round(low),
        ci_high=_round(high),
        bound=_round(bound),
        moved=len(moved),
        down=sum(1 for d in moved if d < 0),
        moved_delta=_round(moved_delta),
        p_drop=_round(p_drop),
        minimum=p.minimum,
        max_regression=limit,
        below_floor=p.below_floor,
        regressed=regressed,
        dropped=dropped,
        thin=p.thin,
    )


def _fell(p_drop: float | None, alpha: float, moved_delta: float | None, limit: float) -> bool:
    """The drop rule, for a metric and for the overall mean alike: the sign-flip test's adjusted p-value at most
    ``alpha``, and the results that moved fell by more than ``limit`` on average."""
    return p_drop is not None and p_drop <= alpha and moved_delta is not None and moved_delta < -limit - 1e-9


def _distinct(pending: list[_Pending]) -> list[_Pending]:
    """Judge once a slice that holds exactly the results of another (a one-language run's pooled slice): keep
    the gated, more specific one."""
    rank = {"lang": 0, "tag": 1, "all": 2}
    kept: dict[tuple[str, frozenset[str], float | None], _Pending] = {}
    for p in sorted(pending, key=lambda p: (p.thin, rank[p.scope.split(":")[0]])):
        floor = p.minimum if p.floored else None  # slices with different floors to apply are both judged
        kept.setdefault((p.metric, frozenset(p.diffs) | frozenset(p.now), floor), p)
    survivors = {id(p) for p in kept.values()}
    return [p for p in pending if id(p) in survivors]


def gate(
    run: EvalRun,
    baseline: EvalRun,
    policy: GatePolicy,
    *,
    across: Iterable[str] = (),
    label: str | None = None,
    floors: bool = True,
) -> Verdict:
    """Decide whether ``run`` may replace ``baseline`` under ``policy`` (see the module's docstring).

    ``floors=False`` for a comparison that is not with the gated suite's baseline (another prompt's run of
    some cases): floors bound gate.json's suite, so only regressions are judged, and the verdict says so.
    """
    verdict = Verdict(baseline=label, alpha=policy.alpha, n_run=len(run.results), floors=floors)
    verdict.identity = identity_diffs(run, baseline, {*policy.compare_across, *across})
    if verdict.status == "refused":
        return verdict
    for side, source in (("run", run), ("baseline", baseline)):
        verdict.recording_problems += [f"{side}: {r.key}: {r.message}" for r in source.stale]
    baseline_keys = {r.key for r in baseline.results}
    verdict.unpaired = [r.key for r in run.results if r.key not in baseline_keys]
    verdict.n_paired = len(run.results) - len(verdict.unpaired)
    verdict.n_baseline = len(baseline_keys)
    # Floors bound the whole gated suite's mean; a run of a few cases (--case, --lang) is compared with the
    # baseline on those cases only, since one case's 0 is not the suite falling below its floor.
    whole = floors and verdict.n_paired == verdict.n_baseline  # the test notes() reports: they cannot disagree
    slices = [
        _pending(metric, rule, scope, run, baseline, policy, whole)
        for metric, rule in policy.metrics.items()
        for scope in policy.gated_scopes
    ]
    pending = _distinct([p for p in slices if p.present or p.scope == "all"])
    tested = [p for p in pending if p.drop_candidate()]
    units = {r.key: i for i, r in enumerate(run.results)}
    p_values = sign_flip_max_t(
        [{units[k]: d for k, d in p.diffs.items()} for p in tested], len(units), policy.flip_rounds
    )
    adjusted = {id(p): value for p, value in zip(tested, p_values, strict=True)}
    verdict.drop_tests = len(tested)
    verdict.checks = [_check(p, baseline, adjusted.get(id(p)), policy, len(tested)) for p in pending]
    verdict.checks += _overall_checks(run, baseline, policy, units)
    verdict.moves = _moves(run, baseline, list(policy.metrics))
    return verdict


def _overall_pairs(run: EvalRun, baseline: EvalRun, metrics: list[str]) -> dict[str, tuple[float, float]]:
    """key -> (baseline, run) mean over ``metrics`` that both sides have for that result."""
    before = {r.key: r.metrics for r in baseline.results}
    pairs = {}
    for r in run.results:
        was = before.get(r.key)
        if was is None:
            continue
        shared = [m for m in metrics if r.metrics.get(m) is not None and was.get(m) is not None]
        if shared:
            then = sum(round(was[m] or 0.0, PRECISION) for m in shared) / len(shared)
            now = sum(round(r.metrics[m] or 0.0, PRECISION) for m in shared) / len(shared)
            pairs[r.key] = (round(then, PRECISION), round(now, PRECISION))
    return pairs


def _overall_checks(run: EvalRun, baseline: EvalRun, policy: GatePolicy, units: dict[str, int]) -> list[Check]:
    """The overall drop test in every slice (a one-language run's pooled slice is that language's: judged once)."""
    rule = policy.overall
    if rule is None:
        return []
    metrics = rule.metrics or [m for m, r in policy.metrics.items() if r.max_regression is not None]
    pairs = _overall_pairs(run, baseline, metrics)
    slices: dict[frozenset[str], tuple[str, dict[str, tuple[float, float]]]] = {}
    for scope in sorted(policy.gated_scopes, key=lambda s: s == "all"):  # the specific slice first
        members = {r.key: pairs[r.key] for r in run.results if r.key in pairs and _in_scope(r, scope)}
        if members or scope == "all":
            slices.setdefault(frozenset(members), (scope, members))
    judged = [(scope, members) for scope, members in slices.values()]
    tested = [m for scope, m in judged if scope == "all" or len(m) >= policy.min_scope_n]
    p_values = sign_flip_max_t(
        [{units[k]: now - then for k, (then, now) in m.items()} for m in tested], len(units), rule.flip_rounds
    )
    adjusted = {id(m): value for m, value in zip(tested, p_values, strict=True)}
    checks = [_overall_check(scope, m, adjusted.get(id(m)), rule, policy, len(tested)) for scope, m in judged]
    return sorted(checks, key=lambda c: policy.gated_scopes.index(c.scope))


def _overall_check(
    scope: str,
    members: dict[str, tuple[float, float]],
    p_drop: float | None,
    rule: OverallRule,
    policy: GatePolicy,
    tests: int,
) -> Check:
    diffs = [now - then for then, now in members.values()]
    moved = [d for d in diffs if abs(d) > MOVED]
    moved_delta = _mean(moved)
    thin = p_drop is None
    dropped = _fell(p_drop, rule.alpha, moved_delta, rule.max_regression)
    low, high = paired_bootstrap(diffs, policy.bootstrap_rounds) if diffs else (None, None)
    return Check(
        metric=OVERALL,
        scope=scope,
        n=len(diffs),
        baseline=_round(_mean(then for then, _ in members.values())),
        current=_round(_mean(now for _, now in members.values())),
        delta=_round(_mean(diffs)),
        ci_low=_round(low),
        ci_high=_round(high),
        moved=len(moved),
        down=sum(1 for d in moved if d < 0),
        moved_delta=_round(moved_delta),
        p_drop=_round(p_drop),
        max_regression=rule.max_regression,
        dropped=dropped,
        thin=thin,
        alpha=rule.alpha,
        tests=tests,
    )


def _moves(run: EvalRun, baseline: EvalRun, metrics: list[str]) -> list[Move]:
    """Each paired result's changes on the gated metrics, the largest fall first."""
    before = {m: _values(baseline.results, m) for m in metrics}
    moves = []
    for r in run.results:
        now = {m: round(v, PRECISION) for m in metrics if (v := r.metrics.get(m)) is not None}
        deltas = {
            m: round(value - was, PRECISION)
            for m, value in now.items()
            if (was := before[m].get(r.key)) is not None and abs(value - was) > MOVED
        }
        if deltas:
            moves.append(Move(key=r.key, deltas=deltas))
    return sorted(moves, key=lambda m: (m.worst, m.key))
