"""Provider faults through the library and the CLI, one at a time, over real HTTP (tests/fake_openai.py).

A transient fault followed by a valid answer must end in a digest; a fault that cannot pass (501, a
server that only ever sends HTML) must end in one clear line with the right code, after the right
number of requests, never echoing what the server sent.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.api import ItemError, summarize_many
from summarizer.cli import app
from summarizer.errors import ModelOutputInvalid, ProviderError, SummarizerError
from summarizer.schema import Digest
from summarizer.settings import ProviderSettings
from tests.fake_openai import NOT_IN_ARTICLE, FakeOpenAI, Fault, Scripted, completion, error, fault
from tests.signals import take_ctrl_c

runner = CliRunner()
SECRET = "sk-test-secret-0123456789"


@pytest.fixture
def settings(fake_server: FakeOpenAI) -> ProviderSettings:
    return ProviderSettings(
        model="reference",
        base_url=fake_server.base_url,
        api_key=SECRET,
        mode="json_schema",
        request_timeout_s=0.5,
        max_transient_attempts=3,
        max_reasks=1,
        time_budget_s=30,
    )


@pytest.fixture
def valid(reference_digest: dict[str, Any]) -> dict[str, Any]:
    return completion(json.dumps(reference_digest, ensure_ascii=False), prompt_tokens=100, completion_tokens=50)


def is_reask(request: dict[str, Any]) -> bool:
    """A re-ask repeats the conversation with the model's answer and our feedback appended."""
    return any(m.get("role") == "assistant" for m in request["messages"])


def one_line(error: BaseException) -> str:
    text = str(error)
    assert "\n" not in text.strip(), text
    return text


@pytest.mark.parametrize(
    "kind",
    [Fault.RATE_LIMITED, Fault.UNAVAILABLE, Fault.SERVER_ERROR, Fault.DROP, Fault.HANG, Fault.TRUNCATED],
)
def test_a_transient_fault_is_retried_unchanged(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str, kind: Fault
) -> None:
    fake_server.hang_s = 3
    fake_server.queue(fault(kind, valid), valid)
    digest = summarize(seed_article, settings=settings)
    assert isinstance(digest, Digest)
    assert len(fake_server.requests) == 2
    first, second = fake_server.requests
    assert second == first  # retried as it was: not a re-ask
    assert digest.run is not None and digest.run.attempts == 2


@pytest.mark.parametrize("kind", [Fault.SCHEMA_INVALID, Fault.BAD_QUOTE])
def test_an_invalid_answer_is_reasked_with_the_error(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str, kind: Fault
) -> None:
    fake_server.queue(fault(kind, valid), valid)
    digest = summarize(seed_article, settings=settings)
    assert digest.run is not None and digest.run.attempts == 2
    assert digest.run.usage.total_tokens == 300  # both answers are paid for
    reask = fake_server.requests[1]
    assert is_reask(reask) and not is_reask(fake_server.requests[0])
    if kind is Fault.BAD_QUOTE:
        assert NOT_IN_ARTICLE[:20] in json.dumps(reask["messages"][-1], ensure_ascii=False)


def test_501_is_not_retried_and_its_page_is_not_printed(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(fault(Fault.NOT_IMPLEMENTED, valid), valid)
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    message = one_line(caught.value)
    assert "501" in message and "<" not in message and "nginx" not in message
    assert len(fake_server.requests) == 1
    assert caught.value.exit_code == 21


def test_a_401_that_echoes_the_key_does_not_put_it_in_the_message(
    fake_server: FakeOpenAI, settings: ProviderSettings, seed_article: str
) -> None:
    fake_server.queue(fault(Fault.KEY_ECHO))
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    assert SECRET in json.dumps(fake_server.headers[0])  # the key was sent, and the server echoed it back
    assert SECRET not in one_line(caught.value)
    assert len(fake_server.requests) == 1


@pytest.mark.parametrize("kind", [Fault.HTML, Fault.EMPTY])
def test_a_200_that_is_an_html_page_or_empty_is_not_retried_and_names_the_base_url(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str, kind: Fault
) -> None:
    """What a wrong base URL answers every time: one request, then the hint (issue 22: it was retried 5 times)."""
    fake_server.queue(*[fault(kind, valid) for _ in range(3)])
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    message = one_line(caught.value)
    assert fake_server.base_url in message and "OpenAI-compatible endpoint" in message
    assert "<" not in message
    assert len(fake_server.requests) == 1
    assert caught.value.attempts == 1


def _cuts(valid: dict[str, Any]) -> dict[str, int]:
    """Byte offsets to cut the valid answer's body at: inside an Arabic character, at an ASCII byte, ..."""
    data = json.dumps(valid, ensure_ascii=False).encode()
    inside = next(i for i, byte in enumerate(data) if byte & 0xC0 == 0x80)  # a UTF-8 continuation byte
    ascii_at = next(i for i in range(len(data) // 2, len(data)) if data[i] < 0x80)
    return {"inside an Arabic character": inside, "at an ASCII byte": ascii_at, "after one byte": 1,
            "one byte short": len(data) - 1}  # fmt: skip


CUTS = ["inside an Arabic character", "at an ASCII byte", "after one byte", "one byte short"]


@pytest.mark.parametrize("where", CUTS)
def test_a_body_cut_at_any_byte_is_a_transient_fault(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str, where: str
) -> None:
    """Issue 22: cut inside a character it was a UnicodeDecodeError, reported as a bug and never retried."""
    cut = _cuts(valid)[where]
    fake_server.queue(Scripted(200, valid, fault=Fault.TRUNCATED, cut=cut), valid)
    digest = summarize(seed_article, settings=settings)
    assert digest.run is not None and digest.run.attempts == 2
    assert fake_server.requests[0] == fake_server.requests[1]
    fake_server.requests.clear()
    fake_server.queue(*[Scripted(200, valid, fault=Fault.TRUNCATED, cut=cut) for _ in range(3)])
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    assert "cut short" in one_line(caught.value) and "bug" not in str(caught.value)
    assert len(fake_server.requests) == caught.value.attempts == settings.max_transient_attempts


def test_a_batch_item_cut_inside_a_character_counts_its_attempts(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str
) -> None:
    """In a batch the same fault was `internal_error` with attempts 0 although requests were sent."""
    cut = _cuts(valid)["inside an Arabic character"]
    fake_server.queue(*[Scripted(200, valid, fault=Fault.TRUNCATED, cut=cut) for _ in range(3)])
    (result,) = summarize_many([seed_article], settings=settings)
    assert isinstance(result, ItemError)
    assert result.code == "provider_error" and result.attempts == settings.max_transient_attempts


def test_a_429_asking_for_longer_than_we_wait_fails_at_once_and_says_so(
    fake_server: FakeOpenAI, settings: ProviderSettings, seed_article: str
) -> None:
    """Issue 22: a 429 asking for 3,600 s was retried for 250 s, and the message did not say why it failed."""
    fake_server.queue(*[error(429, "Rate limit reached", {"retry-after": "3600"}) for _ in range(3)])
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    message = one_line(caught.value)
    assert "429" in message and "Rate limit reached" in message
    assert "asked us to wait 3,600 s (Retry-After)" in message and "try again later" in message
    assert len(fake_server.requests) == 1


def test_a_404_passes_on_the_servers_message_and_names_both_suspects(
    fake_server: FakeOpenAI, settings: ProviderSettings, seed_article: str
) -> None:
    """Issue 22: a 404 was always blamed on the model name, and the server's own message was dropped."""
    fake_server.queue(error(404, "no route /v1/v1/chat/completions"))
    with pytest.raises(ProviderError) as caught:
        summarize(seed_article, settings=settings)
    message = one_line(caught.value)
    assert "no route /v1/v1/chat/completions" in message
    assert "'reference'" in message and fake_server.base_url in message
    assert len(fake_server.requests) == 1


def test_answers_that_keep_failing_validation_carry_their_cost(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(fault(Fault.BAD_QUOTE, valid), fault(Fault.BAD_QUOTE, valid))
    with pytest.raises(ModelOutputInvalid) as caught:
        summarize(seed_article, settings=settings)
    one_line(caught.value)
    assert caught.value.attempts == 2
    assert caught.value.usage.total_tokens == 300


def test_summarize_many_keeps_order_and_accounts_for_failures(
    fake_server: FakeOpenAI, settings: ProviderSettings, valid: dict[str, Any], seed_article: str
) -> None:
    fake_server.queue(fault(Fault.NOT_IMPLEMENTED, valid), valid)
    results = summarize_many([seed_article, seed_article], settings=settings, concurrency=1)
    assert isinstance(results[0], ItemError) and isinstance(results[1], Digest)
    assert results[0].code == "provider_error" and results[0].attempts == 1
    assert "\n" not in results[0].message


def test_summarize_many_refuses_a_single_string(settings: ProviderSettings, fake_server: FakeOpenAI) -> None:
    with pytest.raises(TypeError, match="single string"):
        summarize_many("نص عربي", settings=settings)
    assert fake_server.requests == []


def test_cli_reports_a_provider_fault_in_one_line(
    tmp_path: Path, provider_env: FakeOpenAI, valid: dict[str, Any], seed_article: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    provider_env.queue(fault(Fault.NOT_IMPLEMENTED, valid))
    result = runner.invoke(app, ["summarize", str(article), "-o", str(tmp_path / "out.json")])
    assert result.exit_code == 21
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert not (tmp_path / "out.json").exists()


def test_scripted_fault_helpers_are_what_they_say(valid: dict[str, Any]) -> None:
    """The fixture itself: a spoiled answer differs from the valid one only in its first quote."""
    spoiled = fault(Fault.BAD_QUOTE, valid)
    assert isinstance(spoiled, Scripted) and spoiled.status == 200
    good = json.loads(valid["choices"][0]["message"]["content"])
    bad = json.loads(spoiled.body["choices"][0]["message"]["content"])
    assert bad["bullets"][0]["evidence"][0]["quote"] == NOT_IN_ARTICLE
    bad["bullets"][0]["evidence"][0]["quote"] = good["bullets"][0]["evidence"][0]["quote"]
    assert bad == good
    assert issubclass(ProviderError, SummarizerError)


def test_readme_settings_without_a_key_work(fake_server: FakeOpenAI, valid: dict[str, Any], seed_article: str) -> None:
    """The README's Ollama/vLLM example: model, base_url and mode, no key."""
    settings = ProviderSettings(model="reference", base_url=fake_server.base_url, mode="json_schema")
    fake_server.queue(valid)
    assert isinstance(summarize(seed_article, settings=settings), Digest)
    assert fake_server.headers[0]["Authorization"].startswith("Bearer ")


def test_the_library_prints_nothing_of_its_own(
    fake_server: FakeOpenAI, valid: dict[str, Any], seed_article: str, tmp_path: Path
) -> None:
    """In a fresh process with default logging: failures (re-asks, retries, a 401 echoing the key) raise,
    and nothing reaches stderr unless the caller configures the ``summarizer`` logger."""
    fake_server.queue(fault(Fault.BAD_QUOTE, valid), fault(Fault.SERVER_ERROR), fault(Fault.KEY_ECHO))
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from summarizer import summarize, ProviderSettings\n"
        f"s = ProviderSettings(model='reference', base_url={fake_server.base_url!r}, api_key={SECRET!r},\n"
        "                      mode='json_schema', max_reasks=1)\n"
        "try:\n"
        f"    summarize(Path({str(article)!r}).read_text(encoding='utf-8'), settings=s)\n"
        "except Exception as exc:\n"
        "    print(type(exc).__name__, exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False)
    assert done.stderr == ""
    assert done.stdout.startswith("ProviderError") and "401" in done.stdout
    assert SECRET not in done.stdout
    assert len(fake_server.requests) == 3


@pytest.mark.parametrize(
    ("sent", "code", "says"), [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
)
def test_a_signal_mid_request_ends_in_one_line_and_its_exit_code(
    tmp_path: Path, fake_server: FakeOpenAI, seed_article: str, sent: int, code: int, says: str
) -> None:
    """Issue 22: SIGTERM gave 130 with --local and 143 (killed, nothing unwound) for batch: now 143 for every
    command, after cleanup, as Ctrl-C gives 130."""
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    fake_server.hang_s = 30
    fake_server.queue(fault(Fault.HANG))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(OPENAI_BASE_URL=fake_server.base_url, SUMMARIZER_MODEL="reference", SUMMARIZER_MODE="json_schema")
    command = [sys.executable, "-m", "summarizer", "summarize", str(article)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=take_ctrl_c)
    deadline = time.monotonic() + 60
    while not fake_server.requests and time.monotonic() < deadline:
        time.sleep(0.05)
    process.send_signal(sent)
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == code, stderr
    assert stderr.strip().splitlines() == [says]
