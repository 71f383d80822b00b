"""Run llama.cpp's OpenAI-compatible server on this machine, for the unchanged openai + instructor path.

``with local_server("gemma3-270m", slots=4) as settings: summarize_many(texts, settings=settings, concurrency=4)``
starts llama.cpp's C++ ``llama-server`` on 127.0.0.1 on a free port with ``slots`` parallel slots (several
requests decoded in one batch; each slot has ``context_tokens`` of context and keeps its last prompt in its KV
cache, so the system prompt every article shares is read once per slot, not once per article), waits until
it answers, and stops it on exit, error, Ctrl-C or SIGTERM. ``scripts/setup.sh dev,local`` builds that binary
(portable flags, the same vendored llama.cpp as the Python wheel) into ``.venv/bin``; without it,
llama-cpp-python's server is used, which answers one request at a time. The child is also killed when we
die (Linux PR_SET_PDEATHSIG with SIGKILL: a graceful SIGTERM would wait for the answer being computed,
minutes of 100% CPU), so no server is orphaned.

The model is a name from ``summarizer.models`` (fetched by ``summarizer models pull``) or a GGUF path. The
time limits fit the model's measured speed: the request timeout equals the whole time budget and timeouts
are not retried, so the client never re-sends a request the server is still computing.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

import httpx

from summarizer.errors import Interrupted, ProviderError, ProviderNotConfigured
from summarizer.models import DEFAULT_LOCAL_MODEL, LocalModel, known_model, resolve
from summarizer.settings import ProviderSettings

Backend = Literal["auto", "llama-server", "llama-cpp-python"]
DEFAULT_CONTEXT = 16384  # tokens per slot
DEFAULT_SLOTS = 4  # parallel slots for a batch of an unknown GGUF on a small machine (slots_for)
# Where to find llama.cpp's C++ server: this variable, else beside the running Python (setup.sh puts it in
# .venv/bin), else on PATH.
ENV_LLAMA_SERVER = "SUMMARIZER_LLAMA_SERVER"
# An unknown GGUF: no measured speed, so generous limits (a 7B Q4 model writes 1-3 tokens/s on 2 cores).
UNKNOWN_MODEL_TIME_BUDGET_S = 3600.0
# Slack over the model's measured speed. The budget is a safety net, not a target: when it fires, every token
# computed so far is thrown away, and a 2-core machine shared with other work ran 3-6x slower than idle (load 10-13
# measured while CI ran here).
SPEED_MARGIN = 3.0
_INSTALL_HINT = "bash scripts/setup.sh dev,local (builds llama.cpp with portable CPU flags)"
log = logging.getLogger(__name__)


def slots_for(concurrency: int | None = None, model: str | Path | None = None) -> int:
    """Parallel slots for ``concurrency`` articles in flight on ``model`` (default: the most that help here).

    Measured on 2 cores (README "Many articles on a local model"): 4 slots decoded Gemma 270M 3.3x faster than
    one, and Qwen 1.5B no faster (0.84x with prompt v3: compute-bound, and batched answers came out longer), so a
    known model gets its ``slots_per_two_cores`` per 2 cores; an unknown GGUF gets DEFAULT_SLOTS. Each slot holds
    its own context (KV memory).
    """
    known = known_model(model if model is not None else DEFAULT_LOCAL_MODEL)
    cores = usable_cores()
    pairs = max(1, cores // 2)
    most = known.slots_per_two_cores * pairs if known else max(DEFAULT_SLOTS, cores)
    return max(1, min(concurrency or most, most))


def local_limits(model: LocalModel | None, slots: int = 1) -> dict[str, float | int]:
    """Time limits that fit the model: the budget covers every attempt at full length, and one request may take
    the whole budget (a timeout shorter than the server's answer would only re-send work it is still doing).
    With ``slots`` answers decoded together each one is slower (``LocalModel.answer_seconds``)."""
    if model is None:
        budget = UNKNOWN_MODEL_TIME_BUDGET_S * max(1.0, slots / 2)
        return {"time_budget_s": budget, "request_timeout_s": budget, "max_transient_attempts": 1}
    budget = round((model.max_reasks + 1) * model.answer_seconds(slots=slots) * SPEED_MARGIN)
    return {
        "max_output_tokens": model.max_output_tokens,
        "max_reasks": model.max_reasks,
        "time_budget_s": float(budget),
        "request_timeout_s": float(budget),
        "max_transient_attempts": 1,
    }


ENV_THREADS = "SUMMARIZER_LOCAL_THREADS"


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow), not the host's."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 2


def server_threads(threads: int | None = None) -> int:
    """Threads for llama.cpp: ``threads``, else $SUMMARIZER_LOCAL_THREADS, else the cores this process may use.

    Why a setting: llama.cpp's threads wait for each other at every step, so on a machine other work keeps busy
    a thread per core collapses (measured on 2 cores at load 5-6: Qwen 1.5B decoded about 0.2 tokens a second with
    2 threads and 8 with 1). Set it to 1 on a shared machine."""
    if threads is not None:
        return threads
    value = os.environ.get(ENV_THREADS, "").strip()
    if value:
        if not value.isdigit() or int(value) < 1:
            raise ProviderNotConfigured(f"{ENV_THREADS} must be a whole number of threads, at least 1 (got {value!r})")
        return int(value)
    return usable_cores()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def find_llama_server() -> Path | None:
    """llama.cpp's C++ server: $SUMMARIZER_LLAMA_SERVER, else beside this Python (.venv/bin), else on PATH."""
    if override := os.environ.get(ENV_LLAMA_SERVER):
        path = Path(override)
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise ProviderNotConfigured(f"{ENV_LLAMA_SERVER}={override} is not an executable file")
        return path
    beside = Path(sys.executable).parent / "llama-server"
    if beside.is_file() and os.access(beside, os.X_OK):
        return beside
    found = shutil.which("llama-server")
    return Path(found) if found else None


def _has_python_server() -> bool:
    try:
        import llama_cpp.server  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(backend: Backend = "auto") -> tuple[Literal["llama-server", "llama-cpp-python"], Path | None]:
    """Which server to run: llama-server when built (parallel slots), else llama-cpp-python's (one at a time)."""
    binary = find_llama_server() if backend in ("auto", "llama-server") else None
    if binary is not None:
        return "llama-server", binary
    if backend == "llama-server":
        raise ProviderNotConfigured(f"llama.cpp's llama-server was not found: {_INSTALL_HINT}")
    if not _has_python_server():
        raise ProviderNotConfigured(f"the local backend needs llama.cpp: {_INSTALL_HINT}")
    return "llama-cpp-python", None


# llama-server's host-RAM prompt cache, MiB: a few states of each kind of prompt (a 2,000-token prompt of the
# 1.5B is ~56 MiB of KV), not a long batch's worth.
CACHE_RAM_MIB = 1024


def model_options(model: Path, *, context_tokens: int, slots: int, threads: int) -> dict[str, str]:
    """llama-server's settings for one model, by long flag name: ``-np slots`` with ``context_tokens`` each
    (llama-server splits ``-c`` evenly between its slots). One table for the single-model command line and the
    router's preset, so both serve a model alike.

    Prompt caching is llama-server's default (``cache_prompt``): each slot keeps the KV of its last prompt and a
    request goes to the slot whose prompt shares the longest prefix with it, so the system prompt is not read
    again. That holds while one kind of request follows another; an English answer alternates two (the Arabic
    answer, then one translation request a bullet, each with its own system prompt), so the next article would
    read the answer's system prompt again. The host-RAM prompt cache (``--cache-ram``) keeps earlier prompts'
    states and restores the longest match: English answers on the 1.5B took 40 s instead of 46-50 s, Arabic ones
    on the 0.5B the same (README "The host-RAM prompt cache"). Capped at CACHE_RAM_MIB (llama.cpp's default is
    8 GiB): a long batch's prompts are never seen again, and the least recently used are dropped.
    """
    return {
        "model": str(model),
        "parallel": str(slots),
        "ctx-size": str(context_tokens * slots),
        "threads": str(threads),
        "threads-batch": str(threads),
        "cache-ram": str(CACHE_RAM_MIB),
    }


def llama_server_command(
    binary: Path, model: Path, alias: str, port: int, *, context_tokens: int, slots: int, threads: int
) -> list[str]:
    """llama-server serving one model (:func:`model_options`) on 127.0.0.1:``port`` as ``alias``."""
    options = model_options(model, context_tokens=context_tokens, slots=slots, threads=threads)
    command = [
        str(binary),
        "--model",
        options.pop("model"),
        "--alias",
        alias,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
    ]
    for flag, value in options.items():
        command += [f"--{flag}", value]
    return [*command, "--no-webui"]


def router_preset(models: list[tuple[str, Path]], *, context_tokens: int, slots: int, threads: int) -> str:
    """llama-server's router-mode preset (INI): one section per model, named by its alias, with the settings
    :func:`model_options` gives a single model. The router loads each model on its first request, in a process of
    its own, and sends every request to the model its body names."""
    sections = []
    for alias, path in models:
        options = model_options(path, context_tokens=context_tokens, slots=slots, threads=threads)
        sections.append(f"[{alias}]\n" + "".join(f"{key} = {value}\n" for key, value in options.items()))
    return "\n".join(sections)


def router_command(binary: Path, preset: Path, port: int, models: int) -> list[str]:
    """llama-server in router mode: every model of ``preset`` kept loaded (``--models-max``), one URL."""
    return [
        str(binary),
        "--models-preset", str(preset),
        "--models-max", str(models),
        "--host", "127.0.0.1",
        "--port", str(port),
        "--no-webui",
    ]  # fmt: skip


def python_server_command(model: Path, alias: str, port: int, *, context_tokens: int, threads: int) -> list[str]:
    return [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model),
        "--model_alias", alias,
        "--host", "127.0.0.1",
        "--port", str(port),
        "--n_ctx", str(context_tokens),
        "--n_threads", str(threads),
        "--n_threads_batch", str(threads),  # the server defaults to half the cores
    ]  # fmt: skip


def _second_model(
    translation_model: str | Path | None, path: Path, alias: str
) -> tuple[str, Path, LocalModel | None] | None:
    """The translation model's alias, file and entry, or None when there is none or it is the model itself."""
    if translation_model is None:
        return None
    second_path, second_known = resolve(translation_model)
    second_alias = second_known.alias if second_known else second_path.stem
    if second_path.resolve() == path.resolve() or second_alias == alias:
        return None
    return second_alias, second_path, second_known


def _two_stage_limits(first: dict[str, float | int], second: dict[str, float | int]) -> dict[str, float | int]:
    """Limits for a conversation that runs on two models in turn: the time of both stages, the larger caps."""
    merged = {name: max(first.get(name, 0), second.get(name, 0)) for name in first.keys() | second.keys()}
    for name in ("time_budget_s", "request_timeout_s"):
        if name in first and name in second:
            merged[name] = float(first[name]) + float(second[name])
    merged["max_transient_attempts"] = 1
    return merged


def _wait_healthy(url: str, process: subprocess.Popen[bytes], timeout_s: float, log: Path) -> None:
    """Until the model is loaded: llama-server's /health says 503 while loading; /v1/models answers on both."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise ProviderError(f"the local server exited with code {process.returncode}:\n{tail}")
        try:
            root = url.removesuffix("/v1")
            health = httpx.get(f"{root}/health", timeout=2).status_code
            if health in (200, 404) and httpx.get(f"{url}/models", timeout=2).status_code == 200:
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
    slots: int = 1,
    model_alias: str | None = None,
    threads: int | None = None,
    startup_timeout_s: float = 120.0,
    log_path: Path | None = None,
    backend: Backend = "auto",
    translation_model: str | Path | None = None,
) -> Iterator[ProviderSettings]:
    """Serve a GGUF model (a name from ``summarizer models`` or a path; default DEFAULT_LOCAL_MODEL) on
    127.0.0.1; yield settings that point summarize at it, with time limits that fit the model.

    ``slots``: requests decoded together, each with ``context_tokens`` of context; send as many at once
    (``summarize_many(..., concurrency=slots)``): more only queue, fewer leave slots idle. llama-cpp-python's
    server (the fallback when llama-server is not built) has one.

    ``translation_model``: a second model, which translates the Arabic answer of a translating prompt (v3-v5)
    into English (``ProviderSettings.translation_model``); both are served from one URL by llama-server's router
    mode, each loaded once and kept. Needs llama-server.
    """
    if slots < 1:
        raise ValueError("slots must be at least 1")
    cores = server_threads(threads)  # a bad $SUMMARIZER_LOCAL_THREADS fails before anything starts
    kind, binary = choose_backend(backend)
    path, known = resolve(model)
    alias = model_alias or (known.alias if known else path.stem)
    second = _second_model(translation_model, path, alias)
    port = free_port()
    log_file = log_path or Path(os.environ.get("TMPDIR", "/tmp")) / f"summarizer-llama-{port}.log"
    limits = local_limits(known, slots)
    if second is not None:
        if binary is None:
            raise ProviderNotConfigured(f"a translation model needs llama.cpp's llama-server: {_INSTALL_HINT}")
        second_alias, second_path, second_known = second
        preset = log_file.with_suffix(".models.ini")
        models = [(alias, path), (second_alias, second_path)]
        preset.write_text(
            router_preset(models, context_tokens=context_tokens, slots=slots, threads=cores), encoding="utf-8"
        )
        command = router_command(binary, preset, port, len(models))
        limits = _two_stage_limits(limits, local_limits(second_known, slots))
    elif binary is not None:
        command = llama_server_command(
            binary, path, alias, port, context_tokens=context_tokens, slots=slots, threads=cores
        )
    else:
        if slots > 1:
            log.warning("llama-server is not built (%s): one request at a time, not %d", _INSTALL_HINT, slots)
        slots = 1
        command = python_server_command(path, alias, port, context_tokens=context_tokens, threads=cores)
    log.info("starting %s: %s (log: %s)", kind, " ".join(command), log_file)
    with sigterm_as_interrupt():
        with log_file.open("wb") as log_handle:
            process = subprocess.Popen(
                command,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent,
            )
        url = f"http://127.0.0.1:{port}/v1"
        _SERVED[url] = (process, log_file)
        try:
            _wait_healthy(url, process, startup_timeout_s, log_file)
            # json_object + schema: llama-cpp-python's server needs it and llama-server takes it too (as it takes
            # json_schema), so request bodies, and therefore recordings, are the same whichever server answers.
            settings = ProviderSettings(
                model=alias,
                base_url=url,
                api_key="not-needed",
                mode="json_object",
                context_tokens=context_tokens,
                translation_model=second[0] if second is not None else None,
            ).with_overrides(**limits)
            yield settings
        finally:
            _SERVED.pop(url, None)
            _stop(process)


# The servers local_server is running in this process, by URL: their process and log.
_SERVED: dict[str, tuple[subprocess.Popen[bytes], Path]] = {}


def server_stopped(settings: ProviderSettings) -> str | None:
    """Why the server ``local_server`` started for ``settings`` is gone (its exit and log), or None while it runs.

    Why: ``serve-local`` waits on a server it started; killed or crashed, the server must not leave it printing
    a URL that answers nothing."""
    served = _SERVED.get(settings.base_url or "")
    if served is None or (code := served[0].poll()) is None:
        return None
    return f"the llama.cpp server stopped (exit {code}); its log: {served[1]}"
