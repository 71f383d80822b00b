"""The ``summarizer`` command: its commands, its global options, and the console entry point."""

from __future__ import annotations

from typing import Annotated

import typer

from summarizer.cli import batch, collector, eval, local, summarize
from summarizer.cli.boundary import Boundary
from summarizer.cli.console import configure_logging, stdout
from summarizer.cli.help import Command
from summarizer.cli.options import with_options

app = typer.Typer(
    cls=Boundary,
    help="Structured, source-grounded summaries of Arabic news through any OpenAI-compatible LLM.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def _print_version(value: bool) -> None:
    if value:
        from summarizer import __version__

        stdout.print(f"summarizer {__version__}", highlight=False)
        raise typer.Exit()


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
    configure_logging(verbose)


app.command("summarize", cls=Command)(summarize.summarize_command)
app.command("view", cls=Command)(with_options(summarize.view_command))
app.add_typer(batch.batch_app, name="batch")
app.command("prompts", cls=Command)(with_options(summarize.prompts_command))
app.command("serve-local", cls=Command)(with_options(local.serve_local_command))
app.command("eval", cls=Command)(with_options(eval.eval_command))
app.add_typer(local.models_app, name="models")


def main() -> None:
    """The console entry point (``summarizer``); the Boundary turns every outcome into an exit code."""
    import sys

    args = sys.argv[1:]
    if args and not {"--help", "-h"} & set(args):  # help compiles little: it stays clear of the data cache
        from summarizer import regex_cache

        regex_cache.install(regex_cache.command_name(args))  # compiled regexes read back (speed only)
    with collector.process():  # frozen on the way out: shutdown need not walk the heap (speed only)
        app()
