"""A replay split over forked processes (speed only, issue 23): a cold ``summarizer eval`` on every core.

A replay is CPU-bound Python (the claim checker on each new article, the SDK building and parsing requests), so
one process uses one core. Once the first case has loaded what every case needs (the openai SDK, the checker's
tables), ``os.fork`` hands each further process that warm heap for nothing; each replays its own share of the
cases (a case's languages together: they share the article's index) and sends its results back pickled. The
results are put back in run order, so every report is what one process would write. A share whose process
fails or does not answer in time is replayed here instead: the outcome never depends on the split. A process
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
MIN_WAIT_S = 60.0  # a share's process is waited for at least this long, and 4x this process's own share

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
    pipe: int  # the read end: the child's pickled run, then end of file
    share: list[Case]
    waited: bool = False


def replay_split(cases: Sequence[Case], replay: Replay, processes: int, on_case: OnCase | None = None) -> EvalRun:
    """``replay(cases)`` over up to ``processes`` processes, the same run (results in ``cases`` order) as one
    process makes; ``on_case`` sees a child's results when they arrive."""
    shares = min(processes, len(cases) - 1) if hasattr(os, "fork") else 1
    if shares < 2:
        return replay(cases, True)
    started = time.perf_counter()
    first = min(cases, key=lambda c: len(c.article))  # the shortest: what every case needs, loaded before the fork
    runs = [replay([first], True)]
    if threading.active_count() > 1:  # a child gets only the forking thread: a lock another held stays held
        runs.append(replay([c for c in cases if c is not first], True))
        return _merged(cases, runs, time.perf_counter() - started)
    mine, *theirs = _shares([c for c in cases if c is not first], shares)
    children: list[_Child] = []
    try:
        children = [_fork(share, replay) for share in theirs]
        own_started = time.monotonic()
        runs.append(replay(mine, True))
        deadline = time.monotonic() + max(MIN_WAIT_S, 4 * (time.monotonic() - own_started))
        for child in children:
            run = _collect(child, deadline)
            if run is None:  # failed, killed or too slow: replay its share here (a real error is raised here)
                run = replay(child.share, True)
            elif on_case is not None:
                for result in run.results:
                    on_case(result)
            runs.append(run)
    finally:
        for child in children:
            _reap(child)
    return _merged(cases, runs, time.perf_counter() - started)


def _shares(cases: Sequence[Case], count: int) -> list[list[Case]]:
    """``count`` shares dealt in turn, each in run order (the cases' costs vary with their answers more than with
    anything known before replaying them: dealing in turn balanced the gated run within ~10%)."""
    return [list(cases[i::count]) for i in range(count)]


def _fork(share: list[Case], replay: Replay) -> _Child:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: replay, send the run, and leave without running the parent's exit handlers
        code = 1
        try:
            os.close(read_end)
            for signum in (signal.SIGINT, signal.SIGTERM):  # Ctrl-C reaches the whole group: just end
                if signal.getsignal(signum) is not signal.SIG_IGN:  # as ignored as the parent was started (nohup)
                    signal.signal(signum, signal.SIG_DFL)
            data = pickle.dumps(replay(share, False), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    return _Child(pid, read_end, share)


def _collect(child: _Child, deadline: float) -> EvalRun | None:
    """The child's run, or None if it failed or is not done by ``deadline`` (then it is killed)."""
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
    run = pickle.loads(b"".join(chunks))
    return run if isinstance(run, EvalRun) else None


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
