"""Our chat request is ``client.chat.completions.create()``'s, posted without loading the SDK's resources: the
same method, path, headers and body bytes, for every mode, prompt version and language, first requests and
re-asks (recordings match on the body, and a live server sees the same request)."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from openai import AsyncOpenAI

from summarizer.client import Asker, request_plan
from summarizer.prompts import get_version
from summarizer.settings import ProviderSettings
from tests.test_client_body import _reask
from tests.test_client_loop import TEMPLATE_TRAPS


def _request(send: Callable[[AsyncOpenAI], Awaitable[Any]]) -> tuple[str, str, list[tuple[str, str]], bytes]:
    """What goes on the wire when ``send(client)`` runs (the server answers 500: nothing is parsed)."""
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(500, json={"error": {"message": "captured"}})

    async def go() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(answer)) as http:
            client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="sk-test", max_retries=0, http_client=http)
            with pytest.raises(Exception, match="captured"):
                await send(client)

    asyncio.run(go())
    (request,) = seen
    varying = {"x-stainless-retry-count", "x-stainless-read-timeout"}  # the same either way, but not compared
    headers = sorted((k, v) for k, v in request.headers.items() if k not in varying)
    return request.method, str(request.url), headers, request.content


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tools"])
@pytest.mark.parametrize("version", ["v1", "v2", "v4"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_our_post_is_the_sdks_create(mode: str, version: str, language: str, seed_article: str) -> None:
    prompt = get_version(version)
    article = seed_article + TEMPLATE_TRAPS
    model = prompt.response_model_for(language)  # type: ignore[arg-type]
    settings = ProviderSettings(model="m", base_url="http://127.0.0.1:9/v1", api_key="sk-test", mode=mode)  # type: ignore[arg-type]
    plan = request_plan(settings.mode, "m", settings.temperature, settings.max_output_tokens, model)
    first = prompt.messages(article, language)  # type: ignore[arg-type]
    for messages in (first, first + _reask(mode, article)):

        async def ours(client: AsyncOpenAI, messages: list[dict[str, Any]] = messages) -> Any:
            return await Asker(client, settings, {"article": article})(messages, model)

        async def sdks(client: AsyncOpenAI, messages: list[dict[str, Any]] = messages) -> Any:
            # the path every recording was made with: create() (tests/test_client_body.py: its bytes are create's)
            return await client.chat.completions.create(**plan.call_kwargs(messages, _units(model, article)))

        assert _request(ours) == _request(sdks)


def _units(model: Any, article: str) -> dict[str, Any] | None:
    from summarizer.client import _unit_numbers

    return _unit_numbers(model, article)


def test_a_replay_loads_none_of_the_sdks_resources() -> None:
    """What create() would load on first use: every endpoint's module (~0.3 s), none of which a chat call needs."""
    code = (
        "import sys; from summarizer.evals.session import EvalRequest, evaluate\n"
        "run, _ = evaluate(EvalRequest(case_ids=('025_grenade_bakara_market',), gated=False))\n"
        "assert run.results and not run.stale, run.results\n"
        "print(sorted(m for m in sys.modules if m.startswith('openai.resources')))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
