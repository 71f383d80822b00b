"""The public API documents itself: help() shows the arguments, the settings, the errors with their codes,
and what comes back (issue 22: help(summarizer.summarize) was one line, "Blocking form of asummarize")."""

from __future__ import annotations

import pydoc

import pytest

import summarizer
from summarizer.cli.exit_codes import table

FUNCTIONS = ["summarize", "asummarize", "summarize_many", "asummarize_many", "summarize_iter", "asummarize_iter"]


def _help(name: str) -> str:
    return pydoc.render_doc(getattr(summarizer, name), renderer=pydoc.plaintext)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", FUNCTIONS)
def test_every_function_documents_its_arguments_errors_and_result(name: str) -> None:
    text = _help(name)
    for section in ("Args:", "Returns:", "Raises:"):
        assert section in text, (name, section)
    for argument in ("language", "settings", "prompt_version"):
        assert f"{argument}:" in text or f"{argument}," in text, (name, argument)
    assert "ProviderNotConfigured" in text and "exit code 2" in text


@pytest.mark.parametrize("name", ["summarize", "asummarize"])
def test_summarize_names_every_error_with_its_exit_code_and_batch_code(name: str) -> None:
    text = " ".join(_help(name).split())
    codes = {r.code: r.exit for r in table()}
    errors = [("EmptyArticle", "empty_article"), ("NotArabic", "not_arabic"), ("ArticleTooLong", "article_too_long"),
              ("ModelOutputInvalid", "model_output_invalid"), ("ProviderError", "provider_error"),
              ("TimeBudgetExceeded", "time_budget_exceeded")]  # fmt: skip
    for error, code in errors:
        assert error in text and f"exit code {codes[code]}" in text and f"``{code}``" in text, (error, code)
    for variable in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "SUMMARIZER_MODEL", "SUMMARIZER_MODE", "SUMMARIZER_TIMEOUT",
                     "SUMMARIZER_TIME_BUDGET", "SUMMARIZER_MAX_REASKS", "SUMMARIZER_MAX_OUTPUT_TOKENS"):  # fmt: skip
        assert variable in text, variable


def test_the_settings_document_every_field_and_its_variable() -> None:
    import dataclasses

    text = _help("ProviderSettings")
    for field in dataclasses.fields(summarizer.ProviderSettings):
        assert f"{field.name}:" in text, field.name
    for variable in ("SUMMARIZER_MODEL", "OPENAI_BASE_URL", "SUMMARIZER_BEST_EFFORT", "SUMMARIZER_CONTEXT_TOKENS"):
        assert variable in text, variable


def test_an_item_error_says_what_its_fields_are() -> None:
    text = _help("ItemError")
    for field in ("index", "code", "message", "usage", "attempts"):
        assert f"``{field}``" in text, field
