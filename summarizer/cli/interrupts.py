"""Ctrl-C (SIGINT) and SIGTERM end a command the same way wherever they arrive: cleanup runs, one line, 130/143.

A Python signal handler that raises does so at whatever bytecode the main thread is running, and two places
lose that exception: a callback Python runs for itself (a weakref callback, ``__del__``, garbage collection)
prints "Exception ignored in ..." and carries on, and a task inside an anyio task group (httpx's connect)
hands it back wrapped in a BaseExceptionGroup. So:

- async code runs under :func:`run`: the event loop owns both signals (``loop.add_signal_handler``), its
  handler runs between callbacks and cancels the main task, cancellation unwinds through task groups as they
  expect, and :func:`run` raises :class:`~summarizer.errors.Interrupted` once the loop has closed;
- sync code runs under :func:`raising_signals`: the handler raises Interrupted where it lands (a blocking wait
  must end: a local server's start-up, a model's answer); when Python swallowed it in such a callback, the
  unraisable hook sends the signal again, so it is raised at the next point that can carry it;
- every signal is recorded (:func:`received`), so the CLI's boundary reports it whatever the exception became.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Coroutine, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, Any, TypeVar

from summarizer.errors import Interrupted

if TYPE_CHECKING:
    import asyncio

R = TypeVar("R")
SIGNALS = (signal.SIGINT, signal.SIGTERM)
_received: int | None = None  # the first signal since raising_signals() was entered
_active = False  # within raising_signals()
_armed = False  # handlers raise (until the boundary reports the signal: see disarm)
_lock = threading.Lock()  # a signal sent again lands before raising_signals() restores the handlers, or never
_previous_hook: Callable[[Any], object] = sys.unraisablehook


def received() -> int | None:
    """The signal (SIGINT or SIGTERM) received since :func:`raising_signals` was entered, if any."""
    return _received


def signal_of(exc: BaseException) -> int | None:
    """The signal ``exc`` carries, if any: an Interrupted or KeyboardInterrupt, bare or inside an exception
    group (what a task group makes of one)."""
    if isinstance(exc, BaseExceptionGroup):
        found = exc.subgroup(lambda e: isinstance(e, KeyboardInterrupt))
        while isinstance(found, BaseExceptionGroup):
            found = found.exceptions[0]
        return signal_of(found) if found is not None else None
    if isinstance(exc, Interrupted):
        return exc.signum
    if isinstance(exc, KeyboardInterrupt):
        return signal.SIGINT
    return None


def disarm() -> bool:
    """From now on a signal is only recorded (the command is ending: the boundary is reporting the first one,
    and a copy sent again must not interrupt that); True the first time."""
    global _armed
    was, _armed = _armed, False
    return was


def _record(signum: int) -> None:
    global _received
    if _received is None:
        _received = signum


def _raise(signum: int, frame: FrameType | None) -> None:
    _record(signum)
    if not _armed:
        return
    while frame is not None:
        if frame.f_code is _unraisable_hook.__code__:  # the hook's own re-sent signal: not in there, try again
            _send_again(signum)
            return
        frame = frame.f_back
    raise Interrupted(signum)


def _send_again(signum: int) -> None:
    """The signal once more, from another thread: its handler runs in the main thread at a later bytecode."""

    def send() -> None:
        time.sleep(0.001)
        with _lock:
            if _active:
                os.kill(os.getpid(), signum)  # handled (by Python's C handler) before kill returns

    threading.Thread(target=send, daemon=True).start()


def _unraisable_hook(unraisable: Any) -> None:
    """A swallowed Interrupted (raised inside a weakref callback, ``__del__``...): send the signal again, so it
    is raised once that callback is over. Anything else goes to the hook we replaced."""
    exc = unraisable.exc_value
    if not (_active and isinstance(exc, KeyboardInterrupt)):
        _previous_hook(unraisable)
        return
    signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
    _record(signum)
    _send_again(signum)


def _handled() -> list[int]:
    """The signals to take over: not one the process was started ignoring (nohup, a background job's SIGINT)."""
    return [signum for signum in SIGNALS if signal.getsignal(signum) is not signal.SIG_IGN]


@contextmanager
def raising_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise Interrupted (see the module docstring); outside the main
    thread, where handlers cannot be set, nothing changes."""
    global _received, _active, _armed, _previous_hook
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    signums = _handled()
    previous = {signum: signal.getsignal(signum) for signum in signums}
    previous_hook, _previous_hook = sys.unraisablehook, sys.unraisablehook
    _received, _active, _armed = None, True, True
    for signum in signums:
        signal.signal(signum, _raise)
    sys.unraisablehook = _unraisable_hook
    try:
        yield
    finally:
        with _lock:
            _active = _armed = False
            sys.unraisablehook = previous_hook
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def run(main: Coroutine[Any, Any, R]) -> R:
    """``asyncio.run(main)`` with SIGINT and SIGTERM owned by the loop: the first cancels ``main`` (a second
    stops waiting for its cleanup); either way this raises Interrupted once the loop has closed."""
    import asyncio  # not at the top: --help stays light

    if threading.current_thread() is not threading.main_thread():
        return asyncio.run(main)
    seen: list[int] = []
    tasks: list[asyncio.Task[Any]] = []

    def on_signal(signum: int) -> None:
        _record(signum)
        seen.append(signum)
        if len(seen) > 1:
            raise Interrupted(signum)
        for task in tasks:
            task.cancel()

    async def guarded() -> R:
        if seen:  # arrived while the loop was starting
            main.close()
            raise Interrupted(seen[0])
        current = asyncio.current_task()
        if current is not None:
            tasks.append(current)
        return await main

    signums = _handled()
    previous = {signum: signal.getsignal(signum) for signum in signums}
    runner = asyncio.Runner()
    try:
        loop = runner.get_loop()
        for signum in signums:
            loop.add_signal_handler(signum, on_signal, signum)
        try:
            result = runner.run(guarded())
        finally:
            runner.close()  # closing the loop removes its handlers
    except BaseException:
        if seen:
            raise Interrupted(seen[0]) from None
        raise
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if seen:  # arrived as the work finished
        raise Interrupted(seen[0])
    return result
