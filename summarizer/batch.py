"""JSONL batches that survive crashes: every input id ends with exactly one output line.

Input and output lines are described in :mod:`summarizer.batch_io`. Each result is appended and flushed
as its article finishes, then released (memory stays flat however long the batch); the articles run on the
library's concurrency core (:mod:`summarizer.concurrency`: at most ``concurrency`` in flight, sharded shared
clients closed with the loop). A rerun reads the output first and skips ids already there (and, with
``retry_errors``, retries the failed ones); a line cut short by a crash is dropped and redone.

Safety: the output may not be the input (same file by any path), is locked against a second run for as
long as this one writes it (:mod:`summarizer.output_lock`), must be a batch output if it already exists,
and is checked before any model call.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from summarizer.api import ItemError, asummarize
from summarizer.batch_io import BatchItem, ItemId, article_text, read_batch, read_done, result_line, scan_output
from summarizer.client import shared_clients
from summarizer.concurrency import bounded
from summarizer.errors import BatchInputError, FileProblem, SummarizerError
from summarizer.files import check_output_path, same_file
from summarizer.output_lock import output_lock
from summarizer.prompts import get_version
from summarizer.schema import Digest, Language, Usage
from summarizer.settings import ProviderSettings

__all__ = ["BatchItem", "BatchReport", "ItemId", "read_batch", "run_batch"]


@dataclass
class BatchReport:
    total: int
    skipped: int = 0
    succeeded: int = 0
    failed: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # this run's error lines, by code
    failures_before: Counter[str] = field(default_factory=Counter)  # error lines kept from an earlier run
    usage: Usage = field(default_factory=Usage)  # tokens spent by this run, failed items included

    @property
    def failed_before(self) -> int:
        """Error lines kept from an earlier run (not retried without ``retry_errors``)."""
        return self.failures_before.total()

    @property
    def complete_with_failures(self) -> bool:
        return bool(self.failed or self.failed_before)


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
    scan_output(out_path, retry_errors)  # refuse a foreign file before the lock creates or opens it
    with output_lock(out_path) as lock:
        scan = read_done(out_path, retry_errors)
        lock.follow()  # a repair replaced the file: hold the new one too
        report = BatchReport(total=len(items), failures_before=scan.failed)
        done = scan.done
        todo = [item for item in items if item.key not in done]
        del items, scan, done
        report.skipped = report.total - len(todo)
        if on_start:
            on_start(len(todo))
        clients = await shared_clients(settings, concurrency)

        async def work(item: BatchItem, n: int) -> Digest | ItemError:
            if item.problem is not None:
                return item.problem
            try:
                text = article_text(source, item)
                client = clients[n % len(clients)]
                return await asummarize(text, language, settings=settings, prompt_version=prompt_version, client=client)
            except Exception as exc:
                return ItemError.from_exception(0, exc)

        try:
            source = in_path.open("rb")
            handle = out_path.open("a", encoding="utf-8")
        except OSError as exc:
            raise FileProblem.from_os_error(exc, exc.filename) from None
        with source, handle:
            async for item, result in bounded(todo, concurrency, work):
                try:
                    handle.write(result_line(item, result))
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
