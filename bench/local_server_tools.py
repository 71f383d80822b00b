"""What the local benchmarks share: llama-server settings over ``--local``'s, and llama.cpp's timing lines.

Why one place: ``local_throughput.py`` and ``local_server_flags.py`` both time a setting over
``summarizer.local.model_options`` (the table every ``--local`` server starts from), and ``local_throughput.py`` and
``local_prompt_cache.py`` both read llama.cpp's per-request timings from a server's log.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import summarizer.local as local

# llama.cpp's timing lines, one pair per request: llama-server ("... | prompt eval time = 3150.03 ms / 441 tokens",
# "... |        eval time = 9867.77 ms / 324 tokens") and llama-cpp-python ("... eval time = ... ms / 324 runs").
PROMPT_LINE = re.compile(r"prompt eval time =\s*([\d.]+) ms /\s*(\d+) tokens")
EVAL_LINE = re.compile(r"(?<!prompt )eval time =\s*([\d.]+) ms /\s*(\d+) (?:tokens|runs)")


@contextmanager
def server_options(extra: dict[str, str]) -> Iterator[None]:
    """Servers started inside the block add ``extra`` (long flag name -> value) to ``model_options``' settings."""
    base = local.model_options

    def with_extra(*args: Any, **kwargs: Any) -> dict[str, str]:
        return base(*args, **kwargs) | extra

    local.model_options = with_extra
    try:
        yield
    finally:
        local.model_options = base
