"""Validating an answer about a long article runs off the event loop: other requests in flight keep moving."""

from __future__ import annotations

import asyncio
import json
import threading
from typing import Any

import pytest

from summarizer import client as client_module
from summarizer.api import asummarize
from summarizer.client import OFF_LOOP_CHARS
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI, completion


@pytest.mark.parametrize("padding", [0, OFF_LOOP_CHARS])
def test_long_articles_are_validated_on_a_worker_thread(
    monkeypatch: pytest.MonkeyPatch, reference_digest: dict[str, Any], seed_article: str, padding: int
) -> None:
    article = seed_article + "\n" + "وقال المتحدث إن الاجتماع انتهى. " * (padding // 30 + 1) * bool(padding)
    seen: list[bool] = []
    loop_thread: list[threading.Thread] = []
    original = client_module.check_answer

    def recording_thread(*args: Any, **kwargs: Any) -> Any:
        seen.append(threading.current_thread() in loop_thread)
        return original(*args, **kwargs)

    monkeypatch.setattr(client_module, "check_answer", recording_thread)
    with FakeOpenAI() as server:
        server.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema")

        async def run() -> Any:
            loop_thread.append(threading.current_thread())
            return await asummarize(article, "en", settings=settings)

        digest = asyncio.run(run())
    assert digest.bullets
    assert seen == [padding == 0]  # on the loop's own thread only when the article is short
