"""The library API.

One article: ``summarize`` (blocking) and ``asummarize``. Many: ``summarize_many`` / ``asummarize_many``
(results in input order, ``on_result`` called as each finishes) and ``summarize_iter`` / ``asummarize_iter``
(``(index, result)`` pairs in finishing order). A failed article is an ``ItemError`` in its place, never an
exception that loses the others.
"""

from __future__ import annotations

import functools
import os
import queue
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer import background
from summarizer.client import CallOutcome, shared_client, shared_clients, structured_call
from summarizer.concurrency import bounded
from summarizer.errors import ModelOutputInvalid, SummarizerError
from summarizer.inputs import check_article
from summarizer.pointer import is_pointer
from summarizer.prompts import (
    DEFAULT_VERSION,
    PROMPTS_ENV,
    PromptVersion,
    check_version_name,
    get_version,
    prompts_dir,
)
from summarizer.repair import pointer_call
from summarizer.salvage import keep_supported
from summarizer.schema import Digest, Language, RunInfo, Usage, schema_hash
from summarizer.settings import ProviderSettings
from summarizer.validation import context as validation_context


class ItemError(BaseModel):
    """An article that failed, in its place among the results of ``summarize_many`` and friends.

    ``index`` is its position in the input, ``code`` the error's code (``empty_article``, ``provider_error``,
    ... : docs/exit-codes.md), ``message`` one line saying what happened and what to do, ``usage`` the tokens
    spent on it before it failed and ``attempts`` the requests sent for it.
    """

    index: int
    code: str
    message: str
    usage: Usage = Field(default_factory=Usage)  # tokens spent on this item before it failed
    attempts: int = 0  # requests sent for it

    @classmethod
    def from_exception(cls, index: int, exc: BaseException) -> ItemError:
        """Our errors keep their code, usage and attempts; anything else is an internal error, still one line."""
        if isinstance(exc, SummarizerError):
            return cls(index=index, code=exc.code, message=str(exc), usage=exc.usage or Usage(), attempts=exc.attempts)
        return cls(index=index, code="internal_error", message=f"{type(exc).__name__}: {exc}")


def refuse_single_string(texts: object) -> None:
    """A str is a Sequence of letters: summarising "each article" of one would send every letter to the model."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            "expected a list of articles, got a single string; use summarize(text) for one article or pass [text]"
        )


def load_prompt(version: str) -> PromptVersion:
    """The prompt version, built (and its templates compiled, its hash computed) once per edit of its files."""
    folder = _prompts_root(os.environ.get(PROMPTS_ENV)) / check_version_name(version)
    try:
        signature = _signature(folder)
    except OSError:
        signature = ()
    return _prompt_cached(version, folder, signature)


@functools.lru_cache(maxsize=8)
def _prompts_root(override: str | None) -> Path:
    """prompts_dir() for this value of $SUMMARIZER_PROMPTS_DIR (its path checks cost ~50 us a call)."""
    return prompts_dir()


def _signature(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Name, size and mtime of each file: one stat per file (this runs on every call)."""
    stamps = []
    with os.scandir(folder) as entries:
        for entry in entries:
            stat = entry.stat()
            stamps.append((entry.name, stat.st_size, stat.st_mtime_ns))
    return tuple(sorted(stamps))


@functools.lru_cache(maxsize=16)
def _prompt_cached(version: str, folder: Path, signature: tuple[tuple[str, int, int], ...]) -> PromptVersion:
    return get_version(version, folder.parent)


def _check_language(language: str) -> Language:
    if language not in ("en", "ar"):
        raise SummarizerError(f"language must be 'en' or 'ar', not {language!r}")
    return language  # type: ignore[return-value]


async def asummarize(
    text: str,
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    client: Any = None,
) -> Digest:
    """Summarise one Arabic article into a grounded Digest: 3-6 bullets and ACLED-style events, every fact
    backed by a quote located in the article.

    The async form of :func:`summarize` (same arguments, same result, same errors).
    ``client`` (an ``openai.AsyncOpenAI``) is for the library's own loops: leave it out.

    Args:
        text: the article, Arabic text (a ``str``; decode bytes as UTF-8 first).
        language: the summary's language, ``"en"`` or ``"ar"``.
        settings: where requests go and how hard to try (:class:`~summarizer.settings.ProviderSettings`:
            model, base URL, key, structured-output mode, request timeout, time budget, re-asks, output
            token cap, faithfulness, best effort). By default from the environment: ``OPENAI_BASE_URL``,
            ``OPENAI_API_KEY``, ``SUMMARIZER_MODEL``, ``SUMMARIZER_MODE``, ``SUMMARIZER_CONTEXT_TOKENS``,
            ``SUMMARIZER_TIMEOUT``, ``SUMMARIZER_TIME_BUDGET``, ``SUMMARIZER_MAX_REASKS``,
            ``SUMMARIZER_MAX_OUTPUT_TOKENS``, ``SUMMARIZER_BEST_EFFORT``.
        prompt_version: a folder of ``prompts/`` (``summarizer prompts`` lists them).

    Returns:
        The validated :class:`~summarizer.schema.Digest`; ``digest.run`` says how it was made (model, prompt
        hash, attempts, tokens summed over every attempt, latency, what best effort dropped).

    Raises:
        EmptyArticle: the article is empty (exit code 10 in the CLI, ``empty_article`` in a batch line).
        NotArabic: fewer than half its letters are Arabic (exit code 11, ``not_arabic``).
        ArticleTooLong: beyond 100,000 characters or the model's context (exit code 13, ``article_too_long``).
        ProviderNotConfigured: no provider, or an invalid setting (exit code 2, ``provider_not_configured``).
        PromptNotFound: no such prompt version (exit code 2, ``prompt_not_found``).
        ModelOutputInvalid: every answer failed validation, re-asks included (exit code 20, ``model_output_invalid``).
        ProviderError: the provider failed past the retries: network, authentication, rate limits, a wrong
            base URL (exit code 21, ``provider_error``).
        TimeBudgetExceeded: no valid answer within ``settings.time_budget_s`` (exit code 22, ``time_budget_exceeded``).
        TypeError: ``text`` is not a ``str``.

        Every error but TypeError is a :class:`~summarizer.errors.SummarizerError` with ``exit_code``,
        ``code``, ``usage`` (tokens spent before failing) and ``attempts``; docs/exit-codes.md lists them all.
    """
    language = _check_language(language)
    settings = settings or ProviderSettings.from_env()
    article = check_article(text, settings.context_tokens)
    prompt = load_prompt(prompt_version)
    response_model = prompt.response_model_for(language)
    client = client or await shared_client(settings)
    context = validation_context(article, language, settings.faithfulness)
    messages = prompt.messages(article, language)
    dropped: list[str] = []
    notes: list[str] = []
    partial = False
    written: int | None = None  # a pointer conversation: bullets the model wrote, kept or not
    dropped_bullets: list[str] = []  # ... and the text of those not kept
    # written in Arabic, then translated (prompts v3-v5 in English): settings.translation_model writes the English
    translated = is_pointer(response_model) and prompt.answer_language(language) != language
    started = time.monotonic()
    try:
        if is_pointer(response_model):  # prompt v3: evidence by unit number, failing parts repaired alone
            translate = None
            each = None  # prompt v5: one request a bullet, without the article
            asking = response_model
            if translated:
                messages, asking = prompt.messages(article, "ar"), prompt.response_model_for("ar")
                if prompt.translates_each:
                    each = prompt.bullet_translation_messages
                else:

                    def translate(bullets: list[str]) -> list[dict[str, Any]]:
                        return prompt.translation_messages(article, bullets)

            result, outcome = await pointer_call(
                client,
                settings,
                messages,
                asking,  # type: ignore[arg-type]
                context,
                translate,
                repoint=prompt.repoints,
                translate_one=each,
            )
            assert result.digest is not None
            digest, dropped, notes, written = result.digest, result.dropped, result.notes, result.bullets_written
            dropped_bullets = result.dropped_bullets
        else:  # the schema variant this prompt version asks for, in this language
            answer, outcome = await structured_call(client, settings, messages, response_model, context=context)
            assert isinstance(answer, Digest)
            digest = answer
    except ModelOutputInvalid as exc:
        if not settings.best_effort:
            raise
        if exc.partial is not None:  # a pointer conversation's supported part
            if exc.partial.digest is None:
                raise
            digest, dropped, notes = exc.partial.digest, exc.partial.dropped, exc.partial.notes
            written, dropped_bullets = exc.partial.bullets_written, exc.partial.dropped_bullets
        else:
            salvaged = keep_supported(exc.last_answer, response_model, context) if exc.last_answer else None
            if salvaged is None:
                raise
            digest, dropped = salvaged
        partial = True
        outcome = CallOutcome(usage=exc.usage or Usage(), attempts=exc.attempts, latency_s=time.monotonic() - started)
    digest.run = RunInfo(
        model=settings.model,
        provider=settings.provider,
        mode=settings.mode,
        prompt_version=prompt.version,
        prompt_hash=prompt.hash,
        schema_hash=schema_hash(response_model),
        attempts=outcome.attempts,
        usage=outcome.usage,
        latency_s=round(outcome.latency_s, 3),
        best_effort=partial,
        dropped=dropped,
        status="partial" if partial else "complete",
        notes=notes,
        bullets_written=written,
        dropped_bullets=dropped_bullets,
        translation_model=settings.translation_model if translated else None,
    )
    return digest


def summarize(
    text: str,
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
) -> Digest:
    """Summarise one Arabic article into a grounded Digest: 3-6 bullets and ACLED-style events, every fact
    backed by a quote located in the article.

    The blocking form; it runs on the library's background event loop, so it also works inside Jupyter.
    ``await asummarize(...)`` is the same call for async code.

    Args:
        text: the article, Arabic text (a ``str``; decode bytes as UTF-8 first).
        language: the summary's language, ``"en"`` or ``"ar"``.
        settings: where requests go and how hard to try (:class:`~summarizer.settings.ProviderSettings`:
            model, base URL, key, structured-output mode, request timeout, time budget, re-asks, output
            token cap, faithfulness, best effort). By default from the environment: ``OPENAI_BASE_URL``,
            ``OPENAI_API_KEY``, ``SUMMARIZER_MODEL``, ``SUMMARIZER_MODE``, ``SUMMARIZER_CONTEXT_TOKENS``,
            ``SUMMARIZER_TIMEOUT``, ``SUMMARIZER_TIME_BUDGET``, ``SUMMARIZER_MAX_REASKS``,
            ``SUMMARIZER_MAX_OUTPUT_TOKENS``, ``SUMMARIZER_BEST_EFFORT``.
        prompt_version: a folder of ``prompts/`` (``summarizer prompts`` lists them).

    Returns:
        The validated :class:`~summarizer.schema.Digest`; ``digest.run`` says how it was made (model, prompt
        hash, attempts, tokens summed over every attempt, latency, what best effort dropped).

    Raises:
        EmptyArticle: the article is empty (exit code 10 in the CLI, ``empty_article`` in a batch line).
        NotArabic: fewer than half its letters are Arabic (exit code 11, ``not_arabic``).
        ArticleTooLong: beyond 100,000 characters or the model's context (exit code 13, ``article_too_long``).
        ProviderNotConfigured: no provider, or an invalid setting (exit code 2, ``provider_not_configured``).
        PromptNotFound: no such prompt version (exit code 2, ``prompt_not_found``).
        ModelOutputInvalid: every answer failed validation, re-asks included (exit code 20, ``model_output_invalid``).
        ProviderError: the provider failed past the retries: network, authentication, rate limits, a wrong
            base URL (exit code 21, ``provider_error``).
        TimeBudgetExceeded: no valid answer within ``settings.time_budget_s`` (exit code 22, ``time_budget_exceeded``).
        TypeError: ``text`` is not a ``str``.

        Every error but TypeError is a :class:`~summarizer.errors.SummarizerError` with ``exit_code``,
        ``code``, ``usage`` (tokens spent before failing) and ``attempts``; docs/exit-codes.md lists them all.
    """
    return background.run(asummarize(text, language, settings=settings, prompt_version=prompt_version))


ResultCallback = Callable[[int, "Digest | ItemError"], None]
"""Called with (input index, Digest or ItemError) as each article finishes: progress bars, streaming writes."""


async def asummarize_iter(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
) -> AsyncIterator[tuple[int, Digest | ItemError]]:
    """The async form of :func:`summarize_iter`: summarise many articles, at most ``concurrency`` at a time, and
    yield ``(index, result)`` as each finishes.

    Args:
        texts, language, settings, prompt_version, concurrency: as for :func:`summarize_many`.

    Returns:
        An async iterator of ``(index, Digest | ItemError)`` pairs in finishing order; leaving the loop early
        (``break``) cancels the articles still in flight.

    Raises:
        ProviderNotConfigured, PromptNotFound: before the first pair (exit code 2 in the CLI).
        SummarizerError: the language is not ``"en"`` or ``"ar"``, or ``concurrency`` is below 1.
        TypeError: ``texts`` is a single string.
    """
    refuse_single_string(texts)
    if concurrency < 1:
        raise SummarizerError("concurrency must be at least 1")
    language = _check_language(language)
    settings = settings or ProviderSettings.from_env()
    load_prompt(prompt_version)  # fail fast, once, on a bad version
    clients = await shared_clients(settings, concurrency)

    async def one(item: tuple[int, str], _: int) -> Digest | ItemError:
        index, text = item
        try:
            client = clients[index % len(clients)]
            return await asummarize(text, language, settings=settings, prompt_version=prompt_version, client=client)
        except Exception as exc:
            return ItemError.from_exception(index, exc)

    async for (index, _), result in bounded(enumerate(texts), concurrency, one):
        yield index, result


async def asummarize_many(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
    on_result: ResultCallback | None = None,
) -> list[Digest | ItemError]:
    """The async form of :func:`summarize_many`: summarise many articles, at most ``concurrency`` at a time; a
    failed article is an ItemError in its place, never an exception that loses the others.

    Args:
        texts: the articles (a list or other sequence of ``str``; a single ``str`` is refused).
        language: ``"en"`` or ``"ar"``, for every article.
        settings: as for :func:`summarize` (default: from the environment).
        prompt_version: as for :func:`summarize`.
        concurrency: articles in flight at once (requests spread over clients of at most 16 requests each).
        on_result: called with ``(index, result)`` as each article finishes (progress bars, streaming writes).

    Returns:
        One result per article, in input order: a :class:`~summarizer.schema.Digest`, or an :class:`ItemError`
        with the error's ``code``, ``message``, ``usage`` (tokens spent) and ``attempts``.

    Raises:
        ProviderNotConfigured, PromptNotFound: before any request (exit code 2 in the CLI).
        SummarizerError: the language is not ``"en"`` or ``"ar"``, or ``concurrency`` is below 1.
        TypeError: ``texts`` is a single string.
    """
    refuse_single_string(texts)
    results: list[Digest | ItemError | None] = [None] * len(texts)
    async for index, result in asummarize_iter(
        texts, language, settings=settings, prompt_version=prompt_version, concurrency=concurrency
    ):
        results[index] = result
        if on_result is not None:
            on_result(index, result)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]


_DONE = object()


def summarize_iter(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
) -> Iterator[tuple[int, Digest | ItemError]]:
    """Summarise many articles, at most ``concurrency`` at a time, and yield ``(index, result)`` as each finishes.

    Args:
        texts, language, settings, prompt_version, concurrency: as for :func:`summarize_many`.

    Returns:
        An iterator of ``(index, Digest | ItemError)`` pairs in finishing order; leaving the loop early
        (``break``) cancels the articles still in flight. The requests run on the library's background loop.

    Raises:
        ProviderNotConfigured, PromptNotFound: before the first pair (exit code 2 in the CLI).
        SummarizerError: the language is not ``"en"`` or ``"ar"``, or ``concurrency`` is below 1.
        TypeError: ``texts`` is a single string.
    """
    refuse_single_string(texts)
    finished: queue.Queue[Any] = queue.Queue()

    async def pump() -> None:
        try:
            async for item in asummarize_iter(
                texts, language, settings=settings, prompt_version=prompt_version, concurrency=concurrency
            ):
                finished.put(item)
        finally:
            finished.put(_DONE)

    future = background.submit(pump())
    try:
        while (item := finished.get()) is not _DONE:
            yield item
        future.result()  # an error before the first article (no provider, bad language) is raised here
    finally:
        future.cancel()


def summarize_many(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
    on_result: ResultCallback | None = None,
) -> list[Digest | ItemError]:
    """Summarise many articles, at most ``concurrency`` at a time; a failed article is an ItemError in its place,
    never an exception that loses the others.

    Args:
        texts: the articles (a list or other sequence of ``str``; a single ``str`` is refused).
        language: ``"en"`` or ``"ar"``, for every article.
        settings: as for :func:`summarize` (default: from the environment).
        prompt_version: as for :func:`summarize`.
        concurrency: articles in flight at once (requests spread over clients of at most 16 requests each).
        on_result: called with ``(index, result)`` as each article finishes (progress bars, streaming writes),
            in your thread.

    Returns:
        One result per article, in input order: a :class:`~summarizer.schema.Digest`, or an :class:`ItemError`
        with the error's ``code``, ``message``, ``usage`` (tokens spent) and ``attempts``.

    Raises:
        ProviderNotConfigured, PromptNotFound: before any request (exit code 2 in the CLI).
        SummarizerError: the language is not ``"en"`` or ``"ar"``, or ``concurrency`` is below 1.
        TypeError: ``texts`` is a single string.
    """
    refuse_single_string(texts)
    results: list[Digest | ItemError | None] = [None] * len(texts)
    for index, result in summarize_iter(
        texts, language, settings=settings, prompt_version=prompt_version, concurrency=concurrency
    ):
        results[index] = result
        if on_result is not None:
            on_result(index, result)
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]
