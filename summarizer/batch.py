"""JSONL batches that survive crashes: every input id ends with exactly one output line.

Input lines are ``{"id": ..., "text": ...}``; an id is a non-empty string or an integer and comes back
exactly as given, so results join back to the input. Output lines are
``{"id": ..., "ok": true, "digest": {...}}`` or ``{"id": ..., "ok": false, "error": {...}}``,
appended and flushed as each article finishes, then released (memory stays flat however long the batch).
A rerun reads the output first and skips ids already there (and, with ``retry_errors``, retries the
failed ones); a line cut short by a crash is dropped and redone.

Safety: the output may not be the input (same file by any path), is locked against a second run
for as long as this one writes it, must be a batch output if it already exists, and is checked
before any model call.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock, Timeout

from summarizer.api import ItemError, asummarize
from summarizer.client import make_async_client
from summarizer.errors import BatchInputError, BatchInUse, FileProblem, SummarizerError, UndecodableInput
from summarizer.files import atomic_write, check_output_path, same_file
from summarizer.inputs import decode_article
from summarizer.prompts import get_version
from summarizer.schema import Digest, Language, Usage
from summarizer.settings import ProviderSettings

ItemId = str | int


@dataclass(frozen=True)
class BatchItem:
    id: ItemId  # as written in the input (an integer stays an integer)
    text: str | None
    problem: ItemError | None = None

    @property
    def key(self) -> str:
        """What ids are compared by: 7 and "7" are the same article."""
        return str(self.id)


@dataclass
class BatchReport:
    total: int
    skipped: int = 0
    succeeded: int = 0
    failed: int = 0
    failed_before: int = 0  # error lines kept from an earlier run (not retried without retry_errors)
    failures: Counter[str] = field(default_factory=Counter)
    usage: Usage = field(default_factory=Usage)  # tokens spent by this run, failed items included

    @property
    def complete_with_failures(self) -> bool:
        return bool(self.failed or self.failed_before)


def _valid_id(raw: Any) -> bool:
    if isinstance(raw, bool):
        return False
    return isinstance(raw, int) or (isinstance(raw, str) and bool(raw.strip()))


def _show(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "..."


def read_batch(path: Path) -> list[BatchItem]:
    """Parse the input; malformed lines and invalid ids become error items (never dropped, never renamed)."""
    try:
        raw = path.read_bytes()
    except IsADirectoryError:
        raise BatchInputError(f"cannot read {path}: it is a folder, not a JSONL file") from None
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}") from None
    try:
        content = decode_article(raw, str(path))
    except UndecodableInput as exc:
        raise BatchInputError(str(exc)) from None
    items: list[BatchItem] = []
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        fallback_id = f"line-{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            items.append(_bad(fallback_id, len(items), f"line {number} is not JSON: {exc.msg}"))
            continue
        if not isinstance(record, dict):
            items.append(_bad(fallback_id, len(items), f"line {number} is not a JSON object"))
            continue
        if "id" not in record:
            items.append(_bad(fallback_id, len(items), f"line {number} has no 'id'"))
            continue
        raw_id = record["id"]
        if not _valid_id(raw_id):
            items.append(
                _bad(
                    fallback_id,
                    len(items),
                    f"line {number}: the id must be a non-empty string or an integer, not {_show(raw_id)}",
                )
            )
            continue
        text = record.get("text")
        if not isinstance(text, str):
            items.append(_bad(raw_id, len(items), f"line {number} has no string field 'text'"))
            continue
        items.append(BatchItem(raw_id, text))
    if not items:
        raise BatchInputError(f'{path} holds no articles: expected one {{"id": ..., "text": ...}} per line')
    duplicates = sorted(i for i, n in Counter(item.key for item in items).items() if n > 1)
    if duplicates:
        shown = ", ".join(duplicates[:10]) + (" ..." if len(duplicates) > 10 else "")
        raise BatchInputError(f"{path} repeats ids ({shown}); every article needs a unique id")
    return items


def _bad(item_id: ItemId, index: int, message: str) -> BatchItem:
    return BatchItem(item_id, None, ItemError(index=index, code="bad_batch_line", message=message))


def _is_result(record: Any) -> bool:
    return isinstance(record, dict) and "id" in record and isinstance(record.get("ok"), bool)


def _scan_output(out_path: Path, retry_errors: bool) -> tuple[list[str], set[str], int, bool]:
    """Read an existing output: the lines to keep, their keys, how many are errors, and whether to rewrite it.

    A file that is not a batch output is refused rather than rewritten: the user may have swapped
    the arguments or named the wrong file. Only a last line without its newline may be torn (a crash).
    """
    if not out_path.exists():
        return [], set(), 0, False
    try:
        data = out_path.read_bytes()
    except OSError as exc:
        raise FileProblem.from_os_error(exc, out_path) from None
    lines = data.decode("utf-8", errors="replace").splitlines()
    kept: list[str] = []
    done: set[str] = set()
    failed = 0
    changed = bool(data) and not data.endswith(b"\n")
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            changed = True
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            record = None
        if not _is_result(record):
            if number == len(lines) and not data.endswith(b"\n"):
                continue  # cut short by a crash: dropped, the article is redone
            raise BatchInputError(
                f"{out_path} line {number} is not a batch result line; refusing to change a file that is not "
                "a batch output (choose another output file)"
            )
        key = str(record["id"])
        if (retry_errors and not record["ok"]) or key in done:
            changed = True
            continue
        done.add(key)
        failed += not record["ok"]
        kept.append(line)
    return kept, done, failed, changed


def _read_done(out_path: Path, retry_errors: bool) -> tuple[set[str], int]:
    """Keys already answered and how many of them failed; rewrites the output without a torn last line
    (and without the errors to retry). Call it holding the output lock."""
    kept, done, failed, changed = _scan_output(out_path, retry_errors)
    if changed:
        atomic_write(out_path, "".join(k + "\n" for k in kept))
    return done, failed


def _line(item: BatchItem, result: Digest | ItemError) -> str:
    record: dict[str, Any]
    if isinstance(result, Digest):
        record = {"id": item.id, "ok": True, "digest": result.model_dump(mode="json")}
    else:
        error = {
            "code": result.code,
            "message": result.message,
            "attempts": result.attempts,
            "usage": result.usage.model_dump(),
        }
        record = {"id": item.id, "ok": False, "error": error}
    return json.dumps(record, ensure_ascii=False) + "\n"


@contextmanager
def output_lock(out_path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output for the whole run; a second run is refused at once.

    The lock is a sidecar file (the output itself is replaced when repaired, which would drop a lock on
    it); the operating system releases it when the process dies, so a killed run never blocks a rerun.
    """
    target = out_path.resolve()
    lock_path = target.with_name(f".{target.name}.lock")
    try:  # filelock reports a lock file it cannot create as a busy lock: create it first, to tell them apart
        os.close(os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o666))
    except OSError as exc:
        raise FileProblem(f"cannot write {out_path}: {exc.strerror} (creating its lock file {lock_path})") from None
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise BatchInUse(
            f"{out_path} is being written by another batch run (lock {lock_path}); wait for it to finish"
        ) from None
    try:
        yield
    finally:
        lock.release()


async def _bounded(
    items: deque[BatchItem], concurrency: int, work: Callable[[BatchItem], Awaitable[Digest | ItemError]]
) -> AsyncIterator[tuple[BatchItem, Digest | ItemError]]:
    """Run ``work`` on at most ``concurrency`` items at once; yield each as it finishes, keep nothing after."""

    async def one(item: BatchItem) -> tuple[BatchItem, Digest | ItemError]:
        return item, await work(item)

    pending: set[asyncio.Task[tuple[BatchItem, Digest | ItemError]]] = set()
    try:
        while items or pending:
            while items and len(pending) < concurrency:
                pending.add(asyncio.create_task(one(items.popleft())))
            finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            while finished:
                yield finished.pop().result()
    finally:
        for task in pending:
            task.cancel()


async def run_batch(
    in_path: Path,
    out_path: Path,
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = "v1",
    concurrency: int = 4,
    retry_errors: bool = False,
    on_result: Callable[[ItemId, Digest | ItemError], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Summarise every not-yet-done article of ``in_path`` into ``out_path``."""
    if concurrency < 1:
        raise SummarizerError("concurrency must be at least 1")
    if same_file(in_path, out_path):
        raise BatchInputError(f"{out_path} is the input file; give the results another file name")
    items = read_batch(in_path)
    settings = settings or ProviderSettings.from_env()  # fail before touching the output
    get_version(prompt_version)
    check_output_path(out_path, inputs=(in_path,))
    _scan_output(out_path, retry_errors)  # refuse a foreign file before even a lock file is created beside it
    with output_lock(out_path):
        done, failed_before = _read_done(out_path, retry_errors)
        report = BatchReport(total=len(items), failed_before=failed_before)
        todo = deque(item for item in items if item.key not in done)
        del items  # only the queue holds articles now; each is released once scheduled and written
        report.skipped = report.total - len(todo)
        if on_start:
            on_start(len(todo))
        client = make_async_client(settings)

        async def work(item: BatchItem) -> Digest | ItemError:
            if item.problem is not None:
                return item.problem
            try:
                return await asummarize(
                    item.text or "", language, settings=settings, prompt_version=prompt_version, client=client
                )
            except Exception as exc:
                return ItemError.from_exception(0, exc)

        try:
            handle = out_path.open("a", encoding="utf-8")
        except OSError as exc:
            raise FileProblem.from_os_error(exc, out_path) from None
        with handle:
            async for item, result in _bounded(todo, concurrency, work):
                try:
                    handle.write(_line(item, result))
                    handle.flush()
                except OSError as exc:
                    raise FileProblem.from_os_error(exc, out_path) from None
                if isinstance(result, Digest):
                    report.succeeded += 1
                    if result.run is not None:
                        report.usage = report.usage + result.run.usage
                else:
                    report.failed += 1
                    report.failures[result.code] += 1
                    report.usage = report.usage + result.usage
                if on_result:
                    on_result(item.id, result)
    return report
