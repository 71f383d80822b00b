"""Many articles over worker processes: the same results, in input order, as the single-loop path."""

from __future__ import annotations

from typing import Any

from summarizer import shards
from summarizer.api import ItemError, summarize_many
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from tests.fake_openai import NOT_IN_ARTICLE, FakeOpenAI, answer_like


def test_sharded_results_equal_the_single_loops(reference_digest: dict[str, Any], seed_article: str) -> None:
    # Distinct articles; one is answered with a quote it does not hold, so an ItemError travels back too.
    texts = [f"(({n}))\n{seed_article}" for n in range(9)]
    spoiled = {
        **reference_digest,
        "bullets": [{**reference_digest["bullets"][0], "evidence": [{"quote": NOT_IN_ARTICLE}]}],
    }

    def answer(payload: dict[str, Any]) -> dict[str, Any]:
        return answer_like(payload, spoiled if "((4))" in str(payload["messages"]) else reference_digest)

    with FakeOpenAI(answer=answer) as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=0)
        seen: list[int] = []
        try:
            sharded = shards.summarize_many_sharded(
                texts, "en", settings=settings, concurrency=4, processes=2, on_result=lambda i, _: seen.append(i)
            )
        finally:
            shards.shutdown()
        single = summarize_many(texts, "en", settings=settings, concurrency=4)
    assert sorted(seen) == list(range(len(texts)))
    assert [type(r) for r in sharded] == [ItemError if n == 4 else Digest for n in range(len(texts))]
    for ours, theirs in zip(sharded, single, strict=True):
        if isinstance(ours, Digest):
            assert isinstance(theirs, Digest)
            assert ours.model_dump(exclude={"run"}) == theirs.model_dump(exclude={"run"})
        else:
            assert isinstance(theirs, ItemError) and (ours.code, ours.index) == (theirs.code, theirs.index)
