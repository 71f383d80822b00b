"""The ``summarizer`` command: summarize, batch, prompts, serve-local."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from summarizer.api import ItemError, summarize
from summarizer.batch import run_batch
from summarizer.errors import SummarizerError
from summarizer.inputs import decode_article, read_article
from summarizer.prompts import DEFAULT_VERSION, list_versions, prompts_dir
from summarizer.render import to_markdown
from summarizer.schema import Digest, Language
from summarizer.settings import ProviderSettings

app = typer.Typer(
    help="Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
stderr = Console(stderr=True)
T = TypeVar("T")


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"


LangOption = Annotated[str, typer.Option("--lang", "-l", help="Summary language: en or ar.")]
BaseUrlOption = Annotated[str | None, typer.Option(help="OpenAI-compatible base URL [env: OPENAI_BASE_URL].")]
ApiKeyOption = Annotated[str | None, typer.Option(help="API key [env: OPENAI_API_KEY].")]
ModelOption = Annotated[str | None, typer.Option(help="Model name [env: SUMMARIZER_MODEL].")]
ModeOption = Annotated[
    str | None, typer.Option(help="Structured-output mode: tools, json_schema or json_object [env: SUMMARIZER_MODE].")
]
ContextOption = Annotated[
    int | None, typer.Option(help="The model's context window in tokens, for the length pre-check.")
]
PromptOption = Annotated[str, typer.Option("--prompt", help="Prompt version (see `summarizer prompts`).")]
LocalOption = Annotated[bool, typer.Option("--local", help="Start a llama.cpp server on this machine for this run.")]
GgufOption = Annotated[Path | None, typer.Option(help="GGUF weights for --local (default: bundled Gemma 3 270M).")]


def _fail(exc: SummarizerError) -> typer.Exit:
    stderr.print(Text("error: ", style="bold red") + Text(str(exc)), highlight=False, soft_wrap=True)
    return typer.Exit(exc.exit_code)


def _guarded(action: Callable[[], T]) -> T:
    """Run a command body; turn our errors into a message and exit code, Ctrl-C into 130."""
    try:
        return action()
    except SummarizerError as exc:
        raise _fail(exc) from None
    except KeyboardInterrupt:
        stderr.print("interrupted")
        raise typer.Exit(130) from None


@contextmanager
def _provider(
    local: bool,
    gguf: Path | None,
    base_url: str | None,
    api_key: str | None,
    model: str | None,
    mode: str | None,
    context_tokens: int | None,
) -> Iterator[ProviderSettings]:
    if local:
        from summarizer.local import local_server

        stderr.print("starting the local llama.cpp server...")
        with local_server(gguf) as settings:
            yield settings
        return
    yield ProviderSettings.from_env(
        base_url=base_url, api_key=api_key, model=model, mode=mode, context_tokens=context_tokens
    )


def _atomic_write(path: Path, content: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(content)
    os.replace(tmp, path)


def _language(value: str) -> Language:
    if value not in ("en", "ar"):
        raise SummarizerError(f"--lang must be en or ar, not {value!r}")
    return value  # type: ignore[return-value]


@app.command("summarize")
def summarize_command(
    source: Annotated[str, typer.Argument(help="Article file (UTF-8), or - for standard input.")],
    lang: LangOption = "en",
    output_format: Annotated[OutputFormat, typer.Option("--format", "-f")] = OutputFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    prompt: PromptOption = DEFAULT_VERSION,
    local: LocalOption = False,
    gguf: GgufOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    context_tokens: ContextOption = None,
) -> None:
    """Summarise one Arabic article into bullets and grounded ACLED-style events."""

    def body() -> None:
        language = _language(lang)
        text = decode_article(sys.stdin.buffer.read(), "stdin") if source == "-" else read_article(Path(source))
        with _provider(local, gguf, base_url, api_key, model, mode, context_tokens) as settings:
            digest = summarize(text, language, settings=settings, prompt_version=prompt)
        rendered = (
            to_markdown(digest)
            if output_format is OutputFormat.markdown
            else json.dumps(digest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
        )
        if output is None:
            sys.stdout.write(rendered)
        else:
            _atomic_write(output, rendered)

    _guarded(body)


@app.command("batch")
def batch_command(
    input_path: Annotated[Path, typer.Argument(metavar="IN.jsonl", help='Lines of {"id": ..., "text": ...}.')],
    output_path: Annotated[Path, typer.Argument(metavar="OUT.jsonl", help="Results; a rerun resumes it.")],
    lang: LangOption = "en",
    concurrency: Annotated[int, typer.Option(min=1, max=64)] = 4,
    retry_errors: Annotated[bool, typer.Option(help="Retry ids whose earlier output line is an error.")] = False,
    prompt: PromptOption = DEFAULT_VERSION,
    local: LocalOption = False,
    gguf: GgufOption = None,
    base_url: BaseUrlOption = None,
    api_key: ApiKeyOption = None,
    model: ModelOption = None,
    mode: ModeOption = None,
    context_tokens: ContextOption = None,
) -> None:
    """Summarise a JSONL batch; resumable, one output line per input id."""

    def body() -> None:
        language = _language(lang)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with (
            _provider(local, gguf, base_url, api_key, model, mode, context_tokens) as settings,
            Progress(*columns, console=stderr, transient=False) as progress,
        ):
            task = progress.add_task("summarising", total=None)

            def on_start(todo: int) -> None:
                progress.update(task, total=todo)

            def on_result(item_id: str, result: Digest | ItemError) -> None:
                progress.advance(task)
                if isinstance(result, ItemError):
                    progress.console.print(f"[yellow]{item_id}[/]: {result.code}: {result.message}", markup=True)

            started = time.monotonic()
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
        stderr.print(
            f"{report.total} articles: {report.succeeded} summarised, {report.failed} failed, "
            f"{report.skipped} already done; {time.monotonic() - started:.1f}s -> {output_path}"
        )
        if report.failed:
            codes = ", ".join(f"{code} x{n}" for code, n in report.failures.most_common())
            stderr.print(f"failures: {codes}. Rerun with --retry-errors to retry them.")

    _guarded(body)


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
    Console().print(table)


@app.command("serve-local")
def serve_local_command(
    gguf: GgufOption = None,
    context_tokens: Annotated[int, typer.Option(help="Context window to allocate.")] = 16384,
) -> None:
    """Run a local llama.cpp OpenAI-compatible server until Ctrl-C, and print how to use it."""

    def body() -> None:
        from summarizer.local import local_server

        with local_server(gguf, context_tokens=context_tokens) as settings:
            stderr.print(
                f"serving {settings.model} at {settings.base_url}; in another shell:\n"
                f"  export OPENAI_BASE_URL={settings.base_url} SUMMARIZER_MODEL={settings.model} "
                f"SUMMARIZER_MODE=json_object SUMMARIZER_CONTEXT_TOKENS={context_tokens}\n"
                "Ctrl-C stops it."
            )
            while True:
                time.sleep(3600)

    _guarded(body)


def main() -> None:
    # instructor logs every failed attempt at ERROR; we report failures ourselves, once.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    app()
