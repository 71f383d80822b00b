from __future__ import annotations

import email.utils
import time

import httpx
import openai
import pytest
from tenacity import RetryCallState, Retrying

from summarizer.errors import ProviderNotConfigured
from summarizer.retry import is_transient, retry_after_seconds, transient_wait
from summarizer.settings import ProviderSettings


def status_error(status: int, headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://x/v1/chat/completions")
    response = httpx.Response(status, headers=headers or {}, request=request)
    classes = {429: openai.RateLimitError, 401: openai.AuthenticationError, 400: openai.BadRequestError}
    cls = classes.get(status, openai.InternalServerError if status >= 500 else openai.APIStatusError)
    return cls("fixture", response=response, body=None)


@pytest.mark.parametrize(
    ("status", "transient"),
    [(429, True), (500, True), (503, True), (408, True), (400, False), (401, False), (404, False)],
)
def test_transient_statuses(status: int, transient: bool) -> None:
    assert is_transient(status_error(status)) is transient


def test_connection_and_timeout_errors_are_transient() -> None:
    request = httpx.Request("POST", "http://x")
    assert is_transient(openai.APIConnectionError(request=request))
    assert is_transient(openai.APITimeoutError(request=request))
    assert not is_transient(ValueError("x"))


def test_retry_after_forms() -> None:
    assert retry_after_seconds(status_error(429, {"retry-after": "7"})) == 7
    assert retry_after_seconds(status_error(429, {"retry-after-ms": "1500"})) == 1.5
    now = time.time()
    date = email.utils.formatdate(now + 30, usegmt=True)
    assert 28 <= (retry_after_seconds(status_error(429, {"retry-after": date}), now=now) or 0) <= 31
    assert retry_after_seconds(status_error(429)) is None
    assert retry_after_seconds(ValueError()) is None


def _state_with(exc: BaseException, attempt: int = 1) -> RetryCallState:
    state = RetryCallState(Retrying(), fn=None, args=(), kwargs={})
    state.attempt_number = attempt
    state.set_exception((type(exc), exc, None))
    return state


def test_wait_honours_retry_after_with_a_cap() -> None:
    wait = transient_wait()
    assert wait(_state_with(status_error(429, {"retry-after": "3"}))) == 3
    assert wait(_state_with(status_error(429, {"retry-after": "3600"}))) == 60


def test_wait_without_header_backs_off_exponentially_with_jitter() -> None:
    wait = transient_wait(initial_s=1, max_s=30)
    first = wait(_state_with(status_error(500), attempt=1))
    fourth = wait(_state_with(status_error(500), attempt=4))
    assert 1 <= first <= 2
    assert 8 <= fourth <= 9


def test_settings_from_env() -> None:
    with pytest.raises(ProviderNotConfigured):
        ProviderSettings.from_env(env={})
    openai_settings = ProviderSettings.from_env(env={"OPENAI_API_KEY": "sk-x"})
    assert (openai_settings.mode, openai_settings.model, openai_settings.provider) == ("tools", "gpt-4o-mini", "openai")
    local = ProviderSettings.from_env(env={"OPENAI_BASE_URL": "http://localhost:11434/v1", "SUMMARIZER_MODEL": "qwen"})
    assert (local.mode, local.provider, local.api_key) == ("json_schema", "localhost:11434", "not-needed")
    flags = ProviderSettings.from_env(model="m", mode="json_object", env={"OPENAI_BASE_URL": "http://h/v1"})
    assert (flags.model, flags.mode) == ("m", "json_object")
    with pytest.raises(ProviderNotConfigured, match="unknown mode"):
        ProviderSettings.from_env(mode="xml", env={"OPENAI_API_KEY": "k"})
