"""How commands show themselves in --help: the command and group classes every command uses.

- typer's rich help labels on/off flags ``<bool>`` (``--local <bool>``), as if they took a value; these
  classes give flags an empty metavar instead, on the parameter objects themselves;
- after typer's panels, an "Exit codes" panel lists the codes the command can end with
  (:mod:`summarizer.cli.exit_codes`, the table docs/exit-codes.md is generated from).
"""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand, TyperGroup


def _plain_flags(params: list[Any]) -> list[Any]:
    for param in params:
        if (getattr(param, "is_flag", False) or getattr(param, "count", False)) and param.metavar is None:
            param.metavar = ""
    return params


def _print_exit_codes(ctx: Any) -> None:
    from rich import box
    from rich.console import Console
    from rich.panel import Panel
    from rich.table import Table

    from summarizer.cli.exit_codes import for_command

    path = " ".join(ctx.command_path.split()[1:])
    rows = Table.grid(padding=(0, 2))
    rows.add_column(justify="right", style="bold")
    rows.add_column(style="cyan")
    rows.add_column()
    for row in for_command(path):
        rows.add_row(str(row.exit), row.code, row.meaning)
    panel = Panel(rows, title="Exit codes", title_align="left", border_style="dim", box=box.ROUNDED)
    Console().print(panel)


class Command(TyperCommand):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        super().format_help(ctx, formatter)
        _print_exit_codes(ctx)


class Group(TyperGroup):
    def get_params(self, ctx: Any) -> list[Any]:
        return _plain_flags(super().get_params(ctx))

    def format_help(self, ctx: Any, formatter: Any) -> None:
        super().format_help(ctx, formatter)
        _print_exit_codes(ctx)  # a group's: the codes its commands can end with
