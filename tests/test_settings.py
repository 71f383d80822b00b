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
