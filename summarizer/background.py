"""One long-lived event loop on a daemon thread, for the blocking API.

``asyncio.run`` per blocking call would build and tear down a loop each time, and HTTP clients
(bound to the loop that opened their connections) could not be reused across calls. Running every
blocking call on this one loop keeps one client per provider for the life of the process, and it
works the same when the caller already runs a loop of its own (Jupyter).
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import contextlib
import os
import threading
from collections.abc import Coroutine
from typing import Any, TypeVar

R = TypeVar("R")

_lock = threading.Lock()
_loop: asyncio.AbstractEventLoop | None = None
_thread: threading.Thread | None = None


def _start() -> asyncio.AbstractEventLoop:
    global _loop, _thread
    with _lock:
        if _loop is None or _thread is None or not _thread.is_alive():
            loop = asyncio.new_event_loop()
            thread = threading.Thread(target=loop.run_forever, name="summarizer-loop", daemon=True)
            thread.start()
            _loop, _thread = loop, thread
        return _loop


def submit(coro: Coroutine[Any, Any, R]) -> concurrent.futures.Future[R]:
    """Start ``coro`` on the background loop without waiting (the sync streaming API reads its results)."""
    return asyncio.run_coroutine_threadsafe(coro, _start())


def run(coro: Coroutine[Any, Any, R]) -> R:
    """Run ``coro`` on the background loop and wait for it; Ctrl-C cancels it there."""
    future = submit(coro)
    try:
        return future.result()
    except BaseException:
        future.cancel()
        raise


def shutdown(timeout_s: float = 5.0) -> None:
    """Close the loop's shared clients and stop it (at exit; also usable by tests)."""
    global _loop, _thread
    with _lock:
        loop, thread, _loop, _thread = _loop, _thread, None, None
    if loop is None or thread is None or not thread.is_alive():
        return
    from summarizer.client import close_shared_clients

    # At exit, a slow or broken close must not hang or fail the interpreter.
    with contextlib.suppress(Exception):
        asyncio.run_coroutine_threadsafe(close_shared_clients(), loop).result(timeout_s)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(timeout_s)
    if not thread.is_alive():
        loop.close()


def _forget_after_fork() -> None:
    """A forked child has the loop object but not its thread: start afresh."""
    global _loop, _thread, _lock
    _loop, _thread, _lock = None, None, threading.Lock()


atexit.register(shutdown)
os.register_at_fork(after_in_child=_forget_after_fork)
