"""A signal that arrives where Python would lose its exception still ends the command: one line, 130/143.

checker's heavier validation (more garbage, so more weakref callbacks) made `test_killed_and_resumed_until_complete`
fail 3 of 3: SIGTERM's handler raised Interrupted inside a WeakValueDictionary callback, Python printed
"Exception ignored in ..." and the batch ran on to exit 4; raised inside anyio's connect task group, it came
out as a BaseExceptionGroup, exit 1. These tests put the signal exactly there, in a real `summarizer` process:

- inside a weakref callback, during a batch (async: the loop owns the signal) and during `summarize`'s
  rendering (sync: the swallowed exception is delivered again);
- inside a task of an anyio task group, during a batch.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from summarizer.cli import interrupts
from summarizer.errors import Interrupted
from tests.fake_openai import FakeOpenAI, answer_like
from tests.signals import take_ctrl_c

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = 30
SIGNALS = [(signal.SIGTERM, 143, "terminated"), (signal.SIGINT, 130, "interrupted")]
# Sends the signal from inside a weakref callback, then runs bytecode there: the handler runs in the callback.
RING = """
import os, weakref
class Token: pass
def ring(_ref):
    os.kill(os.getpid(), SIGNUM)
    for _ in range(10000):
        pass
def ring_in_a_weakref_callback():
    token = Token()
    ref = weakref.ref(token, ring)
    del token
"""
# Sends the signal from a task inside an anyio task group (as httpx's connect runs), then runs bytecode there.
TASK_GROUP = """
import anyio
async def ring_in_a_task_group():
    async def child():
        os.kill(os.getpid(), SIGNUM)
        for _ in range(10000):
            pass
        await anyio.sleep(0)
    async with anyio.create_task_group() as group:
        group.start_soon(child)
"""
IN_BATCH_WEAKREF = """
import summarizer.batch as batch
original, calls = batch.result_line, []
def result_line(*args, **kwargs):
    calls.append(1)
    if len(calls) == 5:
        ring_in_a_weakref_callback()
    return original(*args, **kwargs)
batch.result_line = result_line
"""
IN_BATCH_TASK_GROUP = """
import summarizer.batch as batch
original, calls = batch.asummarize, []
async def asummarize(*args, **kwargs):
    calls.append(1)
    if len(calls) == 12:
        await ring_in_a_task_group()
    return await original(*args, **kwargs)
batch.asummarize = asummarize
"""
IN_RENDER = """
import summarizer.cli.summarize as command
original = command.render
def render(*args, **kwargs):
    ring_in_a_weakref_callback()
    return original(*args, **kwargs)
command.render = render
"""


@pytest.fixture
def server(reference_digest: dict[str, Any]) -> Iterator[FakeOpenAI]:
    digest = {"bullets": [{"text": b["text"], "evidence": b["evidence"]} for b in reference_digest["bullets"][:3]]}
    with FakeOpenAI(answer=lambda payload: answer_like(payload, digest, prompt_tokens=10)) as fake:
        yield fake


def cli(server: FakeOpenAI, signum: int, injection: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`summarizer ARGS` in a real process, with INJECTION's patch applied first."""
    code = f"SIGNUM = {int(signum)}\n{RING}{TASK_GROUP}{injection}\nimport sys\nsys.argv = ['summarizer', *{args!r}]\n"
    code += "from summarizer.cli import main\nmain()\n"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OPENAI_", "SUMMARIZER_"))}
    env.update(OPENAI_BASE_URL=server.base_url, SUMMARIZER_MODEL="reference", SUMMARIZER_MODE="json_schema")
    env.update(COLUMNS="200")
    return subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        preexec_fn=take_ctrl_c,
    )


def write_batch(path: Path, article: str) -> list[str]:
    ids = [f"art-{n:02d}" for n in range(ARTICLES)]
    lines = [json.dumps({"id": i, "text": f"{article}\n\n{i}"}, ensure_ascii=False) for i in ids]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return ids


def assert_one_line(done: subprocess.CompletedProcess[str], code: int, says: str) -> None:
    assert done.returncode == code, done.stderr
    assert "Exception ignored" not in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip() == says] == [says], done.stderr
    assert "error" not in done.stderr, done.stderr


@pytest.mark.parametrize(("signum", "code", "says"), SIGNALS)
@pytest.mark.parametrize("injection", [IN_BATCH_WEAKREF, IN_BATCH_TASK_GROUP], ids=["weakref", "task-group"])
def test_a_signal_inside_a_callback_or_task_group_stops_a_batch(
    tmp_path: Path, server: FakeOpenAI, seed_article: str, injection: str, signum: int, code: int, says: str
) -> None:
    inp, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    ids = write_batch(inp, seed_article)
    done = cli(server, signum, injection, "batch", "run", str(inp), str(out), "--concurrency", "2")
    assert_one_line(done, code, says)
    written = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]  # whole lines
    assert 0 < len(written) < ARTICLES
    resumed = cli(server, signum, "", "batch", "run", str(inp), str(out))  # nothing lost or duplicated
    assert resumed.returncode == 0, resumed.stderr
    assert sorted(json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()) == ids


@pytest.mark.parametrize(("signum", "code", "says"), SIGNALS)
def test_a_signal_swallowed_in_a_weakref_callback_still_stops_summarize(
    tmp_path: Path, server: FakeOpenAI, seed_article: str, signum: int, code: int, says: str
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(seed_article, encoding="utf-8")
    done = cli(server, signum, IN_RENDER, "summarize", str(article), "-o", str(tmp_path / "digest.json"))
    assert_one_line(done, code, says)


def test_run_cancels_on_the_loops_signal_and_raises_interrupted() -> None:
    """In process: the loop's handler cancels the main task, and run() turns that into Interrupted(SIGTERM)."""
    import asyncio

    cleaned: list[bool] = []

    async def main() -> None:
        try:
            os.kill(os.getpid(), signal.SIGTERM)
            await asyncio.sleep(30)
        finally:
            cleaned.append(True)

    before = signal.getsignal(signal.SIGTERM)
    with interrupts.raising_signals(), pytest.raises(Interrupted) as raised:
        interrupts.run(main())
    assert raised.value.signum == signal.SIGTERM and cleaned == [True] and interrupts.received() == signal.SIGTERM
    assert signal.getsignal(signal.SIGTERM) is before


def test_signal_of_finds_an_interrupt_inside_an_exception_group() -> None:
    group = BaseExceptionGroup("connect", [ValueError("x"), BaseExceptionGroup("inner", [Interrupted(15)])])
    assert interrupts.signal_of(group) == signal.SIGTERM
    assert interrupts.signal_of(BaseExceptionGroup("connect", [ValueError("x")])) is None
    assert interrupts.signal_of(KeyboardInterrupt()) == signal.SIGINT
