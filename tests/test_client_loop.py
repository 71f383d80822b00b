"""Our re-ask loop, client reuse across calls and loops, and how odd 200 bodies are classified.

Model answers here are the hand-written ``reference`` fixture (or deliberately broken copies of it),
never recordings: these tests check plumbing.
"""

from __future__ import annotations

import asyncio
import copy
import gc
import json
import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from openai.types.chat import ChatCompletionMessage
from tenacity import wait_none

from summarizer import asummarize, background, summarize
from summarizer.client import (
    make_async_client,
    reask_messages,
    request_plan,
    shared_client,
    shared_clients,
    structured_call,
)
from summarizer.errors import ModelOutputInvalid, ProviderError
from summarizer.prompts import get_version
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from summarizer.validation import context as validation_context
from tests.fake_openai import FakeOpenAI, completion, tool_completion

TEMPLATE_TRAPS = "\n{{ language }} {% if x %}ما{% endif %} {# تعليق #} {{article}}"


def as_content(digest: dict[str, Any]) -> str:
    return json.dumps(digest, ensure_ascii=False)


def test_template_syntax_in_the_article_reaches_the_model_byte_for_byte(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    article = seed_article.rstrip() + TEMPLATE_TRAPS
    bad = copy.deepcopy(reference_digest)
    bad["bullets"][0]["evidence"][0]["quote"] = "{{ language }} قتل عشرة جنود"
    fake_server.queue(completion(as_content(bad)), completion(as_content(reference_digest)))
    summarize(article, "en", settings=fake_settings)
    expected = get_version().messages(article, "en")
    first, reask = fake_server.requests
    assert first["messages"] == expected
    assert TEMPLATE_TRAPS in first["messages"][-1]["content"]
    # The re-ask repeats the conversation unchanged, then the answer and our feedback.
    assert reask["messages"][:2] == expected
    assert reask["messages"][2] == {"role": "assistant", "content": as_content(bad)}
    assert reask["messages"][3]["role"] == "user"
    assert "{{ language }} قتل عشرة جنود" in reask["messages"][3]["content"]


def test_json_reask_structure_is_answer_then_user_feedback() -> None:
    message = ChatCompletionMessage(role="assistant", content='{"bullets": []}')
    error = ValueError("bullets: too short")
    for mode in ("json_schema", "json_object"):
        answer, feedback = reask_messages(mode, message, error)
        assert answer == {"role": "assistant", "content": '{"bullets": []}'}
        assert feedback["role"] == "user" and "bullets: too short" in feedback["content"]


def test_tools_reask_answers_each_tool_call() -> None:
    message = ChatCompletionMessage.model_validate(tool_completion("Digest", "{}")["choices"][0]["message"])
    answer, tool = reask_messages("tools", message, ValueError("bullets: field required"))
    assert answer["role"] == "assistant" and answer["tool_calls"][0]["id"] == "call_1"
    assert tool["role"] == "tool" and tool["tool_call_id"] == "call_1" and tool["name"] == "Digest"
    assert "bullets: field required" in tool["content"]


def test_tools_answer_without_a_tool_call_is_reasked_as_a_user_message(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(completion("I cannot call functions."), tool_completion("Digest", as_content(reference_digest)))
    digest = summarize(seed_article, "en", settings=fake_settings.with_overrides(mode="tools"))
    assert digest.run is not None and digest.run.attempts == 2
    assert fake_server.requests[1]["messages"][-1]["role"] == "user"


def test_request_plan_is_built_once_per_settings_and_model(fake_settings: ProviderSettings) -> None:
    s = fake_settings
    plan = request_plan(s.mode, s.model, s.temperature, s.max_output_tokens, Digest)
    assert request_plan(s.mode, s.model, s.temperature, s.max_output_tokens, Digest) is plan
    assert plan.kwargs["response_format"]["json_schema"]["name"] == "Digest"
    assert "messages" not in plan.kwargs


def test_failed_validation_reports_attempts_and_summed_usage(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, seed_article: str, caplog: pytest.LogCaptureFixture
) -> None:
    fake_server.queue(*[completion("not json", prompt_tokens=10, completion_tokens=5) for _ in range(3)])
    with caplog.at_level(logging.DEBUG), pytest.raises(ModelOutputInvalid, match="3 time") as raised:
        summarize(seed_article, "en", settings=fake_settings)
    assert raised.value.attempts == 3
    assert raised.value.usage.total_tokens == 45
    # The library logs to its own logger only; instructor's ERROR lines never reach users.
    assert all(r.name.startswith("summarizer") for r in caplog.records if r.levelno >= logging.WARNING)
    assert not [r for r in caplog.records if r.name.startswith("instructor")]


def test_repeated_blocking_calls_reuse_one_client_without_loop_errors(
    fake_server: FakeOpenAI,
    fake_settings: ProviderSettings,
    reference_digest: dict[str, Any],
    seed_article: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    fake_server.queue(*[completion(as_content(reference_digest)) for _ in range(3)])
    with caplog.at_level(logging.DEBUG, logger="asyncio"):
        for _ in range(3):
            summarize(seed_article, "en", settings=fake_settings)
        gc.collect()
    assert len(fake_server.requests) == 3
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert background.run(shared_client(fake_settings)) is background.run(shared_client(fake_settings))


def test_each_event_loop_gets_its_own_client_closed_with_the_loop(fake_settings: ProviderSettings) -> None:
    async def grab() -> Any:
        client = await shared_client(fake_settings)
        assert client is await shared_client(fake_settings)
        return client

    first = asyncio.run(grab())
    second = asyncio.run(grab())
    assert first is not second
    assert first.is_closed() and second.is_closed()


async def test_asummarize_on_separate_loops_works_and_logs_nothing(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(*[completion(as_content(reference_digest)) for _ in range(2)])
    digests = await asyncio.gather(*(asummarize(seed_article, "en", settings=fake_settings) for _ in range(2)))
    assert all(d.run is not None and d.run.attempts == 1 for d in digests)


# ---------------------------------------------------------------- odd 200 bodies


def _serve(respond: Callable[[int], httpx.Response]) -> tuple[httpx.AsyncClient, list[int]]:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(len(calls))
        return respond(len(calls) - 1)

    return httpx.AsyncClient(transport=httpx.MockTransport(handler)), calls


BROKEN_BODIES = {
    "html": httpx.Response(200, headers={"content-type": "text/html"}, text="<html><body>502 gateway</body></html>"),
    "truncated json": httpx.Response(
        200, headers={"content-type": "application/json"}, text='{"id": "x", "choices": [{"mess'
    ),
    "plain text": httpx.Response(200, headers={"content-type": "text/plain"}, text="upstream busy"),
    "json without choices": httpx.Response(200, json={"id": "x", "object": "chat.completion"}),
}


@pytest.mark.parametrize("name", list(BROKEN_BODIES))
async def test_a_broken_200_body_is_a_provider_error_not_a_reask(
    name: str,
    fake_settings: ProviderSettings,
    reference_digest: dict[str, Any],
    seed_article: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A body cut short is transient (retried); an HTML page, plain text or JSON that is not a completion is what
    a wrong base URL answers every time: one request, then the error (issue 22: they were retried 5 times)."""
    monkeypatch.setattr("summarizer.client.transient_wait", wait_none)
    transient = name == "truncated json"
    good = httpx.Response(200, json=completion(as_content(reference_digest)))
    settings = fake_settings.with_overrides(max_transient_attempts=2)
    messages = get_version().messages(seed_article, "en")
    if transient:
        http, calls = _serve(lambda n: BROKEN_BODIES[name] if n == 0 else good)
        async with make_async_client(settings, http_client=http) as client:
            digest, outcome = await structured_call(
                client, settings, messages, Digest, validation_context(seed_article, "en")
            )
        assert len(calls) == 2 and outcome.attempts == 2
        assert len(digest.bullets) >= 3

    http, calls = _serve(lambda n: BROKEN_BODIES[name])
    async with make_async_client(settings, http_client=http) as client:
        with pytest.raises(ProviderError, match="cut short" if transient else "not a chat completion") as raised:
            await structured_call(client, settings, messages, Digest, validation_context(seed_article, "en"))
    expected = 2 if transient else 1
    assert raised.value.attempts == expected and len(calls) == expected


def test_high_concurrency_is_spread_over_several_small_pools(fake_settings: ProviderSettings) -> None:
    async def grab() -> None:
        few = await shared_clients(fake_settings, 4)
        many = await shared_clients(fake_settings, 40)
        assert len(few) == 1 and len(many) == 3 and len({id(c) for c in many}) == 3
        assert few[0] is many[0]
        assert [id(c) for c in await shared_clients(fake_settings, 40)] == [id(c) for c in many]

    asyncio.run(grab())


def test_blocking_calls_from_many_threads_and_from_inside_a_running_loop(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    fake_server.queue(*[completion(as_content(reference_digest)) for _ in range(5)])
    with ThreadPoolExecutor(max_workers=4) as pool:
        digests = list(pool.map(lambda _: summarize(seed_article, "en", settings=fake_settings), range(4)))
    assert all(d.run is not None and d.run.attempts == 1 for d in digests)

    async def inside_a_loop() -> Digest:  # as in Jupyter: the caller's loop is running
        return summarize(seed_article, "en", settings=fake_settings)

    assert asyncio.run(inside_a_loop()).run is not None
    assert len(fake_server.requests) == 5
