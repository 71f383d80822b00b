"""When to retry a provider call, and how long to wait: tenacity, told about Retry-After.

Only transient failures are retried (rate limits, 5xx, timeouts, dropped
connections, a 200 whose body is not a chat completion). Validation failures are
a different loop: the client re-asks the model with the error, a bounded number of times.
"""

from __future__ import annotations

import email.utils
import time

from tenacity import RetryCallState, stop_after_attempt, stop_after_delay, wait_exponential_jitter
from tenacity.stop import stop_base
from tenacity.wait import wait_base

# 501 Not Implemented and 505 HTTP Version Not Supported say the server never will: not worth a retry.
# The one list: replay (``summarizer.recording``) reads it too.
TRANSIENT_STATUS = frozenset({408, 409, 429}) | (frozenset(range(500, 600)) - {501, 505})
MAX_RETRY_AFTER_S = 60.0


class MalformedResponse(Exception):
    """A 200 answer that is not a chat completion: a JSON body cut short, an HTML page, an empty body.

    The provider (or something in front of it) failed, not the model: never re-asked (the model never saw a
    request it could correct). A body cut short (at any byte, inside a character too) is ``transient``:
    retried with backoff like a 5xx. An HTML page or an empty or non-JSON body is what a wrong base URL
    answers every time: not retried.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


def is_transient(exc: BaseException) -> bool:
    """True for failures worth retrying unchanged: they may pass on their own."""
    if isinstance(exc, MalformedResponse):
        return exc.transient
    import openai  # loaded by the time anything failed; importing it here keeps `import summarizer` light

    if isinstance(exc, openai.APIConnectionError):  # includes APITimeoutError
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code in TRANSIENT_STATUS
    return False


def retry_after_seconds(exc: BaseException | None, now: float | None = None) -> float | None:
    """Seconds the server asked us to wait (retry-after-ms, Retry-After seconds or HTTP date)."""
    import openai

    if not isinstance(exc, openai.APIStatusError):
        return None
    headers = exc.response.headers
    if (ms := headers.get("retry-after-ms")) is not None:
        try:
            return max(float(ms) / 1000, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(parsed.timestamp() - (time.time() if now is None else now), 0.0)


class wait_retry_after(wait_base):  # noqa: N801 - tenacity's naming style
    """Honour the server's Retry-After (capped); otherwise fall back to exponential backoff with jitter."""

    def __init__(self, fallback: wait_base, cap_s: float = MAX_RETRY_AFTER_S) -> None:
        self.fallback = fallback
        self.cap_s = cap_s

    def __call__(self, retry_state: RetryCallState) -> float:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after_seconds(exc)
        if asked is not None:
            return min(asked, self.cap_s)
        return float(self.fallback(retry_state))


def transient_wait(initial_s: float = 1.0, max_s: float = 30.0) -> wait_base:
    return wait_retry_after(wait_exponential_jitter(initial=initial_s, max=max_s, jitter=initial_s))


class stop_on_long_retry_after(stop_base):  # noqa: N801 - tenacity's naming style
    """Stop when the server asks for a longer wait than we would give it: waiting less and asking again
    only spends attempts on answers it said it would refuse (the error says how long it asked for)."""

    def __init__(self, longest_s: float) -> None:
        self.longest_s = longest_s

    def __call__(self, retry_state: RetryCallState) -> bool:
        exc = retry_state.outcome.exception() if retry_state.outcome else None
        asked = retry_after_seconds(exc) if exc is not None else None
        return asked is not None and asked > self.longest_s


def transient_stop(max_attempts: int, budget_s: float) -> stop_base:
    return (
        stop_after_attempt(max_attempts)
        | stop_after_delay(budget_s)
        | stop_on_long_retry_after(min(MAX_RETRY_AFTER_S, budget_s))
    )
