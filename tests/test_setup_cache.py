"""scripts/lib/cached_build.sh: the llama.cpp build cache that concurrent `setup.sh` runs share.

Two set-ups started 9 s apart once built into the same folder and one removed the other's files; the loser
went on to `pip install` a folder. These run the real locking function with a stub build (a few seconds,
not a compile): concurrent callers build once and all get the finished file, a failed or empty build caches
nothing and stops its caller, an interrupted build leaves nothing, and a dead run's leftovers are cleared.
"""

from __future__ import annotations

import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parent.parent / "scripts" / "lib" / "cached_build.sh"

pytestmark = pytest.mark.skipif(shutil.which("flock") is None, reason="needs flock (util-linux)")

SCRIPT = """
set -euo pipefail
shopt -s inherit_errexit
source {lib}
ok() {{  # a stand-in for a compile: slow enough for the other caller to arrive while it runs
  echo "$BASHPID" >> {root}/builds
  sleep {seconds}
  echo wheel > "$1/thing-1.0-py3-none-any.whl"
}}
fails_midway() {{ false; echo wheel > "$1/thing-1.0-py3-none-any.whl"; }}
leaves_nothing() {{ echo "built, but elsewhere"; }}
cached_build {root}/cache/x86 "thing-1.0-*.whl" "$1"
echo "path=$CACHED_PATH"
echo "after the build: the caller goes on"
"""


def script(root: Path, seconds: float = 2) -> Path:
    path = root / "caller.sh"
    path.write_text(SCRIPT.format(lib=LIB, root=root, seconds=seconds), encoding="utf-8")
    return path


def run(caller: Path, build: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(caller), build], capture_output=True, text=True, timeout=60)


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in (root / "cache").iterdir() if ".tmp" in p.name)


def test_concurrent_callers_build_once_and_share_the_file(tmp_path: Path) -> None:
    caller = script(tmp_path)
    first = subprocess.Popen(["bash", str(caller), "ok"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(0.5)  # the second arrives while the first is building, as the two set-ups 9 s apart did
    second = run(caller, "ok")
    out, err = first.communicate(timeout=60)
    assert first.returncode == 0, err
    assert second.returncode == 0, second.stderr
    wheel = tmp_path / "cache" / "x86" / "thing-1.0-py3-none-any.whl"
    assert f"path={wheel}" in out and f"path={wheel}" in second.stdout
    assert wheel.read_text() == "wheel\n"
    assert len((tmp_path / "builds").read_text().split()) == 1  # one build, not two
    assert "waiting for it" in second.stderr
    assert leftovers(tmp_path) == []


def test_a_cached_file_is_used_without_building(tmp_path: Path) -> None:
    caller = script(tmp_path, seconds=0)
    assert run(caller, "ok").returncode == 0
    again = run(caller, "fails_midway")  # would fail if it built
    assert again.returncode == 0
    assert len((tmp_path / "builds").read_text().split()) == 1


@pytest.mark.parametrize("build", ["fails_midway", "leaves_nothing"])
def test_a_failed_build_caches_nothing_and_stops_the_caller(tmp_path: Path, build: str) -> None:
    result = run(script(tmp_path), build)
    assert result.returncode != 0
    assert "the caller goes on" not in result.stdout  # set -e stops setup.sh here, not at `pip install <folder>`
    assert not (tmp_path / "cache" / "x86").exists() or not any((tmp_path / "cache" / "x86").iterdir())
    assert leftovers(tmp_path) == []


def test_an_interrupted_build_leaves_nothing_and_stops_its_children(tmp_path: Path) -> None:
    caller = script(tmp_path, seconds=30)
    process = subprocess.Popen(["bash", str(caller), "ok"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not (tmp_path / "builds").exists():
        time.sleep(0.1)
    builder = int((tmp_path / "builds").read_text().split()[0])
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=10) == 143
    time.sleep(0.3)
    assert not Path(f"/proc/{builder}").exists()  # the build's process group was stopped with it
    assert leftovers(tmp_path) == []
    assert not (tmp_path / "cache" / "x86").exists()


def test_a_dead_runs_leftovers_are_cleared(tmp_path: Path) -> None:
    stale = tmp_path / "cache" / "x86.tmp.abc123"
    stale.mkdir(parents=True)
    (stale / "thing-1.0-py3-none-any.whl").write_text("half a wheel")
    (tmp_path / "cache" / "x86.tmp").mkdir()  # the old layout's shared folder
    result = run(script(tmp_path, seconds=0), "ok")
    assert result.returncode == 0, result.stderr
    assert leftovers(tmp_path) == []
    assert (tmp_path / "cache" / "x86" / "thing-1.0-py3-none-any.whl").read_text() == "wheel\n"
