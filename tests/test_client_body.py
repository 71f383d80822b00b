"""The request bytes we send are exactly the SDK's own for ``create(messages=..., **plan.kwargs)``.

RequestPlan.call_kwargs hands the bulky values to the SDK through ``extra_body`` so it does not walk them on
every call; recordings match on the body, so the bytes must not move: every mode, every prompt version's
schema, first requests and re-asks (an assistant answer with tool calls, our feedback).
"""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletionMessage
from pydantic import ValidationError

from summarizer.client import reask_messages, request_plan
from summarizer.prompts import get_version
from summarizer.schema import Digest
from tests.test_client_loop import TEMPLATE_TRAPS


def _sent(kwargs: dict[str, Any]) -> bytes:
    """The body the SDK puts on the wire for ``create(**kwargs)``."""
    bodies: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        bodies.append(request.content)
        return httpx.Response(500, json={"error": {"message": "captured"}})

    async def go() -> None:
        http = httpx.AsyncClient(transport=httpx.MockTransport(answer))
        client = AsyncOpenAI(base_url="http://127.0.0.1:9/v1", api_key="test", max_retries=0, http_client=http)
        with pytest.raises(Exception, match="captured"):
            await client.chat.completions.create(**kwargs)
        await http.aclose()

    asyncio.run(go())
    (body,) = bodies
    return body


def _reask(mode: str, article: str) -> list[dict[str, Any]]:
    if mode == "tools":
        answer = ChatCompletionMessage.model_validate(
            {
                "role": "assistant",
                "content": None,
                "tool_calls": [
                    {"id": "call_1", "type": "function", "function": {"name": "Digest", "arguments": '{"bullets": []}'}}
                ],
            }
        )
    else:
        answer = ChatCompletionMessage(role="assistant", content='{"bullets": [{"text": "«قتل» {{ x }}"}]}')
    try:
        Digest.model_validate_json("{}")
    except ValidationError as exc:
        return reask_messages(mode, answer, exc)  # type: ignore[arg-type]
    raise AssertionError("an empty digest validated")


@pytest.mark.parametrize("mode", ["json_schema", "json_object", "tools"])
@pytest.mark.parametrize("version", ["v1", "v2"])
@pytest.mark.parametrize("language", ["en", "ar"])
def test_light_call_sends_the_same_bytes(mode: str, version: str, language: str, seed_article: str) -> None:
    prompt = get_version(version)
    article = seed_article + TEMPLATE_TRAPS
    plan = request_plan(mode, "m", 0.0, 4096, prompt.response_model_for(language))  # type: ignore[arg-type]
    first = prompt.messages(article, language)  # type: ignore[arg-type]
    for messages in (first, first + _reask(mode, article)):
        assert _sent(plan.call_kwargs(messages)) == _sent({"messages": messages, **plan.kwargs})
