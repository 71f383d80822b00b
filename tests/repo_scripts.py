"""Load one of the repository's scripts (``scripts/``, ``bench/``, ``evals/claims_bench/``) as a module: none of
those folders is a package, so the tests that call a script's functions share this loader."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType


def load_script(path: Path, name: str | None = None) -> ModuleType:
    """The script at ``path``, executed as a fresh module named ``name`` (default: its file name)."""
    spec = importlib.util.spec_from_file_location(name or path.stem, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
