"""summarize over real HTTP against a scripted OpenAI-compatible server.

The responses are the hand-written ``reference`` fixture, not model recordings:
these tests check our plumbing (request shape, re-asks, retries, usage), not a model.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from summarizer import asummarize_many, summarize
from summarizer.api import ItemError
from summarizer.errors import ArticleTooLong, ModelOutputInvalid, ProviderError
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI, completion, error, tool_completion


def as_content(digest: dict[str, Any]) -> str:
    return json.dumps(digest, ensure_ascii=False)


def test_json_schema_mode_end_to_end(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(completion(as_content(reference_digest), prompt_tokens=1200, completion_tokens=400))
    digest = summarize(seed_article, "en", settings=fake_settings)

    request = fake_server.requests[0]
    assert request["model"] == "reference"
    assert request["response_format"]["type"] == "json_schema"
    assert "start" not in json.dumps(request["response_format"]["json_schema"]["schema"])
    assert seed_article.strip() in request["messages"][-1]["content"]
    assert digest.bullets[0].evidence[0].start == 0
    assert digest.run is not None
    assert digest.run.attempts == 1
    assert digest.run.usage.total_tokens == 1600
    assert digest.run.prompt_version == "v1" and len(digest.run.prompt_hash) == 12


def test_json_object_mode_sends_the_schema_for_llama_cpp_grammar(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(completion(as_content(reference_digest)))
    summarize(seed_article, "en", settings=fake_settings.with_overrides(mode="json_object"))
    response_format = fake_server.requests[0]["response_format"]
    assert response_format["type"] == "json_object"
    assert response_format["schema"]["title"] == "Digest"


def test_tools_mode_reads_the_tool_call(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(tool_completion("Digest", as_content(reference_digest)))
    digest = summarize(seed_article, "en", settings=fake_settings.with_overrides(mode="tools"))
    assert fake_server.requests[0]["tools"][0]["function"]["name"] == "Digest"
    assert len(digest.events) == 2


def test_ungrounded_quote_is_reasked_with_the_error_and_usage_is_summed(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    bad = copy.deepcopy(reference_digest)
    bad["bullets"][0]["evidence"][0]["quote"] = "قتل عشرة جنود أميركيين"
    fake_server.queue(
        completion(as_content(bad), prompt_tokens=1000, completion_tokens=300),
        completion(as_content(reference_digest), prompt_tokens=1500, completion_tokens=400),
    )
    digest = summarize(seed_article, "en", settings=fake_settings)
    assert len(fake_server.requests) == 2
    reask = json.dumps(fake_server.requests[1]["messages"], ensure_ascii=False)
    assert "quote not found in the article" in reask
    assert digest.run is not None
    assert digest.run.attempts == 2
    assert digest.run.usage.prompt_tokens == 2500
    assert digest.run.usage.completion_tokens == 700


def test_reasks_are_bounded(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    bad = copy.deepcopy(reference_digest)
    bad["events"][0]["sub_event_type"] = "Peaceful protest"
    fake_server.queue(*[completion(as_content(bad)) for _ in range(5)])
    with pytest.raises(ModelOutputInvalid, match="3 time") as failure:
        summarize(seed_article, "en", settings=fake_settings.with_overrides(max_reasks=2))
    assert len(fake_server.requests) == 3
    assert failure.value.attempts == 3
    assert failure.value.usage.total_tokens == 3 * 150  # what the failed call cost is still reported


def test_rate_limit_honours_retry_after_then_succeeds(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(
        error(429, "slow down", {"retry-after": "0"}),
        error(503, "overloaded", {"retry-after-ms": "10"}),
        completion(as_content(reference_digest)),
    )
    digest = summarize(seed_article, "en", settings=fake_settings)
    assert len(fake_server.requests) == 3
    assert digest.run is not None and digest.run.attempts == 3


def test_transient_errors_stop_after_the_attempt_limit(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, seed_article: str
) -> None:
    fake_server.queue(*[error(500, "boom", {"retry-after": "0"}) for _ in range(5)])
    with pytest.raises(ProviderError, match="HTTP 500"):
        summarize(seed_article, "en", settings=fake_settings.with_overrides(max_transient_attempts=3))
    assert len(fake_server.requests) == 3


def test_auth_error_is_not_retried(fake_server: FakeOpenAI, fake_settings: ProviderSettings, seed_article: str) -> None:
    fake_server.queue(error(401, "bad key"), error(401, "bad key"))
    with pytest.raises(ProviderError, match="API key"):
        summarize(seed_article, "en", settings=fake_settings)
    assert len(fake_server.requests) == 1


def test_context_overflow_from_the_server_is_article_too_long(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, seed_article: str
) -> None:
    fake_server.queue(error(400, "This model's maximum context length is 4096 tokens; you requested 9000"))
    with pytest.raises(ArticleTooLong):
        summarize(seed_article, "en", settings=fake_settings)


def test_unreachable_server_is_a_provider_error(seed_article: str) -> None:
    settings = ProviderSettings(
        model="x",
        base_url="http://127.0.0.1:9/v1",
        api_key="k",
        mode="json_schema",
        max_transient_attempts=2,
        request_timeout_s=2,
    )
    with pytest.raises(ProviderError, match="cannot reach"):
        summarize(seed_article, "en", settings=settings)


async def test_summarize_many_keeps_order_and_captures_failures(
    fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(completion(as_content(reference_digest)), completion(as_content(reference_digest)))
    results = await asummarize_many(
        [seed_article, "", "This one is English.", seed_article], "en", settings=fake_settings, concurrency=2
    )
    assert [type(r).__name__ for r in results] == ["Digest", "ItemError", "ItemError", "Digest"]
    assert isinstance(results[1], ItemError) and results[1].code == "empty_article"
    assert isinstance(results[2], ItemError) and results[2].code == "not_arabic"
    assert len(fake_server.requests) == 2
