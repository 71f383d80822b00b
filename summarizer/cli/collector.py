"""How a command uses Python's cyclic garbage collector (speed only, issue 23).

A command owns its process, so it may decide what the library must leave to its caller. Once the first article
is done the process holds ~300,000 long-lived objects (the openai SDK's types, pydantic schemas, the claim
checker's tables), and every full pass of the collector walks them again for no garbage: one ~0.2 s pass per ~100
articles in ``bench/overhead.py``'s loop (~2 of the ~11 ms of CPU an article costs), ~0.8 s of a 5 s
``summarizer eval``, and ~1 s more when the interpreter shuts down. So:
- a bounded run (one article, one replay of the eval suite) runs with the collector paused (``paused``);
- a batch freezes what is alive after its first article (``freeze_once``): later garbage is collected as usual;
- the console entry point freezes everything on its way out (``process``): nothing needs collecting then.
Called in-process (tests drive the app, not ``main``), a command pauses and restores the collector as found.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_frozen = False
_process_ends_after_command = False  # set by ``process``: the console entry point's own process


@contextmanager
def process() -> Iterator[None]:
    """The console entry point's whole run: on the way out, freeze what is alive (the interpreter's shutdown
    would otherwise walk it all again, ~1 s after an eval)."""
    global _process_ends_after_command
    _process_ends_after_command = True
    try:
        yield
    finally:
        gc.freeze()


def owns_process() -> bool:
    """Whether the console entry point runs this command in its own process (not a test driving the app): only
    then may it fork workers (``summarizer eval``'s replay split)."""
    return _process_ends_after_command


@contextmanager
def paused(pause: bool = True) -> Iterator[None]:
    """The collector paused for a run whose garbage is bounded (reference counting still frees the rest). In its
    own process a command ends after this: the collector stays off (switching it on would start a pass over
    everything the run made, just before ``process`` freezes it). Otherwise it is left as it was found."""
    if not pause:
        yield
        return
    if _process_ends_after_command:
        gc.disable()
        yield
        return
    from summarizer.claims.data_cache import collector_paused  # loads with the checker, which the run needs anyway

    with collector_paused():
        yield


def freeze_once() -> None:
    """After a batch's first article, in the command's own process: what is alive now lives as long as the
    process, so no pass of the collector need walk it again (``gc.freeze``); what is made later is collected as
    usual."""
    global _frozen
    if _process_ends_after_command and not _frozen:
        gc.freeze()
        _frozen = True
