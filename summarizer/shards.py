"""Many articles over several worker processes, for when one core is the limit.

``asummarize_many`` runs every request on one event loop, so validating answers (grounding, quote repair, the
claim checker: a few ms of CPU each) shares one core with the HTTP work; at high concurrency that core is the
limit. ``summarize_many_sharded`` spreads the articles over ``processes`` workers, each running
``asummarize_many`` on its own long-lived loop with its share of the concurrency, and gathers the results in
input order (``on_result`` as each batch of them arrives). The workers are started once (``spawn``: nothing of
this process's threads or loops is inherited) and kept for the next call; ``shutdown`` stops them.

Measured by ``bench/overhead.py`` (the ``--processes`` rows) against the single-loop path in the same run.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import multiprocessing
import threading
from collections.abc import Sequence

from summarizer.api import ItemError, ResultCallback, refuse_single_string
from summarizer.prompts import DEFAULT_VERSION
from summarizer.schema import Digest, Language
from summarizer.settings import ProviderSettings

ITEMS_PER_TASK = 32  # per unit of a worker's concurrency: streams results, and only each task's tail runs below it

_lock = threading.Lock()
_pool: concurrent.futures.ProcessPoolExecutor | None = None
_pool_size = 0


def _executor(processes: int) -> concurrent.futures.ProcessPoolExecutor:
    global _pool, _pool_size
    with _lock:
        if _pool is None or _pool_size != processes:
            if _pool is not None:
                _pool.shutdown(wait=False, cancel_futures=True)
            _pool = concurrent.futures.ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("spawn"))
            _pool_size = processes
        return _pool


def shutdown() -> None:
    """Stop the worker processes (at exit; also for tests)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown)


def _work(
    items: list[tuple[int, str]], language: Language, settings: ProviderSettings, prompt_version: str, concurrency: int
) -> list[tuple[int, ItemError | str]]:
    """In a worker: summarise ``items`` on the worker's long-lived loop (its HTTP clients reused across tasks).

    A digest comes back as its JSON (its class is the prompt version's schema variant, built at run time, which
    pickle cannot name); the parent reads it as a Digest without validating it again.
    """
    from summarizer import background
    from summarizer.api import asummarize_many

    texts = [text for _, text in items]
    results = background.run(
        asummarize_many(texts, language, settings=settings, prompt_version=prompt_version, concurrency=concurrency)
    )
    return [
        (index, result if isinstance(result, ItemError) else result.model_dump_json())
        for (index, _), result in zip(items, results, strict=True)
    ]


def summarize_many_sharded(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
    processes: int = 2,
    on_result: ResultCallback | None = None,
) -> list[Digest | ItemError]:
    """``summarize_many`` over ``processes`` worker processes, ``concurrency`` requests in flight in all."""
    refuse_single_string(texts)
    settings = settings or ProviderSettings.from_env()
    processes = max(1, min(processes, concurrency))
    share = max(1, concurrency // processes)
    pool = _executor(processes)
    indexed = list(enumerate(texts))
    size = max(1, min(share * ITEMS_PER_TASK, -(-len(indexed) // processes)))  # every worker gets a share
    futures = [
        pool.submit(_work, indexed[start : start + size], language, settings, prompt_version, share)
        for start in range(0, len(indexed), size)
    ]
    results: list[Digest | ItemError | None] = [None] * len(texts)
    for future in concurrent.futures.as_completed(futures):
        for index, answer in future.result():
            result = answer if isinstance(answer, ItemError) else Digest.model_validate_json(answer)
            results[index] = result
            if on_result is not None:
                on_result(index, result)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]
