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
from collections import Counter, deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.api import ItemError, asummarize
from summarizer.client import make_async_client
from summarizer.errors import BatchInputError, FileProblem, SummarizerError
from summarizer.files import atomic_write, check_output_path, same_file
from summarizer.inputs import undecodable_error
from summarizer.output_lock import output_lock
from summarizer.prompts import get_version
from summarizer.schema import Digest, Language, Usage
from summarizer.settings import ProviderSettings

ItemId = str | int


@dataclass(frozen=True)
class BatchItem:
    """One input line: its id as written (an integer stays an integer), and where to read its text.

    The text itself is read when the article's turn comes, so a batch holds one small record per
    article, never the whole input.
    """

    id: ItemId
    offset: int  # byte offset of the line in the input file
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


def _lines(handle: BinaryIO, source: str) -> Iterator[tuple[int, int, str]]:
    """(line number, byte offset, text) for each line; a file that is not UTF-8 is refused as a whole.

    Lines end at "\\n" only (JSON strings may hold U+2028 and friends, which str.splitlines would split on).
    """
    head = handle.read(4096)
    handle.seek(0)
    offset = 0
    for number, raw in enumerate(handle, start=1):
        try:
            text = raw.decode("utf-8-sig" if offset == 0 else "utf-8")
        except UnicodeDecodeError as exc:
            where = f"line {number}, byte {offset + exc.start}: {raw[exc.start : exc.start + 4]!r}"
            raise BatchInputError(str(undecodable_error(head, source, where))) from None
        if "\x00" in text:
            raise BatchInputError(str(undecodable_error(head, source, f"a zero byte on line {number}")))
        yield number, offset, text
        offset += len(raw)


def read_batch(path: Path) -> list[BatchItem]:
    """Check the whole input; malformed lines and invalid ids become error items (never dropped, never renamed)."""
    items: list[BatchItem] = []
    try:
        with path.open("rb") as handle:
            for number, offset, line in _lines(handle, str(path)):
                if line.strip():
                    items.append(_parse(number, offset, line, len(items)))
    except IsADirectoryError:
        raise BatchInputError(f"cannot read {path}: it is a folder, not a JSONL file") from None
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}") from None
    if not items:
        raise BatchInputError(f'{path} holds no articles: expected one {{"id": ..., "text": ...}} per line')
    duplicates = sorted(i for i, n in Counter(item.key for item in items).items() if n > 1)
    if duplicates:
        shown = ", ".join(duplicates[:10]) + (" ..." if len(duplicates) > 10 else "")
        raise BatchInputError(f"{path} repeats ids ({shown}); every article needs a unique id")
    return items


def _parse(number: int, offset: int, line: str, index: int) -> BatchItem:
    fallback_id = f"line-{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(fallback_id, offset, index, f"line {number} is not JSON: {exc.msg}")
    if not isinstance(record, dict):
        return _bad(fallback_id, offset, index, f"line {number} is not a JSON object")
    if "id" not in record:
        return _bad(fallback_id, offset, index, f"line {number} has no 'id'")
    raw_id = record["id"]
    if not _valid_id(raw_id):
        message = f"line {number}: the id must be a non-empty string or an integer, not {_show(raw_id)}"
        return _bad(fallback_id, offset, index, message)
    if not isinstance(record.get("text"), str):
        return _bad(raw_id, offset, index, f"line {number} has no string field 'text'")
    return BatchItem(raw_id, offset)


def _text_of(handle: BinaryIO, item: BatchItem) -> str:
    """The article of a checked line, read again from the input when its turn comes."""
    handle.seek(item.offset)
    text: str = json.loads(handle.readline().decode("utf-8-sig" if item.offset == 0 else "utf-8"))["text"]
    return text


def _bad(item_id: ItemId, offset: int, index: int, message: str) -> BatchItem:
    return BatchItem(item_id, offset, ItemError(index=index, code="bad_batch_line", message=message))


def _is_result(record: Any) -> bool:
    return isinstance(record, dict) and "id" in record and isinstance(record.get("ok"), bool)


@dataclass
class _OutputScan:
    done: set[str] = field(default_factory=set)  # keys already answered
    failed: int = 0  # how many of them with an error line
    rewrite: bool = False  # a torn tail, a duplicate or an error to retry must go


def _kept_lines(out_path: Path, retry_errors: bool, scan: _OutputScan) -> Iterator[bytes]:
    """Stream the output's lines that stay, filling ``scan``; never holds more than one line.

    A file that is not a batch output is refused rather than rewritten: the user may have swapped
    the arguments or named the wrong file. Only a last line without its newline may be torn (a crash).
    """
    try:
        handle = out_path.open("rb")
    except FileNotFoundError:
        return
    except OSError as exc:
        raise FileProblem.from_os_error(exc, out_path) from None
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                scan.rewrite = True
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError):
                record = None
            if not raw.endswith(b"\n"):
                scan.rewrite = True  # the last line: torn by a crash unless it is whole
                if not _is_result(record):
                    continue  # dropped, the article is redone
            if not _is_result(record):
                raise BatchInputError(
                    f"{out_path} line {number} is not a batch result line; refusing to change a file that is not "
                    "a batch output (choose another output file)"
                )
            key = str(record["id"])
            if (retry_errors and not record["ok"]) or key in scan.done:
                scan.rewrite = True
                continue
            scan.done.add(key)
            scan.failed += not record["ok"]
            yield raw if raw.endswith(b"\n") else raw + b"\n"


def _scan_output(out_path: Path, retry_errors: bool) -> _OutputScan:
    scan = _OutputScan()
    for _ in _kept_lines(out_path, retry_errors, scan):
        pass
    return scan


def _read_done(out_path: Path, retry_errors: bool) -> _OutputScan:
    """What the output already holds; rewrites it without a torn last line, duplicates or the errors to
    retry (streamed, atomically). Call it holding the output lock."""
    scan = _scan_output(out_path, retry_errors)
    if scan.rewrite:
        scan = _OutputScan()
        atomic_write(out_path, _kept_lines(out_path, retry_errors, scan))
    return scan


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
    with output_lock(out_path) as lock:
        scan = _read_done(out_path, retry_errors)
        lock.follow()  # a repair replaced the file: hold the new one too
        report = BatchReport(total=len(items), failed_before=scan.failed)
        todo = deque(item for item in items if item.key not in scan.done)
        del items, scan
        report.skipped = report.total - len(todo)
        if on_start:
            on_start(len(todo))
        client = make_async_client(settings)

        async def work(item: BatchItem) -> Digest | ItemError:
            if item.problem is not None:
                return item.problem
            try:
                text = _text_of(source, item)
                return await asummarize(text, language, settings=settings, prompt_version=prompt_version, client=client)
            except Exception as exc:
                return ItemError.from_exception(0, exc)

        try:
            source = in_path.open("rb")
            handle = out_path.open("a", encoding="utf-8")
        except OSError as exc:
            raise FileProblem.from_os_error(exc, exc.filename) from None
        with source, handle:
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
