"""The one concurrency core: many articles through one provider, at most ``concurrency`` in flight.

``summarize_many`` / ``summarize_iter`` (a list of texts) and ``batch`` (a file of any length) both run on
:func:`bounded`: work is drawn from the iterable only as a slot frees up, so a batch of 100,000 articles
holds ``concurrency`` of them at a time, never a task per article; each result is yielded as it finishes
and then let go. The requests go out on the loop's shared clients, sharded at ``REQUESTS_PER_CLIENT``
requests each (``client.shared_clients``) and closed when the loop ends.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


async def bounded(
    items: Iterable[T], concurrency: int, work: Callable[[T, int], Awaitable[R]]
) -> AsyncIterator[tuple[T, R]]:
    """Run ``work(item, n)`` (``n`` counts items from 0, to pick a client shard) on at most ``concurrency`` items
    at once; yield ``(item, result)`` in finishing order. Leaving early (``break``, an error, cancellation)
    cancels the work still in flight."""
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    source = iter(enumerate(items))
    pending: set[asyncio.Task[tuple[T, R]]] = set()

    async def one(n: int, item: T) -> tuple[T, R]:
        return item, await work(item, n)

    def refill() -> None:
        while len(pending) < concurrency:
            nxt = next(source, None)
            if nxt is None:
                return
            pending.add(asyncio.create_task(one(*nxt)))

    try:
        refill()
        while pending:
            finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            refill()  # keep the slots full while the finished ones are handed out
            while finished:  # popped, so a finished result is not kept alive by this loop once handed out
                yield finished.pop().result()
    finally:
        for task in pending:
            task.cancel()
