"""Write files so a crash or an error never leaves a half-written one behind, and never replaces the wrong one.

Output paths are checked before any model call (:func:`check_output_path`): a result that cannot be
saved should not be paid for. Files are written beside their target and renamed over it
(:func:`atomic_write`), with the mode the user's umask gives new files (or the mode of the file replaced).
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Iterable
from pathlib import Path

from summarizer.errors import FileProblem


def cache_folder(env: str, name: str) -> Path | None:
    """``$env`` when set, else the ``name`` folder of the user cache (platformdirs); None when ``$env`` is ``off``:
    where a cache kept between processes lives."""
    override = os.environ.get(env)
    if override == "off":
        return None
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir("summarizer")) / name


def current_umask() -> int:
    """The process umask, read without changing it where the system allows (Linux), else swapped and restored."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def same_file(a: Path, b: Path) -> bool:
    """True when both paths name one file (also through a symlink, a hard link or ``..``)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_output_path(path: Path, *, inputs: tuple[Path, ...] = ()) -> Path:
    """Refuse, before any work, an output we could not or must not write; return the real path to write.

    Refused: a folder, a device or other non-regular file, a read-only file (never silently replaced),
    a missing or unwritable folder, and any of ``inputs`` (writing over the input loses it).
    """
    for source in inputs:
        if same_file(path, source):
            raise FileProblem(f"{path} is the input file {source}; choose another output file")
    target = path.resolve()  # write through a symlink to its file, never replace the link
    try:
        info = target.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None
    if info is not None:
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem(f"{path} is a folder; give a file name to write")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{path} is not a regular file; refusing to replace it")
        if not info.st_mode & 0o222 or not os.access(target, os.W_OK):
            raise FileProblem(f"{path} is read-only; refusing to replace it (make it writable or choose another name)")
    folder = target.parent
    if not folder.exists():
        raise FileProblem(f"cannot write {path}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise FileProblem(f"cannot write {path}: {folder} is not a folder")
    try:  # the only sure test that a file can be created there (permissions, read-only or pseudo file systems)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".probe")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise FileProblem(f"cannot write {path}: {exc.strerror or 'cannot create files'} in {folder}") from None
    return target


def atomic_write(path: Path, content: str | Iterable[bytes]) -> None:
    """Write ``content`` (a string, or byte chunks streamed one at a time) beside ``path``, then rename it over.

    The result has the mode of the file it replaces, or the umask's mode for a new file (mkstemp's
    0600 would hide results from the user's group). OSErrors become FileProblem naming ``path``.
    """
    target = path.resolve()
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = 0o666 & ~current_umask()
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(content, str):
                handle.write(content.encode("utf-8"))
            else:
                for chunk in content:
                    handle.write(chunk)
            os.fchmod(handle.fileno(), mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise FileProblem.from_os_error(exc, path) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
