"""docs/exit-codes.md is the code's exit-code table; every command's --help shows its rows."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest
from typer.testing import CliRunner

import summarizer
from summarizer.cli import app
from summarizer.cli.exit_codes import COMMANDS, ERROR_MODULES, error_classes, markdown, table
from summarizer.errors import SummarizerError
from tests.conftest import ROOT

runner = CliRunner()


def test_the_page_is_generated_from_the_code() -> None:
    page = (ROOT / "docs" / "exit-codes.md").read_text(encoding="utf-8")
    assert page == markdown(), "regenerate: python -m summarizer.cli.exit_codes > docs/exit-codes.md"


def test_every_error_class_in_the_package_is_on_the_page() -> None:
    """Import every module (those whose optional extra is missing aside): no error class is left off the table."""
    for module in pkgutil.walk_packages(summarizer.__path__, "summarizer."):
        if module.name.endswith("__main__"):
            continue  # it runs the command line
        try:
            importlib.import_module(module.name)
        except ImportError:
            continue
    everything = {(c.exit_code, c.code) for c in error_classes()}
    listed = {(r.exit, r.code) for r in table(ERROR_MODULES)}
    assert everything <= listed, f"add their modules to ERROR_MODULES: {sorted(everything - listed)}"
    names = {c.__name__ for c in error_classes(ERROR_MODULES)}
    assert not [r for r in table(ERROR_MODULES) if r.meaning in names], "every error class needs a docstring"


def test_every_class_has_its_own_code_and_exit_code() -> None:
    for cls in error_classes(ERROR_MODULES):
        assert isinstance(cls.exit_code, int) and re.fullmatch(r"[a-z_]+", cls.code), cls
    assert issubclass(SummarizerError, Exception)


def _commands() -> list[str]:
    from typer.main import get_command

    root = get_command(app)
    names: list[str] = []
    for name, command in root.commands.items():  # type: ignore[attr-defined]
        names.append(name)
        for sub, child in getattr(command, "commands", {}).items():
            if not child.hidden:
                names.append(f"{name} {sub}")
    return names


def test_every_command_is_in_the_table() -> None:
    assert set(_commands()) - {"batch"} == set(COMMANDS)


@pytest.mark.parametrize("command", ["", *COMMANDS, "batch"])
def test_every_help_ends_with_its_exit_codes(command: str) -> None:
    result = runner.invoke(app, [*command.split(), "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    panel = result.stdout.split("Exit codes")[-1]
    assert "Exit codes" in result.stdout
    for code in COMMANDS.get(command, ()):
        assert re.search(rf"│\s+{code}\s+\w+", panel), (command, code)
