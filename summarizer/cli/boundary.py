"""The CLI's one error boundary: every failure ends as one line on stderr and a documented exit code.

:class:`Boundary` is the top command group's class. It runs the command line with click's standalone
mode off, so nothing reaches typer's own printing: usage errors (a bad flag, a missing argument, a value
outside its choices) become ``error: <what> (see 'summarizer CMD --help')``, exit 2; our errors print their
message and exit with their code; Ctrl-C exits 130 and SIGTERM 143 (after cleanup); an OSError is a file
problem (exit 3, naming the path); anything else is an internal error, still one line, never a traceback.
"""

from __future__ import annotations

import signal
import sys
from collections.abc import Sequence
from typing import Any

import typer

from summarizer.cli import interrupts
from summarizer.cli.console import error_line, stderr
from summarizer.cli.help import Group
from summarizer.errors import FileProblem, SummarizerError


def usage_message(exc: typer.TyperException) -> str:
    """A usage error as one line, pointing at the command's --help."""
    context = getattr(exc, "ctx", None)
    where = f" (see '{context.command_path} --help')" if context is not None else ""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")  # typer's pydantic wording
    return message + where if message else ""


def internal_error(exc: BaseException) -> SummarizerError:
    message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return SummarizerError(f"internal error (a bug; please report it): {message}")


def interrupted(signum: int) -> typer.Exit:
    """A signal's one line (once: a copy that arrives while the command ends is not news); exit 128 + its
    number (130 for Ctrl-C, 143 for SIGTERM)."""
    if interrupts.disarm():
        stderr.print("terminated" if signum == signal.SIGTERM else "interrupted")
    return typer.Exit(128 + signum)


class Boundary(Group):
    """The root group: parses, runs, and turns every outcome into an exit code (see the module docstring)."""

    def invoke(self, ctx: Any) -> Any:
        """Run the chosen command; our errors, Ctrl-C and surprises become a message and an exit code."""
        try:
            result = super().invoke(ctx)
        except BaseException as exc:  # a signal wins, whatever it became on its way out (interrupts.py)
            signum = interrupts.received() or interrupts.signal_of(exc)
            if signum is not None:
                raise interrupted(signum) from None
            if isinstance(exc, (typer.Exit, typer.Abort, typer.TyperException)) or not isinstance(exc, Exception):
                raise  # the command's own exit, a usage error for main() to word, SystemExit
            raise self.exit_for(exc) from None
        signum = interrupts.received()
        if signum is not None:  # the handler's exception was lost, and the command finished regardless
            raise interrupted(signum)
        return result

    @staticmethod
    def exit_for(exc: Exception) -> typer.Exit:
        """Our errors print their message and exit with their code; an OSError is a file problem (exit 3,
        naming the path); anything else is an internal error."""
        if isinstance(exc, SummarizerError):
            failure = exc
        elif isinstance(exc, OSError):
            failure = FileProblem.from_os_error(exc)
        else:
            failure = internal_error(exc)
        error_line(str(failure), label="partial" if failure.code == "partial" else "error")  # partial: it was written
        return typer.Exit(failure.exit_code)

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Parse and run; exit with the code (standalone, as the console script and CliRunner run it) or return it."""
        try:
            with interrupts.raising_signals():
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
                code = result if isinstance(result, int) else 0
                signum = interrupts.received()
                if signum is not None:  # also while parsing, where typer makes any signal exit 130, silently
                    code = interrupted(signum).exit_code
        except typer.TyperException as exc:  # click's usage errors: bad option, missing argument, bad choice
            message = usage_message(exc)
            if message:  # (none after no_args_is_help: the help was the answer)
                error_line(message)
            code = getattr(exc, "exit_code", 2)
        except typer.Abort:
            stderr.print("aborted")
            code = 1
        if standalone_mode:
            sys.exit(code)
        return code
