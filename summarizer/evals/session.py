"""One eval session behind every entry point: ``evaluate(request) -> (EvalRun, Verdict | None)``.

The CLI (``summarizer eval``), the pytest plugin and ``bench/eval_replay.py`` all build an ``EvalRequest`` and
call this, so they pick the same cases, score alike (gate.json's ``best_effort``) and decide with the same gate.
The CLI only turns flags into a request and prints what comes back.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple, get_args

from summarizer.claims.data_cache import collector_paused
from summarizer.errors import SummarizerError, UsageProblem
from summarizer.evals.cases import Case, load_cases
from summarizer.evals.forked import replay_split
from summarizer.evals.gate import gate
from summarizer.evals.policy import Across, GatePolicy, load_policy
from summarizer.evals.reference import REFERENCE_MODEL
from summarizer.evals.report import ReportError, build_report, load_report, write_json
from summarizer.evals.results import CaseResult, EvalRun
from summarizer.evals.runner import run_eval
from summarizer.evals.verdict import Verdict
from summarizer.recording import slug
from summarizer.schema import Language
from summarizer.settings import ProviderSettings


class EvalRequestError(UsageProblem):
    """The request cannot be run as asked (unknown case, options that contradict each other): exit 2."""

    code = "bad_eval_request"


@dataclass(frozen=True)
class EvalRequest:
    """What to evaluate. Every ``None`` means "as gate.json says"."""

    gate_file: Path = Path("evals/gate.json")
    cases_dir: Path = Path("evals/cases")
    cassettes: Path = Path("cassettes")
    model: str | None = None  # whose recordings; "reference" scores the gold labels
    prompt: str | None = None
    languages: Sequence[Language] | None = None
    case_ids: Sequence[str] = ()
    baseline_prompt: str | None = None  # compare with this prompt's recordings instead of the baseline report
    gated: bool = True  # False: score and report only
    best_effort: bool | None = None
    across: Sequence[str] = ()  # identity changes allowed on top of gate.json's compare_across
    record: ProviderSettings | None = None  # record live with these settings instead of replaying
    resume: bool = False  # with record: keep complete, current recordings
    reuse: bool = False  # with record: answer requests the previous recording holds byte for byte from it
    on_case: Callable[[CaseResult], None] | None = field(default=None, compare=False)
    concurrency: int = 8
    record_concurrency: int = 1  # with record: cases in flight at once (a local server's parallel slots)
    processes: int = 1  # a replay split over this many forked processes (summarizer.evals.forked): speed only


class Evaluation(NamedTuple):
    run: EvalRun
    verdict: Verdict | None


@dataclass(frozen=True)
class Plan:
    """A request resolved against gate.json: exactly what will run and whether it is gated."""

    policy: GatePolicy
    cases: list[Case]
    model: str
    prompt: str
    languages: list[Language]
    best_effort: bool
    gated: bool

    @property
    def total(self) -> int:
        return len(self.cases) * len(self.languages)


def _recorded_name(model: str | None, cassettes: Path) -> str | None:
    """--model as the recordings name it: a local model's short name (``qwen2.5-0.5b``) is its recordings'
    folder (``qwen2.5-coder-0.5b-instruct``); a name with no recordings at all is refused here, naming those
    there are, rather than as "another model" with a "no recording" line for every case."""
    if model is None or model == REFERENCE_MODEL:
        return model
    from summarizer.models import known_model

    known = known_model(model)
    name = known.alias if known is not None and not (cassettes / model).is_dir() else model
    recorded = sorted(p.name for p in cassettes.iterdir() if p.is_dir()) if cassettes.is_dir() else []
    # A two-model run is labelled MODEL+TRANSLATION_MODEL; its folder is that label's slug (recording.slug).
    if recorded and slug(name) not in recorded:
        raise EvalRequestError(f"no recordings of model {model!r} in {cassettes}/ (recorded: {', '.join(recorded)})")
    return name


def plan(request: EvalRequest) -> Plan:
    """Resolve the request (policy, cases, languages, scoring); raise a one-line error for a bad one."""
    policy = load_policy(request.gate_file)
    unknown_across = sorted(set(request.across) - set(get_args(Across)))
    if unknown_across:
        raise EvalRequestError(f"--across {', '.join(unknown_across)}: compare across model, prompt or schema")
    best_effort = policy.best_effort if request.best_effort is None else request.best_effort
    recording = request.record is not None
    # The gold labels are the scorers' ceiling, not a model: they cover every case in the folder (recorded or
    # not) and are not compared with the gated model's baseline unless a baseline prompt asks for a comparison.
    gold = request.model == REFERENCE_MODEL and not (recording or request.baseline_prompt)
    gated = request.gated and not (recording or gold)
    if gated and not request.baseline_prompt and best_effort != policy.best_effort:
        raise EvalRequestError(
            f"the baseline is scored with best_effort={str(policy.best_effort).lower()} (gate.json); "
            "compare like with like, or score only with --no-gate"
        )
    if not request.cases_dir.is_dir():
        raise EvalRequestError(f"no case folder at {request.cases_dir} (run from the project root or pass --cases-dir)")
    try:
        cases = load_cases(request.cases_dir)
    except ValueError as exc:
        raise EvalRequestError(str(exc)) from None
    wanted = list(request.case_ids) or (policy.cases if gated and policy.cases != "all" else None)
    if wanted:
        unknown = sorted(set(wanted) - {c.id for c in cases})
        if unknown:
            raise EvalRequestError(f"unknown case id(s): {', '.join(unknown)}")
        cases = [c for c in cases if c.id in wanted]
    model = request.record.label if request.record else _recorded_name(request.model, request.cassettes)
    model = model or policy.model
    languages = list(request.languages or policy.languages)
    ungated = sorted(set(languages) - set(policy.languages))
    if gated and not request.baseline_prompt and ungated:
        raise EvalRequestError(
            f"--lang {', '.join(ungated)}: {request.gate_file.name} gates {', '.join(policy.languages)} only "
            "(another gate file may gate it; score it with --no-gate)"
        )
    return Plan(policy, cases, model, request.prompt or policy.prompt, languages, best_effort, gated)


async def _run(request: EvalRequest, resolved: Plan, prompt: str, record: ProviderSettings | None) -> EvalRun:
    return await run_eval(
        resolved.cases,
        model=resolved.model,
        prompt_version=prompt,
        languages=resolved.languages,
        cassettes=request.cassettes,
        record_settings=record,
        on_case=request.on_case,
        concurrency=request.concurrency,
        record_concurrency=request.record_concurrency,
        skip_complete=request.resume,
        best_effort=resolved.best_effort,
        reuse=request.reuse,
    )


async def aevaluate(request: EvalRequest, resolved: Plan | None = None, run: EvalRun | None = None) -> Evaluation:
    """Run (replay, or record) and score the request's cases, unless ``run`` is that run already; gate them
    unless the request says not to."""
    resolved = resolved or plan(request)
    run = run or await _run(request, resolved, resolved.prompt, request.record)
    if not resolved.gated:
        return Evaluation(run, None)
    if request.baseline_prompt:
        label = f"prompt {request.baseline_prompt}"
        baseline = await _run(request, resolved, request.baseline_prompt, None)
    else:
        label = resolved.policy.baseline
        try:
            baseline = load_report(Path(resolved.policy.baseline))
        except ReportError as exc:
            raise SummarizerError(f"{exc} (regenerate it: summarizer eval --update-baseline)") from None
    verdict = gate(
        run, baseline, resolved.policy, across=request.across, label=label, floors=not request.baseline_prompt
    )
    return Evaluation(run, verdict)


def evaluate(request: EvalRequest, resolved: Plan | None = None) -> Evaluation:
    """``aevaluate`` for synchronous callers (the CLI, pytest, benchmarks). A replay runs with the cyclic garbage
    collector paused (speed only: its passes over the SDK's types and the checker's tables were ~0.8 s of a 5 s
    ``summarizer eval``; the gated run's peak memory grew ~8 MB); a live recording, minutes long, keeps it."""
    resolved = resolved or plan(request)
    with collector_paused(request.record is None):
        run = _split_replay(request, resolved) if request.record is None and request.processes > 1 else None
        return asyncio.run(aevaluate(request, resolved, run))


def _split_replay(request: EvalRequest, resolved: Plan) -> EvalRun:
    """The replay of ``resolved`` over ``request.processes`` forked processes (speed only): the same run."""

    def replay(cases: Sequence[Case], report: bool) -> EvalRun:
        share = dataclasses.replace(resolved, cases=list(cases))
        asked = request if report else dataclasses.replace(request, on_case=None)
        return asyncio.run(_run(asked, share, resolved.prompt, None))

    return replay_split(resolved.cases, replay, request.processes, request.on_case)


def update_baseline(request: EvalRequest) -> EvalRun:
    """Replay gate.json's model, prompt, cases and languages and write the baseline report it names.

    Returns the run; a run with missing or stale recordings is returned unwritten (the caller reports it).
    """
    resolved = plan(
        EvalRequest(
            gate_file=request.gate_file,
            cases_dir=request.cases_dir,
            cassettes=request.cassettes,
            on_case=request.on_case,
        )
    )
    with collector_paused():
        run = asyncio.run(_run(request, resolved, resolved.prompt, None))
    if not run.stale:
        # replay times change from run to run: a baseline without them diffs only where the answers' scores moved
        timeless = dataclasses.replace(
            run, replay_s=0.0, results=[dataclasses.replace(r, replay_s=0.0) for r in run.results]
        )
        write_json(build_report(timeless), Path(resolved.policy.baseline))
    return run
