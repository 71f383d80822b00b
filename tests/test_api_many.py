"""The many-article API: sync and async, input order, streaming in finishing order, progress callbacks."""

from __future__ import annotations

import json
import threading
from typing import Any

import pytest

import summarizer
from summarizer import Digest, ItemError, ProviderSettings, asummarize_iter, asummarize_many, summarize_iter
from summarizer.errors import ProviderNotConfigured
from tests.fake_openai import FakeOpenAI, completion


def _texts(seed_article: str) -> list[str]:
    return [seed_article, "", "This one is English.", seed_article]


def _queue_two(fake_server: FakeOpenAI, reference_digest: dict[str, Any]) -> None:
    answer = completion(json.dumps(reference_digest, ensure_ascii=False))
    fake_server.queue(answer, answer)


def test_public_names_are_exported() -> None:
    for name in ("summarize_many", "asummarize_many", "summarize_iter", "asummarize_iter", "ResultCallback"):
        assert name in summarizer.__all__
        assert getattr(summarizer, name) is not None


def test_sync_summarize_many_keeps_order_and_calls_back_in_the_callers_thread(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    _queue_two(fake_server, reference_digest)
    seen: list[tuple[int, str, str]] = []

    def progress(index: int, result: Digest | ItemError) -> None:
        seen.append((index, type(result).__name__, threading.current_thread().name))

    results = summarizer.summarize_many(
        _texts(seed_article), "en", settings=fake_settings, concurrency=2, on_result=progress
    )
    assert [type(r).__name__ for r in results] == ["Digest", "ItemError", "ItemError", "Digest"]
    assert sorted(i for i, _, _ in seen) == [0, 1, 2, 3]
    assert {thread for _, _, thread in seen} == {threading.current_thread().name}


def test_sync_iterator_streams_every_index_once(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    _queue_two(fake_server, reference_digest)
    pairs = list(summarize_iter(_texts(seed_article), "en", settings=fake_settings, concurrency=4))
    assert sorted(i for i, _ in pairs) == [0, 1, 2, 3]
    codes = {i: r.code for i, r in pairs if isinstance(r, ItemError)}
    assert codes == {1: "empty_article", 2: "not_arabic"}


def test_sync_iterator_raises_setup_errors_instead_of_hanging(seed_article: str) -> None:
    with pytest.raises(ProviderNotConfigured):
        list(summarize_iter([seed_article]))  # no provider in the environment


async def test_async_forms(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    _queue_two(fake_server, reference_digest)
    seen: list[int] = []
    results = await asummarize_many(
        _texts(seed_article), "en", settings=fake_settings, on_result=lambda i, _: seen.append(i)
    )
    assert sorted(seen) == [0, 1, 2, 3] and isinstance(results[0], Digest) and isinstance(results[3], Digest)
    _queue_two(fake_server, reference_digest)
    streamed = [i async for i, _ in asummarize_iter(_texts(seed_article), "en", settings=fake_settings)]
    assert sorted(streamed) == [0, 1, 2, 3]
