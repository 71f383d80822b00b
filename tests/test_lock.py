"""requirements/lock.txt pins every dependency pyproject.toml names (regenerate it as its header says)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _name(requirement: str) -> str:
    return re.split(r"[\[<>=!~; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_the_lock_pins_every_declared_dependency_and_the_local_wheel_version() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = list(project["dependencies"])
    for extra in ("eval", "dev", "local"):
        declared += project["optional-dependencies"][extra]
    lines = (ROOT / "requirements" / "lock.txt").read_text(encoding="utf-8").splitlines()
    pins = dict(line.split("#")[0].strip().split("==") for line in lines if "==" in line.split("#")[0])
    missing = {_name(r) for r in declared if not r.startswith("summarizer")} - set(pins)
    assert not missing, f"not in requirements/lock.txt: {sorted(missing)}"
    assert not any("--hash" in line for line in lines)  # the locally built llama-cpp-python wheel must match
    local = next(r for r in project["optional-dependencies"]["local"] if _name(r) == "llama-cpp-python")
    assert local.endswith("==" + pins["llama-cpp-python"])
