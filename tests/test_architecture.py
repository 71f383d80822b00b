"""docs/architecture.md's layer table is the import contract: every module sits in one layer, imports only its
own layer and layers of a lower rank (imports inside functions included), and no chain of imports is a circle."""

from __future__ import annotations

import ast
import fnmatch
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "summarizer"
DOC = ROOT / "docs" / "architecture.md"


def _section(name: str) -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(f"<!-- {name}:begin -->(.*?)<!-- {name}:end -->", text, re.S)
    assert found, f"docs/architecture.md has no {name} section"
    rows = [line.strip().strip("|").split("|") for line in found.group(1).strip().splitlines()[2:]]
    return [[cell.strip() for cell in row] for row in rows]


def _names(cell: str) -> list[str]:
    return re.findall(r"`([^`]+)`", cell)


def layers() -> list[tuple[int, str, list[str]]]:
    return [(int(rank), layer, _names(modules)) for rank, layer, modules, _ in _section("layers")]


def exceptions() -> set[tuple[str, str]]:
    return {(_names(a)[0], _names(b)[0]) for a, b, _ in _section("exceptions")}


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(name: str, path: Path, known: dict[str, Path]) -> Iterator[str]:
    """Every module of ours ``name`` imports, wherever the import sits (top level, function, TYPE_CHECKING)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name in known)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                base = ".".join(
                    [*package.split(".")[: len(package.split(".")) - node.level + 1], *filter(None, [base])]
                )
            if not base.startswith("summarizer"):
                continue
            for alias in node.names:
                yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base


def rank_of(name: str, table: list[tuple[int, str, list[str]]]) -> list[int]:
    return [rank for rank, _, patterns in table if any(fnmatch.fnmatchcase(name, p) for p in patterns)]


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {dep for dep in imports(name, path, known) if dep != name} for name, path in known.items()}


def test_every_module_sits_in_exactly_one_layer() -> None:
    table = layers()
    misplaced = {name: rank_of(name, table) for name in modules() if len(rank_of(name, table)) != 1}
    assert misplaced == {}, "place each module in one layer of docs/architecture.md"


def test_no_module_imports_a_layer_below_its_own() -> None:
    table, allowed = layers(), exceptions()
    rank = {name: ranks[0] for name in modules() if len(ranks := rank_of(name, table)) == 1}  # placement: above
    downward = sorted(
        f"{name} ({rank[name]}) -> {dep} ({rank[dep]})"
        for name, deps in graph().items()
        for dep in deps
        if name in rank and dep in rank and rank[dep] > rank[name] and (name, dep) not in allowed
    )
    assert downward == []


def test_no_circles() -> None:
    allowed = exceptions()
    edges = {name: {d for d in deps if (name, d) not in allowed} for name, deps in graph().items()}
    circles = []
    for start in edges:  # depth-first search for a path back to start
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in edges.get(node, ()):
                if nxt == start:
                    circles.append(" -> ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert circles == []


def test_each_named_exception_still_exists() -> None:
    """A fixed exception must leave the list, or the contract would quietly allow it again."""
    edges = graph()
    assert [pair for pair in exceptions() if pair[1] not in edges.get(pair[0], set())] == []


def test_the_checks_see_hidden_imports(tmp_path: Path) -> None:
    source = "def f() -> None:\n    from summarizer.evals.runner import run_eval\n"
    (tmp_path / "m.py").write_text(source, encoding="utf-8")
    known = modules()
    assert list(imports("summarizer.m", tmp_path / "m.py", known)) == ["summarizer.evals.runner"]
