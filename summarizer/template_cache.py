"""Compiled Jinja templates kept between processes (speed only, issue 23).

Jinja turns each template into Python source and compiles that on first use, in every process: the 11 templates
a cold ``summarizer eval`` renders (the prompt's, the review page's, the eval report's) cost ~0.1 s of it, every
run. Jinja's own bytecode cache keeps the compiled code in the user cache (``templates``;
``$SUMMARIZER_TEMPLATE_CACHE``: a folder, or ``off``). Jinja keys an entry by the template's name and file and
checks its source; here the key also holds everything else that shapes the compiled code (the environment's
syntax and compile options, Jinja's and Python's versions), so an edited template or setting is compiled anew,
never served stale. A cache that cannot be read or written is ignored: the template is compiled as before.
"""

from __future__ import annotations

import hashlib
import os
import sys
from typing import Any

import jinja2
from jinja2.bccache import Bucket

from summarizer.files import cache_folder

ENV = "SUMMARIZER_TEMPLATE_CACHE"  # a folder, or "off"


def bytecode_cache() -> jinja2.BytecodeCache | None:
    """An Environment's ``bytecode_cache``: the user cache's ``templates`` folder, or None when it is off."""
    folder = cache_folder(ENV, "templates")
    return None if folder is None else _Cache(str(folder))


def _name(value: Any) -> str:
    return "" if value is None else f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', value)}"


def compile_key(environment: jinja2.Environment, name: str) -> tuple[Any, ...]:
    """What the code compiled from a template's source depends on, besides that source."""
    escape = environment.autoescape
    return (
        jinja2.__version__,
        sys.version,
        environment.block_start_string,
        environment.block_end_string,
        environment.variable_start_string,
        environment.variable_end_string,
        environment.comment_start_string,
        environment.comment_end_string,
        environment.line_statement_prefix,
        environment.line_comment_prefix,
        environment.trim_blocks,
        environment.lstrip_blocks,
        environment.newline_sequence,
        environment.keep_trailing_newline,
        environment.optimized,
        environment.is_async,
        environment.sandboxed,
        escape(name) if callable(escape) else escape,
        _name(environment.finalize),
        _name(environment.code_generator_class),
        tuple(sorted(environment.extensions)),
        tuple(sorted(environment.filters)),
        tuple(sorted(environment.tests)),
    )


class _Cache(jinja2.FileSystemBytecodeCache):
    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None, source: str) -> Bucket:
        key = hashlib.sha256(repr((compile_key(environment, name), name, filename)).encode()).hexdigest()
        bucket = Bucket(environment, key, self.get_source_checksum(source))
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # unreadable or foreign: compile the template again
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)  # written whole, then renamed: a concurrent reader never sees half
        except OSError:
            pass  # a read-only cache is no reason to fail a render
