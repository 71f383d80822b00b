"""The replay split's shared queue (speed only, issue 23): every case is replayed exactly once, by whichever
process is free, and the run is the one-process run whatever each process took or failed to answer for."""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Sequence

import pytest

from summarizer.evals import forked
from summarizer.evals.cases import Case
from summarizer.evals.results import EvalRun
from tests.test_eval_forked import _children, _keys, _run

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the split runs on Linux only")


def _cases(count: int) -> list[Case]:
    return [
        Case.model_construct(id=f"{i:03d}", source="test", article="x" * (100 + i), key_facts=[]) for i in range(count)
    ]


def _replay(slow: frozenset[str] = frozenset(), fail_in_child_after: int | None = None) -> forked.Replay:
    """A fake replay: each result names the process that replayed it (``provider``); cases in ``slow`` take 0.3 s."""
    parent = os.getpid()
    done: list[str] = []

    def replay(cases: Sequence[Case], report: bool) -> EvalRun:
        in_child = os.getpid() != parent
        if in_child and fail_in_child_after is not None and len(done) >= fail_in_child_after:
            raise RuntimeError("a child's failure after some cases")
        for case in cases:
            if case.id in slow:
                time.sleep(0.3)
            done.append(case.id)
        return _run(cases, lambda _: f"pid{os.getpid()}")

    return replay


def test_every_case_is_replayed_once_and_a_free_process_takes_the_next() -> None:
    """One slow case early: the process that took it answers for it alone while the other takes the rest (dealt
    in turn, the slow case's process would also have had every other remaining case)."""
    cases = _cases(12)
    split = forked.replay_split(cases, _replay(slow=frozenset({"001"})), 2)
    assert _keys(split) == _keys(_replay()(cases, True))
    if threading.active_count() > 1:  # another test left a thread running: the split rightly replayed here alone
        return
    by_process: dict[str, set[str]] = {}
    for result in split.results:
        by_process.setdefault(result.provider, set()).add(result.case_id)
    assert len(by_process) == 2
    slow_one = next(ids for ids in by_process.values() if "001" in ids)
    assert len(slow_one - {cases[0].id}) <= 3  # the shortest (case 000) is replayed before the fork, by the parent


@pytest.mark.parametrize("processes", [2, 3, 4])
def test_a_child_failing_after_some_cases_leaves_them_to_be_replayed_here(processes: int) -> None:
    cases = _cases(10)
    before = _children()
    split = forked.replay_split(cases, _replay(fail_in_child_after=1), processes)
    assert _keys(split) == _keys(_replay()(cases, True))
    assert _children() <= before  # every child of the run reaped


def test_the_queue_hands_out_each_index_once_across_processes() -> None:
    queue = forked._Queue(300)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: take what it can, report it
        try:
            os.close(read_end)
            taken = []
            while (index := queue.take()) is not None:
                taken.append(index)
            os.write(write_end, ",".join(map(str, taken)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    mine = []
    while (index := queue.take()) is not None:
        mine.append(index)
    os.waitpid(pid, 0)
    with os.fdopen(read_end, "rb") as pipe:
        text = pipe.read().decode()
    queue.close()
    theirs = [int(i) for i in text.split(",")] if text else []
    assert sorted(mine + theirs) == list(range(300))


def test_a_run_too_large_for_the_queue_replays_in_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    assert forked._Queue.holds(41) and forked._Queue.holds(2048) and not forked._Queue.holds(2049)
    calls: list[int] = []

    def replay(cases: Sequence[Case], report: bool) -> EvalRun:
        calls.append(len(cases))
        return _replay()(cases, report)

    monkeypatch.setattr(forked._Queue, "holds", classmethod(lambda cls, count: False))
    cases = _cases(5)
    assert _keys(forked.replay_split(cases, replay, 2)) == _keys(_replay()(cases, True))
    assert calls == [5]
