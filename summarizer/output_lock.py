"""One writer per batch output file, whatever path names it.

The lock is an exclusive ``flock`` on the output file itself, so it keys on the file's identity (device and
inode): a second run is refused whether it names the file by the same path, through ``..``, a symlink or a
hard link. No lock file is created beside the output, so none is left behind; the operating system
releases the lock when the process ends, however it ends (a killed run never blocks a rerun).

When the run rewrites the output (a torn last line dropped, error lines removed for a retry), the rewritten
file is a new inode: :meth:`OutputLock.follow` locks it too before the run writes on.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from summarizer.errors import BatchInUse, FileProblem


class OutputLock:
    """The lock a run holds on its output: the open descriptors whose ``flock`` is held, newest last."""

    def __init__(self, out_path: Path) -> None:
        self.path = out_path
        self._fds: list[int] = []

    def acquire(self) -> None:
        """Lock the file the path names now (creating it, empty, if missing); refuse if another run holds it."""
        for _ in range(10):  # the path may be renamed over between open and flock: lock what it names after
            fd = self._open()
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
                raise BatchInUse(f"{self.path} is being written by another batch run; wait for it to finish") from None
            if self._names(fd):
                self._fds.append(fd)
                return
            os.close(fd)
        raise BatchInUse(f"{self.path} keeps being replaced by another process; is another batch run writing it?")

    def follow(self) -> None:
        """After the output was replaced (rewritten beside it and renamed over): lock the new file too."""
        if self._fds and self._names(self._fds[-1]):
            return
        self.acquire()

    def release(self) -> None:
        while self._fds:
            os.close(self._fds.pop())  # closing the descriptor releases its flock

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o666)
        except OSError as exc:
            raise FileProblem.from_os_error(exc, self.path) from None

    def _names(self, fd: int) -> bool:
        """True while the path still names the file ``fd`` has open."""
        try:
            now = os.stat(self.path)
        except OSError:
            return False
        held = os.fstat(fd)
        return (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)


@contextmanager
def output_lock(out_path: Path) -> Iterator[OutputLock]:
    """Hold the output's lock for the block; a second run on the same file is refused at once (BatchInUse)."""
    lock = OutputLock(out_path)
    lock.acquire()
    try:
        yield lock
    finally:
        lock.release()
