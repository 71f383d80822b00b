"""recording() / replaying() against the scripted fixture server (cassettes stay in tmp; they are fixtures)."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from summarizer import summarize
from summarizer.errors import (
    CorruptRecording,
    MissingRecording,
    ModelOutputInvalid,
    ProviderError,
    StaleRecording,
    SummarizerError,
)
from summarizer.recording import (
    SCRUBBED_RESPONSE_HEADERS,
    CassetteTransport,
    RecordingMeta,
    ReplayMiss,
    canonical_body,
    library_versions,
    meta_path,
    prompt_length,
    recording,
    rendered_prompt_hash,
    replaying,
)
from summarizer.settings import ProviderSettings
from tests.fake_openai import NOT_IN_ARTICLE, FakeOpenAI, Fault, Scripted, completion, fault, spoil_quote

CASSETTES = Path(__file__).resolve().parent.parent / "cassettes"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def test_record_then_replay_with_no_server(tmp_path: Path, reference_digest: dict[str, Any], seed_article: str) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = ProviderSettings(
            model="reference", base_url=server.base_url, api_key="sk-secret", mode="json_schema"
        )
        server.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
        with recording(cassette):
            recorded = summarize(seed_article, "en", settings=settings)
    text = cassette.read_text(encoding="utf-8")
    assert "sk-secret" not in text  # Authorization is filtered
    with replaying(cassette, "re-record"):
        replayed = summarize(seed_article, "en", settings=settings.with_overrides(max_transient_attempts=1))
    assert replayed.model_dump(exclude={"run"}) == recorded.model_dump(exclude={"run"})
    with pytest.raises(StaleRecording, match="re-record"), replaying(cassette, "re-record"):
        summarize(seed_article, "ar", settings=settings.with_overrides(max_transient_attempts=1))


def test_failed_validation_is_kept_as_a_recording(tmp_path: Path, seed_article: str) -> None:
    cassette = tmp_path / "c.yaml"
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=0)
        server.queue(completion('{"bullets": []}'))
        with pytest.raises(ModelOutputInvalid), recording(cassette):
            summarize(seed_article, "en", settings=settings)
    assert cassette.is_file()


def test_interrupted_recording_keeps_the_previous_cassette(tmp_path: Path) -> None:
    cassette = tmp_path / "c.yaml"
    cassette.write_text("previous", encoding="utf-8")
    with pytest.raises(KeyboardInterrupt), recording(cassette):
        raise KeyboardInterrupt
    assert cassette.read_text(encoding="utf-8") == "previous"
    assert not list(tmp_path.glob("*.partial"))


def test_missing_cassette_names_the_command(tmp_path: Path) -> None:
    with (
        pytest.raises(MissingRecording, match="summarizer eval --record"),
        replaying(tmp_path / "none.yaml", "summarizer eval --record"),
    ):
        pass


# ---------------------------------------------------------------- recordings that survive upgrades


def _replay(cassette: Path, settings: ProviderSettings, article: str) -> Any:
    """Replay through the per-client CassetteTransport, as the eval runner does."""
    import asyncio

    import httpx

    from summarizer.api import asummarize
    from summarizer.client import make_async_client

    async def go() -> Any:
        async with httpx.AsyncClient(transport=CassetteTransport(cassette)) as http:
            client = make_async_client(settings, http_client=http)
            return await asummarize(article, "en", settings=settings, client=client)

    return asyncio.run(go())


def _bodies(cassette: Path) -> list[dict[str, Any]]:
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    return [json.loads(i["request"]["body"]) for i in data["interactions"]]


def _rewrite_request(cassette: Path, index: int, edit: Any) -> None:
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    body = json.loads(data["interactions"][index]["request"]["body"])
    edit(body)
    data["interactions"][index]["request"]["body"] = json.dumps(body, ensure_ascii=False)
    cassette.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_reask_matches_whatever_the_feedback_wording_but_not_another_answer(
    tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    cassette = tmp_path / "c.yaml"
    valid = completion(json.dumps(reference_digest, ensure_ascii=False))
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=1)
        server.queue(spoil_quote(valid), valid)
        with recording(cassette):
            recorded = summarize(seed_article, "en", settings=settings)
    reask = _bodies(cassette)[1]["messages"]
    assert [m["role"] for m in reask[-2:]] == ["assistant", "user"]  # instructor's structure, our wording

    def reword(body: dict[str, Any]) -> None:  # as a new pydantic's error text, or new wording of ours, would
        body["messages"][-1]["content"] = "Entirely new wording of the feedback: " + NOT_IN_ARTICLE

    _rewrite_request(cassette, 1, reword)
    replayed = _replay(cassette, settings, seed_article)
    assert replayed.model_dump(exclude={"run"}) == recorded.model_dump(exclude={"run"})

    def other_answer(body: dict[str, Any]) -> None:  # the model's recorded answer is still matched
        body["messages"][-2]["content"] = "{}"

    _rewrite_request(cassette, 1, other_answer)
    with pytest.raises(ReplayMiss):  # the transport's own signal, which the eval runner reports as stale
        _replay(cassette, settings, seed_article)


def test_recorded_transient_errors_replay_as_recorded_and_without_waiting(
    tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    cassette = tmp_path / "c.yaml"
    valid = completion(json.dumps(reference_digest, ensure_ascii=False))
    with FakeOpenAI() as server:
        settings = ProviderSettings(
            model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_transient_attempts=3
        )
        server.queue(fault(Fault.RATE_LIMITED), fault(Fault.UNAVAILABLE), valid)
        with recording(cassette):
            recorded = summarize(seed_article, "en", settings=settings)
    data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
    assert [i["response"]["status"]["code"] for i in data["interactions"]] == [429, 503, 200]
    for interaction in data["interactions"][:2]:  # as if the provider had asked for a long wait
        interaction["response"]["headers"]["retry-after"] = ["3600"]
    cassette.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    # Waiting as asked (capped at 60 s a retry) would exceed this budget: replay must not wait.
    replayed = _replay(cassette, settings.with_overrides(time_budget_s=30), seed_article)
    assert replayed.model_dump(exclude={"run"}) == recorded.model_dump(exclude={"run"})
    assert replayed.run is not None and recorded.run is not None
    assert replayed.run.attempts == recorded.run.attempts == 3
    with pytest.raises(ProviderError):  # fewer retries than were recorded: the 503 is final
        _replay(cassette, settings.with_overrides(max_transient_attempts=2), seed_article)


def test_account_and_cookie_headers_are_not_recorded(
    tmp_path: Path, reference_digest: dict[str, Any], seed_article: str
) -> None:
    cassette = tmp_path / "c.yaml"
    secrets = {"set-cookie": "__cf_bm=secret-cookie", "openai-organization": "org-secret", "openai-project": "proj_x"}
    with FakeOpenAI() as server:
        settings = ProviderSettings(model="m", base_url=server.base_url, api_key="k", mode="json_schema")
        server.queue(Scripted(200, completion(json.dumps(reference_digest, ensure_ascii=False)), secrets))
        with recording(cassette):
            summarize(seed_article, "en", settings=settings)
    text = cassette.read_text(encoding="utf-8").lower()
    assert "secret-cookie" not in text and "org-secret" not in text and "proj_x" not in text


def test_no_committed_cassette_holds_a_secret_or_account_header() -> None:
    cassettes = sorted(CASSETTES.glob("*/*/*.yaml"))
    assert cassettes, "no committed cassettes found"
    for cassette in cassettes:
        data = yaml.safe_load(cassette.read_text(encoding="utf-8"))
        for interaction in data["interactions"]:
            sent = {k.lower() for k in interaction["request"]["headers"]}
            got = {k.lower() for k in interaction["response"]["headers"]}
            assert not sent & {"authorization", "api-key", "x-api-key", "cookie"}, cassette
            assert not got & SCRUBBED_RESPONSE_HEADERS, cassette


def test_committed_metas_still_read_and_their_rendered_prompt_hash_is_recomputed() -> None:
    cassettes = sorted(CASSETTES.glob("*/*/*.yaml"))
    # per model, prompt version and language: two models may share a rendered prompt, and so may a case's two
    # languages where English starts with the Arabic answer (prompt v3's English by translation)
    hashes: dict[tuple[Path, str], set[str]] = {}
    for cassette in cassettes:
        meta = RecordingMeta.read(meta_path(cassette))
        assert meta.prompt_hash and meta.schema_hash
        found = hashes.setdefault((cassette.parent, meta.language), set())
        found.add(meta.rendered_prompt_hash or rendered_prompt_hash(cassette))
    assert sum(len(found) for found in hashes.values()) == len(cassettes)  # each case its own prompt


def test_new_metas_record_library_versions_and_the_rendered_prompt() -> None:
    versions = library_versions()
    assert {"openai", "instructor", "pydantic", "vcrpy"} <= set(versions)


@pytest.mark.parametrize("content", ["", "interactions:\n- request: {method: POST", "interactions: []\n", "[1, 2]"])
def test_a_corrupt_or_truncated_cassette_names_its_file(tmp_path: Path, content: str) -> None:
    cassette = tmp_path / "broken.en.yaml"
    cassette.write_text(content, encoding="utf-8")
    with pytest.raises(CorruptRecording, match=r"broken\.en\.yaml"):
        CassetteTransport(cassette)


def test_a_recording_where_no_exchange_completed_leaves_no_meta(tmp_path: Path) -> None:
    import asyncio

    from summarizer.evals.cases import load_cases
    from summarizer.evals.runner import run_eval

    case = load_cases(CASSETTES.parent / "evals" / "cases")[0]
    with FakeOpenAI(hang_s=2) as server:
        server.queue(fault(Fault.HANG))
        settings = ProviderSettings(
            model="m", base_url=server.base_url, api_key="k", mode="json_schema", time_budget_s=0.5
        )
        run = asyncio.run(
            run_eval([case], model="m", prompt_version="v1", languages=["en"], cassettes=tmp_path,
                     record_settings=settings)
        )  # fmt: skip
    assert run.results[0].outcome == "time_budget_exceeded"
    assert "nothing was recorded" in run.results[0].message
    assert not list(tmp_path.rglob("*.meta.json")) and not list(tmp_path.rglob("*.yaml"))


def test_a_worked_example_in_the_prompt_is_matched_not_masked_as_feedback() -> None:
    """Prompt v2 sends an example exchange (user, assistant) before the article: the article turn that follows
    the example's assistant turn is part of the prompt and must be matched, not masked like re-ask feedback."""
    messages = [
        {"role": "system", "content": "s"},
        {"role": "user", "content": "<article>example</article>"},
        {"role": "assistant", "content": "{}"},
        {"role": "user", "content": "<article>the real article</article>"},
    ]
    body = json.dumps({"messages": messages})
    assert prompt_length(json.loads(body)) == 4
    assert canonical_body(body, 4)["messages"] == messages
    other = json.dumps({"messages": [*messages[:3], {"role": "user", "content": "<article>another</article>"}]})
    assert canonical_body(other, 4) != canonical_body(body, 4)


@pytest.mark.parametrize("mode", ["json", "tools"])
def test_reask_feedback_is_told_by_its_place_not_its_wording(mode: str) -> None:
    """Past the first request's messages, what is not the model's answer is our feedback: its text is masked
    whatever it says (v1/v2 re-asks, v3's repair of failing bullets alike); roles, places, tool-call ids and the
    model's answers are matched."""
    prompt = [{"role": "system", "content": "s"}, {"role": "user", "content": "<article>a</article>"}]
    if mode == "tools":
        answer = {"role": "assistant", "content": "", "tool_calls": [{"id": "call_1", "type": "function"}]}
        feedback: dict[str, Any] = {"role": "tool", "tool_call_id": "call_1", "name": "Digest", "content": "x"}
    else:
        answer, feedback = {"role": "assistant", "content": '{"bullets": []}'}, {"role": "user", "content": "x"}
    first = {"messages": [*prompt, answer, feedback]}
    reworded = {"messages": [*prompt, answer, {**feedback, "content": "Some parts are not supported: y"}]}
    assert canonical_body(json.dumps(first), 2) == canonical_body(json.dumps(reworded), 2)
    another_answer = {"messages": [*prompt, {**answer, "content": "{}"}, feedback]}
    assert canonical_body(json.dumps(another_answer), 2) != canonical_body(json.dumps(first), 2)
    fewer = {"messages": [*prompt, answer]}  # a structure change is a change
    assert canonical_body(json.dumps(fewer), 2) != canonical_body(json.dumps(first), 2)
    if mode == "tools":
        other_call = {"messages": [*prompt, answer, {**feedback, "tool_call_id": "call_2"}]}
        assert canonical_body(json.dumps(other_call), 2) != canonical_body(json.dumps(first), 2)


def test_the_core_library_loads_no_recording_machinery() -> None:
    """Importing the library (and calling into its API module) loads neither vcrpy nor our recording module."""
    code = (
        "import sys, summarizer, summarizer.api, summarizer.client, summarizer.retry; "
        "loaded = sorted(m for m in sys.modules if m == 'vcr' or m.startswith(('vcr.', 'summarizer.recording', "
        "'summarizer.evals'))); print(loaded); sys.exit(1 if loaded else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr


def _replay_committed(
    cassettes: list[Path], *, today: bool
) -> list[tuple[Path, list[str], list[str], int, RecordingMeta]]:
    """Replay each cassette with the settings its meta records, under today's erroring table (``today``) or the
    one it was recorded with; what we sent, what was recorded, how many exchanges were left unplayed."""
    import asyncio

    import httpx

    from summarizer.api import asummarize
    from summarizer.client import make_async_client
    from summarizer.evals.cases import load_cases
    from summarizer.evals.runner import _replay_settings
    from summarizer.findings import error_checks, erroring

    class Capturing(CassetteTransport):
        def __init__(self, cassette: Path) -> None:
            super().__init__(cassette)
            self.sent: list[bytes] = []

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            self.sent.append(await request.aread())
            return await super().handle_async_request(request)

    articles = {case.id: case.article for case in load_cases(CASSETTES.parent / "evals" / "cases")}

    async def replay(cassette: Path) -> tuple[Path, list[str], list[str], int, RecordingMeta]:
        meta = RecordingMeta.read(meta_path(cassette))
        case_id = cassette.name.removesuffix(f".{meta.language}.yaml")
        transport = Capturing(cassette)
        settings = _replay_settings(meta)
        with erroring(error_checks() if today else meta.erroring_table()):
            async with httpx.AsyncClient(transport=transport) as http:
                client = make_async_client(settings, http_client=http)
                with contextlib.suppress(SummarizerError, ReplayMiss):  # a failed validation replays as it failed
                    await asummarize(
                        articles[case_id], meta.language, settings=settings,  # type: ignore[arg-type]
                        prompt_version=meta.prompt_version, client=client,
                    )  # fmt: skip
        recorded = [
            str(i["request"]["body"])
            for i in yaml.load(cassette.read_text(encoding="utf-8"), Loader=_LOADER)["interactions"]
        ]
        return cassette, [body.decode("utf-8") for body in transport.sent], recorded, transport.unplayed, meta

    async def replay_all() -> list[tuple[Path, list[str], list[str], int, RecordingMeta]]:
        return [await replay(c) for c in cassettes]

    return asyncio.run(replay_all())


def test_every_committed_recording_replays_byte_for_byte() -> None:
    """Each committed cassette, replayed with the settings its meta records and under the claim checker's erroring
    table it was recorded with (which decided what was re-asked): every request we send now is the recorded
    request to the byte (re-ask feedback included), every recorded exchange is played, none is missed."""
    cassettes = sorted(CASSETTES.glob("*/*/*.yaml"))
    assert len(cassettes) >= 180
    for cassette, sent, recorded, unplayed, _ in _replay_committed(cassettes, today=False):
        assert sent == recorded, cassette
        assert unplayed == 0, cassette


@pytest.mark.parametrize("gate_file", sorted((CASSETTES.parent / "evals").glob("gate*.json")), ids=lambda p: p.name)
def test_the_gated_recordings_replay_under_todays_claim_checker(gate_file: Path) -> None:
    """Every gate judges today's code: each recording it replays (its model and prompt, its cases in its
    languages) replays byte for byte under today's erroring table, so none of its re-asks was decided by an older
    checker (a promotion that changes one must re-record it)."""
    gate = json.loads(gate_file.read_text(encoding="utf-8"))
    folder = CASSETTES / gate["model"] / gate["prompt"]
    cases = gate["cases"] if gate["cases"] != "all" else sorted({p.name.split(".")[0] for p in folder.glob("*.yaml")})
    cassettes = [folder / f"{case}.{language}.yaml" for case in cases for language in gate["languages"]]
    assert len(cassettes) >= 41 and all(c.is_file() for c in cassettes)
    for cassette, sent, recorded, unplayed, _ in _replay_committed(cassettes, today=True):
        assert sent == recorded, cassette
        assert unplayed == 0, cassette


def test_a_recording_kept_in_part_by_best_effort_is_stamped_as_the_invalid_answer_it_was(
    tmp_path: Path, reference_digest: dict[str, Any]
) -> None:
    """The meta's outcome is the model's, not the scoring's: gate.json's best_effort keeps the grounded parts of
    an invalid answer while recording, and the meta must still say the answer failed validation."""
    import asyncio

    from summarizer.evals.cases import load_cases
    from summarizer.evals.runner import run_eval

    case = next(c for c in load_cases(CASSETTES.parent / "evals" / "cases") if c.id.startswith("000_"))
    answer = spoil_quote(completion(json.dumps(reference_digest, ensure_ascii=False)))
    with FakeOpenAI() as server:
        server.queue(answer)
        settings = ProviderSettings(
            model="m", base_url=server.base_url, api_key="k", mode="json_schema", max_reasks=0, best_effort=True
        )
        run = asyncio.run(
            run_eval([case], model="m", prompt_version="v1", languages=["en"], cassettes=tmp_path,
                     record_settings=settings)
        )  # fmt: skip
    assert run.results[0].outcome == "best_effort"
    assert RecordingMeta.read(next(tmp_path.rglob("*.meta.json"))).outcome == "model_output_invalid"


def test_a_parsed_cassette_is_reused_and_a_changed_or_corrupt_cache_is_not_trusted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parsed-cassette cache (in the process and as JSON on disk) serves the same interactions; editing the
    cassette makes a new key, and an unreadable cache file is parsed again, never trusted."""
    from summarizer import recording as rec

    monkeypatch.setenv(rec.PARSED_CACHE_ENV, str(tmp_path / "cache"))
    monkeypatch.setattr(rec, "_parsed", {})
    source = sorted(CASSETTES.glob("*/*/*.yaml"))[0]
    cassette = tmp_path / source.name
    cassette.write_bytes(source.read_bytes())
    first = rec.load_interactions(cassette)
    cached = list((tmp_path / "cache").glob("*.json"))
    assert len(cached) == 1
    monkeypatch.setattr(rec, "_parsed", {})  # a new process: only the disk cache is left
    assert rec.load_interactions(cassette) == first
    cached[0].write_text("{not json", encoding="utf-8")  # corrupt: parsed from the YAML again
    monkeypatch.setattr(rec, "_parsed", {})
    assert rec.load_interactions(cassette) == first
    data = yaml.load(cassette.read_text(encoding="utf-8"), Loader=_LOADER)
    data["interactions"][0]["response"]["status"]["code"] = 503
    cassette.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert rec.load_interactions(cassette)[0].status == 503  # a changed file is read anew


@pytest.mark.parametrize(
    ("outcome", "kept"),
    [("ok", True), ("model_output_invalid", True), ("time_budget_exceeded", True), ("provider_error", False)],
)
def test_resume_records_again_a_conversation_the_server_broke_off(tmp_path: Path, outcome: str, kept: bool) -> None:
    """A dropped connection mid-conversation leaves a cassette that reads but holds no answer: --resume must ask
    again, not keep it and then fail its replay as stale; a model's own failure is its result and is kept."""
    from summarizer.evals.runner import _is_current

    source = CASSETTES / "qwen2.5-coder-0.5b-instruct" / "v6" / "000_28e21e24a588c826.ar.yaml"
    cassette = tmp_path / source.name
    cassette.write_bytes(source.read_bytes())
    meta = RecordingMeta.read(meta_path(source))
    meta.model_copy(update={"outcome": outcome}).write(meta_path(cassette))
    assert _is_current(cassette, meta.prompt_hash) is kept
    assert not _is_current(cassette, "another-prompt")
