"""A replay split over forked processes (speed only, issue 23): a cold ``summarizer eval`` on every core.

A replay is CPU-bound Python (the claim checker on each new article, the SDK building and parsing requests), so
one process uses one core. Once the first case has loaded what every case needs (the openai SDK, the checker's
tables), ``os.fork`` hands each further process that warm heap for nothing; each replays cases (a case's
languages together: they share the article's index) and sends its results back pickled. The cases are not
dealt in advance: every process takes the next case from one queue when it is done with the last
(a pipe holding each case's index), so the processes end within about one case of each other however the cases'
costs fall (they vary with the answers, up to 8x, more than with anything known before replaying them; dealt in
turn, one process finished ~0.2 s after the other in the gated run). The results are put back in run order, so
every report is what one process would write. The cases a process took and did not answer for (it failed, or
did not answer in time) are replayed here instead: the outcome never depends on the split. A process
running other threads (a progress bar refreshing itself) replays in itself: a forked child gets only the
forking thread, so a lock another thread held at that moment would stay held in the child.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pickle
import select
import signal
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from summarizer.evals.cases import Case
from summarizer.evals.results import CaseResult, EvalRun, provenance_label

ENV = "SUMMARIZER_EVAL_PROCESSES"  # a number of processes; 1 replays in this process only
MAX_PROCESSES = 4
MIN_WAIT_S = 60.0  # a child is waited for at least this long, and 4x the time this process took for its cases

# Replays these cases and returns their run; ``report`` says whether it may report progress (not in a child).
Replay = Callable[[Sequence[Case], bool], EvalRun]
OnCase = Callable[[CaseResult], None]


def processes_wanted() -> int:
    """$SUMMARIZER_EVAL_PROCESSES, else the cores this process may use (at most MAX_PROCESSES); 1 but on Linux
    (elsewhere ``fork`` is missing, or unsafe in a process with threads: macOS's system libraries)."""
    if not sys.platform.startswith("linux"):
        return 1
    asked = os.environ.get(ENV, "").strip()
    if asked.isdigit():
        return max(1, int(asked))
    return max(1, min(len(os.sched_getaffinity(0)), MAX_PROCESSES))


@dataclass
class _Child:
    pid: int
    pipe: int  # the read end: the child's pickled results, then end of file
    waited: bool = False


def replay_split(cases: Sequence[Case], replay: Replay, processes: int, on_case: OnCase | None = None) -> EvalRun:
    """``replay(cases)`` over up to ``processes`` processes, the same run (results in ``cases`` order) as one
    process makes; ``on_case`` sees a child's results when they arrive."""
    shares = min(processes, len(cases) - 1) if hasattr(os, "fork") else 1
    if shares < 2 or not _Queue.holds(len(cases) - 1):
        return replay(cases, True)
    started = time.perf_counter()
    first = min(cases, key=lambda c: len(c.article))  # the shortest: what every case needs, loaded before the fork
    runs = [replay([first], True)]
    if threading.active_count() > 1:  # a child gets only the forking thread: a lock another held stays held
        runs.append(replay([c for c in cases if c is not first], True))
        return _merged(cases, runs, time.perf_counter() - started)
    rest = [c for c in cases if c is not first]
    queue = _Queue(len(rest))
    children: list[_Child] = []
    try:
        children = [_fork(queue, rest, replay) for _ in range(shares - 1)]
        own_started = time.monotonic()
        runs += _drain(queue, rest, replay, True)
        deadline = time.monotonic() + max(MIN_WAIT_S, 4 * (time.monotonic() - own_started))
        for child in children:
            results = _collect(child, deadline)
            if results is not None:
                if on_case is not None:
                    for result in results:
                        on_case(result)
                runs.append(dataclasses.replace(runs[0], results=results))
        answered = {r.case_id for run in runs for r in run.results}
        if missing := [c for c in rest if c.id not in answered]:  # a child failed or was too slow: replay them here
            runs.append(replay(missing, True))  # (a real error is raised here)
    finally:
        queue.close()
        for child in children:
            _reap(child)
    return _merged(cases, runs, time.perf_counter() - started)


class _Queue:
    """The indexes ``0 .. count - 1`` in a pipe, each taken by exactly one process: all are written at once (one
    write of at most ``PIPE_BUF`` bytes) before any process forks, and a read takes one whole index (``_WIDTH``
    bytes) under the pipe's lock, so none is read twice or in part; an empty pipe reads as "no more" (it does not
    block)."""

    _WIDTH = 2

    @classmethod
    def holds(cls, count: int) -> bool:
        return count * cls._WIDTH <= select.PIPE_BUF  # 2,048 cases (a larger run replays in one process)

    def __init__(self, count: int) -> None:
        self.read_end, write_end = os.pipe()
        try:
            os.write(write_end, b"".join(i.to_bytes(self._WIDTH, "little") for i in range(count)))
        finally:
            os.close(write_end)
        os.set_blocking(self.read_end, False)

    def take(self) -> int | None:
        try:
            data = os.read(self.read_end, self._WIDTH)
        except BlockingIOError:
            return None
        return int.from_bytes(data, "little") if len(data) == self._WIDTH else None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.close(self.read_end)


def _drain(queue: _Queue, cases: Sequence[Case], replay: Replay, report: bool) -> list[EvalRun]:
    """Replay the next case from ``queue`` until it is empty: this process's runs, one a case."""
    runs = []
    while (index := queue.take()) is not None:
        runs.append(replay([cases[index]], report))
    return runs


def _fork(queue: _Queue, cases: Sequence[Case], replay: Replay) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: replay, send its results, and leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read_end)
            for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C reaches the whole group: just end
                if signal.getsignal(signum) is not signal.SIG_IGN:  # as ignored as the parent was started (nohup)
                    signal.signal(signum, signal.SIG_DFL)
            results = [r for run in _drain(queue, cases, replay, False) for r in run.results]
            data = pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Child(pid, read_end)


def _collect(child: _Child, deadline: float) -> list[CaseResult] | None:
    """The child's results, or None if it failed or is not done by ``deadline`` (then it is killed)."""
    chunks: list[bytes] = []
    complete = False
    while (left := deadline - time.monotonic()) > 0:
        if not select.select([child.pipe], [], [], left)[0]:
            break
        chunk = os.read(child.pipe, 1 << 20)
        if not chunk:
            complete = True
            break
        chunks.append(chunk)
    if not complete:
        return None
    _, status = os.waitpid(child.pid, 0)
    child.waited = True
    if os.waitstatus_to_exitcode(status) != 0:
        return None
    results = pickle.loads(b"".join(chunks))
    return results if isinstance(results, list) else None


def _reap(child: _Child) -> None:
    """The child ended (killed if it is still running) and its pipe closed: no process or descriptor outlives
    the run, whatever ended it."""
    if not child.waited:
        with contextlib.suppress(ProcessLookupError):
            os.kill(child.pid, signal.SIGKILL)
        os.waitpid(child.pid, 0)
        child.waited = True
    with contextlib.suppress(OSError):
        os.close(child.pipe)


def _merged(cases: Sequence[Case], runs: list[EvalRun], took: float) -> EvalRun:
    """One run: every share's results in run order (case, then language), as ``run_eval`` orders them."""
    position = {case.id: i for i, case in enumerate(cases)}
    languages = {language: i for i, language in enumerate(runs[0].languages)}
    results = sorted(
        (r for run in runs for r in run.results), key=lambda r: (position[r.case_id], languages[r.language])
    )
    return dataclasses.replace(
        runs[0],
        results=results,
        replay_s=took,
        provider=provenance_label(r.provider for r in results),
        mode=provenance_label(r.mode for r in results),
    )
