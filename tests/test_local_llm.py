"""Integration tests against a real llama.cpp server (llama.cpp's llama-server with parallel slots, and
llama-cpp-python's server, its fallback; Gemma 3 270M base) on 127.0.0.1.

Marked ``local_llm``; they need the ``[local]`` extra and the llama-server that ``scripts/setup.sh dev,local``
builds. CI installs both and sets SUMMARIZER_REQUIRE_LOCAL=1 so a missing install fails instead of skipping.
The weights are the smallest known model, fetched by ``summarizer models pull`` (instant once cached).
Every test decodes real tokens: a build that starts but crashes on decode (seen with a native build on an
AMX CPU) fails here, not only a health check.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal

import httpx
import pytest
from pydantic import BaseModel, Field

from summarizer import summarize
from summarizer.client import make_async_client, structured_call
from summarizer.errors import ModelOutputInvalid
from summarizer.recording import recording, replaying
from summarizer.settings import ProviderSettings
from tests.signals import take_ctrl_c

pytestmark = pytest.mark.local_llm

try:
    import llama_cpp  # noqa: F401
except ImportError:  # pragma: no cover
    if os.environ.get("SUMMARIZER_REQUIRE_LOCAL"):
        raise
    pytest.skip("needs the [local] extra (llama-cpp-python)", allow_module_level=True)

from summarizer.local import find_llama_server, local_server  # noqa: E402
from summarizer.models import pull, resolve  # noqa: E402

SMOKE_MODEL = "gemma3-270m"  # the smallest known model: the cheapest real decode
SLOTS = 4
SERVER_NAMES = (b"llama-server", b"llama_cpp.server")

if find_llama_server() is None:  # pragma: no cover
    if os.environ.get("SUMMARIZER_REQUIRE_LOCAL"):
        raise RuntimeError("llama-server is not built: bash scripts/setup.sh dev,local")
    pytest.skip("needs llama-server (bash scripts/setup.sh dev,local)", allow_module_level=True)


class Headline(BaseModel):
    """A tiny schema: the grammar must make every answer parse.

    llama.cpp's JSON-schema grammar enforces structure, enums and string lengths,
    not numeric ranges (measured: an ``le=100`` field came back as 2468597300000000),
    which is one reason every answer is still validated by pydantic.
    """

    title: str = Field(max_length=80)
    tone: Literal["calm", "tense", "neutral"]
    rockets: int


@pytest.fixture(scope="module", autouse=True)
def weights() -> None:
    pull(SMOKE_MODEL)


@pytest.fixture(scope="module")
def server(weights: None) -> Iterator[ProviderSettings]:
    with local_server(SMOKE_MODEL, slots=SLOTS) as settings:
        yield settings


def port_open(base_url: str) -> bool:
    host, port = base_url.split("//")[1].split("/")[0].split(":")
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, int(port))) == 0


def test_server_answers_on_loopback_with_the_model_alias(server: ProviderSettings) -> None:
    assert server.base_url is not None and server.base_url.startswith("http://127.0.0.1:")
    models = httpx.get(f"{server.base_url}/models", timeout=5).json()
    assert models["data"][0]["id"] == "gemma-3-270m-base-q4_k_m"


def test_the_server_decodes_real_tokens(server: ProviderSettings) -> None:
    """A plain completion (the smoke model is a base model: it continues text): tokens and text come back."""
    response = httpx.post(
        f"{server.base_url}/completions",
        json={"model": server.model, "prompt": "One, two, three, four,", "max_tokens": 8, "temperature": 0},
        timeout=120,
    ).json()
    assert response["usage"]["completion_tokens"] > 0
    assert response["choices"][0]["text"].strip()


def test_parallel_slots_decode_concurrent_requests_together(server: ProviderSettings) -> None:
    """Four streamed completions at once on a 4-slot server: every one has produced a token before the first one
    has finished (a one-at-a-time server, like llama-cpp-python's, would finish the first before starting the
    second), and every one decodes all the tokens it was asked for."""
    root = (server.base_url or "").removesuffix("/v1")
    slots = httpx.get(f"{root}/slots", timeout=10).json()
    assert len(slots) == SLOTS and {slot["n_ctx"] for slot in slots} == {server.context_tokens}

    async def stream(client: httpx.AsyncClient, index: int, events: list[tuple[float, int, str]]) -> int:
        body = {"prompt": f"Story {index}: once upon a time,", "n_predict": 48, "ignore_eos": True, "stream": True}
        tokens = 0
        async with client.stream("POST", f"{root}/completion", json=body) as response:
            async for line in response.aiter_lines():
                if line.startswith("data: ") and '"content"' in line:
                    if tokens == 0:
                        events.append((time.monotonic(), index, "first"))
                    tokens += 1
        events.append((time.monotonic(), index, "last"))
        return tokens

    async def all_at_once() -> tuple[list[int], list[tuple[float, int, str]]]:
        events: list[tuple[float, int, str]] = []
        async with httpx.AsyncClient(timeout=600) as client:
            counts = await asyncio.gather(*(stream(client, i, events) for i in range(SLOTS)))
        return list(counts), events

    counts, events = asyncio.run(all_at_once())
    assert all(count >= 48 for count in counts), counts
    first_finish = min(t for t, _, kind in events if kind == "last")
    started = {index for t, index, kind in events if kind == "first" and t < first_finish}
    assert started == set(range(SLOTS)), sorted(events)


def test_the_shared_prompt_prefix_is_read_once(server: ProviderSettings, seed_article: str) -> None:
    """Two requests that share a long prefix (the system prompt every article shares) and differ after it: the
    second reads only what differs, the rest comes from the slot's KV cache (llama-server's ``timings``)."""
    prefix = "You summarise Arabic news. " * 40
    timings = []
    for tail in (seed_article[:300], seed_article[300:600]):
        response = httpx.post(
            f"{server.base_url}/chat/completions",
            json={
                "model": server.model,
                "messages": [{"role": "system", "content": prefix}, {"role": "user", "content": tail}],
                "max_tokens": 4,
                "temperature": 0,
            },
            timeout=600,
        ).json()
        assert response["usage"]["completion_tokens"] > 0
        timings.append(response["timings"])
    assert timings[1]["cache_n"] >= 200, timings  # the shared prefix was not read again
    assert timings[1]["prompt_n"] < timings[0]["prompt_n"] - 200, timings


def test_a_prompt_met_before_another_is_not_read_again(weights: None, seed_article: str) -> None:
    """One slot, two kinds of request in turn (an English answer: the Arabic answer's system prompt, then the
    translation's, then the next article's answer): the third reads its shared prefix from the host-RAM prompt cache
    (``--cache-ram``), not again, though the slot's own KV held the other prompt by then."""
    answer, translate = "You summarise Arabic news. " * 40, "You translate one Arabic sentence. " * 30

    def ask(settings: ProviderSettings, system: str, user: str) -> dict[str, int]:
        messages = [{"role": "system", "content": system}, {"role": "user", "content": user}]
        body = {"model": settings.model, "messages": messages, "max_tokens": 4, "temperature": 0}
        response = httpx.post(f"{settings.base_url}/chat/completions", json=body, timeout=600).json()
        assert response["usage"]["completion_tokens"] > 0
        return dict(response["timings"])

    with local_server(SMOKE_MODEL, slots=1) as settings:
        ask(settings, answer, seed_article[:300])
        between = ask(settings, translate, seed_article[300:400])
        again = ask(settings, answer, seed_article[400:700])
    assert between["cache_n"] < 50, between  # the other prompt: the slot held nothing of it
    assert again["cache_n"] >= 200, again  # restored: the shared prefix was not read again
    assert again["prompt_n"] < 200, again


def test_the_fallback_server_decodes_real_tokens(weights: None) -> None:
    """llama-cpp-python's server, used when llama-server is not built: one slot, same settings, real tokens."""
    with local_server(SMOKE_MODEL, slots=SLOTS, backend="llama-cpp-python") as settings:
        response = httpx.post(
            f"{settings.base_url}/completions",
            json={"model": settings.model, "prompt": "One, two, three,", "max_tokens": 4, "temperature": 0},
            timeout=600,
        ).json()
    assert response["usage"]["completion_tokens"] > 0
    assert settings.mode == "json_object"


def test_schema_constrained_decoding_parses_on_the_first_attempt(server: ProviderSettings) -> None:
    settings = server.with_overrides(max_output_tokens=120, max_reasks=0)
    for text in ("سقط نحو 10 صواريخ على القاعدة", "Protesters gathered peacefully in Tunis", "اتفاق لوقف إطلاق النار"):
        messages = [{"role": "user", "content": f"Headline for: {text}"}]
        client = make_async_client(settings)  # one per event loop: httpx pools are bound to their loop
        headline, outcome = asyncio.run(structured_call(client, settings, messages, Headline, {}))
        assert isinstance(headline, Headline)
        assert outcome.attempts == 1
        assert outcome.usage.completion_tokens > 0


def test_summarize_end_to_end_over_real_http(server: ProviderSettings, seed_article: str) -> None:
    """The whole path runs; this 270M base model is not expected to produce a valid digest."""
    # A generous budget: this checks the path, and a loaded CI machine can be many times slower than idle.
    settings = server.with_overrides(max_output_tokens=200, max_reasks=0, time_budget_s=1800, request_timeout_s=1800)
    try:
        digest = summarize(seed_article, "en", settings=settings)
    except ModelOutputInvalid as failure:
        assert failure.attempts == 1
        assert failure.usage.prompt_tokens > 500  # the article and instructions really went over the wire
    else:  # pragma: no cover - a pleasant surprise
        assert digest.run is not None and digest.run.usage.total_tokens > 0


def test_the_lean_pointer_schema_is_a_grammar_llama_server_decodes(server: ProviderSettings, seed_article: str) -> None:
    """Prompt v6 (``--local``'s default) sends the lean event schema with the article's unit numbers as an enum:
    llama-server must turn it into a grammar and decode under it (a schema it cannot compile is an HTTP 400, not an
    invalid answer). The 270M base model is not expected to write a valid digest."""
    settings = server.with_overrides(max_output_tokens=200, max_reasks=0, time_budget_s=1800, request_timeout_s=1800)
    try:
        digest = summarize(seed_article, "ar", settings=settings, prompt_version="v6")
    except ModelOutputInvalid as failure:
        assert failure.attempts == 1 and failure.usage.completion_tokens > 0
    else:  # pragma: no cover - a pleasant surprise
        assert digest.run is not None and digest.run.prompt_version == "v6"


def test_record_then_replay_offline(tmp_path: Path) -> None:
    cassette = tmp_path / "headline.yaml"
    messages = [{"role": "user", "content": "Headline for: rockets hit a gas field"}]
    with local_server(SMOKE_MODEL) as live:
        settings = live.with_overrides(max_output_tokens=150, max_reasks=0)
        with recording(cassette):
            recorded, _ = asyncio.run(structured_call(make_async_client(settings), settings, messages, Headline, {}))
    assert not port_open(settings.base_url or "")  # the server is gone: replay cannot cheat
    assert "not-needed" not in cassette.read_text(encoding="utf-8")  # the API key header is filtered
    with replaying(cassette, "re-record"):
        replayed, outcome = asyncio.run(structured_call(make_async_client(settings), settings, messages, Headline, {}))
    assert replayed.model_dump() == recorded.model_dump()
    assert outcome.usage.total_tokens > 0


def test_server_stops_on_error_inside_the_block() -> None:
    with pytest.raises(RuntimeError), local_server(SMOKE_MODEL) as settings:
        url = settings.base_url or ""
        assert port_open(url)
        raise RuntimeError("boom")
    assert not port_open(url)


def test_serve_local_stops_cleanly_on_ctrl_c() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve-local", SMOKE_MODEL],
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=take_ctrl_c,
    )
    assert process.stderr is not None
    url = ""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not url:
        line = process.stderr.readline()
        if "serving" in line:
            url = line.split(" at ")[1].split(";")[0].strip()
    assert url, "serve-local never said where it serves"
    assert port_open(url)
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 130
    time.sleep(0.5)
    assert not port_open(url)  # no orphaned llama.cpp server


def test_serve_local_exits_when_its_server_dies() -> None:
    """A server killed or crashed under serve-local ends it with one line and exit 21 (provider error), instead of
    a process that goes on advertising a URL nothing answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "serve-local", SMOKE_MODEL], stderr=subprocess.PIPE, text=True
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and "serving" not in process.stderr.readline():
        pass
    servers = children_of(process.pid)
    assert servers, "serve-local started no server"
    for pid in servers:
        os.kill(pid, signal.SIGKILL)
    assert process.wait(timeout=30) == 21
    assert "error: the llama.cpp server stopped (exit -9)" in process.stderr.read()


def children_of(pid: int) -> set[int]:
    """Every live descendant of ``pid`` (from /proc), zombies excluded."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found: set[int] = set()
    frontier = {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier} - found
        found |= frontier
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_sigterm_to_summarize_local_leaves_no_server_running(tmp_path: Path, seed_article: str) -> None:
    """SIGTERM while the server is computing an answer: the CLI exits and takes the server with it."""
    article = tmp_path / "article.txt"
    article.write_text(seed_article, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, "-m", "summarizer", "summarize", str(article), "--local-model", SMOKE_MODEL],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        servers: set[int] = set()
        while time.monotonic() < deadline and not servers:
            servers = {
                pid
                for pid in children_of(process.pid)
                if any(name in Path(f"/proc/{pid}/cmdline").read_bytes() for name in SERVER_NAMES)
            }
            time.sleep(0.2)
        assert servers, "the CLI never started a llama.cpp server"
        time.sleep(15)  # the server loads the model and starts answering (the 270M model needs ~2 s to load)
        assert process.poll() is None, "the run ended before SIGTERM could interrupt it"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(alive(pid) for pid in servers):
            time.sleep(0.2)
        assert not [pid for pid in servers if alive(pid)], "a llama.cpp server outlived the CLI"
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_translation_model_is_served_beside_the_model_from_one_url(tmp_path: Path) -> None:
    """Router mode (ProviderSettings.translation_model): both models decode real tokens through one URL, each
    answering to its own name, and stopping the server stops both (a copy of the smoke model stands in for the
    second: the cheapest real decode)."""
    second = tmp_path / "second-model.gguf"
    shutil.copyfile(resolve(SMOKE_MODEL)[0], second)
    with local_server(SMOKE_MODEL, translation_model=second) as settings:
        url = settings.base_url or ""
        assert settings.translation_model == "second-model" and settings.label.endswith("+second-model")
        served = {m["id"] for m in httpx.get(f"{url}/models", timeout=5).json()["data"]}
        assert {settings.model, "second-model"} <= served
        for name in (settings.model, settings.translation_model):
            response = httpx.post(
                f"{url}/completions",
                json={"model": name, "prompt": "One, two, three, four,", "max_tokens": 8, "temperature": 0},
                timeout=120,
            ).json()
            assert response["usage"]["completion_tokens"] > 0 and response["model"] == name
        children = _model_processes(second)
        assert children, "the router runs each model in a process of its own"
    assert not port_open(url)
    deadline = time.monotonic() + 10
    while _model_processes(second) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _model_processes(second), "a model process outlived the router"


def _model_processes(model: Path) -> list[int]:
    """Processes whose command line names ``model``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            with contextlib.suppress(OSError):
                if str(model).encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
    return found
