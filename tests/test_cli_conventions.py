"""CLI conventions: --help names the variables, choices are checked by the parser, --version, -v."""

from __future__ import annotations

import logging
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from summarizer import __version__
from summarizer.cli import app
from tests.conftest import ROOT

runner = CliRunner()


def _help(*command: str) -> str:
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("command", ["summarize", "batch run", "batch export", "batch import"])
def test_help_names_the_environment_variables(command: str) -> None:
    text = _help(*command.split())
    for name in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_MODEL", "SUMMARIZER_MODE"):
        assert f"env var: {name}" in text, name


def test_help_shows_choices_and_flags_without_a_value() -> None:
    text = _help("summarize")
    assert "<en|ar>" in text
    assert "<tools|json_schema|json_object>" in text
    assert "<json|markdown" in text
    local_line = next(line for line in text.splitlines() if "--local " in line)
    assert "<bool>" not in local_line
    assert "<bool>" not in text


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["summarize", "a.txt", "--lang", "fr"], {}),
        (["summarize", "a.txt", "--mode", "grammar"], {}),
        (["summarize", "a.txt", "--format", "pdf"], {}),
        (["summarize", "a.txt"], {"SUMMARIZER_MODE": "grammar"}),
        (["batch", "in.jsonl", "out.jsonl", "--lang", "de"], {}),
        (["batch", "run", "in.jsonl", "out.jsonl", "--lang", "de"], {}),
    ],
)
def test_bad_choice_is_a_usage_error(args: list[str], env: dict[str, str]) -> None:
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 2
    assert "Invalid value" in result.stderr
    assert "Traceback" not in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"summarizer {__version__}"


def test_verbose_turns_on_logging_to_stderr() -> None:
    runner.invoke(app, ["-v", "prompts"])
    assert logging.getLogger().level == logging.INFO
    runner.invoke(app, ["-vv", "prompts"])
    assert logging.getLogger().level == logging.DEBUG
    assert logging.getLogger("instructor").level == logging.DEBUG
    runner.invoke(app, ["prompts"])
    assert logging.getLogger().level == logging.WARNING
    assert logging.getLogger("instructor").level == logging.CRITICAL


def test_no_help_text_lost_to_rich_markup() -> None:
    """rich reads ``[env: X]`` or ``[default: X]`` in a help string as a style tag and prints nothing."""
    for command in ("summarize", "batch", "batch run", "batch export", "batch import", "eval"):
        assert not re.search(r"\w \.\s", _help(*command.split())), command


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["summarize", "--nope"], "No such option: --nope"),
        (["summarize"], "Missing argument 'source'"),
        (["bogus"], "No such command 'bogus'"),
        (["summarize", "a.txt", "--lang", "fr"], "'fr' is not one of 'en', 'ar'"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(args: list[str], expected: str) -> None:
    """Through the real entry point (not CliRunner): typer would draw a multi-line box."""
    result = subprocess.run(
        [sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], result.stderr
    assert "--help" in lines[0] and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["summarize", "--nope"], "No such option: --nope"),
        (["batch", "run", "in.jsonl"], "Missing argument 'OUT.jsonl'"),
        (["models", "pull"], "Missing argument 'name'"),
        (["summarize", "a.txt", "--timeout", "0"], "Invalid value for '--timeout'"),
    ],
)
def test_the_boundary_words_usage_errors_in_process_too(args: list[str], expected: str) -> None:
    """The one error boundary is the command group itself: CliRunner (and any caller of ``app``) sees one line."""
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and expected in lines[0], result.stderr
    assert "╭" not in result.stderr and "Usage:" not in result.stderr


def test_importing_the_cli_leaves_typer_as_it_was() -> None:
    probe = (
        "import typer.core\n"
        "before = dict(vars(typer.core.TyperOption))\n"
        "import summarizer.cli\n"
        "summarizer.cli.app\n"
        "print(before == dict(vars(typer.core.TyperOption)))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True)
    assert done.stdout.strip() == "True"


def test_exit_code_40_is_defined_once() -> None:
    from summarizer.errors import EvalRegression
    from summarizer.evals.gate import EXIT_REGRESSION

    assert EvalRegression.exit_code == EXIT_REGRESSION == 40
    sources = [p.read_text(encoding="utf-8") for p in (ROOT / "summarizer").rglob("*.py")]
    assert sum(len(re.findall(r"exit_code = 40|EXIT_\w+ = 40|= 30, 40", s)) for s in sources) == 1


def test_help_shows_the_defaults_of_the_limits_and_every_option_says_what_it_does() -> None:
    """Issue 22: --help did not show the defaults of --timeout, --time-budget, --max-reasks, --max-output-tokens,
    and --concurrency had no description."""
    for command in ("summarize", "batch run"):
        text = " ".join(_help(*command.split()).split())
        for default in ("[default: (120)]", "[default: (600)]", "[default: (2)]", "[default: (4096)]"):
            assert default in text, (command, default)
    assert "Articles in flight at once" in _help("batch", "run")


def test_the_defaults_help_shows_are_the_real_ones() -> None:
    from summarizer.cli import options
    from summarizer.models import DEFAULT_LOCAL_MODEL, DEFAULT_LOCAL_MODEL_FOR
    from summarizer.prompts import DEFAULT_VERSION
    from summarizer.settings import ProviderSettings

    real = ProviderSettings(model="m", api_key="k")
    assert real.request_timeout_s == options.DEFAULT_TIMEOUT_S
    assert real.time_budget_s == options.DEFAULT_TIME_BUDGET_S
    assert real.max_reasks == options.DEFAULT_MAX_REASKS
    assert real.max_output_tokens == options.DEFAULT_MAX_OUTPUT_TOKENS
    assert options.DEFAULT_PROMPT == DEFAULT_VERSION
    assert options.DEFAULT_LOCAL_MODEL == DEFAULT_LOCAL_MODEL
    assert options.DEFAULT_LOCAL_MODEL_FOR == DEFAULT_LOCAL_MODEL_FOR


@pytest.mark.parametrize("command", ["summarize", "batch run", "batch export", "batch import", "view", "eval"])
def test_every_command_takes_v(command: str) -> None:
    """Issue 22: `summarize -v` was refused (only `summarizer -v summarize` worked)."""
    assert "--verbose" in _help(*command.split())
    assert "No such option" not in runner.invoke(app, [*command.split(), "-v", "--help"]).stderr


@pytest.mark.parametrize("command", ["summarize a.txt", "batch run a b", "batch export a b", "batch import r a b"])
def test_a_language_we_do_not_write_is_one_plain_line(command: str) -> None:
    """Issue 22: `--lang fr` was answered with pydantic's "Value error,"."""
    result = runner.invoke(app, [*command.split(), "--lang", "fr"])
    assert result.exit_code == 2
    (line,) = result.stderr.strip().splitlines()
    assert "'fr' is not one of 'en', 'ar'" in line and "Value error" not in line
