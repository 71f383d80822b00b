"""``batch``: many articles from a JSONL file.

- ``batch run IN OUT``: summarise them here, resumably, one output line per input id;
- ``batch export IN REQUESTS``: write OpenAI Batch API / ``vllm run-batch`` request lines instead;
- ``batch import RESULTS IN OUT``: judge those results as a live run would and append the output lines.

The earlier spellings (``batch IN OUT``, ``batch --export-requests R IN``, ``batch --import-results R
--articles IN OUT``) still work, with a note saying what to type instead.
"""

from __future__ import annotations

import logging
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.text import Text

from summarizer.cli import collector, interrupts
from summarizer.cli.console import counting, note, progress_bar, stderr
from summarizer.cli.help import Command, Group
from summarizer.cli.options import JudgingOptions, LangOption, LanguageChoice, ProviderOptions, with_options
from summarizer.cli.summarize import log_settings
from summarizer.errors import BatchHadFailures, PartialResult, SummarizerError

if TYPE_CHECKING:
    from summarizer.api import ItemError
    from summarizer.schema import Digest, Language
    from summarizer.settings import ProviderSettings

LEGACY = "legacy"  # the hidden command that takes the earlier spellings
log = logging.getLogger("summarizer.cli")


class BatchGroup(Group):
    """``batch`` with a subcommand, or the earlier spelling (no subcommand), routed to the legacy command."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [LEGACY, *args]
        return super().parse_args(ctx, args)


batch_app = typer.Typer(
    cls=BatchGroup,
    no_args_is_help=True,
    help="Summarise a JSONL batch here (run, resumable), or for 100k articles write request files for the "
    "OpenAI Batch API or vllm run-batch (export) and judge their results (import).",
)

InputArgument = Annotated[
    Path, typer.Argument(metavar="IN.jsonl", help='Lines of {"id": ..., "text": ...}.', show_default=False)
]
ConcurrencyOption = Annotated[
    int, typer.Option(min=1, max=64, help="Articles in flight at once (requests to the provider).")
]
RetryErrorsOption = Annotated[bool, typer.Option(help="Retry ids whose earlier output line is an error.")]
RequestsOption = Annotated[
    Path | None,
    typer.Option(
        "--requests",
        metavar="REQUESTS.jsonl",
        help="The request file these results answer (needed after a re-ask round).",
    ),
]
FollowUpOption = Annotated[
    Path | None,
    typer.Option(metavar="NEXT.jsonl", help="Write re-asks and retries here as the next request file."),
]


@batch_app.command("run", cls=Command)
@with_options
def run_command(
    input_path: InputArgument,
    output_path: Annotated[
        Path, typer.Argument(metavar="OUT.jsonl", help="Results; a rerun resumes it.", show_default=False)
    ],
    lang: LangOption = LanguageChoice.en,
    concurrency: ConcurrencyOption = 4,
    retry_errors: RetryErrorsOption = False,
    *,
    provider: ProviderOptions,
    judging: JudgingOptions,
) -> None:
    """Summarise every article of IN.jsonl into OUT.jsonl; resumable, one output line per input id."""
    run(input_path, output_path, lang.language, provider, judging, concurrency=concurrency, retry_errors=retry_errors)


@batch_app.command("export", cls=Command)
@with_options
def export_command(
    input_path: InputArgument,
    requests: Annotated[
        Path, typer.Argument(metavar="REQUESTS.jsonl", help="The request file to write.", show_default=False)
    ],
    lang: LangOption = LanguageChoice.en,
    *,
    provider: ProviderOptions,
) -> None:
    """Write one OpenAI Batch API / vllm run-batch request line per usable article of IN.jsonl."""
    export(input_path, requests, lang.language, provider)


@batch_app.command("import", cls=Command)
@with_options
def import_command(
    results: Annotated[
        Path,
        typer.Argument(metavar="RESULTS.jsonl", help="A Batch API / run-batch output file.", show_default=False),
    ],
    input_path: InputArgument,
    output_path: Annotated[
        Path, typer.Argument(metavar="OUT.jsonl", help="Result lines are appended here.", show_default=False)
    ],
    lang: LangOption = LanguageChoice.en,
    requests_path: RequestsOption = None,
    follow_up: FollowUpOption = None,
    *,
    provider: ProviderOptions,
    judging: JudgingOptions,
) -> None:
    """Judge a Batch API / run-batch output file as a live run would, and append result lines to OUT.jsonl."""
    import_(
        results, input_path, output_path, lang.language, provider, judging, requests=requests_path, follow_up=follow_up
    )


@batch_app.command(LEGACY, cls=Command, hidden=True)
@with_options
def legacy_command(
    input_path: Annotated[
        Path | None, typer.Argument(metavar="IN.jsonl", help='Lines of {"id": ..., "text": ...}.', show_default=False)
    ] = None,
    output_path: Annotated[
        Path | None, typer.Argument(metavar="OUT.jsonl", help="Results; a rerun resumes it.", show_default=False)
    ] = None,
    lang: LangOption = LanguageChoice.en,
    export_requests: Annotated[Path | None, typer.Option(metavar="REQUESTS.jsonl")] = None,
    import_results: Annotated[Path | None, typer.Option(metavar="RESULTS.jsonl")] = None,
    articles: Annotated[Path | None, typer.Option(metavar="IN.jsonl")] = None,
    requests_path: RequestsOption = None,
    follow_up: FollowUpOption = None,
    concurrency: ConcurrencyOption = 4,
    retry_errors: RetryErrorsOption = False,
    *,
    provider: ProviderOptions,
    judging: JudgingOptions,
) -> None:
    """The earlier spellings of batch run / export / import."""
    language = lang.language
    if export_requests is not None:
        note("'batch --export-requests REQUESTS IN' is now 'batch export IN REQUESTS'")
        if import_results is not None or input_path is None or output_path is not None:
            raise SummarizerError("usage: summarizer batch --export-requests REQUESTS.jsonl IN.jsonl")
        export(input_path, export_requests, language, provider)
        return
    if import_results is not None:
        note("'batch --import-results RESULTS --articles IN OUT' is now 'batch import RESULTS IN OUT'")
        source = articles or (input_path if output_path is not None else None)
        out = output_path if output_path is not None else input_path
        if source is None or out is None:
            raise SummarizerError(
                "usage: summarizer batch --import-results RESULTS.jsonl --articles IN.jsonl OUT.jsonl "
                "[--follow-up NEXT]"
            )
        import_(import_results, source, out, language, provider, judging, requests=requests_path, follow_up=follow_up)
        return
    if input_path is None or output_path is None:
        raise typer.BadParameter("needs IN.jsonl and OUT.jsonl (or --export-requests / --import-results)")
    note("'batch IN OUT' is now 'batch run IN OUT'")
    run(input_path, output_path, language, provider, judging, concurrency=concurrency, retry_errors=retry_errors)


def run(
    input_path: Path,
    output_path: Path,
    language: Language,
    provider: ProviderOptions,
    judging: JudgingOptions,
    *,
    concurrency: int,
    retry_errors: bool,
) -> None:
    """A live batch with a progress bar; exit 4 when it completed with error lines."""
    from summarizer.api import ItemError
    from summarizer.batch import run_batch

    prompt_version = provider.prompt_for(language)  # a prompt that does not exist, before a local server starts
    progress = progress_bar()
    task = progress.add_task("summarising", total=None)

    def on_start(todo: int) -> None:  # after every check has passed: a refused run shows no progress bar
        log.info("%s: %s article(s) to summarise into %s", input_path, f"{todo:,}", output_path)
        progress.update(task, total=todo)
        progress.start()

    partial = 0

    def on_result(item_id: str | int, result: Digest | ItemError) -> None:
        nonlocal partial
        collector.freeze_once()  # what the first article loaded lives as long as the process (speed only)
        progress.advance(task)
        partial += is_partial(result)
        if isinstance(result, ItemError):
            line = Text(str(item_id), style="yellow") + Text(f": {result.code}: {result.message}")
            progress.console.print(line, highlight=False)

    started = time.monotonic()
    slots = 1
    if provider.is_local:  # as many parallel slots as articles in flight (more would only queue at the server)
        from summarizer.local import slots_for, usable_cores

        slots = slots_for(concurrency, provider.local_model_for(language) or provider.gguf)
        if slots < concurrency:
            note(
                f"--local: {slots} parallel slot(s) for this model on {usable_cores()} cores, so {slots} article(s) "
                "in flight (README: Many articles on a local model)"
            )
        concurrency = slots
    with provider.open(slots=slots, language=language) as opened:
        settings = judging.apply(opened, local=provider.is_local)
        log_settings(settings, prompt_version)
        log.info("%d article(s) in flight at most", concurrency)
        try:
            report = interrupts.run(  # the loop owns Ctrl-C and SIGTERM
                run_batch(
                    input_path,
                    output_path,
                    language,
                    settings=settings,
                    prompt_version=prompt_version,
                    concurrency=concurrency,
                    retry_errors=retry_errors,
                    on_result=on_result,
                    on_start=on_start,
                )
            )
        finally:
            if progress.live.is_started:
                progress.stop()
    usage = report.usage
    stderr.print(
        f"{report.total} articles: {report.succeeded} summarised, {report.failed} failed, "
        f"{report.skipped} already done; {time.monotonic() - started:.1f}s; tokens {usage.total_tokens} "
        f"({usage.prompt_tokens} prompt + {usage.completion_tokens} completion, failed items included) "
        f"-> {output_path}",
        highlight=False,
    )
    if partial:
        stderr.print(f"{partial} partial: best effort kept only the supported part of their answer", highlight=False)
    if report.failed:
        codes = ", ".join(f"{code} x{n}" for code, n in report.failures.most_common())
        stderr.print(f"failures: {codes}.", highlight=False)
    if report.complete_with_failures:
        raise had_failures(report.failures + report.failures_before, output_path, retry="--retry-errors")
    if partial:
        raise PartialResult(f"{partial} digest(s) in {output_path} kept only the supported part of their answer")


def is_partial(result: object) -> bool:
    """A digest best effort kept only part of (``run.status == "partial"``)."""
    run = getattr(result, "run", None)
    return run is not None and run.status == "partial"


def had_failures(failures: Counter[str], output: Path, *, retry: str) -> BatchHadFailures:
    """Exit 4, with advice that fits the failures: retrying helps provider and model failures, not bad input."""
    from summarizer.errors import INPUT_CODES

    fixable = sum(n for code, n in failures.items() if code in INPUT_CODES)
    total = failures.total()
    head = f"{total} article(s) have error lines in {output}"
    if fixable == total:
        return BatchHadFailures(
            f"{head}: their input cannot be summarised as it is (fix those lines; retrying cannot help)"
        )
    if fixable:
        return BatchHadFailures(
            f"{head}; {retry} retries the {total - fixable} that failed on the provider or the model "
            f"({fixable} have input that cannot be summarised as it is: fix those lines)"
        )
    return BatchHadFailures(f"{head}; {retry} retries them")


def export(input_path: Path, requests: Path, language: Language, provider: ProviderOptions) -> None:
    from summarizer import batch_api

    settings = provider.for_files()
    with counting("writing requests") as progress:
        exported = batch_api.export_requests(
            input_path, requests, language, settings, provider.prompt_for(language), on_progress=progress
        )
    stderr.print(f"{exported.written} requests ({settings.model}, mode {settings.mode}) -> {requests}", highlight=False)
    for item_id, why in list(exported.refused.items())[:20]:
        stderr.print(Text(item_id, style="yellow") + Text(f": not sent: {why}"), highlight=False)
    if exported.refused:
        stderr.print(f"{len(exported.refused)} article(s) not sent; batch import writes their error lines")


def import_(
    results: Path,
    articles: Path,
    out: Path,
    language: Language,
    provider: ProviderOptions,
    judging: JudgingOptions,
    *,
    requests: Path | None,
    follow_up: Path | None,
) -> None:
    from summarizer import batch_api

    settings: ProviderSettings = judging.apply(provider.for_files())
    with counting("judging results") as progress:
        imported = batch_api.import_results(
            results,
            articles,
            out,
            language,
            settings,
            provider.prompt_for(language),
            requests=requests,
            follow_up=follow_up,
            on_progress=progress,
        )
    for problem in imported.problems[:20]:
        stderr.print(Text("warning: ", style="yellow") + Text(problem), highlight=False)
    usage = imported.usage
    stderr.print(
        f"{imported.succeeded} summarised, {imported.failed} failed, {imported.reasks} to re-ask, "
        f"{imported.retries} to retry, {imported.skipped} already done, {len(imported.missing)} without a result; "
        f"tokens {usage.total_tokens} -> {out}",
        highlight=False,
    )
    if imported.partial:
        stderr.print(
            f"{imported.partial} partial: best effort kept only the supported part of their answer", highlight=False
        )
    if imported.failed:
        codes = ", ".join(f"{code} x{n}" for code, n in imported.failures.most_common())
        stderr.print(f"failures: {codes}.", highlight=False)
    if follow_up is not None and imported.pending:
        stderr.print(
            f"next: send {follow_up}, then import its results with --requests {follow_up}",
            highlight=False,
        )
    if imported.complete_with_failures:
        raise had_failures(imported.failures + imported.failures_before, out, retry="a live `batch run --retry-errors`")
    if imported.partial:
        raise PartialResult(f"{imported.partial} digest(s) in {out} kept only the supported part of their answer")
