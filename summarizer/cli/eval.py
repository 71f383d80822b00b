"""``eval``: score recorded (or live) runs of the labelled cases and gate them against the baseline."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from summarizer.cli import collector
from summarizer.cli.console import progress_bar, stderr, stdout
from summarizer.cli.options import (
    ApiKeyOption,
    BaseUrlOption,
    GgufOption,
    LanguageChoice,
    LocalModelOption,
    LocalOption,
    ModeOption,
    TranslationModelOption,
    open_provider,
)
from summarizer.errors import EvalRegression, StaleRecording, SummarizerError, UsageProblem

if TYPE_CHECKING:
    from summarizer.evals.report import Report


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
    reuse: Annotated[
        bool,
        typer.Option(
            help="With --record: answer each request the previous recording holds byte for byte (re-ask feedback "
            "included) from it, and ask the model only what changed (its meta counts them: reused_exchanges)."
        ),
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
    translation_model: TranslationModelOption = None,
    max_output_tokens: Annotated[int | None, typer.Option(help="With --record: answer length cap.")] = None,
    max_reasks: Annotated[int | None, typer.Option(help="With --record: validation re-asks.")] = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    mode: ModeOption = None,
    across: Annotated[
        list[str] | None,
        typer.Option(
            "--across",
            help="Compare with a baseline of another model, prompt or schema (repeatable); otherwise such a "
            "comparison is refused (exit 2) unless gate.json's compare_across allows it.",
        ),
    ] = None,
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
    compares with the committed baseline report, pooled and per language: exit 0 pass, 2 refused (another
    model, prompt or schema than the baseline's, not allowed), 30 recordings missing/stale/corrupt or not
    in the baseline, 40 a metric below its floor or regressed. The flags only build the eval session's
    request (summarizer.evals.session); this prints what it returns.
    """

    def body() -> None:
        import dataclasses
        import importlib.util

        if (resume or reuse) and not record:
            raise UsageProblem(f"{'--resume' if resume else '--reuse'} only applies with --record")

        # The [eval] extra's libraries, looked up (not imported: they load when first needed); vcrpy records only.
        for name in ("yaml", "sacrebleu", *(("vcr",) if record else ())):
            if importlib.util.find_spec(name) is None:
                raise SummarizerError(
                    f"summarizer eval needs the [eval] extra ({name} is not installed): pip install 'summarizer[eval]'"
                )
        from summarizer.evals.report import build_report
        from summarizer.evals.session import EvalRequest, evaluate, plan
        from summarizer.evals.session import update_baseline as write_baseline
        from summarizer.evals.writers import review_inputs, write_reports

        request = EvalRequest(
            gate_file=gate,
            cases_dir=cases_dir,
            cassettes=cassettes_dir,
            model=model,
            prompt=prompt,
            languages=[x.language for x in lang] if lang else None,
            case_ids=tuple(case or ()),
            baseline_prompt=baseline,
            gated=not no_gate,
            best_effort=best_effort,
            across=tuple(across or ()),
            resume=resume,
            reuse=reuse,
            processes=_replay_processes(),
        )
        if update_baseline:
            if record or baseline or model or prompt or case or lang or best_effort is not None:
                raise UsageProblem(
                    "--update-baseline takes the model, prompt, cases, languages and best_effort from gate.json"
                )
            written = write_baseline(request)
            if written.stale:
                _print_stale(written.stale)
                raise typer.Exit(StaleRecording.exit_code)
            stderr.print(f"baseline written: {plan(request).policy.baseline} ({len(written.results)} results)")
            return
        with contextlib.ExitStack() as stack:
            if record:
                is_local = local or bool(local_model or gguf)
                if not is_local and model is None:
                    raise SummarizerError(
                        "--record needs --local [--local-model NAME|PATH] or --model naming your provider's model"
                    )
                from summarizer.local import slots_for

                # cases recorded at once: the local server's slots
                slots = slots_for(model=local_model or gguf) if is_local else 1
                live = stack.enter_context(
                    open_provider(
                        slots=slots,
                        local=local,
                        local_model=local_model,
                        gguf=gguf,
                        base_url=base_url,
                        api_key=api_key,
                        model=model if not is_local else None,
                        mode=mode,
                        translation_model=translation_model,
                    )
                )
                live = live.with_overrides(
                    max_output_tokens=max_output_tokens, max_reasks=max_reasks, best_effort=plan(request).best_effort
                )
                request = dataclasses.replace(request, record=live, record_concurrency=slots)
            resolved = plan(request)
            split = request.processes > 1 and not record  # the replay forks: no refreshing thread (forked.py)
            progress = stack.enter_context(progress_bar(transient=True, auto_refresh=not split))
            runs = 2 if resolved.gated and baseline else 1  # a baseline prompt's recordings are replayed too
            task = progress.add_task(f"{resolved.model} / {resolved.prompt}", total=resolved.total * runs)
            request = dataclasses.replace(request, on_case=lambda _: progress.update(task, advance=1, refresh=split))
            current, verdict = evaluate(request, resolved)
        report = build_report(current, verdict)
        paths = write_reports(report, out, review_inputs(current, resolved.cases))
        _print_eval_table(report, recorded=record)
        stderr.print("reports: " + ", ".join(str(p) for p in paths.values()))
        if current.stale and not record and verdict is None:
            _print_stale(current.stale)
        if verdict is not None and not verdict.passed:
            refused = verdict.exit_code != EvalRegression.exit_code  # a usage error or stale recordings: one error line
            stderr.print(Text(("error: " if refused else "") + verdict.headline, style="bold red"), highlight=False)
            for line in verdict.reasons:
                stderr.print(Text(f"  {line}"), highlight=False)
            if refused:
                raise typer.Exit(verdict.exit_code)
            raise EvalRegression(f"the eval gate failed against {verdict.baseline} (policy {gate})")
        if current.stale and not record:
            raise typer.Exit(StaleRecording.exit_code)

    with collector.paused(not record):  # a replay's garbage is bounded: no collector passes (speed only)
        body()


def _replay_processes() -> int:
    """How many processes replay (speed only, ``summarizer.evals.forked``): split only when this command owns its
    process (a test driving the app counts on one) and logs no steps (-v's lines come from one process, in order)."""
    import logging

    from summarizer.evals.forked import processes_wanted

    quiet = not logging.getLogger("summarizer").isEnabledFor(logging.INFO)
    return processes_wanted() if collector.owns_process() and quiet else 1


def _print_stale(stale: list[Any]) -> None:
    names = ", ".join(r.key for r in stale)
    stderr.print(Text(f"error: stale or missing recordings: {names}", style="bold red"))  # docs/exit-codes.md
    for result in stale:
        stderr.print(Text(f"  {result.key}: {result.message}"))


def _print_eval_table(report: Report, *, recorded: bool = False) -> None:
    from summarizer.evals.report import headline_split
    from summarizer.evals.verdict import signed

    head, _ = headline_split(report.aggregate)
    title = f"{report.model} / prompt {report.prompt_version} / {', '.join(report.languages)}"
    table = Table("metric", "mean", "n", title=title)
    for name in head:
        table.add_row(name, f"{report.aggregate[name].mean:.3f}", str(report.aggregate[name].n))
    stdout.print(table)
    outcomes = ", ".join(f"{k}: {v}" for k, v in report.outcomes.items())
    took = "recorded and scored" if recorded else "replayed"  # a live recording's time is the model's, not replay's
    stdout.print(f"outcomes: {outcomes}; tokens {report.usage.total_tokens}; {took} in {report.usage.replay_s:.2f}s")
    if report.gate:
        g = report.gate
        deltas = Table(
            "metric", "slice", "baseline", "now", "delta", "95% CI", "moved (down)", "drop p", "n", "verdict",
            title=f"gate vs {g.baseline}",
        )  # fmt: skip
        for c in g.checks:
            ci = "–" if c.ci_low is None or c.ci_high is None else f"[{signed(c.ci_low)}, {signed(c.ci_high)}]"
            flag = "FAIL" if c.failed else ("thin" if c.thin else "")
            delta = "–" if c.delta is None else signed(c.delta)
            p = "–" if c.p_drop is None else f"{c.p_drop:.3f}"
            deltas.add_row(
                c.metric, c.scope, _fmt3(c.baseline), _fmt3(c.current), delta, ci, f"{c.moved} ({c.down})", p,
                str(c.n), flag,
            )  # fmt: skip
        stdout.print(deltas)
        stdout.print(Text(g.headline), highlight=False)


def _fmt3(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"
