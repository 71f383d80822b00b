"""Provider settings are checked when built: a typo is a configuration error (exit 2), not a failed request."""

from __future__ import annotations

import pytest

from summarizer.errors import ProviderNotConfigured
from summarizer.settings import PLACEHOLDER_API_KEY, ProviderSettings


def test_a_base_url_without_a_key_gets_a_placeholder_key() -> None:
    settings = ProviderSettings(model="qwen", base_url="http://localhost:11434/v1")
    assert settings.api_key == PLACEHOLDER_API_KEY
    assert ProviderSettings(model="m", base_url="https://h/v1", api_key="k").api_key == "k"


def test_the_key_stays_out_of_repr() -> None:
    assert "sk-secret" not in repr(ProviderSettings(model="m", api_key="sk-secret"))


@pytest.mark.parametrize("url", ["localhost:11434/v1", "ftp://host/v1", "http://", "http://host:port/v1", "not a url"])
def test_a_malformed_base_url_is_a_configuration_error(url: str) -> None:
    with pytest.raises(ProviderNotConfigured, match="malformed") as raised:
        ProviderSettings(model="m", base_url=url)
    assert raised.value.exit_code == 2


def test_the_environment_is_checked_too() -> None:
    with pytest.raises(ProviderNotConfigured, match="malformed"):
        ProviderSettings.from_env(env={"OPENAI_BASE_URL": "localhost:8080", "SUMMARIZER_MODEL": "m"})


def test_an_unknown_mode_names_the_valid_ones() -> None:
    with pytest.raises(ProviderNotConfigured, match="tools, json_schema, json_object"):
        ProviderSettings(model="m", api_key="k", mode="xml")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("temperature", -0.1),
        ("temperature", 2.5),
        ("temperature", float("nan")),
        ("max_output_tokens", 0),
        ("max_output_tokens", 10.5),
        ("request_timeout_s", 0),
        ("max_reasks", -1),
        ("max_transient_attempts", 0),
        ("time_budget_s", -5),
        ("context_tokens", 0),
        ("max_reasks", True),
        ("temperature", "hot"),
    ],
)
def test_out_of_range_numbers_are_configuration_errors(field: str, value: object) -> None:
    with pytest.raises(ProviderNotConfigured, match=field):
        ProviderSettings(model="m", api_key="k", **{field: value})  # type: ignore[arg-type]


def test_overrides_are_checked_as_well() -> None:
    settings = ProviderSettings(model="m", api_key="k")
    assert settings.with_overrides(max_reasks=0).max_reasks == 0
    with pytest.raises(ProviderNotConfigured, match="max_reasks"):
        settings.with_overrides(max_reasks=-1)


def test_an_empty_model_name_is_refused() -> None:
    with pytest.raises(ProviderNotConfigured, match="model"):
        ProviderSettings(model=" ", api_key="k")


@pytest.mark.parametrize(
    ("variable", "value", "field", "expected"),
    [
        ("OPENAI_BASE_URL", "http://h:1/v1", "base_url", "http://h:1/v1"),
        ("SUMMARIZER_MODEL", "qwen", "model", "qwen"),
        ("OPENAI_MODEL", "qwen", "model", "qwen"),
        ("SUMMARIZER_MODE", "json_object", "mode", "json_object"),
        ("SUMMARIZER_CONTEXT_TOKENS", "8192", "context_tokens", 8192),
        ("SUMMARIZER_TIMEOUT", "7.5", "request_timeout_s", 7.5),
        ("SUMMARIZER_TIME_BUDGET", "90", "time_budget_s", 90.0),
        ("SUMMARIZER_MAX_REASKS", "0", "max_reasks", 0),
        ("SUMMARIZER_MAX_OUTPUT_TOKENS", "300", "max_output_tokens", 300),
        ("SUMMARIZER_BEST_EFFORT", "1", "best_effort", True),
    ],
)
def test_the_environment_variables_keep_their_names(variable: str, value: str, field: str, expected: object) -> None:
    env = {"OPENAI_BASE_URL": "http://localhost:8080/v1", "SUMMARIZER_MODEL": "m", variable: value}
    if variable == "OPENAI_MODEL":  # the older name, read when SUMMARIZER_MODEL is not set
        del env["SUMMARIZER_MODEL"]
    assert getattr(ProviderSettings.from_env(env=env), field) == expected


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("SUMMARIZER_TIMEOUT", "soon", "SUMMARIZER_TIMEOUT must be a number, not 'soon'"),
        ("SUMMARIZER_TIME_BUDGET", "inf", "SUMMARIZER_TIME_BUDGET must be a finite number"),
        ("SUMMARIZER_MAX_REASKS", "-1", "SUMMARIZER_MAX_REASKS must be at least 0"),
        ("SUMMARIZER_MAX_OUTPUT_TOKENS", "1.5", "SUMMARIZER_MAX_OUTPUT_TOKENS must be a whole number"),
        ("SUMMARIZER_CONTEXT_TOKENS", "0", "SUMMARIZER_CONTEXT_TOKENS must be at least 1"),
        ("SUMMARIZER_MODE", "grammar", "SUMMARIZER_MODE must be one of tools, json_schema, json_object"),
        ("SUMMARIZER_BEST_EFFORT", "maybe", "SUMMARIZER_BEST_EFFORT must be 1 or 0"),
    ],
)
def test_a_bad_variable_is_one_line_naming_it(variable: str, value: str, says: str) -> None:
    """Read by pydantic-settings, worded by us: one line, never pydantic's multi-line report or 'Value error,'."""
    with pytest.raises(ProviderNotConfigured) as raised:
        ProviderSettings.from_env(env={"OPENAI_API_KEY": "k", variable: value})
    message = str(raised.value)
    assert says in message and "\n" not in message and "Value error" not in message and "pydantic" not in message
    assert raised.value.exit_code == 2


def test_the_environment_is_read_by_pydantic_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from pydantic_settings import BaseSettings

    from summarizer.settings import Environment, Variables

    assert issubclass(Environment, BaseSettings)
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "33")
    monkeypatch.setenv("SUMMARIZER_MAX_REASKS", "")  # empty: unset
    assert Variables.read().limits() == {"request_timeout_s": 33.0}
