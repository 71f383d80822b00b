"""Whole batches through the fault-injecting server, in a real `summarizer batch` process.

- 200 articles, 20% of them faulty: every id ends exactly once, and the ok and error counts are the
  ones the server's log implies (an article is ok exactly when the last answer it was served was valid);
- the same batch killed with SIGKILL at random moments and rerun until it completes: still every id
  exactly once, no torn line, the same final counts.

Answers are small (three bullets, no events) and immediate, so both run in well under a minute.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.fake_openai import FakeOpenAI, Fault, answer_like
from tests.signals import take_ctrl_c

ARTICLES = 200
KILLS = 6
MARKER = re.compile(r"رقم المقال (\d+)")
# One article in five is faulty; these cycle over the faulty ones. "first" faults hit only the first
# request for an article (the retry or re-ask then gets a valid answer); "always" faults hit every request.
FAULTS: list[tuple[Fault, str]] = [
    (Fault.RATE_LIMITED, "first"),
    (Fault.UNAVAILABLE, "first"),
    (Fault.SERVER_ERROR, "first"),
    (Fault.DROP, "first"),
    (Fault.TRUNCATED, "first"),
    (Fault.HTML, "always"),  # a 200 HTML page is what a wrong base URL answers: not retried, so final at once
    (Fault.SCHEMA_INVALID, "first"),
    (Fault.BAD_QUOTE, "first"),
    (Fault.SCHEMA_INVALID, "always"),
    (Fault.BAD_QUOTE, "always"),
    (Fault.NOT_IMPLEMENTED, "always"),
]
# What an article that always gets its fault ends as: the model's answers never validate, or the provider fails.
FINAL_CODE = {Fault.SCHEMA_INVALID: "model_output_invalid", Fault.BAD_QUOTE: "model_output_invalid"}
ALWAYS = Counter(
    FINAL_CODE.get(kind, "provider_error")
    for kind, when in (FAULTS[(n // 5) % len(FAULTS)] for n in range(0, ARTICLES, 5))
    if when == "always"
)
EXPECTED = Counter({"ok": ARTICLES - ALWAYS.total()}) + ALWAYS


def small_digest(reference_digest: dict[str, Any]) -> dict[str, Any]:
    """Three bullets from the hand-written reference answer for the seed article (a fixture), no events.
    Each keeps all its evidence: the claim checker fails a bullet whose names are not in its quotes."""
    return {"bullets": [{"text": b["text"], "evidence": b["evidence"]} for b in reference_digest["bullets"][:3]]}


def planned_fault(article: str, attempt: int) -> Fault | None:
    found = MARKER.search(article)
    if found is None:
        return None
    number = int(found.group(1))
    if number % 5:
        return None
    kind, when = FAULTS[(number // 5) % len(FAULTS)]
    return kind if when == "always" or attempt == 0 else None


@pytest.fixture
def fault_server(reference_digest: dict[str, Any]) -> Iterator[FakeOpenAI]:
    digest = small_digest(reference_digest)
    with FakeOpenAI(answer=lambda payload: answer_like(payload, digest, prompt_tokens=10), plan=planned_fault) as s:
        yield s


def write_batch(path: Path, seed_article: str) -> list[str]:
    ids = [f"art-{n:03d}" for n in range(ARTICLES)]
    lines = [
        json.dumps({"id": i, "text": f"{seed_article}\n\nرقم المقال {n}"}, ensure_ascii=False)
        for n, i in enumerate(ids)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def batch_command(inp: Path, out: Path, server: FakeOpenAI) -> tuple[list[str], dict[str, str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(OPENAI_BASE_URL=server.base_url, SUMMARIZER_MODEL="reference", COLUMNS="200")
    return [sys.executable, "-m", "summarizer", "batch", "run", str(inp), str(out), "--concurrency", "16"], env


def check_output(out: Path, ids: list[str], server: FakeOpenAI) -> Counter[str]:
    """Every id exactly once, every line whole; ok exactly for the articles whose last answer was valid."""
    raw = out.read_bytes()
    assert raw.endswith(b"\n")
    rows = [json.loads(line) for line in raw.decode("utf-8").splitlines()]  # a torn line would fail here
    assert sorted(r["id"] for r in rows) == ids
    served_last = server.final_outcomes()
    assert len(served_last) == ARTICLES
    ok_by_server = sum(1 for f in served_last.values() if f is None)
    ok_in_output = sum(1 for r in rows if r["ok"])
    assert ok_in_output == ok_by_server
    assert len(rows) - ok_in_output == ARTICLES - ok_by_server
    return Counter("ok" if r["ok"] else r["error"]["code"] for r in rows)


def test_200_articles_with_20_percent_faults(tmp_path: Path, fault_server: FakeOpenAI, seed_article: str) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(inp, seed_article)
    command, env = batch_command(inp, out, fault_server)
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert "Traceback" not in done.stderr
    outcomes = check_output(out, ids, fault_server)
    assert outcomes == EXPECTED
    assert done.returncode == 4, done.stderr  # complete, with error lines
    failed = ALWAYS.total()
    assert f"{ARTICLES} articles: {ARTICLES - failed} summarised, {failed} failed" in done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [row["error"] for row in rows if not row["ok"]]
    for error in errors:  # each error line says what it cost: a 501 one request; invalid answers every re-ask
        if error["code"] == "provider_error":
            assert error["attempts"] == 1 and "<" not in error["message"]  # a 501, or a 200 HTML page
            assert "501" in error["message"] or "OpenAI-compatible endpoint" in error["message"]
        else:
            assert error["attempts"] >= 2 and error["usage"]["total_tokens"] > 0
    faults_served = Counter(s.fault for s in fault_server.served if s.fault)
    assert set(faults_served) == {kind for kind, _ in FAULTS}


def test_killed_and_resumed_until_complete(tmp_path: Path, fault_server: FakeOpenAI, seed_article: str) -> None:
    """SIGKILL, SIGINT and SIGTERM in turn, each while a run is writing, then a run left to finish on its own.

    A signal is sent only once the run has appended a few lines of its own (plus a random pause), so it always
    lands mid-batch: a timer alone either fired during start-up on a loaded machine or raced the batch's end.
    """
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(inp, seed_article)
    command, env = batch_command(inp, out, fault_server)
    rng = random.Random(11)
    signals = [signal.SIGKILL, signal.SIGINT, signal.SIGTERM]
    kills = 0
    for round_number in range(KILLS + 1):
        log = tmp_path / f"stderr-{round_number}.txt"
        written_before = complete_lines(out)
        with log.open("w") as sink:
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=sink, preexec_fn=take_ctrl_c)
        try:
            if kills < KILLS:
                deadline = time.monotonic() + 120
                while process.poll() is None and complete_lines(out) < written_before + 3:
                    assert time.monotonic() < deadline, "the run wrote nothing in 120 s"
                    time.sleep(0.005)
                time.sleep(rng.uniform(0.0, 0.2))
                assert process.poll() is None, "the run finished before it could be killed: make the batch longer"
                sent = signals[kills % len(signals)]
                process.send_signal(sent)
                code = process.wait(timeout=60)
                kills += 1
                said = log.read_text()
                if sent is signal.SIGINT:
                    assert code == 130 and "interrupted" in said and "Traceback" not in said, said
                if sent is signal.SIGTERM:  # unwound like Ctrl-C (issue 22: the default action killed it)
                    assert code == 143 and "terminated" in said and "Traceback" not in said, said
                continue
            process.wait(timeout=120)
        finally:
            if process.poll() is None:
                process.kill()
                process.wait()
        stderr = log.read_text()
        assert "Traceback" not in stderr
        assert process.returncode in (0, 4), stderr
        break
    assert kills == KILLS
    assert check_output(out, ids, fault_server) == EXPECTED


def complete_lines(path: Path) -> int:
    """Lines a batch has finished writing (a torn tail has no newline yet)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def test_a_second_run_on_the_same_output_is_refused_while_the_first_runs(
    tmp_path: Path, fault_server: FakeOpenAI, seed_article: str
) -> None:
    """Two real processes on one output: the second is refused at once (exit 15), the first is unharmed."""
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(inp, seed_article)
    command, env = batch_command(inp, out, fault_server)
    first = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while not (out.exists() and out.stat().st_size) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)  # until the first run is writing
        assert first.poll() is None, "the first run ended before the second could start: make it longer"
        second = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)
        assert second.returncode == 15, second.stderr
        assert "being written by another batch run" in second.stderr
        assert first.wait(timeout=120) == 4
    finally:
        if first.poll() is None:
            first.kill()
            first.wait()
    assert check_output(out, ids, fault_server) == EXPECTED
