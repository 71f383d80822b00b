"""``summarize`` (one article), ``view`` (a saved digest as the review page) and ``prompts``."""

from __future__ import annotations

import json
import logging
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from summarizer.cli import collector
from summarizer.cli.console import stderr, stdout
from summarizer.cli.options import JudgingOptions, LangOption, LanguageChoice, ProviderOptions, with_options
from summarizer.errors import FileProblem, PartialResult, SummarizerError

if TYPE_CHECKING:
    from summarizer.schema import Digest
    from summarizer.settings import ProviderSettings

log = logging.getLogger("summarizer.cli")


class OutputFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    html = "html"


@with_options
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
    *,
    provider: ProviderOptions,
    judging: JudgingOptions,
) -> None:
    """Summarise one Arabic article into bullets and grounded ACLED-style events."""
    from summarizer import api
    from summarizer.files import atomic_write, check_output_path
    from summarizer.inputs import check_article, decode_article, read_article

    text = decode_article(sys.stdin.buffer.read(), "stdin") if source == "-" else read_article(Path(source))
    log.info("read %s: %s characters", source if source != "-" else "stdin", f"{len(text):,}")
    check_article(text, provider.context_tokens)  # bad input is reported before any provider question
    if output is not None:  # and an unwritable output before the model is paid
        check_output_path(output, inputs=() if source == "-" else (Path(source),))
    prompt_version = provider.prompt_for(lang.language)  # and a prompt that does not exist, before a server starts
    with provider.open(language=lang.language) as settings:
        settings = judging.apply(settings, local=provider.is_local)
        log_settings(settings, prompt_version)
        with collector.paused():  # one article: no collector passes over what it loads (speed only)
            digest = api.summarize(text, lang.language, settings=settings, prompt_version=prompt_version)
    if digest.run is not None:
        run = digest.run
        log.info(
            "digest: %d bullets, %d events; %d attempt(s), %s tokens, %.1f s",
            len(digest.bullets),
            len(digest.events),
            run.attempts,
            f"{run.usage.total_tokens:,}",
            run.latency_s,
        )
    rendered = render(digest, text, output_format, title=Path(source).name if source != "-" else "stdin")
    if output is None:
        sys.stdout.write(rendered)
    else:
        atomic_write(output, rendered)
        log.info("wrote %s (%s)", output, output_format.value)
    if digest.run is not None and digest.run.status == "partial":  # written, and the exit code says it is partial
        dropped = len(digest.run.dropped)
        raise PartialResult(
            f"best effort kept only the supported part of the answer ({dropped} part(s) dropped, listed in "
            f"run.dropped); the digest was written to {output or 'stdout'}"
        )


def log_settings(settings: ProviderSettings, prompt: str) -> None:
    """What a run will do, for -v: where requests go and within which limits."""
    log.info(
        "provider %s, model %s, mode %s, prompt %s; %.0f s a request, %.0f s an article, up to %d re-ask(s), "
        "%d output tokens, faithfulness %s%s",
        settings.provider,
        settings.model,
        settings.mode,
        prompt,
        settings.request_timeout_s,
        settings.time_budget_s,
        settings.max_reasks,
        settings.max_output_tokens,
        settings.faithfulness,
        ", best effort" if settings.best_effort else "",
    )


def render(digest: Digest, article: str, output_format: OutputFormat, *, title: str) -> str:
    if output_format is OutputFormat.markdown:
        from summarizer.render import to_markdown

        return to_markdown(digest)
    if output_format is OutputFormat.html:
        from summarizer.html import render_digest_page

        return render_digest_page(digest, article, title=title)
    return json.dumps(digest.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def view_command(
    digest_path: Annotated[Path, typer.Argument(metavar="DIGEST.json", help="A digest: summarize's JSON output.")],
    article_path: Annotated[Path, typer.Argument(metavar="ARTICLE.txt", help="The article it summarises.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the page here (default: stdout).")
    ] = None,
) -> None:
    """Render a digest next to its article as one self-contained HTML page (offsets and claims re-checked)."""
    from summarizer.files import atomic_write, check_output_path
    from summarizer.html import digest_for_article, render_digest_page
    from summarizer.inputs import read_article

    article = read_article(article_path)
    try:
        data = json.loads(read_article(digest_path))
    except json.JSONDecodeError as exc:
        raise FileProblem(f"{digest_path} is not JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, dict):
        raise FileProblem(f"{digest_path} is not a digest (a JSON object with bullets and events)")
    if output is not None:
        check_output_path(output, inputs=(digest_path, article_path))
    page = render_digest_page(digest_for_article(data, article), article, title=article_path.name)
    if output is None:
        sys.stdout.write(page)
    else:
        atomic_write(output, page)
        stderr.print(f"wrote {output}", highlight=False)


def prompts_command() -> None:
    """List prompt versions and their content hashes."""
    from rich.table import Table

    from summarizer.models import DEFAULT_LOCAL_PROMPT_FOR
    from summarizer.prompts import DEFAULT_VERSION, list_versions, prompts_dir

    versions = list_versions()
    if not versions:
        raise SummarizerError(f"no prompt versions found in {prompts_dir()}")
    table = Table("version", "hash", "meant for", "folder", title="prompt versions")
    for version in versions:
        defaults = [
            label
            for label, default in (
                ("default", DEFAULT_VERSION),
                *((f"--local --lang {lang} default", local) for lang, local in DEFAULT_LOCAL_PROMPT_FOR.items()),
            )
            if version.version == default
        ]
        marker = f" ({', '.join(defaults)})" if defaults else ""
        table.add_row(version.version + marker, version.hash, version.meant_for, str(version.folder))
    stdout.print(table)
