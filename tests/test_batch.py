from __future__ import annotations

import asyncio
import json
import weakref
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from summarizer.batch import run_batch
from summarizer.cli import app
from summarizer.errors import BatchInUse
from summarizer.files import atomic_write
from summarizer.output_lock import output_lock
from summarizer.settings import ProviderSettings
from tests.fake_openai import FakeOpenAI, Fault, completion, fault

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
    result = runner.invoke(app, ["batch", "run", str(inp), str(out), "--concurrency", "2"])
    assert result.exit_code == 4, result.stderr  # complete, with error lines
    rows = read_out(out)
    assert sorted(str(r["id"]) for r in rows) == sorted(["a", "7", "empty", "line-4", "no-text"])
    by_id = {r["id"]: r for r in rows}
    assert by_id["a"]["ok"] and by_id[7]["ok"]  # an integer id comes back an integer
    assert by_id["empty"]["error"]["code"] == "empty_article"
    assert by_id["line-4"]["error"]["code"] == "bad_batch_line"
    assert "5 articles: 2 summarised, 3 failed" in result.stderr
    assert "tokens 300 (200 prompt + 100 completion" in result.stderr

    again = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert again.exit_code == 4  # the error lines are still there
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
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
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
    first = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert first.exit_code == 4
    error = read_out(out)[0]["error"]
    assert error["code"] == "model_output_invalid"
    assert error["attempts"] == 3 and error["usage"]["total_tokens"] == 450  # what the failure cost
    assert "tokens 450" in first.stderr
    provider_env.queue(ok(reference_digest))
    second = runner.invoke(app, ["batch", "run", str(inp), str(out), "--retry-errors"])
    assert second.exit_code == 0, second.stderr
    rows = read_out(out)
    assert len(rows) == 1 and rows[0]["ok"]


def test_duplicate_ids_fail_before_any_output(tmp_path: Path, provider_env: FakeOpenAI, seed_article: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "x", "text": seed_article}, {"id": "x", "text": seed_article}])
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 14
    assert "repeats ids (x)" in result.stderr
    assert not out.exists()


def test_no_provider_creates_no_output(tmp_path: Path, seed_article: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "x", "text": seed_article}])
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 2
    assert not out.exists()


def test_missing_or_binary_batch_file(tmp_path: Path, provider_env: FakeOpenAI) -> None:
    missing = runner.invoke(app, ["batch", "run", str(tmp_path / "none.jsonl"), str(tmp_path / "o.jsonl")])
    assert missing.exit_code == 3 and "none.jsonl: no such file" in missing.stderr  # a file problem (README: 3)
    binary = tmp_path / "b.jsonl"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    result = runner.invoke(app, ["batch", "run", str(binary), str(tmp_path / "o.jsonl")])
    assert result.exit_code == 14 and "not valid UTF-8" in result.stderr
    assert not (tmp_path / "o.jsonl").exists()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every visible file under ``folder`` with its bytes: what 'no file lost or changed' is checked against."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("how", ["same path", "through ..", "symlink", "hard link"])
@pytest.mark.parametrize("retry", [False, True])
def test_output_that_is_the_input_is_refused(
    tmp_path: Path, provider_env: FakeOpenAI, seed_article: str, how: str, retry: bool
) -> None:
    inp = tmp_path / "in.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    (tmp_path / "sub").mkdir()
    out = {
        "same path": inp,
        "through ..": tmp_path / "sub" / ".." / "in.jsonl",
        "symlink": tmp_path / "link.jsonl",
        "hard link": tmp_path / "hard.jsonl",
    }[how]
    if how == "symlink":
        out.symlink_to(inp)
    if how == "hard link":
        out.hardlink_to(inp)
    before = inp.read_bytes()
    result = runner.invoke(app, ["batch", "run", str(inp), str(out), *(["--retry-errors"] if retry else [])])
    assert result.exit_code == 14, result.stderr
    assert "is the input file" in result.stderr
    assert inp.read_bytes() == before
    assert provider_env.requests == []


def test_a_second_run_on_the_same_output_is_refused(
    tmp_path: Path, provider_env: FakeOpenAI, seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    out.write_text('{"id": "b", "ok": tr', encoding="utf-8")  # a torn tail the second run must not repair
    with output_lock(tmp_path / "." / "out.jsonl"):  # another run holds it (another path to the same file)
        result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 15, result.stderr
    assert "being written by another batch run" in result.stderr
    assert out.read_text(encoding="utf-8") == '{"id": "b", "ok": tr'
    assert provider_env.requests == []


def test_invalid_ids_become_error_lines(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    bad_ids: list[Any] = [1.5, None, True, [1], "", "   ", {"k": 1}]
    write_jsonl(inp, [{"id": "good", "text": seed_article}, *({"id": i, "text": seed_article} for i in bad_ids)])
    write_jsonl(inp, [*inp.read_text(encoding="utf-8").splitlines(), json.dumps({"text": seed_article})])
    provider_env.queue(ok(reference_digest))
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 4, result.stderr
    rows = {r["id"]: r for r in read_out(out)}
    assert rows["good"]["ok"]
    assert sorted(k for k in rows if k != "good") == [f"line-{n}" for n in range(2, 10)]
    for number in range(2, 9):
        assert "the id must be a non-empty string or an integer" in rows[f"line-{number}"]["error"]["message"]
    assert "has no 'id'" in rows["line-9"]["error"]["message"]
    assert len(provider_env.requests) == 1  # no article with an invalid id was sent


@pytest.mark.parametrize("content", [b"", b"\n  \n\n"])
def test_empty_input_is_an_error_and_writes_nothing(tmp_path: Path, provider_env: FakeOpenAI, content: bytes) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    inp.write_bytes(content)
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 14
    assert "holds no articles" in result.stderr
    assert not out.exists()


def test_an_output_that_is_not_a_batch_output_is_left_alone(
    tmp_path: Path, provider_env: FakeOpenAI, seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "notes.txt"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    out.write_text("my notes\nsecond line\n", encoding="utf-8")
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 14
    assert "not a batch result line" in result.stderr
    assert out.read_text(encoding="utf-8") == "my notes\nsecond line\n"
    assert provider_env.requests == []


@pytest.mark.parametrize("where", ["missing folder", "a folder", "read-only file", "under a file", "/proc"])
def test_unwritable_output_fails_before_the_model_is_called(
    tmp_path: Path, provider_env: FakeOpenAI, seed_article: str, where: str
) -> None:
    inp = tmp_path / "in.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    (tmp_path / "dir").mkdir()
    readonly = tmp_path / "ro.jsonl"
    readonly.write_text("", encoding="utf-8")
    readonly.chmod(0o444)
    out = {
        "missing folder": tmp_path / "nope" / "out.jsonl",
        "a folder": tmp_path / "dir",
        "read-only file": readonly,
        "under a file": inp / "out.jsonl",
        "/proc": Path("/proc/summarizer-out.jsonl"),
    }[where]
    before = _snapshot(tmp_path)
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 3, result.stderr
    assert str(out) in result.stderr or str(out.parent) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr
    assert provider_env.requests == []
    assert _snapshot(tmp_path) == before


def test_finished_digests_are_released_as_they_are_written(
    tmp_path: Path, fake_server: FakeOpenAI, fake_settings: ProviderSettings, reference_digest: dict[str, Any],
    seed_article: str,
) -> None:  # fmt: skip
    """Memory stays flat: once a result line is written, nothing in the batch keeps its Digest alive."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": i, "text": seed_article} for i in range(12)])
    small = {"bullets": [{"text": b["text"], "evidence": b["evidence"]} for b in reference_digest["bullets"][:3]]}
    fake_server.queue(*[ok(small) for _ in range(12)])
    refs: list[weakref.ref[Any]] = []
    alive_counts: list[int] = []

    def on_result(_: object, result: object) -> None:
        alive_counts.append(sum(r() is not None for r in refs))
        refs.append(weakref.ref(result))

    report = asyncio.run(run_batch(inp, out, settings=fake_settings, concurrency=3, on_result=on_result))
    assert report.succeeded == 12
    assert max(alive_counts) < 3, alive_counts  # bounded by the concurrency, not by the batch length


def test_the_earlier_spelling_batch_in_out_still_works_with_a_note(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    provider_env.queue(ok(reference_digest))
    result = runner.invoke(app, ["batch", str(inp), str(out), "--concurrency", "2"])
    assert result.exit_code == 0, result.stderr
    assert "note: 'batch IN OUT' is now 'batch run IN OUT'" in result.stderr
    assert [r["id"] for r in read_out(out)] == ["a"]


def test_the_lock_keys_on_the_file_not_its_name(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: `ln out.jsonl h.jsonl; batch in out & batch in h` both ran (171 ids duplicated)."""
    inp, out, hard = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "h.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    out.write_text("", encoding="utf-8")
    hard.hardlink_to(out)
    with output_lock(hard):  # another run writes the same file under its other name
        result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 15, result.stderr
    assert "being written by another batch run" in result.stderr
    assert provider_env.requests == []


def test_a_clean_run_leaves_no_lock_file(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: the empty `.out.jsonl.lock` stayed behind after a clean run."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    provider_env.queue(ok(reference_digest))
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in.jsonl", "out.jsonl"]


def test_a_repaired_output_stays_locked(tmp_path: Path) -> None:
    """Dropping a torn line rewrites the output (a new file renamed over it): the run holds that file too."""
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "a", "ok": true, "digest": {}}\n{"id": "b", "ok": tr', encoding="utf-8")
    with output_lock(out) as lock:
        atomic_write(out, '{"id": "a", "ok": true, "digest": {}}\n')
        lock.follow()
        with pytest.raises(BatchInUse), output_lock(tmp_path / "." / "out.jsonl"):
            pass
    with output_lock(out):  # released at the end
        pass


def test_the_advice_fits_the_failures(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: a batch whose errors are all bad input was told to 'rerun with --retry-errors'."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(inp, [{"id": "empty", "text": " "}, {"id": "en", "text": "An English story about markets."}])
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 4
    assert "retrying cannot help" in result.stderr and "--retry-errors" not in result.stderr
    write_jsonl(inp, [*map(json.loads, inp.read_text("utf-8").splitlines()), {"id": "a", "text": seed_article}])
    provider_env.queue(*[completion('{"bullets": []}') for _ in range(3)])
    result = runner.invoke(app, ["batch", "run", str(inp), str(out)])
    assert result.exit_code == 4
    assert "--retry-errors retries the 1 that failed on the provider or the model" in result.stderr
    assert "2 have input that cannot be summarised" in result.stderr


def test_batch_takes_best_effort_and_faithfulness_as_summarize_does(
    tmp_path: Path, provider_env: FakeOpenAI, reference_digest: dict[str, Any], seed_article: str
) -> None:
    """Issue 22: `batch` lacked --best-effort and --faithfulness, which `summarize` has."""
    inp = tmp_path / "in.jsonl"
    write_jsonl(inp, [{"id": "a", "text": seed_article}])
    spoiled = fault(Fault.BAD_QUOTE, ok(reference_digest))
    provider_env.queue(spoiled)
    strict = runner.invoke(app, ["batch", "run", str(inp), str(tmp_path / "strict.jsonl"), "--max-reasks", "0"])
    assert strict.exit_code == 4 and read_out(tmp_path / "strict.jsonl")[0]["error"]["code"] == "model_output_invalid"
    provider_env.queue(spoiled)
    kept = runner.invoke(
        app, ["batch", "run", str(inp), str(tmp_path / "kept.jsonl"), "--max-reasks", "0", "--best-effort"]
    )
    assert kept.exit_code == 5, kept.stderr  # written, and partial (errors.PartialResult)
    assert "1 partial: best effort kept only the supported part" in kept.stderr
    (line,) = read_out(tmp_path / "kept.jsonl")
    assert line["ok"] and line["digest"]["run"]["best_effort"] and line["digest"]["run"]["dropped"]
    assert line["digest"]["run"]["status"] == "partial"
    assert "--faithfulness" in runner.invoke(app, ["batch", "run", "--help"]).stdout
