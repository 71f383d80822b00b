"""Compiled regular expressions kept between processes (speed only, issue 23).

A fresh ``summarizer`` process compiles ~1,100 regular expressions (~530 of them as the claim checker's modules
load), ~0.2 s of CPU before anything is checked: parsing a pattern and turning it into the regex engine's code.
The code depends only on the pattern, its flags and the Python build, so the command line keeps it: what ``re``
would compile is looked up in a table read at start-up (``regex-<command>-<key>.marshal`` in the data cache
folder, ``$SUMMARIZER_DATA_CACHE``; ``off``: never), and the pattern object is made from the stored code directly.
A pattern met for the first time is compiled as before and its code is added to the table, written when the
process ends. Each command has a table of its own: ``summarizer --help`` compiles ~70 patterns, fewer than reading
``eval``'s ~1,100 would cost. Nothing else changes: a made pattern is the very object ``re`` compiles (equal code,
flags and groups: it is checked against ``re``'s own before its code is stored), and the cache is keyed by the
Python build and the regex compiler's version, so another Python never reads it. Anything unexpected (an
unreadable file, another ``re`` implementation) leaves ``re`` as it is.

Only the console entry point installs it (``summarizer.cli.main``): a program importing the package keeps its
``re`` untouched.
"""

from __future__ import annotations

import atexit
import hashlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

FORMAT = "1"
MAX_ENTRIES = 2_500  # a table grown past this keeps only the patterns its last process used
# A pattern built from a set («"|".join(words)») differs in every process (string hashing is randomised): ~3 of an
# eval's ~1,100 never hit. A table read whole is written again only for this many new patterns or more, so such
# patterns alone never rewrite it (nor grow it run after run).
MIN_NEW = 16
CACHE_ENV = "SUMMARIZER_DATA_CACHE"  # the data cache's folder (summarizer.claims.data_cache), or "off"

_installed: list[Any] = []  # the wrapper, once installed (tests uninstall it)


def _key() -> str:
    import _sre  # type: ignore[import-not-found]

    parts = (FORMAT, str(sys.hexversion), sys.version, str(_sre.MAGIC), str(_sre.CODESIZE), str(_sre.MAXREPEAT))
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def _entry(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re._compiler.compile`` hands ``_sre.compile`` after the pattern: its flags, code and groups."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    tree = _parser.parse(pattern, flags)
    code = _compiler._code(tree, flags)
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (flags | tree.state.flags, [int(c) for c in code], tree.state.groups - 1, groupindex, tuple(indexgroup))


class _Table:
    def __init__(self, path: Path, name: str) -> None:
        self.path = path
        self.name = name
        self.known: dict[tuple[str | bytes, int], tuple[Any, ...]] = {}
        self.used: set[tuple[str | bytes, int]] = set()
        self.added = 0
        self.read = False
        try:
            stored = marshal.loads(path.read_bytes())
            if isinstance(stored, dict):
                self.known, self.read = stored, True
        except Exception:  # absent, truncated or foreign: compile as before
            pass

    def write(self) -> None:
        if not self.added or (self.read and self.added < MIN_NEW):
            return
        keep = self.known
        if len(keep) > MAX_ENTRIES:
            keep = {k: v for k, v in keep.items() if k in self.used}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_name(f"{self.path.name}.{os.getpid()}.partial")
            partial.write_bytes(marshal.dumps(keep))
            os.replace(partial, self.path)  # whole or absent: a concurrent reader never sees half a file
            for old in self.path.parent.glob(f"regex-{self.name}-{'?' * 24}.marshal"):
                if old != self.path:
                    old.unlink(missing_ok=True)  # another Python's
        except (OSError, ValueError):
            pass  # a read-only cache is no reason to fail


def command_name(args: list[str]) -> str:
    """The table's name for a command line: its first word that is no option (``eval``, ``batch``), else ``main``."""
    word = next((a for a in args if not a.startswith("-")), "main")
    return word if re.fullmatch(r"[a-z][a-z0-9-]{0,30}", word) else "other"


def install(name: str = "main", folder: Path | None = None) -> bool:
    """Serve ``re``'s compiling from the table ``name`` in ``folder`` (default: the data cache's) for this process;
    False (nothing changed) when there is no folder or ``re`` is not CPython's 3.11+ compiler."""
    if _installed:
        return True
    try:
        import _sre
        from re import _compiler  # type: ignore[attr-defined]

        original = _compiler.compile
        make = _sre.compile
        debug = _compiler.SRE_FLAG_DEBUG
    except (ImportError, AttributeError):
        return False
    if folder is None:
        from summarizer.files import cache_folder

        folder = cache_folder(CACHE_ENV, "claims")
        if folder is None:
            return False
    table = _Table(folder / f"regex-{name}-{_key()}.marshal", name)

    def compile(p: Any, flags: int = 0) -> Any:
        if not isinstance(p, str | bytes) or flags & debug:
            return original(p, flags)
        key = (p, int(flags))
        table.used.add(key)
        entry = table.known.get(key)
        if entry is not None:
            try:
                return make(p, *entry)
            except Exception:  # a stored entry this build cannot take: compile it anew
                del table.known[key]
        compiled = original(p, flags)
        try:
            entry = _entry(p, int(flags))
            if make(p, *entry) == compiled:  # patterns compare by pattern, flags and code
                table.known[key] = entry
                table.added += 1
        except Exception:
            pass
        return compiled

    _compiler.compile = compile
    _installed.append((compile, original, table))
    atexit.register(table.write)
    return True


def uninstall() -> None:
    """Give ``re`` its own compiler back (tests); the table is written as at exit."""
    if not _installed:
        return
    _, original, table = _installed.pop()
    from re import _compiler  # type: ignore[attr-defined]

    _compiler.compile = original
    atexit.unregister(table.write)
    table.write()
