"""One structured LLM call: instructor over the openai SDK, re-asks, transient retries, a time budget.

Two loops, each with one job:
- instructor re-asks the model when its answer fails validation (bad JSON, a
  quote not in the article, a sub-type under the wrong type), feeding the error back;
- tenacity retries the whole call on transient provider failures, with
  exponential backoff and jitter, honouring Retry-After.
Token usage is summed over every attempt of both loops.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from typing import Any, TypeVar

import httpx
import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import Hooks
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryError, retry_if_exception

from summarizer.errors import (
    ArticleTooLong,
    ModelOutputInvalid,
    ProviderError,
    StaleRecording,
    SummarizerError,
    TimeBudgetExceeded,
)
from summarizer.retry import is_replay_miss, is_transient, transient_stop, transient_wait
from summarizer.schema import Usage
from summarizer.settings import ProviderSettings

T = TypeVar("T", bound=BaseModel)

_INSTRUCTOR_MODES = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    # instructor parses json_object answers like json_schema ones; only the request's format differs (below).
    "json_object": instructor.Mode.JSON_SCHEMA,
}


@dataclass
class CallOutcome:
    usage: Usage
    attempts: int
    latency_s: float


def _usage_of(raw: Any) -> Usage:
    """The SDK's usage object (absent on some servers' responses) as our Usage."""
    return Usage(
        prompt_tokens=getattr(raw, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(raw, "completion_tokens", 0) or 0,
        total_tokens=getattr(raw, "total_tokens", 0) or 0,
    )


def make_async_client(settings: ProviderSettings, http_client: httpx.AsyncClient | None = None) -> Any:
    """instructor-patched AsyncOpenAI; the SDK's own retries are off, ours do that job."""
    raw = openai.AsyncOpenAI(
        base_url=settings.base_url,
        api_key=settings.api_key,
        max_retries=0,
        timeout=settings.request_timeout_s,
        http_client=http_client,
    )
    return instructor.from_openai(raw, mode=_INSTRUCTOR_MODES[settings.mode])


def _request_kwargs(settings: ProviderSettings, response_model: type[BaseModel]) -> dict[str, Any]:
    kwargs: dict[str, Any] = {
        "model": settings.model,
        "temperature": settings.temperature,
        "max_tokens": settings.max_output_tokens,
    }
    if settings.mode == "json_object":
        # llama-cpp-python's server takes the schema inside json_object and compiles it to a grammar;
        # extra_body overrides the json_schema response_format instructor builds.
        kwargs["extra_body"] = {
            "response_format": {"type": "json_object", "schema": response_model.model_json_schema()}
        }
    return kwargs


def _translate(exc: BaseException, settings: ProviderSettings) -> SummarizerError:
    """Map provider failures to our errors, with what to do about each."""
    if isinstance(exc, openai.AuthenticationError):
        return ProviderError(f"{settings.provider} refused the API key (401): check OPENAI_API_KEY")
    if isinstance(exc, openai.NotFoundError):
        return ProviderError(f"{settings.provider} has no model {settings.model!r} (404): check SUMMARIZER_MODEL")
    if isinstance(exc, openai.BadRequestError):
        text = str(exc).lower()
        if "context" in text and ("length" in text or "window" in text or "exceed" in text):
            return ArticleTooLong(f"the article does not fit the model's context window: {exc.message}")
        return ProviderError(f"{settings.provider} rejected the request (400): {exc.message}")
    if isinstance(exc, openai.APIStatusError):
        return ProviderError(f"{settings.provider} failed with HTTP {exc.status_code}: {exc.message}")
    if isinstance(exc, openai.APIConnectionError) and is_replay_miss(exc):
        return StaleRecording("the recording being replayed does not hold this request")
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(f"cannot reach {settings.base_url or 'api.openai.com'}: {exc}")
    return ProviderError(f"{type(exc).__name__}: {exc}")


def _summarise_validation(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[:3]
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in first]
        more = f" (+{exc.error_count() - len(first)} more)" if exc.error_count() > len(first) else ""
        return "; ".join(parts) + more
    return str(exc)[:500]


async def structured_call(
    client: Any,
    settings: ProviderSettings,
    messages: list[dict[str, str]],
    response_model: type[T],
    context: dict[str, Any],
) -> tuple[T, CallOutcome]:
    """Ask for ``response_model``; return it with usage and attempt count, or raise a SummarizerError."""
    usage = Usage()
    attempts = 0
    started = time.monotonic()
    kwargs = _request_kwargs(settings, response_model)

    def count_request(*_: Any, **__: Any) -> None:
        nonlocal attempts
        attempts += 1

    def add_usage(response: Any) -> None:
        nonlocal usage
        usage = usage + _usage_of(getattr(response, "usage", None))

    hooks = Hooks()
    hooks.on("completion:kwargs", count_request)
    hooks.on("completion:response", add_usage)

    async def one_try() -> T:
        try:
            result: T = await client.chat.completions.create(
                messages=messages,
                response_model=response_model,
                max_retries=settings.max_reasks,
                context=context,
                hooks=hooks,
                **kwargs,
            )
        except IncompleteOutputException:
            raise ModelOutputInvalid(
                f"the model's answer was cut off at max_tokens={settings.max_output_tokens} "
                "before its JSON was complete"
            ) from None
        except InstructorRetryException as exc:
            cause = exc.__cause__
            if isinstance(cause, openai.OpenAIError):
                raise cause from cause.__cause__  # keep the chain: a cassette miss must stay recognisable
            raise ModelOutputInvalid(
                f"the model's output failed validation {exc.n_attempts} time(s); last error: "
                f"{_summarise_validation(cause or exc)}"
            ) from None
        return result

    retrying = AsyncRetrying(
        retry=retry_if_exception(is_transient),
        wait=transient_wait(),
        stop=transient_stop(settings.max_transient_attempts, settings.time_budget_s),
        reraise=True,
    )
    failure: SummarizerError
    try:
        async with asyncio.timeout(settings.time_budget_s):
            result: T = await retrying(one_try)
        return result, CallOutcome(usage=usage, attempts=attempts, latency_s=time.monotonic() - started)
    except TimeoutError:
        failure = TimeBudgetExceeded(
            f"no valid answer within the time budget of {settings.time_budget_s:.0f}s ({attempts} attempt(s))"
        )
    except (openai.OpenAIError, RetryError) as exc:
        failure = _translate(exc, settings)
    except SummarizerError as exc:
        failure = exc
    # What a failed call cost is still worth reporting (the eval harness sums it).
    failure.usage, failure.attempts = usage, attempts
    raise failure from None
