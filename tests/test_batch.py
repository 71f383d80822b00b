from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from summarizer.cli import app
from tests.fake_openai import FakeOpenAI, completion

runner = CliRunner()


def write_jsonl(path: Path, rows: list[Any]) -> None:
    path.write_text(
        "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows), encoding="utf-8"
    )


def read_out(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def ok(reference_digest: dict[str, Any]) -> dict[str, Any]:
    return completion(json.dumps(reference_digest, ensure_ascii=False))


def test_every_id_gets_exactly_one_line_and_rerun_skips_them(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(
        inp,
        [
            {"id": "a", "text": seed_article},
            {"id": 7, "text": seed_article},
            {"id": "empty", "text": "  "},
            "{not json",
            {"id": "no-text"},
            "",
        ],
    )
    provider_env.queue(ok(reference_digest), ok(reference_digest))
    result = runner.invoke(app, ["batch", str(inp), str(out), "--concurrency", "2"])
    assert result.exit_code == 0, result.stderr
    rows = read_out(out)
    assert sorted(r["id"] for r in rows) == sorted(["a", "7", "empty", "line-4", "no-text"])
    by_id = {r["id"]: r for r in rows}
    assert by_id["a"]["ok"] and by_id["7"]["ok"]
    assert by_id["empty"]["error"]["code"] == "empty_article"
    assert by_id["line-4"]["error"]["code"] == "bad_batch_line"
    assert "5 articles: 2 summarised, 3 failed" in result.stderr

    again = runner.invoke(app, ["batch", str(inp), str(out)])
    assert again.exit_code == 0
    assert "5 already done" in again.stderr
    assert len(read_out(out)) == 5
    assert len(provider_env.requests) == 2


def test_resume_after_a_crash_redoes_only_missing_and_torn_lines(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": i, "text": seed_article} for i in ("a", "b", "c")])
    done = json.dumps({"id": "a", "ok": True, "digest": {}}) + "\n"
    out.write_text(done + '{"id": "b", "ok": tr', encoding="utf-8")  # b was cut mid-write
    provider_env.queue(ok(reference_digest), ok(reference_digest))
    result = runner.invoke(app, ["batch", str(inp), str(out)])
    assert result.exit_code == 0, result.stderr
    rows = read_out(out)
    assert sorted(r["id"] for r in rows) == ["a", "b", "c"]
    assert len(provider_env.requests) == 2


def test_retry_errors_replaces_error_lines(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    provider_env.queue(*[completion('{"bullets": []}') for _ in range(3)])
    first = runner.invoke(app, ["batch", str(inp), str(out)])
    assert first.exit_code == 0
    assert read_out(out)[0]["error"]["code"] == "model_output_invalid"
    provider_env.queue(ok(reference_digest))
    second = runner.invoke(app, ["batch", str(inp), str(out), "--retry-errors"])
    assert second.exit_code == 0, second.stderr
    rows = read_out(out)
    assert len(rows) == 1 and rows[0]["ok"]


def test_duplicate_ids_fail_before_any_output(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "x", "text": seed_article}, {"id": "x", "text": seed_article}])
    result = runner.invoke(app, ["batch", str(inp), str(out)])
    assert result.exit_code == 14
    assert "repeats ids (x)" in result.stderr
    assert not out.exists()


def test_no_provider_creates_no_output(tmp_path: Path, seed_article: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "x", "text": seed_article}])
    result = runner.invoke(app, ["batch", str(inp), str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_missing_or_binary_batch_file(tmp_path: Path, provider_env: FakeOpenAI) -> None:
    missing = runner.invoke(app, ["batch", str(tmp_path / "none.jsonl"), str(tmp_path / "o.jsonl")])
    assert missing.exit_code == 14 and "cannot read" in missing.stderr
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    result = runner.invoke(app, ["batch", str(binary), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 14 and "not valid UTF-8" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()
