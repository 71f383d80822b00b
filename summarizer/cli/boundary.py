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
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer

from summarizer.cli.console import error_line, stderr
from summarizer.cli.help import Group
from summarizer.errors import FileProblem, Interrupted, SummarizerError


def usage_message(exc: typer.TyperException) -> str:
    """A usage error as one line, pointing at the command's --help."""
    context = getattr(exc, "ctx", None)
    where = f" (see '{context.command_path} --help')" if context is not None else ""
    message = " ".join(exc.format_message().split()).replace("Value error, ", "")  # typer's pydantic wording
    return message + where if message else ""


def internal_error(exc: BaseException) -> SummarizerError:
    message = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
    return SummarizerError(f"internal error (a bug; please report it): {message}")


@contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM unwinds like Ctrl-C (``finally`` clauses run: a batch's output closed, a local server stopped),
    and ends in exit 143; Python's default action would kill the process where it stands."""
    if threading.current_thread() is not threading.main_thread():  # handlers belong to the main thread
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


class Boundary(Group):
    """The root group: parses, runs, and turns every outcome into an exit code (see the module docstring)."""

    def invoke(self, ctx: Any) -> Any:
        """Run the chosen command; our errors, Ctrl-C and surprises become a message and an exit code."""
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise  # the command's own exit, or a usage error for main() to word
        except SummarizerError as exc:
            error_line(str(exc))
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt as exc:  # Ctrl-C, or SIGTERM (see terminate_as_interrupt)
            signum = exc.signum if isinstance(exc, Interrupted) else signal.SIGINT
            stderr.print("terminated" if signum == signal.SIGTERM else "interrupted")
            raise typer.Exit(128 + signum) from None
        except OSError as exc:
            error_line(str(FileProblem.from_os_error(exc)))
            raise typer.Exit(FileProblem.exit_code) from None
        except Exception as exc:
            failure = internal_error(exc)
            error_line(str(failure))
            raise typer.Exit(failure.exit_code) from None

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
            with terminate_as_interrupt():
                result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else 0
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
