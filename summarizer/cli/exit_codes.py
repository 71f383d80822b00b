"""The exit codes of ``summarizer``, read from the error classes that carry them.

One table feeds ``--help`` (every command lists the codes it can exit with) and ``docs/exit-codes.md``
(written by ``python -m summarizer.cli.exit_codes > docs/exit-codes.md``; a test fails when the page and
the code disagree). An error class's exit code, its batch-line code and the first paragraph of its
docstring are the row: change the class, regenerate the page.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable
from dataclasses import dataclass

from summarizer import errors


@dataclass(frozen=True, order=True)
class ExitCode:
    exit: int
    code: str  # what an error line in a batch output carries (``error.code``), or a name for the others
    meaning: str


# Outcomes that are not errors of ours: success, the parser's usage errors, signals.
OUTSIDE_ERRORS = (
    ExitCode(0, "ok", "Success: every result asked for was written."),
    ExitCode(
        2,
        "bad_option",
        "A bad option or argument, caught by the parser (an unknown flag, a missing argument, a value outside "
        "its choices or range): one line naming the --help to read.",
    ),
    ExitCode(130, "interrupted", "Ctrl-C (SIGINT): cleanup ran; a batch rerun resumes where it stopped."),
    ExitCode(143, "terminated", "SIGTERM: cleanup ran; a batch rerun resumes where it stopped."),
)
# Modules that define error classes besides summarizer.errors (the docs page imports them; --help does not,
# to stay quick, and shows the rows of summarizer.errors).
ERROR_MODULES = ("summarizer.errors", "summarizer.models", "summarizer.evals.gate", "summarizer.evals.session")

# Which exit codes each command can end with.
_ANY = (0, 1, 2)
_SIGNALS = (130, 143)
COMMANDS: dict[str, tuple[int, ...]] = {
    "summarize": (*_ANY, 3, 5, 10, 11, 12, 13, 20, 21, 22, *_SIGNALS),
    "view": (*_ANY, 3, 12, 16),
    "batch run": (*_ANY, 3, 4, 5, 14, 15, *_SIGNALS),
    "batch export": (*_ANY, 3, 14, *_SIGNALS),
    "batch import": (*_ANY, 3, 4, 5, 14, 15, *_SIGNALS),
    "prompts": (0, 1),
    "serve-local": (*_ANY, 3, 21, *_SIGNALS),
    "models": (0, 1, 3),
    "models pull": (*_ANY, 3, *_SIGNALS),
    "eval": (*_ANY, 3, 30, 40, *_SIGNALS),
}


def _meaning(cls: type) -> str:
    """The first paragraph of the class's own docstring, on one line."""
    doc = inspect.getdoc(cls) if "__doc__" in vars(cls) and cls.__doc__ else ""
    return " ".join((doc or "").split("\n\n")[0].split()).replace("``", "`")


def error_classes(modules: Iterable[str] = ()) -> list[type[errors.SummarizerError]]:
    """Every SummarizerError subclass defined in ``summarizer.errors`` and ``modules`` (imported here)."""
    for name in modules:
        importlib.import_module(name)
    found: list[type[errors.SummarizerError]] = []
    todo: list[type[errors.SummarizerError]] = [errors.SummarizerError]
    while todo:
        cls = todo.pop(0)
        if cls not in found:
            found.append(cls)
            todo += cls.__subclasses__()
    return found


def table(modules: Iterable[str] = ()) -> list[ExitCode]:
    """The rows, by exit code: one per (exit code, error code); a subclass sharing its parent's pair is its parent's."""
    rows: dict[tuple[int, str], ExitCode] = {(r.exit, r.code): r for r in OUTSIDE_ERRORS}
    for cls in error_classes(modules):
        key = (cls.exit_code, cls.code)
        if key not in rows:
            rows[key] = ExitCode(cls.exit_code, cls.code, _meaning(cls) or cls.__name__)
    return sorted(rows.values(), key=lambda r: (r.exit, r.code != "ok", r.code))


def for_command(path: str) -> list[ExitCode]:
    """The rows a command (``summarize``, ``batch run``) can end with; for a group (``batch``, ``""`` for the
    whole program), those of its commands."""
    wanted = set(COMMANDS.get(path, ()))
    if not wanted:
        wanted = {code for name, codes in COMMANDS.items() if name.startswith(path) for code in codes}
    return [row for row in table() if row.exit in wanted]


def markdown() -> str:
    rows = table(ERROR_MODULES)
    lines = [
        "# Exit codes",
        "",
        "Generated from the error classes (`summarizer/errors.py` and the modules named in",
        "`summarizer/cli/exit_codes.py`) by `python -m summarizer.cli.exit_codes > docs/exit-codes.md`;",
        "`tests/test_exit_codes.py` fails when this page and the code disagree. `summarizer COMMAND --help` shows",
        "the rows of that command.",
        "",
        "Every failure is one line on stderr, `error: <what happened and what to do>`, and one of these exit codes.",
        "An article that fails in a batch is an error line in the output carrying the code of the second column",
        '(`{"id": ..., "ok": false, "error": {"code": ..., "message": ..., "attempts": ..., "usage": ...}}`); the',
        "batch goes on, and exits 4 at the end.",
        "",
        "| exit | code | meaning | commands |",
        "|---:|---|---|---|",
    ]
    previous = None
    for row in rows:
        commands = [name for name, codes in COMMANDS.items() if row.exit in codes]
        shown = "all" if len(commands) == len(COMMANDS) else ", ".join(f"`{c}`" for c in commands) or "none"
        if row.exit == previous:
            shown = "as above"
        previous = row.exit
        lines.append(f"| {row.exit} | `{row.code}` | {row.meaning.replace('|', '/')} | {shown} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
