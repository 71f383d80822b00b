"""The library API: summarize, asummarize, summarize_many."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from summarizer import background
from summarizer.client import shared_client, shared_clients, structured_call
from summarizer.errors import SummarizerError
from summarizer.inputs import check_article
from summarizer.prompts import DEFAULT_VERSION, PromptVersion, get_version, prompts_dir
from summarizer.schema import Digest, Language, RunInfo, Usage, schema_hash
from summarizer.settings import ProviderSettings


class ItemError(BaseModel):
    """A batch item that failed: which one, why, and the error code to filter on."""

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


def _prompt(version: str) -> PromptVersion:
    """The prompt version, built (and its templates compiled, its hash computed) once per edit of its files."""
    folder = prompts_dir() / version
    try:
        signature = tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in folder.iterdir()))
    except OSError:
        signature = ()
    return _prompt_cached(version, folder, signature)


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
    """Summarise one Arabic article into a grounded Digest (bullets + ACLED-style events)."""
    language = _check_language(language)
    settings = settings or ProviderSettings.from_env()
    article = check_article(text, settings.context_tokens)
    prompt = _prompt(prompt_version)
    client = client or await shared_client(settings)
    digest, outcome = await structured_call(
        client,
        settings,
        prompt.messages(article, language),
        Digest,
        context={"article": article, "language": language, "faithfulness": settings.faithfulness},
    )
    digest.run = RunInfo(
        model=settings.model,
        provider=settings.provider,
        mode=settings.mode,
        prompt_version=prompt.version,
        prompt_hash=prompt.hash,
        schema_hash=schema_hash(),
        attempts=outcome.attempts,
        usage=outcome.usage,
        latency_s=round(outcome.latency_s, 3),
    )
    return digest


def summarize(
    text: str,
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
) -> Digest:
    """Blocking form of :func:`asummarize`."""
    return background.run(asummarize(text, language, settings=settings, prompt_version=prompt_version))


async def iter_summaries(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
) -> AsyncIterator[tuple[int, Digest | ItemError]]:
    """Yield (index, result) as each article finishes; a failure is an ItemError, never an exception."""
    refuse_single_string(texts)
    if concurrency < 1:
        raise SummarizerError("concurrency must be at least 1")
    language = _check_language(language)
    settings = settings or ProviderSettings.from_env()
    _prompt(prompt_version)  # fail fast, once, on a bad version
    clients = await shared_clients(settings, concurrency)
    gate = asyncio.Semaphore(concurrency)

    async def one(index: int, text: str) -> tuple[int, Digest | ItemError]:
        async with gate:
            try:
                client = clients[index % len(clients)]
                return index, await asummarize(
                    text, language, settings=settings, prompt_version=prompt_version, client=client
                )
            except Exception as exc:
                return index, ItemError.from_exception(index, exc)

    tasks = [asyncio.create_task(one(i, t)) for i, t in enumerate(texts)]
    try:
        for finished in asyncio.as_completed(tasks):
            yield await finished
    finally:
        for task in tasks:
            task.cancel()


async def summarize_many(
    texts: Sequence[str],
    language: Language = "en",
    *,
    settings: ProviderSettings | None = None,
    prompt_version: str = DEFAULT_VERSION,
    concurrency: int = 4,
) -> list[Digest | ItemError]:
    """Summarise many articles with bounded concurrency; results in input order."""
    refuse_single_string(texts)
    results: list[Digest | ItemError | None] = [None] * len(texts)
    async for index, result in iter_summaries(
        texts, language, settings=settings, prompt_version=prompt_version, concurrency=concurrency
    ):
        results[index] = result
    assert all(r is not None for r in results)
    return results  # type: ignore[return-value]
