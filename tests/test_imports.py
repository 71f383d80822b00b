"""Start-up stays light: heavy dependencies load when first needed, not on import (timings live in bench/)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("openai", "instructor", "httpx", "vcr", "rouge_score", "scipy", "sacrebleu", "nltk")


def _loaded_after(code: str) -> set[str]:
    """Every module a fresh interpreter holds after running ``code``."""
    probe = f"{code}\nimport sys\nprint(' '.join(sorted(sys.modules)))"
    return set(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split())


def _modules_after(code: str) -> set[str]:
    """The top-level packages of ``_loaded_after``."""
    return {name.split(".")[0] for name in _loaded_after(code)}


@pytest.mark.parametrize(
    "code",
    [
        "import summarizer",
        "from summarizer import summarize, asummarize, Digest, ProviderSettings",
        "import summarizer.cli",
    ],
)
def test_importing_does_not_load_the_sdk_or_eval_machinery(code: str) -> None:
    assert not _modules_after(code) & set(HEAVY)


def test_lazy_names_resolve_and_unknown_names_fail() -> None:
    import summarizer

    assert summarizer.summarize.__module__ == "summarizer.api"
    assert "summarize" in dir(summarizer)
    with pytest.raises(AttributeError):
        summarizer.no_such_name  # noqa: B018


def test_eval_machinery_loads_its_heavy_libraries_only_when_used() -> None:
    """Replay needs neither vcrpy (recording) nor nltk; scipy and sacrebleu load when a case is first scored."""
    code = "import summarizer.evals.runner, summarizer.evals.report, summarizer.evals.gate, summarizer.recording"
    assert not _modules_after(code) & {"vcr", "rouge_score", "nltk", "scipy", "sacrebleu", "numpy"}


def test_help_loads_only_the_command_line() -> None:
    """`summarizer --help` stays quick (it was ~450 ms): no pydantic, asyncio, SDK, templates or progress bars, and
    of ours only the CLI package and the error classes (measured as a ratio in the commit that added this)."""
    probe = (
        "import contextlib, io, sys\n"
        "sys.argv = ['summarizer', '--help']\n"
        "from summarizer.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "print(' '.join(sorted(sys.modules)))"
    )
    loaded = set(
        subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.split()
    )
    heavy = {"pydantic", "pydantic_settings", "asyncio", "jinja2", "rich.progress", "platformdirs", *HEAVY}
    assert not loaded & heavy, loaded & heavy
    ours = {m for m in loaded if m.startswith("summarizer")}
    # summarizer.hooks: the package fills the schema's claim-checker slot on import (a few lines, imports nothing)
    allowed = {"summarizer", "summarizer.errors", "summarizer.hooks"}
    assert ours <= allowed | {m for m in ours if m.startswith("summarizer.cli")}, ours


def test_the_schema_loads_neither_the_checker_nor_the_review_page_until_used() -> None:
    """The schema is data (issue 21.4): it reaches the claim checker and the notebook view through slots the
    package fills (``summarizer.hooks``), so importing it loads neither (tests/test_html.py shows a digest in a
    notebook through the slot; tests/test_validation.py validates through the other)."""
    loaded = _loaded_after("import summarizer.schema")
    assert not {m for m in loaded if m.startswith(("summarizer.claims", "summarizer.html"))}
