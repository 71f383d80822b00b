"""One structured LLM call over the openai SDK: re-asks, transient retries, a time budget.

Two loops, each with one job:
- the re-ask loop (ours) asks the model again when its answer fails validation (bad JSON, a
  quote not in the article, a sub-type under the wrong type), feeding the error back;
- tenacity retries the whole call on transient provider failures, with
  exponential backoff and jitter, honouring Retry-After.
Token usage is summed over every attempt of both loops.

instructor builds the mode-specific request (tools / json_schema) once per settings and response
model; we send it, parse the answer with pydantic and word the re-asks. Going through instructor's
``create`` would cost a schema walk per call and Jinja-render every message when a validation
context is passed (an article holding ``{{ }}`` would be corrupted).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
import re
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, RetryCallState, RetryError, retry_if_exception

from summarizer.errors import (
    ArticleTooLong,
    ModelOutputInvalid,
    ProviderError,
    SummarizerError,
    TimeBudgetExceeded,
)
from summarizer.retry import (
    MAX_RETRY_AFTER_S,
    MalformedResponse,
    is_transient,
    retry_after_seconds,
    transient_stop,
    transient_wait,
)
from summarizer.schema import Usage
from summarizer.settings import Mode, ProviderSettings

if TYPE_CHECKING:  # openai and httpx load on the first call, not on import (they cost ~1 s of start-up)
    import ssl

    import httpx
    import openai
    from openai.types.chat import ChatCompletionMessage

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger(__name__)

# Re-ask wording: instructor's.
_JSON_FEEDBACK = "Correct your JSON ONLY RESPONSE, based on the following errors:\n{error}"
_TOOLS_FEEDBACK = "Validation Error found:\n{error}\nRecall the function correctly, fix the errors"
# A pointer answer's repair (summarizer.repair): the failing bullets and events alone, with their findings.
REPAIR_FEEDBACK = "Some parts of your answer are not supported by the units they cite; the others are kept."
MAX_CLIENTS_PER_LOOP = 64
# httpcore scans every pooled connection for every queued request on each request and response, so one
# pool's cost grows with the square of its concurrency; past this many requests in flight, use more clients.
REQUESTS_PER_CLIENT = 16
# Validating an answer about a long article (grounding, quote repair, the claim checker: up to tens of ms at
# 100,000 characters) runs on a worker thread, so the other requests in flight on this loop are not stalled.
OFF_LOOP_CHARS = 20_000


@dataclass
class CallOutcome:
    usage: Usage
    attempts: int
    latency_s: float


class NoAnswer(Exception):
    """The completion holds no answer to validate (tools mode without a tool call): re-asked."""


# Parameters whose values the SDK would walk key by key on every call (its `_transform`, ~1 ms of CPU for
# the Digest schema and the article): see RequestPlan.call_kwargs.
_BULKY_PLACEHOLDERS: dict[str, Any] = {"response_format": {"type": "json_object"}, "tools": []}
CHAT_COMPLETIONS = "/chat/completions"


@dataclass(frozen=True)
class RequestPlan:
    """Everything but the messages of a request, built once per (settings, response model)."""

    kwargs: dict[str, Any]
    response_model: type[BaseModel]

    @functools.cached_property
    def _light(self) -> tuple[dict[str, Any], dict[str, Any]]:
        kwargs, extra = dict(self.kwargs), dict(self.kwargs.get("extra_body") or {})
        for name, placeholder in _BULKY_PLACEHOLDERS.items():
            if name in kwargs:
                extra.setdefault(name, kwargs[name])
                kwargs[name] = placeholder
        return kwargs, extra

    def call_kwargs(self, messages: list[dict[str, Any]], units: dict[str, Any] | None = None) -> dict[str, Any]:
        """``create()`` arguments that send exactly the body ``create(messages=messages, **kwargs)`` sends.

        The SDK walks every parameter against its TypedDicts before sending (the article, the whole JSON
        schema), though for these plain JSON values the walk changes nothing. So the bulky values go in
        ``extra_body`` and the named parameters get small placeholders: the SDK merges ``extra_body`` over
        its body key by key, so each value lands at its own key's place and the bytes sent are the same
        (``tests/test_client_body.py`` compares them for every mode, re-asks included).

        ``units``: a pointer schema's per-article ``UnitNumber`` definition (``summarizer.pointer``), put in
        place of the plan's placeholder; the plan itself stays shared by every article.
        """
        kwargs, extra = self._light
        if units is not None:
            extra = with_unit_numbers(extra, units)
        return {"messages": [], **kwargs, "extra_body": {**extra, "messages": messages}}

    def post_args(
        self, messages: list[dict[str, Any]], units: dict[str, Any] | None = None
    ) -> tuple[dict[str, Any], dict[str, Any]]:
        """``call_kwargs`` as the body and ``extra_json`` that ``create()`` hands to its client's ``post``: the
        named parameters in the order ``create()`` writes them (messages, model, then by name), the bulky values
        to merge over them. Posting them ourselves sends the same bytes without importing the SDK's resources
        (every endpoint's module: ~0.3 s of the first call in a process; ``tests/test_client_post.py``)."""
        call = self.call_kwargs(messages, units)
        extra = call.pop("extra_body")
        order = {"messages": "0", "model": "1"}
        return {name: call[name] for name in sorted(call, key=lambda n: order.get(n, "2" + n))}, extra


def with_unit_numbers(body: dict[str, Any], units: dict[str, Any]) -> dict[str, Any]:
    """``body`` with the pointer schema's ``UnitNumber`` definition replaced by ``units``, wherever the mode
    carries the schema (json_object: ``response_format.schema``; json_schema: ``response_format.json_schema
    .schema``; tools: each ``tools[i].function.parameters``). Copies only what it changes: the plan is shared."""
    from summarizer.pointer import UNIT_DEF

    def patched(schema: Any) -> Any:
        if not isinstance(schema, dict) or UNIT_DEF not in (schema.get("$defs") or {}):
            return schema
        return {**schema, "$defs": {**schema["$defs"], UNIT_DEF: units}}

    out = dict(body)
    response_format = out.get("response_format")
    if isinstance(response_format, dict):
        response_format = {**response_format}
        if "schema" in response_format:
            response_format["schema"] = patched(response_format["schema"])
        inner = response_format.get("json_schema")
        if isinstance(inner, dict) and "schema" in inner:
            response_format["json_schema"] = {**inner, "schema": patched(inner["schema"])}
        out["response_format"] = response_format
    tools = out.get("tools")
    if isinstance(tools, list):
        out["tools"] = [
            {**tool, "function": {**tool["function"], "parameters": patched(tool["function"].get("parameters"))}}
            if isinstance(tool, dict) and isinstance(tool.get("function"), dict)
            else tool
            for tool in tools
        ]
    return out


# ---------------------------------------------------------------- clients


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context for every client: loading the CA bundle costs ~30 ms each time."""
    import httpx

    return httpx.create_ssl_context()


def make_async_client(settings: ProviderSettings, http_client: httpx.AsyncClient | None = None) -> openai.AsyncOpenAI:
    """An AsyncOpenAI for ``settings``; the SDK's own retries are off, ours do that job.

    The caller owns it (``await client.close()``); :func:`shared_client` keeps one per event loop.
    """
    import openai

    http = http_client or openai.DefaultAsyncHttpxClient(verify=_ssl_context())
    return openai.AsyncOpenAI(
        base_url=settings.base_url,
        api_key=settings.api_key,
        max_retries=0,
        timeout=settings.request_timeout_s,
        http_client=http,
    )


def _client_key(settings: ProviderSettings, shard: int) -> tuple[Any, ...]:
    return (settings.base_url, settings.api_key, settings.request_timeout_s, shard)


class _LoopClients:
    """The clients of one event loop, closed inside that loop when it shuts down.

    httpx connection pools belong to the loop that opened them: a client must never outlive its
    loop or move to another. ``asyncio.run`` closes every live async generator before closing the
    loop, so a parked generator is our hook to close the clients there, cleanly.
    """

    def __init__(self) -> None:
        self.clients: OrderedDict[tuple[Any, ...], openai.AsyncOpenAI] = OrderedDict()
        self._closer: AsyncIterator[None] | None = None

    async def arm(self) -> None:
        self._closer = self._close_on_shutdown()
        await self._closer.__anext__()

    async def _close_on_shutdown(self) -> AsyncIterator[None]:
        try:
            yield
        finally:
            await self.aclose()

    def get(self, settings: ProviderSettings, shard: int) -> openai.AsyncOpenAI:
        key = _client_key(settings, shard)
        client = self.clients.get(key)
        if client is not None:
            self.clients.move_to_end(key)
            return client
        client = self.clients[key] = make_async_client(settings)
        while len(self.clients) > MAX_CLIENTS_PER_LOOP:
            _, evicted = self.clients.popitem(last=False)
            task = asyncio.get_running_loop().create_task(evicted.close())
            _background_tasks.add(task)
            task.add_done_callback(_background_tasks.discard)
        return client

    async def aclose(self) -> None:
        clients, self.clients = list(self.clients.values()), OrderedDict()
        for client in clients:
            try:
                await client.close()
            except Exception as exc:  # closing must not hide the caller's own outcome
                log.debug("closing a client failed: %s", exc)


_pools: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _LoopClients] = weakref.WeakKeyDictionary()
_pools_lock = threading.Lock()
_background_tasks: set[asyncio.Task[None]] = set()


async def shared_client(settings: ProviderSettings, shard: int = 0) -> openai.AsyncOpenAI:
    """The client for ``settings`` on the running loop: reused by every call on that loop, closed with it.

    ``shard`` picks one of several clients for the same provider, to spread many concurrent requests over
    several small connection pools (see REQUESTS_PER_CLIENT).
    """
    loop = asyncio.get_running_loop()
    with _pools_lock:
        pool = _pools.get(loop)
        fresh = pool is None
        if pool is None:
            pool = _pools[loop] = _LoopClients()
    if fresh:
        await pool.arm()
    return pool.get(settings, shard)


async def shared_clients(settings: ProviderSettings, concurrency: int) -> list[openai.AsyncOpenAI]:
    """Enough shared clients for ``concurrency`` requests in flight, at most REQUESTS_PER_CLIENT each."""
    shards = max(1, -(-concurrency // REQUESTS_PER_CLIENT))
    return [await shared_client(settings, shard) for shard in range(shards)]


async def close_shared_clients() -> None:
    """Close the running loop's shared clients now (loops not run by ``asyncio.run`` call this)."""
    with _pools_lock:
        pool = _pools.pop(asyncio.get_running_loop(), None)
    if pool is not None:
        await pool.aclose()


# ---------------------------------------------------------------- requests


@functools.lru_cache(maxsize=64)
def request_plan(
    mode: Mode, model: str, temperature: float, max_output_tokens: int, response_model: type[BaseModel]
) -> RequestPlan:
    """The request body minus messages, exactly as instructor builds it for the mode (built once)."""
    from instructor.v2.core.response_model import prepare_response_model
    from instructor.v2.providers.openai.handlers import OpenAIJSONSchemaHandler, OpenAIToolsHandler

    base: dict[str, Any] = {"model": model, "temperature": temperature, "max_tokens": max_output_tokens}
    handler = OpenAIToolsHandler() if mode == "tools" else OpenAIJSONSchemaHandler()
    prepared, kwargs = handler.prepare_request(prepare_response_model(response_model), {"messages": [], **base})
    kwargs.pop("messages")
    if mode == "json_object":
        # llama-cpp-python's server takes the schema inside json_object and compiles it to a grammar;
        # extra_body overrides the json_schema response_format instructor builds.
        kwargs["extra_body"] = {
            "response_format": {"type": "json_object", "schema": response_model.model_json_schema()}
        }
    return RequestPlan(kwargs=kwargs, response_model=prepared or response_model)


def request_body(
    settings: ProviderSettings,
    messages: list[dict[str, Any]],
    response_model: type[BaseModel],
    article: str | None = None,
) -> dict[str, Any]:
    """The JSON body ``structured_call`` sends for ``messages`` (the SDK merges ``extra_body`` into it).

    For request files (OpenAI Batch API, ``vllm run-batch``): the same body as a live call, built by the same plan.
    A pointer schema needs the ``article`` its unit numbers come from.
    """
    plan = request_plan(settings.mode, settings.model, settings.temperature, settings.max_output_tokens, response_model)
    kwargs = dict(plan.kwargs)
    extra = kwargs.pop("extra_body", None) or {}
    body = {"messages": messages, **kwargs, **extra}
    units = _unit_numbers(response_model, article)
    return with_unit_numbers(body, units) if units is not None else body


def _unit_numbers(response_model: type[BaseModel], article: str | None) -> dict[str, Any] | None:
    """The per-article ``UnitNumber`` definition a pointer schema needs (None for any other schema)."""
    from summarizer.pointer import is_pointer, unit_schema_for

    if not is_pointer(response_model):
        return None
    if article is None:
        raise ValueError(f"{response_model.__name__} cites article units: the request needs the article")
    return unit_schema_for(article)


def check_answer(settings: ProviderSettings, choice: Any, response_model: type[T], context: dict[str, Any]) -> T:
    """One answer, judged exactly as the live loop judges it.

    Returns the validated model; raises ModelOutputInvalid when the answer cannot be re-asked (cut off at
    max_tokens, a refusal), ValidationError or NoAnswer when it should be re-asked (see ``reask_messages``).
    """
    plan = request_plan(settings.mode, settings.model, settings.temperature, settings.max_output_tokens, response_model)
    if choice.finish_reason == "length":
        raise ModelOutputInvalid(
            f"the model's answer was cut off at max_tokens={settings.max_output_tokens} before its JSON was complete"
        )
    text = answer_text(settings.mode, choice.message)
    return plan.response_model.model_validate_json(text, context=context, strict=True)  # type: ignore[return-value]


def validation_failure(tries: int, last: BaseException) -> ModelOutputInvalid:
    """The error when every allowed answer failed validation (the live loop's and the batch import's)."""
    return ModelOutputInvalid(
        f"the model's output failed validation {tries} time(s); last error: {_summarise_validation(last)}"
    )


def first_choice(completion: Any) -> Any:
    """The answer's first choice; anything that is not a chat completion is the provider's failure."""
    return _first_choice(completion)


def _usage_of(raw: Any) -> Usage:
    """The SDK's usage object (absent on some servers' responses) as our Usage."""
    return Usage(
        prompt_tokens=getattr(raw, "prompt_tokens", 0) or 0,
        completion_tokens=getattr(raw, "completion_tokens", 0) or 0,
        total_tokens=getattr(raw, "total_tokens", 0) or 0,
    )


def _first_choice(completion: Any) -> Any:
    """The answer's first choice; anything that is not a chat completion is the provider's failure."""
    from openai.types.chat import ChatCompletion

    choices = getattr(completion, "choices", None) if isinstance(completion, ChatCompletion) else None
    if not choices or getattr(choices[0], "message", None) is None:
        # Never quote the body: a proxy's page or a server's error text can hold the key that was sent.
        if isinstance(completion, str):
            what = "an HTML page" if completion.lstrip()[:1] == "<" else "text that is not JSON"
        else:
            what = f"JSON with no choices ({type(completion).__name__})"
        raise MalformedResponse(what)
    return choices[0]


def answer_text(mode: Mode, message: ChatCompletionMessage) -> str:
    """The JSON the model answered with: the first tool call's arguments, or the message content."""
    if mode != "tools":
        return message.content or ""
    if message.refusal:
        raise ModelOutputInvalid(f"the model refused: {message.refusal}")
    calls = message.tool_calls or []
    call = getattr(calls[0], "function", None) if calls else message.function_call
    arguments = getattr(call, "arguments", None)
    if arguments is None:
        raise NoAnswer("the answer did not call the function; call it with all required fields")
    return arguments if isinstance(arguments, str) else json.dumps(arguments)


def reask_messages(
    mode: Mode, message: ChatCompletionMessage, error: Exception, feedback: str | None = None
) -> list[dict[str, Any]]:
    """The messages that feed a failed answer back: the answer as the model gave it, then our feedback.

    Same structure as instructor's re-asks for the mode (tools: one ``tool`` message per call;
    otherwise a ``user`` message); only the feedback text is ours to word (``feedback`` replaces the
    validation-error wording: a pointer answer's repair request).
    """
    answer: dict[str, Any] = {"role": message.role, "content": message.content or ""}
    if message.tool_calls is not None:
        answer["tool_calls"] = message.model_dump()["tool_calls"]
    if feedback is None:
        feedback = (_TOOLS_FEEDBACK if mode == "tools" else _JSON_FEEDBACK).format(error=error)
    if mode == "tools" and message.tool_calls:
        return [answer] + [
            {"role": "tool", "tool_call_id": call.id, "name": call.function.name, "content": feedback}
            for call in message.tool_calls
            if call.type == "function"
        ]
    return [answer, {"role": "user", "content": feedback}]


# ---------------------------------------------------------------- the call


def _translate(exc: BaseException, settings: ProviderSettings) -> SummarizerError:
    """Map provider failures to our errors, with what to do about each."""
    import openai

    if isinstance(exc, RetryError) and exc.last_attempt.failed:
        exc = exc.last_attempt.exception() or exc
    base = settings.base_url or "https://api.openai.com/v1"
    if isinstance(exc, MalformedResponse) and exc.transient:
        return ProviderError(
            f"{settings.provider} kept sending answers cut short ({exc}), {settings.max_transient_attempts} "
            "attempt(s) at most: the server or a proxy in between is failing; try again later"
        )
    if isinstance(exc, MalformedResponse):
        return ProviderError(
            f"{settings.provider} sent a response that is not a chat completion ({exc}): check that the base URL "
            f"({base}) is an OpenAI-compatible endpoint, usually ending in /v1"
        )
    if isinstance(exc, openai.AuthenticationError):
        return ProviderError(f"{settings.provider} refused the API key (401): check OPENAI_API_KEY")
    if isinstance(exc, openai.NotFoundError):
        return ProviderError(
            f"{settings.provider} answered 404 Not Found{_provider_says(exc, settings)}: check the model name "
            f"{settings.model!r} (SUMMARIZER_MODEL) and the base URL ({base})"
        )
    if isinstance(exc, openai.BadRequestError):
        text = str(exc).lower()
        if "context" in text and ("length" in text or "window" in text or "exceed" in text):
            return ArticleTooLong(f"the article does not fit the model's context window: {exc.message}")
        return ProviderError(f"{settings.provider} rejected the request (400){_provider_says(exc, settings)}")
    if isinstance(exc, openai.APIStatusError):
        asked = retry_after_seconds(exc)
        waited = min(MAX_RETRY_AFTER_S, settings.time_budget_s)
        later = (
            f"; it asked us to wait {asked:,.0f} s (Retry-After), longer than we wait ({waited:.0f} s): try again later"
            if asked is not None and asked > waited
            else ""
        )
        return ProviderError(
            f"{settings.provider} failed with HTTP {exc.status_code}{_provider_says(exc, settings)}{later}"
        )
    if isinstance(exc, openai.APIConnectionError):
        return ProviderError(f"cannot reach {settings.base_url or 'api.openai.com'}: {exc}")
    return ProviderError(f"{type(exc).__name__}: {exc}")


_KEY_LIKE = re.compile(r"\b(sk|key|token|bearer)[-_ ]?[A-Za-z0-9_\-]{12,}", re.IGNORECASE)


def _provider_says(exc: Any, settings: ProviderSettings) -> str:
    """The server's own error message, as ": message", when it sent one as JSON; one line, at most 200
    characters, with the key (or anything key-like) masked. Never the raw body: an HTML page or an echo
    of the request can hold the key."""
    body = getattr(exc, "body", None)
    error = body.get("error", body) if isinstance(body, dict) else None
    message = error.get("message") if isinstance(error, dict) else error if isinstance(error, str) else None
    if not isinstance(message, str) or not message.strip():
        return ""
    if settings.api_key and len(settings.api_key) >= 4:
        message = message.replace(settings.api_key, "***")
    message = _KEY_LIKE.sub("***", " ".join(message.split()))
    return f": {message[:200]}"


def _summarise_validation(exc: BaseException) -> str:
    if isinstance(exc, ValidationError):
        first = exc.errors()[:3]
        parts = [f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in first]
        more = f" (+{exc.error_count() - len(first)} more)" if exc.error_count() > len(first) else ""
        return "; ".join(parts) + more
    return str(exc)[:500]


def _log_retry(state: RetryCallState) -> None:
    exc = state.outcome.exception() if state.outcome else None
    wait = state.next_action.sleep if state.next_action else 0.0
    log.info("transient provider failure (%s); retry %d in %.1fs", exc, state.attempt_number, wait)


class Asker:
    """Sends one request of a call and keeps its tally: tokens used and requests sent, over every attempt."""

    def __init__(self, client: openai.AsyncOpenAI, settings: ProviderSettings, context: dict[str, Any]) -> None:
        self.client, self.settings, self.context = client, settings, context
        self.usage = Usage()
        self.attempts = 0

    async def __call__(
        self, conversation: list[dict[str, Any]], response_model: type[BaseModel], model: str | None = None
    ) -> Any:
        """The first choice of the answer to ``conversation``, constrained to ``response_model``'s schema, from
        ``model`` (default: the settings' model; a translation asks ``settings.translation_model``)."""
        s = self.settings
        plan = request_plan(s.mode, model or s.model, s.temperature, s.max_output_tokens, response_model)
        units = _unit_numbers(response_model, self.context.get("article"))
        self.attempts += 1
        body, extra = plan.post_args(conversation, units)
        from openai.types.chat import ChatCompletion

        try:
            # what client.chat.completions.create() does for these arguments, without loading every resource
            completion = await self.client.post(
                CHAT_COMPLETIONS,
                cast_to=ChatCompletion,
                body=body,
                # create()'s options: the key as a bearer token (an SDK from before this option sends it anyway)
                options={"extra_json": extra, "security": {"bearer_auth": True}},
            )
        except json.JSONDecodeError as exc:  # a 200 with a JSON content type: cut short, or empty
            if not exc.doc.strip():
                raise MalformedResponse("an empty body") from exc
            raise MalformedResponse(f"a JSON body cut short ({exc.msg})", transient=True) from exc
        except UnicodeDecodeError as exc:  # cut inside a multi-byte character: cut short all the same
            raise MalformedResponse("a JSON body cut short (inside a character)", transient=True) from exc
        choice = _first_choice(completion)
        self.usage = self.usage + _usage_of(getattr(completion, "usage", None))
        return choice


R = TypeVar("R")


async def run_call(
    settings: ProviderSettings, asker: Asker, one_try: Callable[[], Awaitable[R]]
) -> tuple[R, CallOutcome]:
    """Run ``one_try`` (one conversation: an answer and its re-asks) under the transient-retry policy and the time
    budget; map every provider failure to our errors, each carrying the tokens and requests it cost."""
    started = time.monotonic()
    retrying = AsyncRetrying(
        retry=retry_if_exception(is_transient),
        wait=transient_wait(),
        stop=transient_stop(settings.max_transient_attempts, settings.time_budget_s),
        before_sleep=_log_retry,
        reraise=True,
    )
    failure: SummarizerError
    try:
        async with asyncio.timeout(settings.time_budget_s):
            result: R = await retrying(one_try)
        return result, CallOutcome(usage=asker.usage, attempts=asker.attempts, latency_s=time.monotonic() - started)
    except TimeoutError:
        failure = TimeBudgetExceeded(
            f"no valid answer within the time budget of {settings.time_budget_s:.0f}s ({asker.attempts} attempt(s))"
        )
    except SummarizerError as exc:
        failure = exc
    except Exception as exc:
        import openai

        if not isinstance(exc, openai.OpenAIError | RetryError | MalformedResponse):
            raise  # a bug of ours, not the provider's: let it show as one
        failure = _translate(exc, settings)
    # What a failed call cost is still worth reporting (the eval harness sums it).
    failure.usage, failure.attempts = asker.usage, asker.attempts
    raise failure from None


async def structured_call(
    client: openai.AsyncOpenAI,
    settings: ProviderSettings,
    messages: list[dict[str, str]],
    response_model: type[T],
    context: dict[str, Any],
) -> tuple[T, CallOutcome]:
    """Ask for ``response_model``; return it with usage and attempt count, or raise a SummarizerError.

    ``context`` is pydantic's validation context (the article, the language...): validators read it,
    nothing renders it into the messages. A failing answer is re-asked whole, with the validation error.
    """
    asker = Asker(client, settings, context)

    async def one_try() -> T:
        conversation: list[dict[str, Any]] = list(messages)
        tries = settings.max_reasks + 1
        last: Exception = NoAnswer("no answer")
        last_answer: str | None = None
        for _ in range(tries):
            choice = await asker(conversation, response_model)
            try:
                if len(context.get("article") or "") < OFF_LOOP_CHARS:
                    return check_answer(settings, choice, response_model, context)
                return await asyncio.to_thread(check_answer, settings, choice, response_model, context)
            except (ValidationError, NoAnswer) as exc:
                last = exc
                with contextlib.suppress(Exception):
                    last_answer = answer_text(settings.mode, choice.message)
                log.debug("answer failed validation; re-asking: %s", _summarise_validation(exc))
                conversation.extend(reask_messages(settings.mode, choice.message, exc))
        failure = validation_failure(tries, last)
        failure.last_answer = last_answer
        raise failure

    return await run_call(settings, asker, one_try)
