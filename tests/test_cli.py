from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from tests.fake_openai import FakeOpenAI, completion

runner = CliRunner()


def test_no_provider_explains_how_to_configure_one(tmp_path: Path, seed_article: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(article)])
    assert result.exit_code == 2
    for hint in ("OPENAI_API_KEY", "Ollama", "vLLM", "llama.cpp", "pip install -e '.[local]'"):
        assert hint in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_base_url_without_model_is_a_config_error(
    tmp_path: Path, seed_article: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:1/v1")
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(article)])
    assert result.exit_code == 2
    assert "SUMMARIZER_MODEL" in result.stderr


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        (b"", 10, "empty"),
        (b"   \n\t  \n", 10, "empty"),
        (b"This is an English news story about markets.", 11, "does not look like Arabic"),
        ("نص عربي".encode("cp1256"), 12, "not valid UTF-8"),
    ],
)
def test_bad_input_gets_a_specific_error_and_no_output_file(
    tmp_path: Path, provider_env: FakeOpenAI, content: bytes, code: int, message: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(content)
    out = tmp_path / "out.json"
    result = runner.invoke(app, ["summarize", str(article), "-o", str(out)])
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()
    assert provider_env.requests == []


def test_too_long_for_the_context_window(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    article = tmp_path / "long.txt"
    article.write_text(seed_article * 10, encoding="utf-8")  # about 13,000 tokens by our estimate
    result = runner.invoke(app, ["summarize", str(article), "--context-tokens", "8192"])
    assert result.exit_code == 13
    assert "context" in result.stderr
    assert provider_env.requests == []


def test_missing_file(tmp_path: Path, provider_env: FakeOpenAI) -> None:
    result = runner.invoke(app, ["summarize", str(tmp_path / "nope.txt")])
    assert result.exit_code == 3
    assert "no such file" in result.stderr


def test_bad_language(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(article), "--lang", "fr"])
    assert result.exit_code == 2  # a usage error, like any bad Choice
    assert "Invalid value for '--lang'" in result.stderr and "'fr'" in result.stderr
    assert provider_env.requests == []


def test_summarize_from_stdin_to_json(
    provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    result = runner.invoke(app, ["summarize", "-"], input=seed_article.encode())
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert len(data["bullets"]) == 4
    assert data["run"]["model"] == "reference"
    assert data["bullets"][0]["evidence"][0]["start"] == 0


def test_summarize_to_markdown_file(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    out = tmp_path / "digest.md"
    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    result = runner.invoke(app, ["summarize", str(article), "--format", "markdown", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "### E2: Explosions/Remote violence / Shelling/artillery/missile attack" in text
    assert "retaliation_for E1" in text
    assert "fatalities: none reported" in text


def test_model_that_never_validates_exits_20(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    provider_env.queue(*[completion('{"bullets": []}') for _ in range(3)])
    out = tmp_path / "o.json"
    result = runner.invoke(app, ["summarize", str(article), "-o", str(out)])
    assert result.exit_code == 20
    assert "failed validation" in result.stderr
    assert not out.exists()


def test_prompts_lists_versions() -> None:
    result = runner.invoke(app, ["prompts"])
    assert result.exit_code == 0
    assert "v1" in result.stdout


def test_bad_input_is_reported_even_without_a_provider(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_bytes(b"")
    result = runner.invoke(app, ["summarize", str(article)])
    assert result.exit_code == 10
    assert "empty" in result.stderr


def test_huge_file_is_refused_whatever_the_model(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    article = tmp_path / "huge.txt"
    article.write_text(seed_article * 100, encoding="utf-8")
    result = runner.invoke(app, ["summarize", str(article)])
    assert result.exit_code == 13
    assert "characters" in result.stderr
    assert provider_env.requests == []


@pytest.mark.parametrize("where", ["after the command", "before it"])
def test_v_logs_our_own_steps_and_vv_the_requests(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str, where: str
) -> None:
    """Issue 22: -v showed httpx's request line and no step of ours; `summarize -v` was refused."""
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    args = ["summarize", "-v", str(article)] if where == "after the command" else ["-v", "summarize", str(article)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stderr.split())
    assert "read" in said and f"{len(seed_article):,} characters" in said
    assert "model reference, mode json_schema, prompt v1" in said and "up to 2 re-ask(s)" in said
    assert "digest: 4 bullets" in said and "1 attempt(s), 150 tokens" in said
    assert "HTTP Request" not in said
    provider_env.queue(completion(json.dumps(reference_digest, ensure_ascii=False)))
    result = runner.invoke(app, ["summarize", "-vv", str(article)])
    assert result.exit_code == 0 and "HTTP Request" in result.stderr


def test_a_partial_digest_is_written_and_exits_5(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Best effort kept only the supported part of the answer: the digest is written, exit 5 says it is partial."""
    from tests.fake_openai import Fault, fault

    article, out = tmp_path / "a.txt", tmp_path / "d.json"
    article.write_text(seed_article, encoding="utf-8")
    spoiled = fault(Fault.BAD_QUOTE, completion(json.dumps(reference_digest, ensure_ascii=False)))
    provider_env.queue(spoiled)
    result = runner.invoke(app, ["summarize", str(article), "-o", str(out), "--best-effort", "--max-reasks", "0"])
    assert result.exit_code == 5, result.stderr
    assert result.stderr.strip().startswith("partial: best effort kept only the supported part")
    assert json.loads(out.read_text(encoding="utf-8"))["run"]["status"] == "partial"
