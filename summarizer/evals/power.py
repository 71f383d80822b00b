"""How sensitive the gate is: plant known regressions into real recorded runs and count how often it fails them.

Sources (all real recordings, replayed once): the gated run (Qwen2.5-Coder 1.5B, the gated prompt: v4, every gated case)
and three worse ones: the 0.5B model with the gated prompt and the 1.5B model with prompt v1 on cases 000-009,
and the 1.5B model with the previous prompt, v2, on every case. A planted run is
the gated run with some of its results replaced, then gated against the committed baseline exactly as CI would
(``gate(planted, baseline, policy)``, whole suite, floors on):

- swap: k results (case and language) take a worse source's answers;
- collapse: k results of one language become failed runs (no answer: 0 on every metric the case defines), up to
  the whole language dropping out.

It reports, per planted kind and size, how often the gate fails; per metric, the smallest drop (in the slice
where it is largest) that the gate fails on that metric in at least 80% of planted runs; and two false-failure
rates: the gated recordings re-scored (on resampled subsets of cases: they never differ, so any failure would be
the gate's own noise), and an exchange null on the 20 results that have two real recordings, each side drawing
one at random (no systematic difference by construction, real-sized changes), for every result two sources
hold. Slow: it is not on CI's path
(``tests/test_power.py`` runs ``--quick``).

  python -m summarizer.evals.power [--draws N] [--null-draws N] [--seed S] [--quick] [--write]
  (--write: the README's tables; a full run takes about 8 minutes on 2 cores)
"""

from __future__ import annotations

import argparse
import dataclasses
import random
import re
import shlex
import sys
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.evals.cases import Case
from summarizer.evals.floors import suggest, with_floors
from summarizer.evals.gate import gate, load_policy
from summarizer.evals.policy import GatePolicy
from summarizer.evals.report import load_report
from summarizer.evals.results import CaseResult, EvalRun
from summarizer.evals.scoring import score_case, score_written
from summarizer.evals.session import EvalRequest, Plan, evaluate, plan
from summarizer.evals.verdict import OVERALL, Check, Verdict

POWER = 0.8
DROP_EDGES = (0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5)
MIN_IN_BIN = 5
WORSE = {
    "0.5B / v4": ("qwen2.5-coder-0.5b-instruct", "v4"),  # a smaller model, the gated prompt
    "1.5B / v1": (None, "v1"),
    "1.5B / v2": (None, "v2"),
}

Row = tuple[str, Verdict, Verdict | None]  # what was planted, its verdict, and compared --across model


@dataclass
class Sources:
    """The real runs a study plants from, replayed once."""

    policy: GatePolicy
    baseline: EvalRun  # the committed baseline report
    gated: EvalRun  # the gated recordings, replayed and scored now
    worse: dict[str, EvalRun]  # name -> a worse model's or prompt's run of some of the cases
    failed: dict[str, dict[str, float | None]]  # key -> the metrics of a failed run (no answer)


@dataclass
class Planted:
    kind: str  # "swap 0.5B / v4", "collapse ar", "no-op re-scored", "no-op exchange 0.5B / v4"
    size: int  # results replaced
    verdict: Verdict


@dataclass
class Study:
    runs: list[Planted] = field(default_factory=list)
    alphas: str = ""  # the policy's false-failure budget, as the tables' caption states it


def load_sources(
    gate_file: Path, cases_dir: Path, cassettes: Path, worse_runs: dict[str, tuple[str | None, str]] | None = None
) -> Sources:
    """Replay the gated recordings and the worse ones (``worse_runs``, default ``WORSE``: name -> (model or None
    for the gated one, prompt)), and score a failed run of every result."""
    request = _scoring(gate_file, cases_dir, cassettes)
    resolved = plan(request)
    gated = evaluate(request, resolved).run
    worse = _replayed(request, resolved, worse_runs or WORSE)
    failed = {f"{c.id}.{lang}": _failed(c, lang) for c in resolved.cases for lang in resolved.languages}
    return Sources(resolved.policy, load_report(Path(resolved.policy.baseline)), gated, worse, failed)


def _scoring(gate_file: Path, cases_dir: Path, cassettes: Path, prompt: str | None = None) -> EvalRequest:
    """Score (not gate) the gate file's cases: exactly those it lists (an ungated request would take every case)."""
    listed = load_policy(gate_file).cases
    ids = () if listed == "all" else tuple(listed)
    return EvalRequest(
        gate_file=gate_file, cases_dir=cases_dir, cassettes=cassettes, gated=False, prompt=prompt, case_ids=ids
    )


def _replayed(request: EvalRequest, resolved: Plan, sources: dict[str, tuple[str | None, str]]) -> dict[str, EvalRun]:
    """name -> the run of (model, prompt) over the planned cases recorded in every language (model None: the
    planned one), replayed and scored as ``request`` asks."""
    runs = {}
    for name, (model, prompt) in sources.items():
        ids = _recorded(
            request.cassettes, model or resolved.model, prompt, [c.id for c in resolved.cases], resolved.languages
        )
        runs[name] = evaluate(dataclasses.replace(request, model=model, prompt=prompt, case_ids=tuple(ids))).run
    return runs


def _recorded(cassettes: Path, model: str, prompt: str, wanted: list[str], languages: Sequence[str]) -> list[str]:
    folder = cassettes / model / prompt
    have = {p.name.split(".")[0] for p in folder.glob("*.yaml")}
    return [c for c in wanted if c in have and all((folder / f"{c}.{lang}.yaml").is_file() for lang in languages)]


def _failed(case: Case, language: str) -> dict[str, float | None]:
    """A run that produced no usable answer: 0 on every metric the case defines (as the runner scores one)."""
    return {**score_case(case, None, language).metrics, "supported_rate": 0.0, **score_written(case, [], language)}


def _replace(run: EvalRun, new: dict[str, Callable[[CaseResult], CaseResult]]) -> EvalRun:
    results = [new[r.key](r) if r.key in new else r for r in run.results]
    return dataclasses.replace(run, results=results)


def swapped(run: EvalRun, worse: EvalRun, keys: Sequence[str]) -> EvalRun:
    """``run`` with the results ``keys`` taken from ``worse`` (same case and language, another model or prompt)."""
    theirs = {r.key: r for r in worse.results}
    return _replace(run, {k: (lambda _, k=k: theirs[k]) for k in keys})  # type: ignore[misc]


def collapsed(run: EvalRun, failed: dict[str, dict[str, float | None]], keys: Sequence[str]) -> EvalRun:
    """``run`` with the results ``keys`` turned into failed runs."""

    def fail(r: CaseResult) -> CaseResult:
        return dataclasses.replace(r, outcome="model_output_invalid", metrics=dict(failed[r.key]), digest=None)

    return _replace(run, dict.fromkeys(keys, fail))


def _swap_pool(sources: Sources, name: str) -> list[str]:
    return sorted({r.key for r in sources.worse[name].results} & {r.key for r in sources.gated.results})


def study(
    sources: Sources, draws: int, seed: int = 0, sizes: Sequence[int] | None = None, null_draws: int | None = None
) -> Study:
    """Every planted kind and size, ``draws`` random draws each, gated like CI gates; ``null_draws`` no-op runs
    of each kind (default ``4 * draws``)."""
    rng = random.Random(seed)
    policy = sources.policy
    overall = f", overall {policy.overall.alpha}" if policy.overall else ""
    out = Study(alphas=f"alphas: drop {policy.alpha}, interval {policy.interval_alpha}{overall}")
    judge: Callable[[EvalRun], Verdict] = lambda run: gate(run, sources.baseline, sources.policy)  # noqa: E731
    for name, worse in sources.worse.items():
        pool = _swap_pool(sources, name)
        for k in sizes or (1, 2, 3, 4, 6, 8, 10, 14, len(pool)):
            for _ in range(draws if k < len(pool) else 1):
                keys = rng.sample(pool, min(k, len(pool)))
                out.runs.append(Planted(f"swap {name}", len(keys), judge(swapped(sources.gated, worse, keys))))
    for language in sources.policy.languages:
        pool = sorted(r.key for r in sources.gated.results if r.language == language)
        for k in sizes or (1, 2, 4, 8, 16, len(pool)):
            for _ in range(draws if k < len(pool) else 1):
                keys = rng.sample(pool, min(k, len(pool)))
                planted = collapsed(sources.gated, sources.failed, keys)
                out.runs.append(Planted(f"collapse {language}", len(keys), judge(planted)))
    _no_op(sources, null_draws or 4 * draws, rng, out, judge)
    return out


def _no_op(sources: Sources, draws: int, rng: random.Random, out: Study, judge: Callable[[EvalRun], Verdict]) -> None:
    """The gated recordings re-scored on resampled subsets of cases, and the exchange null."""
    keys = sorted({r.case_id for r in sources.gated.results})
    for _ in range(draws):
        chosen = set(rng.sample(keys, rng.randint(5, len(keys))))
        subset = dataclasses.replace(sources.gated, results=[r for r in sources.gated.results if r.case_id in chosen])
        out.runs.append(Planted("no-op: re-scored, resampled cases", len(subset.results), judge(subset)))
    for name, worse in sources.worse.items():
        pool = _swap_pool(sources, name)
        for _ in range(draws):
            mine = [k for k in pool if rng.random() < 0.5]  # each result: which side gets the worse answer
            run = swapped(sources.gated, worse, mine)
            base = swapped(sources.gated, worse, [k for k in pool if k not in mine])
            verdict = gate(run, base, sources.policy, floors=False)  # a null for the regression rules
            out.runs.append(Planted(f"no-op: exchange with {name}", len(pool), verdict))


def issue_regressions(sources: Sources) -> list[Row]:
    """Issue 20's five missed regressions, on the gated prompt's recordings, and the previous prompt (v2) on
    every case: (what, verdict, verdict compared --across model when the run is another model's and so refused
    by default)."""
    worse = sources.worse
    return _rows(sources.policy, sources.baseline, sources.gated, worse["0.5B / v4"], worse["1.5B / v1"],
                 worse["1.5B / v2"])  # fmt: skip


def _rows(
    policy: GatePolicy, baseline: EvalRun, gated: EvalRun, small: EvalRun, v1: EvalRun, v2: EvalRun | None
) -> list[Row]:
    def judge(run: EvalRun, across: tuple[str, ...] = ()) -> Verdict:
        return gate(run, baseline, policy, across=across)

    def only(run: EvalRun, language: str | None) -> EvalRun:
        return dataclasses.replace(run, results=[r for r in run.results if language in (None, r.language)])

    rows: list[Row] = []
    for what, language in (("pooled", None), ("English alone", "en"), ("Arabic alone", "ar")):
        run = only(small, language)
        rows.append((f"the 0.5B model's answers for cases 000-009, {what}", judge(run), judge(run, ("model",))))
    english = [r.key for r in small.results if r.language == "en"]
    rows.append(("English answers of 000-009 swapped for the 0.5B's in a whole-suite run",
                 judge(swapped(gated, small, english)), None))  # fmt: skip
    rows.append(("prompt v1 on 10 of 42 cases (its answers swapped into a whole-suite run)",
                 judge(swapped(gated, v1, [r.key for r in v1.results])), None))  # fmt: skip
    for what, language in (("English", "en"), ("Arabic", "ar")):
        if v2 is None:
            break
        keys = [r.key for r in v2.results if r.language == language]
        rows.append((f"prompt v2's {what} answers swapped into a whole-suite run (the other language unchanged)",
                     judge(swapped(gated, v2, keys)), None))  # fmt: skip
    return rows


def as_filed(gate_file: Path, cases_dir: Path, cassettes: Path, prompt: str = "v2") -> list[Row]:
    """Issue 20's regressions as it filed them: against a gate on prompt ``prompt`` (v2 then), built as the
    committed gate is (its baseline the 1.5B's recordings of that prompt, floors by ``floors.suggest``), judged by
    today's rules; the worse runs are the 0.5B's and prompt v1's recordings of cases 000-009."""
    request = _scoring(gate_file, cases_dir, cassettes, prompt)
    resolved = plan(request)
    gated = evaluate(request, resolved).run
    data = with_floors(resolved.policy.model_dump(by_alias=True), suggest(gated, resolved.policy))
    policy = GatePolicy.model_validate({**data, "prompt": prompt})
    worse = _replayed(request, resolved, {"0.5B": (WORSE["0.5B / v4"][0], prompt), "v1": (None, "v1")})
    return _rows(policy, gated, gated, worse["0.5B"], worse["v1"], None)


def issue_table(rows: list[Row]) -> list[str]:
    lines = ["| regression (issue 20) | verdict | compared --across model |", "|---|---|---|"]
    for what, verdict, across in rows:
        shown = [_verdict_cell(verdict), _verdict_cell(across) if across else "–"]
        lines.append(f"| {what} | {shown[0]} | {shown[1]} |")
    return lines


def _verdict_cell(verdict: Verdict) -> str:
    first = {"refused": "refused (exit 2): another model", "pass": "pass (exit 0)"}.get(verdict.status)
    if first:
        return first
    rules = sorted({f"{c.label} {r}" for c in verdict.failed_checks for r, on in _fired(c, named=False) if on})
    return f"exit {verdict.exit_code}: " + ", ".join(rules[:4]) + (f" (+{len(rules) - 4})" if len(rules) > 4 else "")


def _rate(runs: list[Planted]) -> str:
    failed = sum(not p.verdict.passed for p in runs)
    return f"{failed}/{len(runs)} ({failed / len(runs):.0%})" if runs else "–"


def _rules(runs: list[Planted]) -> str:
    counts: dict[str, int] = defaultdict(int)
    for p in runs:
        hit = {r for c in p.verdict.failed_checks for r, on in _fired(c) if on}
        for rule in hit:
            counts[rule] += 1
    return ", ".join(f"{r} {counts[r]}" for r in ("floor", "interval", "drop", OVERALL) if counts[r]) or "–"


def _fired(check: Check, named: bool = True) -> tuple[tuple[str, bool], ...]:
    """(rule, failed) for each rule of a check; ``named``: the overall test's drop is called ``overall``."""
    drop = OVERALL if named and check.metric == OVERALL else "drop"
    return (("floor", check.below_floor), ("interval", check.regressed), (drop, check.dropped))


def by_kind(result: Study) -> list[str]:
    """Markdown: each planted kind and size, how often the gate failed it, and by which rules."""
    lines = ["| planted | results replaced | gate failed | failing rules (runs) |", "|---|---:|---:|---|"]
    groups: dict[tuple[str, int], list[Planted]] = defaultdict(list)
    for p in result.runs:
        groups[(p.kind, p.size if not p.kind.startswith("no-op") else 0)].append(p)
    for (kind, size), runs in groups.items():
        shown = str(size) if size else "–"
        lines.append(f"| {kind} | {shown} | {_rate(runs)} | {_rules(runs)} |")
    return lines


def detectable_drops(result: Study) -> dict[str, tuple[float | None, int]]:
    """metric -> (smallest drop failed on that metric in >= 80% of planted runs from there up, runs behind it)."""
    samples: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for p in result.runs:
        if p.kind.startswith("no-op"):
            continue
        failing = {c.metric for c in p.verdict.failed_checks}
        drops: dict[str, float] = defaultdict(float)
        for c in p.verdict.checks:
            if c.delta is not None and not c.thin:
                drops[c.metric] = max(drops[c.metric], -c.delta)
        for metric, drop in drops.items():
            if drop > 0:
                samples[metric].append((drop, metric in failing))
    out: dict[str, tuple[float | None, int]] = {}
    for metric, points in samples.items():
        bins = [[hit for drop, hit in points if low <= drop < high]
                for low, high in zip(DROP_EDGES, (*DROP_EDGES[1:], 2.0), strict=True)]  # fmt: skip
        smallest: float | None = None
        for i in range(len(bins) - 1, -1, -1):  # from the largest drops down, while every filled bin holds 80%
            if len(bins[i]) < MIN_IN_BIN:
                continue
            if sum(bins[i]) / len(bins[i]) < POWER:
                break
            smallest = DROP_EDGES[i]
        out[metric] = (smallest, len(points))
    return out


def drop_table(result: Study, metrics: Sequence[str]) -> list[str]:
    drops = detectable_drops(result)
    lines = [f"| metric | smallest drop failed in >= {POWER:.0%} of planted runs | planted runs that lowered it |",
             "|---|---:|---:|"]  # fmt: skip
    for metric in metrics:
        smallest, n = drops.get(metric, (None, 0))
        lines.append(f"| {metric} | {'not reached' if smallest is None else f'{smallest:.3f}'} | {n} |")
    return lines


def render(
    result: Study,
    metrics: Sequence[str],
    draws: int,
    seed: int,
    issue: list[str] | None = None,
    nulls: int = 0,
    flags: str = "",
) -> str:
    command = f"python -m summarizer.evals.power {flags + ' ' if flags else ''}--draws {draws} --null-draws {nulls}"
    lines = [
        *(issue or []),
        "",
        f"Planted regressions, gated as CI gates them (`{command} --seed {seed}`; {result.alphas}).",
        "",
        *by_kind(result),
        "",
        "The drop is the metric's fall in the slice (pooled, en or ar) where it fell most; it counts as detected "
        "when a rule failed on that metric.",
        "",
        *drop_table(result, metrics),
    ]
    return "\n".join(lines) + "\n"


def render_into(readme: str, table: str, section: str = "power") -> str:
    begin, end = f"<!-- {section}:begin -->", f"<!-- {section}:end -->"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.S)
    if not pattern.search(readme):
        raise ValueError(f"the README has no {begin} ... {end} section")
    return pattern.sub(lambda _: f"{begin}\n{table}{end}", readme)


def _worse_spec(spec: str) -> tuple[str, tuple[str | None, str]]:
    """``NAME=MODEL:PROMPT`` (MODEL empty: the gated model) -> (name, (model, prompt))."""
    name, _, run = spec.partition("=")
    model, _, prompt = run.rpartition(":")
    if not name or not prompt:
        raise SystemExit(f"--worse {spec!r}: expected NAME=MODEL:PROMPT")
    return name, (model or None, prompt)


def _command_flags(args: argparse.Namespace) -> str:
    """The flags that chose what was planted, for the table's caption (the default gate's command stays short)."""
    flags = [f"--gate {args.gate}"] if args.gate != Path("evals/gate.json") else []
    return " ".join([*flags, *(f"--worse {shlex.quote(w)}" for w in args.worse or [])])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evals.power", description=__doc__.split("\n")[0])
    parser.add_argument("--gate", type=Path, default=Path("evals/gate.json"))
    parser.add_argument("--cases-dir", type=Path, default=Path("evals/cases"))
    parser.add_argument("--cassettes", type=Path, default=Path("cassettes"))
    parser.add_argument("--draws", type=int, default=25, help="random draws per planted kind and size")
    parser.add_argument("--null-draws", type=int, default=400, help="no-op runs of each kind")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quick", action="store_true", help="2 draws of 2 sizes: checks it runs, measures little")
    parser.add_argument(
        "--worse",
        action="append",
        metavar="NAME=MODEL:PROMPT",
        help="a worse run to plant from (repeatable; MODEL empty: the gated model). Default: the 0.5B with v4, the "
        "1.5B with v1 and v2, for evals/gate.json; given, issue 20's tables (about gate.json) are left out",
    )
    parser.add_argument("--section", default="power", help="README markers <!-- SECTION:begin/end --> to write")
    parser.add_argument("--write", action="store_true", help="write the tables into README.md")
    args = parser.parse_args(argv)
    worse = dict(map(_worse_spec, args.worse)) if args.worse else None
    sources = load_sources(args.gate, args.cases_dir, args.cassettes, worse)
    draws, sizes, nulls = (2, (1, 4), 8) if args.quick else (args.draws, None, args.null_draws)
    result = study(sources, draws, args.seed, sizes, nulls)
    issue: list[str] = []
    if worse is None:
        filed = issue_table(as_filed(args.gate, args.cases_dir, args.cassettes))
        issue = [*issue_table(issue_regressions(sources)), "", "The same regressions as the issue filed them: "
                 "against a gate on prompt v2 (baseline the 1.5B's v2 recordings, floors by the stated rule), judged "
                 "by today's rules and claim checker, with the 0.5B's v2 answers:", "", *filed]  # fmt: skip
    metrics = [*sources.policy.metrics, *([OVERALL] if sources.policy.overall else [])]
    text = render(result, metrics, draws, args.seed, issue, nulls, _command_flags(args))
    print(text)
    if args.write and not args.quick:
        readme = Path("README.md")
        updated = render_into(readme.read_text(encoding="utf-8"), text, args.section)
        readme.write_text(updated, encoding="utf-8")
        print(f"written: {readme}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
