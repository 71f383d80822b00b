"""The README's command recipes are the ones that work: checked against the CLI's own rules."""

from __future__ import annotations

import re

from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_vllm_run_batch_recipe_exports_for_vllm() -> None:
    """Issue 22: the recipe ran vLLM on a request file exported for gpt-4o-mini (vLLM refuses that model name),
    in the default mode. The file vLLM runs must be exported with the served name and --mode json_schema."""
    runs = re.findall(r"vllm run-batch -i (\S+) -o \S+ --model (\S+)", README)
    assert runs, "the README has no vllm run-batch recipe"
    for requests, model in runs:
        exports = re.findall(rf"summarizer batch export \S+ {re.escape(requests)} ([^\n]*)", README)
        assert exports, f"{requests} is never exported"
        assert all(f"--model {model}" in flags and "--mode json_schema" in flags for flags in exports), exports


def test_the_batch_recipes_use_the_current_spellings() -> None:
    """`batch IN OUT`, `--export-requests`, `--import-results` still work, with a note; the README teaches the new."""
    commands = re.findall(r"^summarizer batch [^\n]*", README, re.M)
    assert commands
    assert not [c for c in commands if not re.match(r"summarizer batch (run|export|import) ", c)], commands
