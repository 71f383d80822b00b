"""Where the CLI writes: results on stdout, everything else (messages, progress, logs) on stderr."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from rich.console import Console
from rich.text import Text

if TYPE_CHECKING:  # rich.progress loads when a bar is drawn, not for --help
    from rich.progress import Progress


def _results_width() -> int | None:
    """A terminal's own width (or $COLUMNS); in a CI log or a pipe, where rich would assume 80 columns and cut
    the gate table's cells to "succe…", wide enough for every cell."""
    if os.environ.get("COLUMNS", "").isdigit() or sys.stdout.isatty():
        return None
    return 160


stderr = Console(stderr=True, soft_wrap=True)  # messages stay whole lines, for logs and grep
stdout = Console(width=_results_width())


def progress_bar(*, transient: bool = False, auto_refresh: bool = True) -> Progress:
    """The one progress bar style: description, bar, done/total, elapsed; on stderr. ``auto_refresh=False``: no
    refreshing thread (redrawn on each update with ``refresh=True``), for a command that forks."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    return Progress(*columns, console=stderr, transient=transient, auto_refresh=auto_refresh)


def error_line(message: str, *, label: str = "error") -> None:
    """``error: <message>`` on stderr (the message is text, never markup)."""
    style = "bold red" if label == "error" else "bold yellow"
    stderr.print(Text(f"{label}: ", style=style) + Text(message), highlight=False, soft_wrap=True)


def note(message: str, style: str = "yellow", prefix: str = "note: ") -> None:
    stderr.print(Text(prefix, style=style) + Text(message), highlight=False, soft_wrap=True)


@contextmanager
def counting(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr fed (done, total); it appears once work starts (never for a refused run)."""
    progress = progress_bar()
    task = progress.add_task(description, total=None)

    def update(done: int, total: int) -> None:
        if not progress.live.is_started:
            progress.start()
        progress.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if progress.live.is_started:
            progress.stop()


_verbosity = 0
# Other libraries' loggers: their request lines and retries show from -vv (ours, "summarizer", from -v).
_CHATTY = ("httpx", "httpcore", "openai", "instructor", "urllib3", "filelock")


def configure_logging(verbosity: int) -> None:
    """Logs go to stderr so stdout stays the result: -v shows our steps, -vv every request and debug detail."""
    from rich.logging import RichHandler

    global _verbosity
    _verbosity = verbosity
    level = logging.WARNING if verbosity == 0 else logging.INFO if verbosity == 1 else logging.DEBUG
    handler = RichHandler(console=stderr, show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=level, format="%(name)s: %(message)s", handlers=[handler], force=True)
    for name in _CHATTY:
        logging.getLogger(name).setLevel(logging.DEBUG if verbosity >= 2 else logging.WARNING)
    # instructor logs every failed attempt at ERROR; we report failures ourselves, once (shown from -vv).
    logging.getLogger("instructor").setLevel(logging.DEBUG if verbosity >= 2 else logging.CRITICAL)


def more_verbose(count: int) -> None:
    """``summarizer CMD -v``: the command's own -v adds to the group's (``summarizer -v CMD``)."""
    if count:
        configure_logging(_verbosity + count)
