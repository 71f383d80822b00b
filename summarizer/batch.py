"""JSONL batches that survive crashes: every input id ends with exactly one output line.

Input lines are ``{"id": ..., "text": ...}``. Output lines are
``{"id": ..., "ok": true, "digest": {...}}`` or ``{"id": ..., "ok": false, "error": {...}}``,
appended and flushed as each article finishes. A rerun reads the output first and
skips ids already there (and, with ``retry_errors``, retries the failed ones);
a line cut short by a crash is dropped and redone.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.api import ItemError, iter_summaries
from summarizer.errors import BatchInputError, UndecodableInput
from summarizer.files import atomic_write
from summarizer.inputs import decode_article
from summarizer.prompts import get_version
from summarizer.schema import Digest, Language
from summarizer.settings import ProviderSettings


@dataclass(frozen=True)
class BatchItem:
    id: str
    text: str | None
    problem: ItemError | None = None


@dataclass
class BatchReport:
    total: int
    skipped: int = 0
    succeeded: int = 0
    failed: int = 0
    failures: Counter[str] = field(default_factory=Counter)


def read_batch(path: Path) -> list[BatchItem]:
    """Parse the input; malformed lines become error items (never silently dropped)."""
    try:
        raw = path.read_bytes()
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
        raw_id = record.get("id", fallback_id)
        item_id = str(raw_id) if isinstance(raw_id, (str, int)) and str(raw_id) else fallback_id
        text = record.get("text")
        if not isinstance(text, str):
            items.append(_bad(item_id, len(items), f"line {number} has no string field 'text'"))
            continue
        items.append(BatchItem(item_id, text))
    duplicates = sorted(i for i, n in Counter(item.id for item in items).items() if n > 1)
    if duplicates:
        shown = ", ".join(duplicates[:10]) + (" ..." if len(duplicates) > 10 else "")
        raise BatchInputError(f"{path} repeats ids ({shown}); every article needs a unique id")
    return items


def _bad(item_id: str, index: int, message: str) -> BatchItem:
    return BatchItem(item_id, None, ItemError(index=index, code="bad_batch_line", message=message))


def _read_done(out_path: Path, retry_errors: bool) -> set[str]:
    """Ids already answered; rewrites the file without a torn last line (and without errors to retry)."""
    if not out_path.exists():
        return set()
    kept: list[str] = []
    done: set[str] = set()
    changed = False
    for line in out_path.read_text(encoding="utf-8", errors="replace").splitlines():
        try:
            record = json.loads(line)
            item_id = str(record["id"])
        except (json.JSONDecodeError, KeyError, TypeError):
            changed = True  # torn or foreign line: drop it, the article is redone
            continue
        if retry_errors and not record.get("ok"):
            changed = True
            continue
        if item_id in done:
            changed = True
            continue
        done.add(item_id)
        kept.append(line)
    if changed or (out_path.stat().st_size and not out_path.read_bytes().endswith(b"\n")):
        atomic_write(out_path, "".join(k + "\n" for k in kept))
    return done


def _line(item_id: str, result: Digest | ItemError) -> str:
    record: dict[str, Any]
    if isinstance(result, Digest):
        record = {"id": item_id, "ok": True, "digest": result.model_dump(mode="json")}
    else:
        record = {"id": item_id, "ok": False, "error": {"code": result.code, "message": result.message}}
    return json.dumps(record, ensure_ascii=False) + "\n"


async def run_batch(
    in_path: Path,
    out_path: Path,
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = "v1",
    concurrency: int = 4,
    retry_errors: bool = False,
    on_result: Callable[[str, Digest | ItemError], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BatchReport:
    """Summarise every not-yet-done article of ``in_path`` into ``out_path``."""
    items = read_batch(in_path)
    settings = settings or ProviderSettings.from_env()  # fail before touching the output
    get_version(prompt_version)
    done = _read_done(out_path, retry_errors)
    report = BatchReport(total=len(items))
    todo = [item for item in items if item.id not in done]
    report.skipped = len(items) - len(todo)
    if on_start:
        on_start(len(todo))

    def record(handle: Any, item: BatchItem, result: Digest | ItemError) -> None:
        handle.write(_line(item.id, result))
        handle.flush()
        if isinstance(result, Digest):
            report.succeeded += 1
        else:
            report.failed += 1
            report.failures[result.code] += 1
        if on_result:
            on_result(item.id, result)

    with out_path.open("a", encoding="utf-8") as handle:
        for item in todo:
            if item.problem is not None:
                record(handle, item, item.problem)
        runnable = [item for item in todo if item.problem is None]
        if runnable:
            async for index, result in iter_summaries(
                [item.text or "" for item in runnable],
                language,
                settings=settings,
                prompt_version=prompt_version,
                concurrency=concurrency,
            ):
                record(handle, runnable[index], result)
    return report
