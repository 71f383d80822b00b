from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.errors import FileProblem
from summarizer.files import atomic_write, check_output_path


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    yield
    os.umask(previous)


@pytest.mark.parametrize(("mask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path: Path, umask: None, mask: int, mode: int) -> None:
    os.umask(mask)
    target = tmp_path / "out.json"
    atomic_write(target, "{}\n")
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8") == "{}\n"


def test_a_replaced_file_keeps_its_mode_and_a_symlink_stays_a_symlink(tmp_path: Path, umask: None) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write(check_output_path(link), "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]  # no temporary file left


def test_streamed_content_and_failures_leave_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    atomic_write(target, iter([b"a\n", b"b\n"]))
    assert target.read_bytes() == b"a\nb\n"

    def broken() -> Iterator[bytes]:
        yield b"partial"
        raise OSError(28, "No space left on device")

    with pytest.raises(FileProblem, match="No space left on device"):
        atomic_write(target, broken())
    assert target.read_bytes() == b"a\nb\n"  # the old content survives a failed write
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.jsonl"]
