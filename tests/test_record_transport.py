"""record_transport: one client's traffic recorded into one cassette, so cases record concurrently.

Against the scripted fixture server (its answers are hand-written fixtures; the cassettes stay in tmp).
The file must be the one vcrpy's process-wide ``recording()`` writes for the same exchange, so old and new
recordings replay alike, and concurrent recordings must not mix: each cassette holds its own case only.
"""

from __future__ import annotations

import asyncio
import json
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml

from summarizer import summarize
from summarizer.api import asummarize
from summarizer.client import make_async_client
from summarizer.errors import ModelOutputInvalid
from summarizer.evals.cases import load_cases
from summarizer.evals.reference import reference_digest
from summarizer.evals.runner import run_eval
from summarizer.record_transport import recording_client
from summarizer.recording import CassetteTransport, load_interactions, recording
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI, Scripted, answer_like, article_of, completion

CASES = Path(__file__).resolve().parent.parent / "evals" / "cases"


def _without_dates(cassette: Path) -> Any:
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    for item in data["interactions"]:
        item["response"]["headers"].pop("date", None)
        item["response"]["headers"].pop("Date", None)
    return data


async def _record(cassette: Path, article: str, settings: ProviderSettings) -> Any:
    async with recording_client(cassette) as http:
        return await asummarize(article, "en", settings=settings, client=make_async_client(settings, http_client=http))


def test_the_cassette_is_what_vcrpy_writes_for_the_same_exchange(
    tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    answer = Scripted(200, completion(json.dumps(reference_digest, ensure_ascii=False)), {"set-cookie": "secret=1"})
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="sk-secret", mode="json_schema")
        server.queue(answer)
        with recording(tmp_path / "vcr.yaml"):
            summarize(seed_article, "en", settings=settings)
        server.queue(answer)
        ours = asyncio.run(_record(tmp_path / "ours.yaml", seed_article, settings))
    assert _without_dates(tmp_path / "ours.yaml") == _without_dates(tmp_path / "vcr.yaml")
    text = (tmp_path / "ours.yaml").read_text(encoding="utf-8")
    assert "sk-secret" not in text and "secret=1" not in text  # the same header filters and scrubbing
    assert not list(tmp_path.glob("*.partial"))
    with replaying_client(tmp_path / "ours.yaml") as replayed:
        assert replayed(seed_article, settings).model_dump(exclude={"run"}) == ours.model_dump(exclude={"run"})


class replaying_client:  # noqa: N801 - used as a small context manager in the test above
    def __init__(self, cassette: Path) -> None:
        self.cassette = cassette

    def __enter__(self) -> Any:
        def replay(article: str, settings: ProviderSettings) -> Any:
            async def go() -> Any:
                async with httpx.AsyncClient(transport=CassetteTransport(self.cassette)) as http:
                    client = make_async_client(settings, http_client=http)
                    return await asummarize(article, "en", settings=settings, client=client)

            return asyncio.run(go())

        return replay

    def __exit__(self, *exc: object) -> None:
        return None


def test_a_failed_validation_is_kept_and_an_interruption_keeps_the_old_cassette(
    tmp_path: Path, seed_article: str
) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=0)
        server.queue(completion('{"bullets": []}'))
        with pytest.raises(ModelOutputInvalid):
            asyncio.run(_record(cassette, seed_article, settings))
    assert len(load_interactions(cassette)) == 1

    async def interrupted() -> None:
        async with recording_client(cassette):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        asyncio.run(interrupted())
    assert len(load_interactions(cassette)) == 1  # the previous recording is untouched
    assert not list(tmp_path.glob("*.partial"))


def test_eval_records_cases_concurrently_each_into_its_own_cassette(tmp_path: Path) -> None:
    """Four cases in flight at once (the fixture server waits until all four have arrived before answering
    any: a one-at-a-time recorder would never get there), and each cassette replays its own case."""
    cases = load_cases(CASES)[:4]
    gold = {case.article: reference_digest(case, "en").model_dump(mode="json", exclude={"run"}) for case in cases}

    class Gathering(FakeOpenAI):
        arrived = threading.Barrier(len(cases), timeout=20)

        def _next(self, payload: dict[str, Any], headers: dict[str, str]) -> Scripted:
            self.arrived.wait()  # each request waits on its own server thread for the other three
            return super()._next(payload, headers)

    with Gathering(answer=lambda payload: answer_like(payload, gold[article_of(payload)])) as server:
        settings = ProviderSettings(model="fixture", base_url=server.base_url, api_key="k", mode="json_schema")
        run = asyncio.run(
            run_eval(
                cases,
                model="fixture",
                prompt_version="v1",
                languages=["en"],
                cassettes=tmp_path,
                record_settings=settings,
                record_concurrency=len(cases),
            )
        )
        assert len(server.requests) == len(cases)
    assert [r.outcome for r in run.results] == ["ok"] * len(cases), [r.message for r in run.results]
    for case in cases:
        [cassette] = tmp_path.glob(f"fixture/v1/{case.id}*.yaml")
        [exchange] = load_interactions(cassette)
        assert article_of(exchange.body) == case.article  # its own request, nobody else's
    replayed = asyncio.run(run_eval(cases, model="fixture", prompt_version="v1", languages=["en"], cassettes=tmp_path))
    assert [r.outcome for r in replayed.results] == ["ok"] * len(cases)
    assert [r.metrics for r in replayed.results] == [r.metrics for r in run.results]


def test_reuse_answers_only_requests_the_old_recording_holds_byte_for_byte(tmp_path: Path) -> None:
    """``eval --record --reuse``: an unchanged request gets its recorded answer without reaching the model; a new
    one, or one that differs only in its re-ask feedback (which replay's matching blanks), goes to the model."""
    from summarizer.record_transport import RecordedAnswers

    cassette = tmp_path / "c.yaml"
    asked_a = {"role": "user", "content": "A"}
    answered = {"role": "assistant", "content": "a1"}
    first: dict[str, Any] = {"model": "m", "messages": [asked_a]}
    reask: dict[str, Any] = {"model": "m", "messages": [asked_a, answered, {"role": "user", "content": "feedback one"}]}
    changed: dict[str, Any] = {
        "model": "m",
        "messages": [asked_a, answered, {"role": "user", "content": "feedback two"}],
    }
    new: dict[str, Any] = {"model": "m", "messages": [{"role": "user", "content": "C"}]}

    async def post(bodies: list[dict[str, Any]], base_url: str, answers: RecordedAnswers | None) -> list[str]:
        async with recording_client(cassette, answers) as http:
            replies = [await http.post(f"{base_url}/chat/completions", json=body) for body in bodies]
        return [r.json()["choices"][0]["message"]["content"] for r in replies]

    with FakeOpenAI() as server:
        server.queue(completion("a1"), completion("r1"))
        assert asyncio.run(post([first, reask], server.base_url, None)) == ["a1", "r1"]
        server.requests.clear()
        server.queue(completion("c1"), completion("r2"))
        answers = RecordedAnswers(cassette)
        assert asyncio.run(post([first, new, changed], server.base_url, answers)) == ["a1", "c1", "r2"]
        asked = [body["messages"][-1]["content"] for body in server.requests]
    assert asked == ["C", "feedback two"]  # the unchanged first request never reached the model
    assert answers.reused == 1
    replayed = load_interactions(cassette)
    assert [json.loads(i.content)["choices"][0]["message"]["content"] for i in replayed] == ["a1", "c1", "r2"]


def test_reuse_without_an_old_recording_asks_the_model_everything(tmp_path: Path) -> None:
    from summarizer.record_transport import RecordedAnswers

    answers = RecordedAnswers(tmp_path / "absent.yaml")
    assert answers.take("POST", "http://x/v1/chat/completions", b"{}") is None and answers.reused == 0
    (tmp_path / "bad.yaml").write_text("interactions: [", encoding="utf-8")
    assert RecordedAnswers(tmp_path / "bad.yaml").take("POST", "http://x/v1/chat/completions", b"{}") is None


def test_eval_record_reuse_asks_the_model_nothing_for_an_unchanged_case(tmp_path: Path) -> None:
    from summarizer.recording import RecordingMeta, meta_path

    cases = load_cases(CASES)[:1]
    gold = reference_digest(cases[0], "en").model_dump(mode="json", exclude={"run"})
    with FakeOpenAI(answer=lambda payload: answer_like(payload, gold)) as server:
        settings = ProviderSettings(model="fixture", base_url=server.base_url, api_key="k", mode="json_schema")

        def record(reuse: bool) -> Any:
            return asyncio.run(
                run_eval(
                    cases, model="fixture", prompt_version="v1", languages=["en"], cassettes=tmp_path,
                    record_settings=settings, reuse=reuse,
                )
            )  # fmt: skip

        first = record(False)
        asked = len(server.requests)
        again = record(True)
        assert len(server.requests) == asked  # every request of the second recording was the first's
    [cassette] = tmp_path.glob("fixture/v1/*.yaml")
    assert RecordingMeta.read(meta_path(cassette)).reused_exchanges == asked
    assert [r.metrics for r in again.results] == [r.metrics for r in first.results]
