"""Batch files on disk: the input JSONL, the output JSONL, and their lines (shared by ``batch`` and ``batch_api``).

Input lines are ``{"id": ..., "text": ...}``; an id is a non-empty string or an integer and comes back
exactly as given, so results join back to the input. The input is checked whole first (:func:`read_batch`)
but held as one small record per article (its id and byte offset): a text is read when its turn comes
(:func:`article_text`). Output lines are ``{"id": ..., "ok": true, "digest": {...}}`` or ``{"id": ...,
"ok": false, "error": {...}}`` (:func:`result_line`); :func:`read_done` says which ids an output already
holds, dropping a line torn by a crash, repeated ids and (to retry them) error lines.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from summarizer.api import ItemError
from summarizer.errors import BatchInputError, FileProblem
from summarizer.files import atomic_write
from summarizer.inputs import undecodable_error, zero_byte_error
from summarizer.schema import Digest

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
            raise BatchInputError(str(zero_byte_error(head, source, f"a zero byte on line {number}")))
        yield number, offset, text
        offset += len(raw)


def read_batch(path: Path) -> list[BatchItem]:
    """Check the whole input; malformed lines and invalid ids become error items (never dropped, never renamed).

    Refused as a whole: a file that cannot be read (FileProblem, exit 3), one that is not UTF-8, holds no
    articles, repeats ids, or has no JSON object on any line (plain text, CSV: BatchInputError, exit 14).
    """
    items: list[BatchItem] = []
    objects = 0
    try:
        with path.open("rb") as handle:
            for number, offset, line in _lines(handle, str(path)):
                if line.strip():
                    item, is_object = _parse(number, offset, line, len(items))
                    items.append(item)
                    objects += is_object
    except FileNotFoundError:
        raise FileProblem(f"{path}: no such file") from None
    except IsADirectoryError:
        raise FileProblem(f"cannot read {path}: it is a folder, not a JSONL file") from None
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None
    if not items:
        raise BatchInputError(f'{path} holds no articles: expected one {{"id": ..., "text": ...}} per line')
    if not objects:
        raise BatchInputError(
            f"{path} is not JSONL: none of its {len(items):,} lines is a JSON object; expected one "
            '{"id": ..., "text": ...} per line'
        )
    duplicates = sorted(i for i, n in Counter(item.key for item in items).items() if n > 1)
    if duplicates:
        shown = ", ".join(duplicates[:10]) + (" ..." if len(duplicates) > 10 else "")
        raise BatchInputError(f"{path} repeats ids ({shown}); every article needs a unique id")
    return items


def _parse(number: int, offset: int, line: str, index: int) -> tuple[BatchItem, bool]:
    """The line's item, and whether the line is a JSON object at all."""
    fallback_id = f"line-{number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return _bad(fallback_id, offset, index, f"line {number} is not JSON: {exc.msg} (column {exc.colno})"), False
    if not isinstance(record, dict):
        return _bad(fallback_id, offset, index, f"line {number} is not a JSON object"), False
    if "id" not in record:
        return _bad(fallback_id, offset, index, f"line {number} has no 'id'"), True
    raw_id = record["id"]
    if not _valid_id(raw_id):
        message = f"line {number}: the id must be a non-empty string or an integer, not {_show(raw_id)}"
        return _bad(fallback_id, offset, index, message), True
    if not isinstance(record.get("text"), str):
        return _bad(raw_id, offset, index, f"line {number} has no string field 'text'"), True
    return BatchItem(raw_id, offset), True


def article_text(handle: BinaryIO, item: BatchItem) -> str:
    """The article of a checked line, read again from the input when its turn comes."""
    handle.seek(item.offset)
    text: str = json.loads(handle.readline().decode("utf-8-sig" if item.offset == 0 else "utf-8"))["text"]
    return text


def _bad(item_id: ItemId, offset: int, index: int, message: str) -> BatchItem:
    return BatchItem(item_id, offset, ItemError(index=index, code="bad_batch_line", message=message))


def _is_result(record: Any) -> bool:
    return isinstance(record, dict) and "id" in record and isinstance(record.get("ok"), bool)


@dataclass
class OutputScan:
    done: set[str] = field(default_factory=set)  # keys already answered
    failed: Counter[str] = field(default_factory=Counter)  # the error lines kept, by error code
    rewrite: bool = False  # a torn tail, a duplicate or an error to retry must go


def _kept_lines(out_path: Path, retry_errors: bool, scan: OutputScan) -> Iterator[bytes]:
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
            if not record["ok"]:
                error = record.get("error")
                scan.failed[str(error.get("code")) if isinstance(error, dict) else "error"] += 1
            yield raw if raw.endswith(b"\n") else raw + b"\n"


def scan_output(out_path: Path, retry_errors: bool) -> OutputScan:
    scan = OutputScan()
    for _ in _kept_lines(out_path, retry_errors, scan):
        pass
    return scan


def read_done(out_path: Path, retry_errors: bool) -> OutputScan:
    """What the output already holds; rewrites it without a torn last line, duplicates or the errors to
    retry (streamed, atomically). Call it holding the output lock."""
    scan = scan_output(out_path, retry_errors)
    if scan.rewrite:
        scan = OutputScan()
        atomic_write(out_path, _kept_lines(out_path, retry_errors, scan))
    return scan


def result_line(item: BatchItem, result: Digest | ItemError) -> str:
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
