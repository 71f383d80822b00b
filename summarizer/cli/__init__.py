"""The ``summarizer`` command line: one module per command family, one error boundary, options declared once.

- :mod:`summarizer.cli.app`: the typer app, global options (-v, --version), the entry point;
- :mod:`summarizer.cli.boundary`: every failure becomes one line on stderr and a documented exit code;
- :mod:`summarizer.cli.options`: ``ProviderOptions``, the flags ``summarize`` and ``batch`` share;
- :mod:`summarizer.cli.summarize` (summarize, view, prompts), :mod:`summarizer.cli.batch` (batch run / export /
  import), :mod:`summarizer.cli.local` (serve-local, models), :mod:`summarizer.cli.eval` (eval).

Heavy modules (the SDK, pydantic models, the batch machinery) load inside the commands that need them, so
``summarizer --help`` stays quick.
"""

from __future__ import annotations

from summarizer.cli.app import app, main

__all__ = ["app", "main"]
