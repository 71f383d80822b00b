"""The options shared by commands, declared once.

:class:`ProviderOptions` holds where requests go and how hard to try (the provider, the local server, the
time and size limits, the prompt version). A command takes one parameter of that type; :func:`with_options`
expands it into the command's flags for typer and gathers them back into one object when the command runs,
so ``summarize`` and ``batch`` read the same flags, with the same help, checked the same way.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import typing
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from summarizer.cli.console import more_verbose, note, stderr

if TYPE_CHECKING:
    from summarizer.schema import Language
    from summarizer.settings import ProviderSettings

F = TypeVar("F", bound=Callable[..., Any])
# What --help shows as the defaults; the values themselves live in summarizer.settings, prompts and models
# (importing those would load pydantic for --help): tests/test_cli_help.py keeps them equal.
DEFAULT_PROMPT = "v1"
DEFAULT_LOCAL_PROMPT_FOR = {"en": "v6", "ar": "v6"}  # models.DEFAULT_LOCAL_PROMPT_FOR: measured best on local models
DEFAULT_LOCAL_MODEL = "qwen2.5-1.5b"
DEFAULT_LOCAL_MODEL_FOR = {"en": "qwen2.5-1.5b", "ar": "qwen2.5-0.5b"}  # models.DEFAULT_LOCAL_MODEL_FOR
DEFAULT_TIMEOUT_S = 120.0
DEFAULT_TIME_BUDGET_S = 600.0
DEFAULT_MAX_REASKS = 2
DEFAULT_MAX_OUTPUT_TOKENS = 4096
LOCAL_FITS = " (with --local: fitted to the model's speed)"


class LanguageChoice(StrEnum):
    """A Choice in --help; a bad value is a usage error (exit 2) before anything runs."""

    en = "en"
    ar = "ar"

    @property
    def language(self) -> Language:
        return "ar" if self is LanguageChoice.ar else "en"


class ModeChoice(StrEnum):
    tools = "tools"
    json_schema = "json_schema"
    json_object = "json_object"


class Faithfulness(StrEnum):
    error = "error"
    warn = "warn"
    off = "off"


LangOption = Annotated[LanguageChoice, typer.Option("--lang", "-l", help="Summary language.")]
BaseUrlOption = Annotated[
    str | None, typer.Option(envvar="OPENAI_BASE_URL", help="OpenAI-compatible base URL (unset: OpenAI).")
]
ApiKeyOption = Annotated[str | None, typer.Option(envvar="OPENAI_API_KEY", help="API key.")]
ModeOption = Annotated[
    ModeChoice | None,
    typer.Option(envvar="SUMMARIZER_MODE", help="How the server takes a schema (default: tools on OpenAI)."),
]
LocalOption = Annotated[bool, typer.Option("--local", help="Start a llama.cpp server on this machine for this run.")]
GgufOption = Annotated[Path | None, typer.Option(help="GGUF file for --local (same as --local-model PATH).")]
TranslationModelOption = Annotated[
    str | None,
    typer.Option(
        "--translation-model",
        envvar="SUMMARIZER_TRANSLATION_MODEL",
        help="The model that translates the Arabic answer into English (prompts v3-v5; default: the model itself). "
        "With --local a name from `summarizer models` or a GGUF path, served beside the model (llama-server's "
        "router mode); elsewhere a model name the same server knows.",
        show_default=False,
    ),
]
LocalModelOption = Annotated[
    str | None,
    typer.Option(
        "--local-model",
        help="Model for --local (implies it): a name from `summarizer models` or a GGUF path "
        f"(default: {DEFAULT_LOCAL_MODEL_FOR['en']} for English, {DEFAULT_LOCAL_MODEL_FOR['ar']} for Arabic).",
    ),
]


@dataclass(frozen=True)
class ProviderOptions:
    """Where requests go, how long they may take, and which prompt: the flags ``summarize`` and ``batch`` share."""

    prompt: Annotated[
        str | None,
        typer.Option(
            "--prompt",
            help=f"Prompt version (see `summarizer prompts`; default {DEFAULT_PROMPT}, and with --local "
            f"{DEFAULT_LOCAL_PROMPT_FOR['en']} for English, {DEFAULT_LOCAL_PROMPT_FOR['ar']} for Arabic: the best "
            "measured on the local models).",
            show_default=False,
        ),
    ] = None
    local: LocalOption = False
    local_model: LocalModelOption = None
    gguf: GgufOption = None
    base_url: BaseUrlOption = None
    api_key: ApiKeyOption = None
    model: Annotated[str | None, typer.Option(envvar="SUMMARIZER_MODEL", help="Model name.")] = None
    translation_model: TranslationModelOption = None
    mode: ModeOption = None
    context_tokens: Annotated[
        int | None,
        typer.Option(
            envvar="SUMMARIZER_CONTEXT_TOKENS",
            min=1,
            help="The model's context window in tokens, for the length pre-check.",
        ),
    ] = None
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            envvar="SUMMARIZER_TIMEOUT",
            min=0.001,
            show_default=f"{DEFAULT_TIMEOUT_S:.0f}",
            help=f"Seconds one request may take{LOCAL_FITS}.",
        ),
    ] = None
    time_budget: Annotated[
        float | None,
        typer.Option(
            "--time-budget",
            envvar="SUMMARIZER_TIME_BUDGET",
            min=0.001,
            show_default=f"{DEFAULT_TIME_BUDGET_S:.0f}",
            help=f"Seconds for the whole article, re-asks and retries included{LOCAL_FITS}.",
        ),
    ] = None
    max_reasks: Annotated[
        int | None,
        typer.Option(
            "--max-reasks",
            envvar="SUMMARIZER_MAX_REASKS",
            min=0,
            show_default=f"{DEFAULT_MAX_REASKS}",
            help=f"Re-asks after an answer fails validation{LOCAL_FITS}.",
        ),
    ] = None
    max_output_tokens: Annotated[
        int | None,
        typer.Option(
            "--max-output-tokens",
            envvar="SUMMARIZER_MAX_OUTPUT_TOKENS",
            min=1,
            show_default=f"{DEFAULT_MAX_OUTPUT_TOKENS}",
            help=f"Answer length cap, in tokens{LOCAL_FITS}.",
        ),
    ] = None

    @property
    def is_local(self) -> bool:
        return self.local or bool(self.local_model or self.gguf)

    def prompt_for(self, language: str | None) -> str:
        """--prompt, else the default for where requests go (a local model gets the prompt measured best on the
        local models for a summary in ``language``); checked to exist, so a typo is refused before a local
        server is started for it (PromptNotFound, exit 2)."""
        from summarizer.prompts import get_version

        if self.prompt:
            version = self.prompt
        elif not self.is_local:
            version = DEFAULT_PROMPT
        else:
            from summarizer.models import default_local_prompt

            version = default_local_prompt(language)
        return get_version(version).version

    def limits(self) -> dict[str, float | int]:
        """The limits the user set: these flags, then SUMMARIZER_TIMEOUT and friends (only those set)."""
        from summarizer.settings import limit_overrides

        return limit_overrides(
            request_timeout_s=self.timeout,
            time_budget_s=self.time_budget,
            max_reasks=self.max_reasks,
            max_output_tokens=self.max_output_tokens,
        )

    def local_model_for(self, language: str | None) -> str | None:
        """The model --local serves: --local-model, else the default measured best for ``language``; None when
        nothing is served locally or --gguf names the file."""
        if not self.is_local or self.gguf is not None:
            return self.local_model
        from summarizer.models import default_local_model

        return self.local_model or default_local_model(language)

    @contextmanager
    def open(self, *, slots: int = 1, language: str | None = None) -> Iterator[ProviderSettings]:
        """Settings for a live run; with --local, a llama.cpp server for the length of the block (the model
        measured best for ``language`` unless one is named), with ``slots`` requests decoded together."""
        with open_provider(
            slots=slots,
            local=self.local,
            local_model=self.local_model_for(language),
            gguf=self.gguf,
            base_url=self.base_url,
            api_key=self.api_key,
            model=self.model,
            translation_model=self.translation_model,  # none by default: measured no better (README)
            mode=self.mode,
            context_tokens=self.context_tokens,
            limits=self.limits(),
        ) as settings:
            yield settings

    def for_files(self) -> ProviderSettings:
        """Settings for request files: the same model and mode defaults as a live call, but no key is needed
        (nothing is sent from here)."""
        from summarizer.settings import ProviderSettings

        return ProviderSettings.from_env(
            base_url=self.base_url,
            api_key=self.api_key or "not-used-for-files",
            model=self.model,
            mode=self.mode.value if self.mode else None,
            context_tokens=self.context_tokens,
        ).with_overrides(**self.limits())


@dataclass(frozen=True)
class JudgingOptions:
    """How answers are judged: the flags ``summarize``, ``batch run`` and ``batch import`` share."""

    faithfulness: Annotated[
        Faithfulness,
        typer.Option(
            help="error: a claim an erroring check rejects is fed back to the model and fails if it persists "
            "(unverified warnings are kept, never fail); warn: keep the digest and attach the findings; "
            "off: do not check claims."
        ),
    ] = Faithfulness.error
    best_effort: Annotated[
        bool | None,
        typer.Option(
            "--best-effort/--strict",
            envvar="SUMMARIZER_BEST_EFFORT",
            show_default=False,
            help="When the answer keeps failing validation: keep its supported parts, marked partial (exit 5), "
            "or fail (--strict, exit 20). Default: --best-effort with --local (the small local models fail "
            "validation on about a third of English articles), --strict for any other provider.",
        ),
    ] = None

    def apply(self, settings: ProviderSettings, *, local: bool = False) -> ProviderSettings:
        """The judging flags over ``settings``; with neither flag nor variable, a ``local`` run keeps the
        supported part of an answer that fails, since that is what the local models' figures favour (README)."""
        best_effort = local if self.best_effort is None else self.best_effort
        return settings.with_overrides(faithfulness=self.faithfulness.value, best_effort=best_effort)


VerboseOption = Annotated[
    int,
    typer.Option(
        "--verbose",
        "-v",
        count=True,
        show_default=False,
        help="Log our steps to stderr (-vv: also every HTTP request, and debug detail).",
    ),
]


@contextmanager
def open_provider(
    *,
    local: bool = False,
    local_model: str | None = None,
    gguf: Path | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
    model: str | None = None,
    mode: ModeChoice | None = None,
    context_tokens: int | None = None,
    limits: dict[str, float | int] | None = None,
    slots: int = 1,
    translation_model: str | None = None,
) -> Iterator[ProviderSettings]:
    """Settings for this run; ``limits`` (flags, then SUMMARIZER_* variables) win over the defaults. ``slots``:
    the local server's parallel slots (ignored for a remote provider)."""
    from summarizer.settings import ProviderSettings, limit_overrides

    limits = limit_overrides() if limits is None else limits
    if (local or local_model or gguf) and base_url:
        import os

        from summarizer.errors import UsageProblem

        if os.environ.get("OPENAI_BASE_URL") != base_url:  # given as a flag: the two say different things
            raise UsageProblem("--local serves its own llama.cpp server: drop --base-url, or drop --local")
        note("--local serves its own llama.cpp server: OPENAI_BASE_URL is not used for this run")
    if local or local_model or gguf:
        from summarizer.local import local_server
        from summarizer.models import resolve

        resolve(local_model or gguf)  # an unknown or missing model is one error line, before "starting"
        if translation_model:
            resolve(translation_model)
        stderr.print("starting the local llama.cpp server...")
        with local_server(local_model or gguf, slots=slots, translation_model=translation_model) as settings:
            yield settings.with_overrides(**limits)
        return
    yield ProviderSettings.from_env(
        base_url=base_url,
        api_key=api_key,
        model=model,
        mode=mode.value if mode else None,
        context_tokens=context_tokens,
        translation_model=translation_model,
    ).with_overrides(**limits)


def _expanded(options: type[Any]) -> list[inspect.Parameter]:
    hints = typing.get_type_hints(options, include_extras=True)
    return [
        inspect.Parameter(f.name, inspect.Parameter.KEYWORD_ONLY, default=f.default, annotation=hints[f.name])
        for f in dataclasses.fields(options)
    ]


def with_options(func: F) -> F:
    """Give typer the fields of each options-class parameter of ``func`` as flags, and ``func`` the object;
    and give every command ``-v`` (it adds to ``summarizer -v``).

    A parameter annotated with an options dataclass (``provider: ProviderOptions``) is replaced, in the
    signature typer reads, by one keyword parameter per field (its type and ``typer.Option`` as declared on
    the class); when the command runs, those values are gathered back into one instance.
    """
    signature = inspect.signature(func, eval_str=True)
    grouped: dict[str, type[Any]] = {}
    parameters: list[inspect.Parameter] = []
    for parameter in signature.parameters.values():
        if dataclasses.is_dataclass(parameter.annotation) and isinstance(parameter.annotation, type):
            grouped[parameter.name] = parameter.annotation
            parameters += _expanded(parameter.annotation)
        else:
            parameters.append(parameter)
    verbose = "verbose" not in {p.name for p in parameters}  # every command takes -v, as the group does
    if verbose:
        parameters.append(
            inspect.Parameter("verbose", inspect.Parameter.KEYWORD_ONLY, default=0, annotation=VerboseOption)
        )
    names = [p.name for p in parameters]
    clashes = {n for n in names if names.count(n) > 1}
    if clashes:
        raise TypeError(f"{func.__name__}: options declared twice: {sorted(clashes)}")

    @functools.wraps(func)
    def command(**values: Any) -> Any:
        if verbose:
            more_verbose(values.pop("verbose"))
        for name, options in grouped.items():
            fields = {f.name for f in dataclasses.fields(options)}
            values[name] = options(**{k: values.pop(k) for k in list(values) if k in fields})
        return func(**values)

    # typer calls commands with keywords only: keyword-only parameters keep their order (arguments' order
    # matters) and need no defaults-last rule.
    ordered = [p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in parameters]
    command.__signature__ = signature.replace(parameters=ordered)  # type: ignore[attr-defined]
    command.__annotations__ = {p.name: p.annotation for p in ordered}
    del command.__wrapped__  # typer must read the signature above, not the original's
    return typing.cast(F, command)
