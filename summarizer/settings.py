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

from summarizer.errors import ProviderNotConfigured

Mode = Literal["tools", "json_schema", "json_object"]
MODES: tuple[Mode, ...] = ("tools", "json_schema", "json_object")
DEFAULT_OPENAI_MODEL = "gpt-4o-mini"
ENV_MODEL = "SUMMARIZER_MODEL"
ENV_MODE = "SUMMARIZER_MODE"
ENV_CONTEXT = "SUMMARIZER_CONTEXT_TOKENS"
# Local servers (Ollama, vLLM, llama.cpp) take any key; the SDK insists on one.
PLACEHOLDER_API_KEY = "not-needed"
# Limits a user can set (flags --timeout, --time-budget, --max-reasks, --max-output-tokens win over these).
ENV_LIMITS: dict[str, tuple[str, type[int] | type[float], float]] = {  # field: (variable, type, smallest value)
    "request_timeout_s": ("SUMMARIZER_TIMEOUT", float, 0.001),
    "time_budget_s": ("SUMMARIZER_TIME_BUDGET", float, 0.001),
    "max_reasks": ("SUMMARIZER_MAX_REASKS", int, 0),
    "max_output_tokens": ("SUMMARIZER_MAX_OUTPUT_TOKENS", int, 1),
}

NOT_CONFIGURED = """no LLM provider is configured. Point summarizer at one of:
  OpenAI:         export OPENAI_API_KEY=sk-...            (model: SUMMARIZER_MODEL, default gpt-4o-mini)
  Ollama:         export OPENAI_BASE_URL=http://localhost:11434/v1 SUMMARIZER_MODEL=qwen2.5:7b-instruct
  vLLM:           export OPENAI_BASE_URL=http://localhost:8000/v1 SUMMARIZER_MODEL=<served model name>
  llama.cpp:      export OPENAI_BASE_URL=http://localhost:8080/v1 SUMMARIZER_MODEL=local
  or run a local model here: summarizer summarize FILE --local
                  (needs the local extra; from the clone: pip install -e '.[local]')
Flags --base-url, --api-key and --model override the variables."""


def limit_overrides(
    env: Mapping[str, str] | None = None,
    *,
    request_timeout_s: float | None = None,
    time_budget_s: float | None = None,
    max_reasks: int | None = None,
    max_output_tokens: int | None = None,
) -> dict[str, float | int]:
    """The time and size limits the user set: flags first, then SUMMARIZER_TIMEOUT and friends (only those set)."""
    env = os.environ if env is None else env
    flags: dict[str, float | int | None] = {
        "request_timeout_s": request_timeout_s,
        "time_budget_s": time_budget_s,
        "max_reasks": max_reasks,
        "max_output_tokens": max_output_tokens,
    }
    chosen: dict[str, float | int] = {}
    for name, (variable, kind, smallest) in ENV_LIMITS.items():
        value = flags[name]
        if value is None and env.get(variable):
            try:
                value = kind(env[variable])
            except ValueError:
                raise ProviderNotConfigured(f"{variable} must be a {kind.__name__}, not {env[variable]!r}") from None
        if value is None:
            continue
        if not math.isfinite(value):
            raise ProviderNotConfigured(f"{variable} (or its flag) must be a finite number, not {value}")
        if value < smallest:
            raise ProviderNotConfigured(f"{variable} (or its flag) must be at least {smallest}, not {value}")
        chosen[name] = value
    return chosen


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
    """Where to send requests and how hard to try; checked when built, so a typo fails before any request."""

    model: str
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    mode: Mode = "tools"
    context_tokens: int | None = None
    temperature: float = 0.0
    max_output_tokens: int = 4096
    request_timeout_s: float = 120.0
    max_reasks: int = 2
    max_transient_attempts: int = 5
    time_budget_s: float = 600.0
    # "error": an unsupported claim fails validation and is fed back in the re-ask; "warn": keep the digest
    # and attach the findings (Digest.findings, per-bullet / per-field ``supported``).
    faithfulness: Literal["error", "warn"] = "error"
    # Best-effort mode (summarizer.salvage): on a final validation failure return the answer's grounded parts.
    # Off unless asked for; SUMMARIZER_BEST_EFFORT=1 turns it on for every settings object (eval replay too).
    best_effort: bool = field(default_factory=lambda: os.environ.get("SUMMARIZER_BEST_EFFORT", "") == "1")

    def __post_init__(self) -> None:
        if not self.model or not self.model.strip():
            raise ProviderNotConfigured("the model name is empty: set SUMMARIZER_MODEL or pass --model")
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
    ) -> ProviderSettings:
        """Flags first, then OPENAI_BASE_URL / OPENAI_API_KEY / SUMMARIZER_MODEL / SUMMARIZER_MODE."""
        env = os.environ if env is None else env
        base_url = base_url or env.get("OPENAI_BASE_URL") or None
        api_key = api_key or env.get("OPENAI_API_KEY") or None
        if base_url is None and api_key is None:
            raise ProviderNotConfigured(NOT_CONFIGURED)
        model = model or env.get(ENV_MODEL) or env.get("OPENAI_MODEL")
        is_openai = base_url is None or "api.openai.com" in base_url
        if model is None:
            if not is_openai:
                raise ProviderNotConfigured(
                    f"OPENAI_BASE_URL is {base_url} but no model is named: set {ENV_MODEL} or pass --model"
                )
            model = DEFAULT_OPENAI_MODEL
        mode = mode or env.get(ENV_MODE) or ("tools" if is_openai else "json_schema")
        if mode not in MODES:
            raise ProviderNotConfigured(f"unknown mode {mode!r}; use one of {', '.join(MODES)}")
        if context_tokens is None and env.get(ENV_CONTEXT):
            try:
                context_tokens = int(env[ENV_CONTEXT])
            except ValueError:
                raise ProviderNotConfigured(f"{ENV_CONTEXT} must be a whole number of tokens") from None
        return cls(
            model=model,
            base_url=base_url,
            api_key=api_key or PLACEHOLDER_API_KEY,
            mode=mode,
            context_tokens=context_tokens,
        ).with_overrides(**limit_overrides(env))


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
