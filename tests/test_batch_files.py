"""Request files for the OpenAI Batch API / vllm run-batch, and their results, round trip.

The results are produced by the fault-injecting server over real HTTP (a stand-in for the Batch API's
workers: each request line's body is POSTed as is), including failed requests, a truncated body and
malformed, unknown and repeated result lines. Each round's follow-up file is sent again until every
article has exactly one output line.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from summarizer import summarize
from summarizer.cli import app
from summarizer.settings import Mode, ProviderSettings
from tests.fake_openai import FakeOpenAI, Fault, answer_like, article_of
from tests.test_fault_batch import small_digest

runner = CliRunner()
# article number -> (fault, on which attempts): 0 valid; 1 a quote not in the article once (re-asked, then
# valid); 2 a 500 once (retried); 3 a truncated 200 body once (a malformed result line, retried); 4 a bad
# quote every time (re-asked until max_reasks is spent, then an error line).
PLAN = {1: (Fault.BAD_QUOTE, "first"), 2: (Fault.SERVER_ERROR, "first"), 3: (Fault.TRUNCATED, "first"),
        4: (Fault.BAD_QUOTE, "always")}  # fmt: skip


def _planned(article: str, attempt: int) -> Fault | None:
    for number, (kind, when) in PLAN.items():
        if article.endswith(f"رقم المقال {number}"):
            return kind if when == "always" or attempt == 0 else None
    return None


@pytest.fixture
def server(reference_digest: dict[str, Any]) -> Iterator[FakeOpenAI]:
    digest = small_digest(reference_digest)
    with FakeOpenAI(answer=lambda payload: answer_like(payload, digest, prompt_tokens=10), plan=_planned) as s:
        yield s


def _articles(path: Path, seed_article: str) -> None:
    lines: list[dict[str, Any]] = [{"id": f"a{n}", "text": f"{seed_article}\n\nرقم المقال {n}"} for n in range(5)]
    lines += [{"id": 7, "text": "   "}, {"id": "english", "text": "An English story about markets and rain."}]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")


def _run_batch_file(server: FakeOpenAI, requests: Path, results: Path, *, junk: bool = False) -> None:
    """What the Batch API does with a request file, against the fault server: one output line per request."""
    root = server.base_url.rsplit("/v1", 1)[0]
    out: list[str] = []
    for n, line in enumerate(requests.read_text(encoding="utf-8").splitlines()):
        request = json.loads(line)
        assert set(request) == {"custom_id", "method", "url", "body"} and request["method"] == "POST"
        response = httpx.post(root + request["url"], json=request["body"], timeout=10)
        record = {"id": f"batch_req_{n}", "custom_id": request["custom_id"], "error": None}
        try:
            record["response"] = {
                "status_code": response.status_code,
                "request_id": f"req_{n}",
                "body": response.json(),
            }
            out.append(json.dumps(record, ensure_ascii=False))
        except json.JSONDecodeError:  # a truncated body: the line as a broken worker would leave it
            out.append(
                json.dumps(record, ensure_ascii=False)[:-1]
                + ', "response": {"status_code": 200, "body": '
                + response.text
            )
    if junk:
        out += ["this is not JSON", json.dumps({"custom_id": "nobody", "response": None, "error": {"code": "x"}})]
        out.append(out[0])  # a repeated custom_id
    results.write_text("\n".join(out) + "\n", encoding="utf-8")


def _cli(*args: str, code: int = 0) -> Any:
    result = runner.invoke(app, ["batch", *args])
    assert result.exit_code == code, result.stderr
    return result


@pytest.mark.parametrize("mode", ["json_schema", "tools"])
def test_round_trip_with_reasks_retries_and_malformed_lines(
    server: FakeOpenAI, tmp_path: Path, seed_article: str, mode: str
) -> None:
    articles, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _articles(articles, seed_article)
    provider = ["--base-url", server.base_url, "--model", "reference", "--mode", mode, "--max-reasks", "1"]
    exported = _cli("export", str(articles), str(tmp_path / "r1.jsonl"), *provider)
    assert "5 requests" in exported.stderr and "2 article(s) not sent" in exported.stderr
    first = [json.loads(line) for line in (tmp_path / "r1.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["custom_id"] for r in first] == ["a0", "a1", "a2", "a3", "a4"]

    _run_batch_file(server, tmp_path / "r1.jsonl", tmp_path / "res1.jsonl", junk=True)
    imported = _cli("import", str(tmp_path / "res1.jsonl"), str(articles), str(out),
                    "--follow-up", str(tmp_path / "r2.jsonl"), *provider, code=4)  # fmt: skip
    assert "1 summarised, 2 failed, 2 to re-ask, 2 to retry, 0 already done, 1 without a result" in imported.stderr
    assert "not JSON" in imported.stderr and "'nobody'" in imported.stderr and "again" in imported.stderr
    second = {r["custom_id"]: r for r in map(json.loads, (tmp_path / "r2.jsonl").read_text("utf-8").splitlines())}
    assert set(second) == {"a1", "a2", "a3", "a4"}
    by_id = {r["custom_id"]: r for r in first}
    for retried in ("a2", "a3"):  # the same request again
        assert second[retried]["body"] == by_id[retried]["body"]
    for reasked in ("a1", "a4"):  # the conversation so far, the model's answer, then our feedback
        messages = second[reasked]["body"]["messages"]
        assert messages[: len(by_id[reasked]["body"]["messages"])] == by_id[reasked]["body"]["messages"]
        assert messages[-2]["role"] == "assistant"
        assert "quote not found in the article" in messages[-1]["content"]

    _run_batch_file(server, tmp_path / "r2.jsonl", tmp_path / "res2.jsonl")
    _cli("import", str(tmp_path / "res2.jsonl"), str(articles), str(out),
         "--requests", str(tmp_path / "r2.jsonl"), "--follow-up", str(tmp_path / "r3.jsonl"), *provider,
         code=4)  # fmt: skip
    assert (tmp_path / "r3.jsonl").read_text(encoding="utf-8") == ""  # nothing left to send

    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(str(r["id"]) for r in lines) == sorted(["a0", "a1", "a2", "a3", "a4", "7", "english"])
    outcome = {str(r["id"]): r["digest"]["run"]["attempts"] if r["ok"] else r["error"]["code"] for r in lines}
    assert outcome == {"a0": 1, "a1": 2, "a2": 1, "a3": 1, "a4": "model_output_invalid", "7": "empty_article",
                       "english": "not_arabic"}  # fmt: skip
    for record in lines:
        if record["ok"]:
            for bullet in record["digest"]["bullets"]:
                for e in bullet["evidence"]:
                    assert e["start"] is not None  # grounded, as a live call grounds them

    again = _cli("import", str(tmp_path / "res2.jsonl"), str(articles), str(out), *provider, code=4)
    assert "already done" in again.stderr
    assert len(out.read_text(encoding="utf-8").splitlines()) == len(lines)  # never duplicated


def test_request_body_is_the_live_calls_body(
    fake_server: FakeOpenAI, tmp_path: Path, seed_article: str, reference_digest: dict[str, Any]
) -> None:
    modes: tuple[Mode, ...] = ("json_schema", "tools", "json_object")
    for mode in modes:
        settings = ProviderSettings(model="reference", base_url=fake_server.base_url, api_key="k", mode=mode)
        fake_server.requests.clear()
        fake_server.answer = lambda payload: answer_like(payload, reference_digest)
        summarize(seed_article, "en", settings=settings)
        articles = tmp_path / "in.jsonl"
        articles.write_text(json.dumps({"id": "seed", "text": seed_article}, ensure_ascii=False) + "\n", "utf-8")
        requests = tmp_path / f"{mode}.jsonl"
        _cli("export", str(articles), str(requests), "--base-url", fake_server.base_url,
             "--model", "reference", "--mode", mode)  # fmt: skip
        (line,) = requests.read_text(encoding="utf-8").splitlines()
        assert json.loads(line)["body"] == fake_server.requests[0], mode
        assert article_of(json.loads(line)["body"]) == seed_article


def test_import_needs_its_files(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", "--import-results", str(tmp_path / "r.jsonl"), "--model", "m"])
    assert result.exit_code != 0
    assert "usage: summarizer batch --import-results" in result.stderr


def test_the_earlier_spellings_still_work_with_a_note(server: FakeOpenAI, tmp_path: Path, seed_article: str) -> None:
    """`batch IN OUT`, `batch --export-requests R IN`, `batch --import-results R --articles IN OUT`: the same
    files as the new spellings, and a note on stderr saying what to type instead."""
    articles = tmp_path / "in.jsonl"
    _articles(articles, seed_article)
    provider = ["--base-url", server.base_url, "--model", "reference", "--mode", "json_schema", "--max-reasks", "0"]
    old = _cli("--export-requests", str(tmp_path / "old.jsonl"), str(articles), *provider)
    new = _cli("export", str(articles), str(tmp_path / "new.jsonl"), *provider)
    assert (tmp_path / "old.jsonl").read_bytes() == (tmp_path / "new.jsonl").read_bytes()
    assert "note: 'batch --export-requests REQUESTS IN' is now 'batch export IN REQUESTS'" in old.stderr
    assert "note:" not in new.stderr
    _run_batch_file(server, tmp_path / "new.jsonl", tmp_path / "res.jsonl")
    old = _cli("--import-results", str(tmp_path / "res.jsonl"), "--articles", str(articles),
               str(tmp_path / "old-out.jsonl"), *provider, code=4)  # fmt: skip
    new = _cli("import", str(tmp_path / "res.jsonl"), str(articles), str(tmp_path / "new-out.jsonl"), *provider,
               code=4)  # fmt: skip
    assert "is now 'batch import RESULTS IN OUT'" in old.stderr and "note:" not in new.stderr
    assert (tmp_path / "old-out.jsonl").read_bytes() == (tmp_path / "new-out.jsonl").read_bytes()


def _ids(path: Path, key: str) -> list[str]:
    if not path.exists():
        return []
    return [str(json.loads(line)[key]) for line in path.read_text(encoding="utf-8").splitlines()]


ALL_IDS = ["a0", "a1", "a2", "a3", "a4", "7", "english"]


def test_every_article_gets_exactly_one_line_even_without_a_follow_up_file(
    server: FakeOpenAI, tmp_path: Path, seed_article: str
) -> None:
    """Issue 22: result lines cut short or not JSON gave their article no output line (8 of 10), yet exit 0."""
    articles, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _articles(articles, seed_article)
    provider = ["--base-url", server.base_url, "--model", "reference", "--mode", "json_schema", "--max-reasks", "1"]
    _cli("export", str(articles), str(tmp_path / "r1.jsonl"), *provider)
    _run_batch_file(server, tmp_path / "r1.jsonl", tmp_path / "res1.jsonl")
    lines = (tmp_path / "res1.jsonl").read_text(encoding="utf-8").splitlines()
    a0 = next(i for i, line in enumerate(lines) if '"custom_id": "a0"' in line)
    lines[a0] = lines[a0][: len(lines[a0]) // 3]  # a0's line cut short, still naming its article
    lines.append("this is not JSON")
    (tmp_path / "res1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _cli("import", str(tmp_path / "res1.jsonl"), str(articles), str(out), *provider, code=4)
    assert sorted(_ids(out, "id")) == sorted(ALL_IDS)  # every article once: a digest or an error line
    errors = {str(r["id"]): r["error"] for r in map(json.loads, out.read_text("utf-8").splitlines()) if not r["ok"]}
    assert "cut short" in errors["a0"]["message"] and "cut short" in errors["a3"]["message"]
    assert errors["a2"]["code"] == "provider_error" and "status 500" in errors["a2"]["message"]
    assert errors["a1"]["code"] == "model_output_invalid" and errors["a1"]["usage"]["total_tokens"] == 60
    assert "have error lines" in result.stderr


def test_each_import_accounts_for_every_article_and_sums_the_tokens_of_every_attempt(
    server: FakeOpenAI, tmp_path: Path, seed_article: str
) -> None:
    """Exactly one line per article after each round (output or follow-up file); a re-asked article's usage is
    both answers' (issue 22: 1,500 after 2 attempts, where each answer cost 1,500)."""
    articles, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _articles(articles, seed_article)
    provider = ["--base-url", server.base_url, "--model", "reference", "--mode", "json_schema", "--max-reasks", "1"]
    _cli("export", str(articles), str(tmp_path / "r1.jsonl"), *provider)
    sent = tmp_path / "r1.jsonl"
    for round_ in (1, 2, 3):
        results, follow = tmp_path / f"res{round_}.jsonl", tmp_path / f"r{round_ + 1}.jsonl"
        _run_batch_file(server, sent, results)
        requests = ["--requests", str(sent)] if round_ > 1 else []
        runner.invoke(app, ["batch", "import", str(results), str(articles), str(out), "--follow-up", str(follow),
                            *requests, *provider])  # fmt: skip
        assert sorted(_ids(out, "id") + _ids(follow, "custom_id")) == sorted(ALL_IDS), round_
        sent = follow
    rows = {str(r["id"]): r for r in map(json.loads, out.read_text("utf-8").splitlines())}
    assert rows["a1"]["digest"]["run"]["attempts"] == 2
    assert rows["a1"]["digest"]["run"]["usage"]["total_tokens"] == 120  # 60 for each answer
    assert rows["a4"]["error"]["attempts"] == 2 and rows["a4"]["error"]["usage"]["total_tokens"] == 120
    assert rows["a0"]["digest"]["run"]["usage"]["total_tokens"] == 60
    assert not (tmp_path / ".out.jsonl.spent.jsonl").exists()  # every article has its line: the ledger goes


@pytest.mark.parametrize(("exported", "imported", "flag"), [("tools", "json_schema", "--mode tools"),
                                                          ("json_schema", "tools", "--mode json_schema")])  # fmt: skip
def test_results_of_another_mode_are_refused_with_the_flag_to_use(
    server: FakeOpenAI, tmp_path: Path, seed_article: str, exported: str, imported: str, flag: str
) -> None:
    """Issue 22: tools-mode results imported with --mode json_schema turned every valid answer into a re-ask."""
    articles, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    _articles(articles, seed_article)
    provider = ["--base-url", server.base_url, "--model", "reference"]
    _cli("export", str(articles), str(tmp_path / "r1.jsonl"), *provider, "--mode", exported)
    _run_batch_file(server, tmp_path / "r1.jsonl", tmp_path / "res1.jsonl")
    result = runner.invoke(app, ["batch", "import", str(tmp_path / "res1.jsonl"), str(articles), str(out),
                                 "--follow-up", str(tmp_path / "r2.jsonl"), *provider, "--mode", imported])  # fmt: skip
    assert result.exit_code == 2, result.stderr
    assert flag in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists() and not (tmp_path / "r2.jsonl").exists()
