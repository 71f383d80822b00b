"""The claim checker's built tables (gazetteer, English word list), kept between processes (speed only).

Building them is ~0.4 s of every fresh process that checks a claim: the gazetteer normalises ~27,000 Arabic
names from ``data/places.tsv.gz``, the word list unpickles and filters english-words' 215,000 words (issue 23:
a cold ``summarizer eval`` paid it every run). Built once, each is pickled to
``<user cache>/summarizer/claims/<name>-<key>.pickle`` and read back in a quarter of the time. The key hashes
everything the table is built from (the data files' bytes, the source of the modules that build it, library
versions, the Python version), so a changed input is another file, never a stale table; writing a table removes
its files of other keys (one per name is kept), and a file that cannot be read or written is ignored: the table
is built as before. ``$SUMMARIZER_DATA_CACHE``: a folder, or ``off``.
"""

from __future__ import annotations

import gc
import glob
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar, cast

from summarizer.files import cache_folder

T = TypeVar("T")
CACHE_ENV = "SUMMARIZER_DATA_CACHE"  # a folder, or "off"
FORMAT = "1"  # bump when what is stored changes shape without its inputs changing


@contextmanager
def collector_paused(pause: bool = True) -> Iterator[None]:
    """Pause Python's cyclic garbage collector while much long-lived data is made (speed only).

    Each of the collector's passes walks every young container; a table of 100,000 objects being read, or a
    replay loading the openai SDK's types and these tables, makes it walk the same growing heap again and again
    for no garbage (half of a table's read time; ~0.8 s of a 5 s ``summarizer eval``). Reference counting still
    frees everything else; the collector is left as it was found."""
    if not pause or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cache_dir() -> Path | None:
    """$SUMMARIZER_DATA_CACHE, else the user cache's ``claims`` folder; None when that variable is ``off``."""
    return cache_folder(CACHE_ENV, "claims")


def input_key(files: Sequence[Path], *extra: str) -> str:
    """A hash of the files' bytes and ``extra`` (versions, options): what a table is built from."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{'|'.join(extra)}".encode())
    for file in files:
        digest.update(file.name.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


def cached(name: str, key: str, build: Callable[[], T]) -> T:
    """What ``build()`` returns, read from the cache when it was built before from the same inputs (``key``).
    ``name`` says which table (no other table's name may be it plus ``-...``): its files of other keys go."""
    folder = cache_dir()
    if folder is not None:
        found = _read(folder / f"{name}-{key}.pickle", key)
        if found is not None:
            return cast(T, found[0])
    value = build()
    if folder is not None:
        _write(folder, name, key, value)
    return value


def _read(path: Path, key: str) -> tuple[object] | None:
    try:
        with path.open("rb") as file, collector_paused():
            stored_key, value = pickle.load(file)
    except Exception:  # absent, truncated or foreign (unpickling can raise almost anything): build it again
        return None
    return (value,) if stored_key == key else None


def _write(folder: Path, name: str, key: str, value: object) -> None:
    path = folder / f"{name}-{key}.pickle"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps((key, value), protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, path)  # whole or absent: a concurrent reader never sees half a file
        for old in folder.glob(f"{glob.escape(name)}-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)  # built from inputs that have changed since
    except OSError:
        pass  # a read-only cache is no reason to fail a check
