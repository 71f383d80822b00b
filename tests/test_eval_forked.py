"""The eval's replay split over forked processes (speed only): the same run as one process makes, whatever
happens to a child (it fails, or hangs), and no child outlives the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from summarizer.evals import forked
from summarizer.evals.cases import Case
from summarizer.evals.report import build_report
from summarizer.evals.results import CaseResult, EvalRun
from summarizer.evals.session import EvalRequest, evaluate, plan

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split runs on Linux only")


def _cases(count: int) -> list[Case]:
    return [
        Case.model_construct(id=f"{i:03d}", source="test", article="x" * (100 + i % 7), key_facts=[])
        for i in range(count)
    ]


def _fake_replay(fail_in_child: bool = False, hang_in_child: bool = False) -> forked.Replay:
    parent = os.getpid()

    def replay(cases: Sequence[Case], report: bool) -> EvalRun:
        if os.getpid() != parent:
            assert not report  # a child never reports progress: the parent does, for its results
            if fail_in_child:
                raise RuntimeError("a child's failure")
            if hang_in_child:
                time.sleep(60)
        return _run(cases, lambda case: f"p{int(case.id) % 2}")

    return replay


def _run(cases: Sequence[Case], provider: Callable[[Case], str]) -> EvalRun:
    """A fake replay's run: each case "ok" in both languages, its metric its number, its provider ``provider``."""
    results = [
        CaseResult(c.id, "ok", metrics={"n": float(int(c.id))}, language=language, provider=provider(c))
        for c in cases
        for language in ("en", "ar")
    ]
    return EvalRun("m", "v4", "ph", "sh", ["en", "ar"], results, replay_s=0.1, best_effort=True)


def _children() -> set[int]:
    """This process's live children (Linux): other tests may leave long-lived ones, e.g. multiprocessing's tracker."""
    pids: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        pids |= {int(pid) for pid in (task / "children").read_text().split()}
    return pids


def _keys(run: EvalRun) -> list[tuple[str, str, Any]]:
    return [(r.case_id, r.language, r.metrics) for r in run.results]


@pytest.mark.parametrize("processes", [2, 3])
def test_a_split_run_is_the_one_process_run(processes: int) -> None:
    cases = _cases(9)
    seen: list[str] = []
    alone = _fake_replay()(cases, True)
    split = forked.replay_split(cases, _fake_replay(), processes, on_case=lambda r: seen.append(r.key))
    assert _keys(split) == _keys(alone)  # every result, in run order (case, then language)
    assert (split.model, split.languages, split.best_effort) == ("m", ["en", "ar"], True)
    assert split.provider == "p0, p1"
    # on_case saw the children's results (the parent's own are reported by its replay, here a fake that does not)
    assert len(seen) == len(set(seen)) and set(seen) <= {r.key for r in split.results}


def test_a_failed_child_share_is_replayed_here() -> None:
    cases = _cases(6)
    split = forked.replay_split(cases, _fake_replay(fail_in_child=True), 2)
    assert _keys(split) == _keys(_fake_replay()(cases, True))


def test_a_child_past_its_deadline_is_killed_and_its_share_replayed_here(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(forked, "MIN_WAIT_S", 0.5)
    cases = _cases(6)
    before = _children()
    started = time.monotonic()
    split = forked.replay_split(cases, _fake_replay(hang_in_child=True), 2)
    assert time.monotonic() - started < 20
    assert _keys(split) == _keys(_fake_replay()(cases, True))
    assert _children() <= before  # reaped: none of the run's children is left


def test_too_few_cases_or_one_process_run_here() -> None:
    calls: list[bool] = []

    def replay(cases: Sequence[Case], report: bool) -> EvalRun:
        calls.append(report)
        return _fake_replay()(cases, report)

    forked.replay_split(_cases(1), replay, 4)
    forked.replay_split(_cases(5), replay, 1)
    assert calls == [True, True]


def test_a_process_running_another_thread_replays_in_itself() -> None:
    """A forked child gets only the forking thread: a lock another thread held would stay held in it."""
    calls: list[bool] = []
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:

        def replay(cases: Sequence[Case], report: bool) -> EvalRun:
            calls.append(report)
            return _fake_replay()(cases, report)

        cases = _cases(6)
        assert _keys(forked.replay_split(cases, replay, 2)) == _keys(_fake_replay()(cases, True))
    finally:
        stop.set()
        other.join()
    assert calls == [True, True]  # the first case, then the rest: never in a child


def test_processes_wanted_reads_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(forked.ENV, "1")
    assert forked.processes_wanted() == 1
    monkeypatch.setenv(forked.ENV, "3")
    assert forked.processes_wanted() == 3
    monkeypatch.delenv(forked.ENV)
    assert 1 <= forked.processes_wanted() <= forked.MAX_PROCESSES


def _timeless(data: Any) -> Any:
    """A report's JSON without its wall times (``replay_s``, wherever it is)."""
    if isinstance(data, dict):
        return {k: _timeless(v) for k, v in data.items() if k != "replay_s"}
    if isinstance(data, list):
        return [_timeless(v) for v in data]
    return data


def test_the_gated_replay_split_gives_the_same_reports_and_verdict() -> None:
    """Real recordings, real checker: a few gated cases replayed in one process and over two."""
    cases = tuple(c.id for c in plan(EvalRequest()).cases[:5])
    one = evaluate(EvalRequest(case_ids=cases, processes=1))
    two = evaluate(EvalRequest(case_ids=cases, processes=2))
    assert [r.key for r in two.run.results] == [r.key for r in one.run.results]
    assert two.verdict is not None and one.verdict is not None
    split, alone = (_timeless(build_report(e.run, e.verdict).model_dump(mode="json")) for e in (two, one))
    assert split == alone


def test_the_console_command_splits_its_replay_and_writes_the_same_reports(tmp_path: Path) -> None:
    """``python -m summarizer eval`` owns its process, so it splits (unless $SUMMARIZER_EVAL_PROCESSES=1)."""
    cases = [arg for c in plan(EvalRequest()).cases[:4] for arg in ("--case", c.id)]
    outs = {}
    for processes in ("1", "2"):
        out = tmp_path / processes
        env = {**os.environ, forked.ENV: processes, "PYTHONPATH": str(ROOT)}
        done = subprocess.run(
            [sys.executable, "-m", "summarizer", "eval", "--no-gate", "--out", str(out), *cases],
            cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        (report,) = out.glob("*.json")
        outs[processes] = _timeless(json.loads(report.read_text(encoding="utf-8")))
    assert outs["2"] == outs["1"]
