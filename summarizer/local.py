"""Run llama.cpp's OpenAI-compatible server on this machine, for the unchanged openai + instructor path.

``with local_server("qwen2.5-1.5b") as settings: summarize(text, settings=settings)`` starts
llama-cpp-python's server on 127.0.0.1 on a free port, waits until it answers,
and stops it on exit, error, Ctrl-C or SIGTERM. The child is also killed when we
die (Linux PR_SET_PDEATHSIG with SIGKILL: uvicorn's graceful SIGTERM would wait
for the answer being computed, minutes of 100% CPU), so no server is orphaned.

The model is a name from ``summarizer.models`` (fetched by ``summarizer models pull``)
or a GGUF path. The time limits fit the model's measured speed: the request timeout
equals the whole time budget and timeouts are not retried, so the client never
re-sends a request the (single-slot) server is still computing.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from summarizer.errors import Interrupted, ProviderError, ProviderNotConfigured
from summarizer.models import LocalModel, resolve
from summarizer.settings import ProviderSettings

DEFAULT_CONTEXT = 16384
# An unknown GGUF: no measured speed, so generous limits (a 7B Q4 model writes 1-3 tokens/s on 2 cores).
UNKNOWN_MODEL_TIME_BUDGET_S = 3600.0
# Slack over the model's measured speed. The budget is a safety net, not a target: when it fires, every token
# computed so far is thrown away, and a 2-core machine shared with other work ran 3-6x slower than idle (load 10-13
# measured while CI ran here).
SPEED_MARGIN = 3.0
_INSTALL_HINT = "bash scripts/setup.sh dev,local (builds llama-cpp-python with portable CPU flags)"


def local_limits(model: LocalModel | None) -> dict[str, float | int]:
    """Time limits that fit the model: the budget covers every attempt at full length, and one request may take
    the whole budget (a timeout shorter than the server's answer would only re-send work it is still doing)."""
    if model is None:
        budget = UNKNOWN_MODEL_TIME_BUDGET_S
        return {"time_budget_s": budget, "request_timeout_s": budget, "max_transient_attempts": 1}
    budget = round((model.max_reasks + 1) * model.answer_seconds() * SPEED_MARGIN)
    return {
        "max_output_tokens": model.max_output_tokens,
        "max_reasks": model.max_reasks,
        "time_budget_s": float(budget),
        "request_timeout_s": float(budget),
        "max_transient_attempts": 1,
    }


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float, log: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise ProviderError(f"the local server exited with code {process.returncode}:\n{tail}")
        try:
            if httpx.get(f"{url}/models", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    raise ProviderError(f"the local server did not become healthy within {timeout_s:.0f}s (log: {log})")


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL: uvicorn's graceful shutdown waits for an answer in progress, and nobody wants it."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=3)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextmanager
def sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises KeyboardInterrupt, so ``finally`` clauses (stopping the server) run.

    Python's default SIGTERM action kills the process without unwinding anything.
    """
    if threading.current_thread() is not threading.main_thread():  # signal handlers live on the main thread
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise Interrupted(signum)  # a KeyboardInterrupt: the CLI exits 143 for SIGTERM

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def local_server(
    model: str | Path | None = None,
    *,
    context_tokens: int = DEFAULT_CONTEXT,
    model_alias: str | None = None,
    threads: int | None = None,
    startup_timeout_s: float = 120.0,
    log_path: Path | None = None,
) -> Iterator[ProviderSettings]:
    """Serve a GGUF model (a name from ``summarizer models`` or a path; default DEFAULT_LOCAL_MODEL) on
    127.0.0.1; yield settings that point summarize at it, with time limits that fit the model."""
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        raise ProviderNotConfigured(f"the local backend needs llama-cpp-python: {_INSTALL_HINT}") from None
    path, known = resolve(model)
    alias = model_alias or (known.alias if known else path.stem)
    port = free_port()
    log = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"summarizer-llama-{port}.log"
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(path),
        "--model_alias", alias,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(context_tokens),
        "--n_threads", str(threads or os.cpu_count() or 2),
        "--n_threads_batch", str(threads or os.cpu_count() or 2),  # the server defaults to half the cores
    ]  # fmt: skip
    with sigterm_as_interrupt():
        with log.open("wb") as log_handle:
            process = subprocess.Popen(
                command,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        url = f"http://127.0.0.1:{port}/v1"
        try:
            _wait_healthy(url, process, startup_timeout_s, log)
            settings = ProviderSettings(
                model=alias,
                base_url=url,
                api_key="not-needed",
                mode="json_object",
                context_tokens=context_tokens,
            ).with_overrides(**local_limits(known))
            yield settings
        finally:
            _stop(process)
