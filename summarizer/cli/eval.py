"""``eval``: score recorded (or live) runs of the labelled cases and gate them against the baseline."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from summarizer.cli.console import progress_bar, stderr, stdout
from summarizer.cli.options import (
    ApiKeyOption,
    BaseUrlOption,
    GgufOption,
    LanguageChoice,
    LocalModelOption,
    LocalOption,
    ModeOption,
    open_provider,
)
from summarizer.errors import EvalRegression, StaleRecording, SummarizerError

if TYPE_CHECKING:
    from summarizer.schema import Language
    from summarizer.settings import ProviderSettings


def eval_command(
    prompt: Annotated[str | None, typer.Option("--prompt", help="Prompt version (default: gate.json's).")] = None,
    model: Annotated[
        str | None,
        typer.Option(help="Whose recordings to score; 'reference' scores the gold labels (default: gate.json's)."),
    ] = None,
    baseline: Annotated[
        str | None, typer.Option(help="Compare with this prompt version's recordings instead of the baseline report.")
    ] = None,
    record: Annotated[bool, typer.Option(help="Re-record the cases live instead of replaying.")] = False,
    resume: Annotated[
        bool, typer.Option(help="With --record: keep recordings that are complete and current, record the rest.")
    ] = False,
    lang: Annotated[
        list[LanguageChoice] | None,
        typer.Option("--lang", "-l", help="Summary language(s), repeatable (default: en and ar)."),
    ] = None,
    case: Annotated[list[str] | None, typer.Option("--case", help="Only these case ids (repeatable).")] = None,
    cases_dir: Annotated[Path, typer.Option(help="Folder of case files.")] = Path("evals/cases"),
    cassettes_dir: Annotated[Path, typer.Option(help="Folder of recordings.")] = Path("cassettes"),
    out: Annotated[Path, typer.Option(help="Where the JSON, Markdown and JUnit reports go.")] = Path("reports"),
    gate: Annotated[Path, typer.Option(help="The gate policy (validated).")] = Path("evals/gate.json"),
    no_gate: Annotated[bool, typer.Option("--no-gate", help="Score and report only; decide nothing.")] = False,
    update_baseline: Annotated[
        bool, typer.Option(help="Replay the gated model and prompt and write the baseline report gate.json names.")
    ] = False,
    local: LocalOption = False,
    local_model: LocalModelOption = None,
    gguf: GgufOption = None,
    max_output_tokens: Annotated[int | None, typer.Option(help="With --record: answer length cap.")] = None,
    max_reasks: Annotated[int | None, typer.Option(help="With --record: validation re-asks.")] = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    mode: ModeOption = None,
    best_effort: Annotated[
        bool | None,
        typer.Option(
            "--best-effort/--strict",
            help="Score an invalid answer's grounded parts (partial credit), or only valid digests "
            "(default: gate.json's best_effort).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Score recorded (or, with --record, live) runs of the labelled cases and gate them against the baseline.

    With no options it replays gate.json's model and prompt over its cases in both languages and
    compares with the committed baseline report: exit 0 pass, 30 recordings missing/stale/corrupt or not
    in the baseline, 40 a metric below its floor or regressed past its threshold.
    """

    def body() -> None:
        import importlib.util

        # The [eval] extra's libraries, looked up (not imported: they load when first needed).
        for name in ("vcr", "yaml", "scipy", "sacrebleu"):
            if importlib.util.find_spec(name) is None:
                raise SummarizerError(
                    f"summarizer eval needs the [eval] extra ({name} is not installed): pip install 'summarizer[eval]'"
                )
        from summarizer.evals.cases import load_cases
        from summarizer.evals.gate import gate as decide
        from summarizer.evals.gate import load_policy
        from summarizer.evals.reference import REFERENCE_MODEL
        from summarizer.evals.report import ReportError, load_report, report_dict, write_json, write_reports
        from summarizer.evals.runner import run_eval

        policy = load_policy(gate)
        partial_credit = policy.best_effort if best_effort is None else best_effort
        languages: list[Language] = [x.language for x in lang] if lang else list(policy.languages)
        if not cases_dir.is_dir():
            raise SummarizerError(f"no case folder at {cases_dir} (run from the project root or pass --cases-dir)")
        try:
            cases = load_cases(cases_dir)
        except ValueError as exc:
            raise SummarizerError(str(exc)) from None
        known = {c.id for c in cases}
        # The gold labels are the scorers' ceiling, not a model: they cover every case in the folder (recorded or
        # not) and are not compared with the gated model's baseline unless --baseline asks for a prompt comparison.
        gold = model == REFERENCE_MODEL and not (record or baseline)
        gated = not (record or no_gate or gold)
        if gated and not (baseline or update_baseline) and partial_credit != policy.best_effort:
            raise SummarizerError(
                f"the baseline is scored with best_effort={str(policy.best_effort).lower()} (gate.json); "
                "compare like with like, or score only with --no-gate"
            )
        wanted = case or (policy.cases if (gated or update_baseline) and policy.cases != "all" else None)
        if wanted:
            unknown = sorted(set(wanted) - known)
            if unknown:
                raise SummarizerError(f"unknown case id(s): {', '.join(unknown)}")
            cases = [c for c in cases if c.id in wanted]
        whose_default = model or policy.model
        version = prompt or policy.prompt

        def run(version: str, settings: ProviderSettings | None) -> Any:
            whose = settings.model if settings else whose_default  # recordings are filed under their model
            with progress_bar(transient=True) as progress:
                task = progress.add_task(f"{whose} / {version}", total=len(cases) * len(languages))
                return asyncio.run(
                    run_eval(
                        cases,
                        model=whose,
                        prompt_version=version,
                        languages=languages,
                        cassettes=cassettes_dir,
                        record_settings=settings,
                        on_case=lambda _: progress.advance(task),
                        skip_complete=resume,
                        best_effort=partial_credit,
                    )
                )

        if update_baseline:
            if record or baseline or model or prompt or case or lang or best_effort is not None:
                raise SummarizerError(
                    "--update-baseline takes the model, prompt, cases, languages and best_effort from gate.json"
                )
            current = run(version, None)
            if current.stale:
                _print_stale(current.stale)
                raise typer.Exit(StaleRecording.exit_code)
            write_json(report_dict(current), Path(policy.baseline))
            stderr.print(f"baseline written: {policy.baseline} ({len(current.results)} results)")
            return
        if record:
            is_local = local or bool(local_model or gguf)
            if not is_local and model is None:
                raise SummarizerError(
                    "--record needs --local [--local-model NAME|PATH] or --model naming your provider's model"
                )
            with open_provider(
                local=local,
                local_model=local_model,
                gguf=gguf,
                base_url=base_url,
                api_key=api_key,
                model=model if not is_local else None,
                mode=mode,
            ) as live:
                live = live.with_overrides(
                    max_output_tokens=max_output_tokens, max_reasks=max_reasks, best_effort=partial_credit
                )
                current = run(version, live)
        else:
            current = run(version, None)
        verdict, label = None, None
        if gated:
            if baseline:
                label, before = f"prompt {baseline}", run(baseline, None)
            else:
                label = policy.baseline
                try:
                    before = load_report(Path(policy.baseline))
                except ReportError as exc:
                    raise SummarizerError(f"{exc} (regenerate it: summarizer eval --update-baseline)") from None
            verdict = decide(current, before, policy)
        report = report_dict(current, verdict, label)
        paths = write_reports(report, out)
        from summarizer.evals.html_report import write_html_report

        paths["html"] = write_html_report(report, out)  # summary page, one page per case beside it
        _print_eval_table(report)
        stderr.print("reports: " + ", ".join(str(p) for p in paths.values()))
        if current.stale and not record and verdict is None:
            _print_stale(current.stale)
        if verdict is not None and not verdict.passed:
            why = (
                "stale or missing recordings, or results the baseline lacks"
                if verdict.exit_code == StaleRecording.exit_code
                else "a metric is past its floor or regressed"
            )
            stderr.print(Text(f"the eval gate did not pass: {why}", style="bold red"))
            for line in verdict.summary():
                stderr.print(Text(f"  {line}"), highlight=False)
            if verdict.exit_code == StaleRecording.exit_code:
                raise typer.Exit(verdict.exit_code)
            raise EvalRegression(f"the eval gate failed against {label} (policy {gate})")
        if current.stale and not record:
            raise typer.Exit(StaleRecording.exit_code)

    body()


def _print_stale(stale: list[Any]) -> None:
    names = ", ".join(r.key for r in stale)
    stderr.print(Text(f"stale or missing recordings: {names}", style="bold red"))
    for result in stale:
        stderr.print(Text(f"  {result.key}: {result.message}"))


def _print_eval_table(report: dict[str, Any]) -> None:
    from summarizer.evals.report import headline_split

    head, _ = headline_split(report["aggregate"])
    title = f"{report['model']} / prompt {report['prompt_version']} / {', '.join(report['languages'])}"
    table = Table("metric", "mean", "n", title=title)
    for name in head:
        table.add_row(name, f"{report['aggregate'][name]['mean']:.3f}", str(report["aggregate"][name]["n"]))
    stdout.print(table)
    outcomes = ", ".join(f"{k}: {v}" for k, v in report["outcomes"].items())
    stdout.print(f"outcomes: {outcomes}; tokens {report['usage']['total_tokens']}")
    if report["gate"]:
        g = report["gate"]
        deltas = Table("metric", "baseline", "now", "delta", "95% CI", "n", "", title=f"gate vs {g['baseline']}")
        for c in g["checks"]:
            ci = "–" if c["ci_low"] is None else f"[{c['ci_low']:+.3f}, {c['ci_high']:+.3f}]"
            flag = "FAIL" if (c["below_floor"] or c["regressed"]) else ""
            delta = "–" if c["delta"] is None else f"{c['delta']:+.3f}"
            deltas.add_row(c["metric"], _fmt3(c["baseline"]), _fmt3(c["current"]), delta, ci, str(c["n"]), flag)
        stdout.print(deltas)
        stdout.print(f"gate: {g['status']} ({g['n_paired']} of {g['n_run']} results paired with the baseline)")


def _fmt3(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
