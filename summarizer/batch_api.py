"""Batches beyond one machine's request loop: request files for the OpenAI Batch API and ``vllm run-batch``.

Both take the same JSONL: one ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``
per request, and give back one ``{"id", "custom_id", "response": {"status_code", "request_id", "body"},
"error"}`` per request. The body is the one a live call sends (``client.request_body``), ``custom_id`` is
the article id; results are judged by the live loop's own functions (``client.check_answer``: parsing,
grounding every quote, the claim checker) and written in ``batch``'s output format. An answer that fails
validation becomes a re-ask request (the conversation so far, then our feedback, as ``reask_messages``
words it) in a follow-up request file, until ``max_reasks`` is spent; a failed or unreadable result line
becomes a retry of the same request.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from summarizer.api import ItemError, _prompt
from summarizer.batch import BatchItem, _line, _read_done, _text_of, read_batch
from summarizer.client import NoAnswer, check_answer, first_choice, reask_messages, request_body, validation_failure
from summarizer.errors import BatchInputError, ModelOutputInvalid, ProviderError, SummarizerError
from summarizer.files import atomic_write, check_output_path
from summarizer.inputs import check_article
from summarizer.output_lock import output_lock
from summarizer.prompts import DEFAULT_VERSION
from summarizer.schema import Digest, Language, RunInfo, Usage, schema_hash
from summarizer.settings import ProviderSettings

URL = "/v1/chat/completions"
Progress = Callable[[int, int], None]  # (articles handled, total): 100k articles take minutes each way


def request_line(custom_id: str, body: dict[str, Any]) -> str:
    return json.dumps({"custom_id": custom_id, "method": "POST", "url": URL, "body": body}, ensure_ascii=False) + "\n"


@dataclass
class ExportReport:
    written: int = 0
    refused: dict[str, str] = field(default_factory=dict)  # id -> why (bad line, empty, not Arabic, too long)


def export_requests(
    articles: Path,
    requests: Path,
    language: Language,
    settings: ProviderSettings,
    prompt_version: str = DEFAULT_VERSION,
    on_progress: Progress | None = None,
) -> ExportReport:
    """Write one first request per usable article; the others are reported (``import_results`` writes their
    error lines, as ``batch`` would)."""
    check_output_path(requests, inputs=(articles,))
    prompt = _prompt(prompt_version)
    report = ExportReport()
    items = read_batch(articles)

    def lines(source: BinaryIO) -> Iterator[bytes]:
        for done, item in enumerate(items, start=1):
            if on_progress is not None:
                on_progress(done, len(items))
            text = _text_of(source, item) if item.problem is None else ""
            problem = _input_problem(item, text, settings)
            if problem is not None:
                report.refused[item.key] = f"{problem.code}: {problem.message}"
                continue
            report.written += 1
            body = request_body(settings, prompt.messages(text, language), prompt.response_model_for(language))
            yield request_line(item.key, body).encode("utf-8")

    with _open(articles) as source:
        atomic_write(requests, lines(source))
    return report


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}") from None


def _input_problem(item: BatchItem, text: str, settings: ProviderSettings) -> ItemError | None:
    if item.problem is not None:
        return item.problem
    try:
        check_article(text, settings.context_tokens)
    except SummarizerError as exc:
        return ItemError.from_exception(0, exc)
    return None


@dataclass
class ImportReport:
    succeeded: int = 0
    failed: int = 0
    reasks: int = 0  # answers that failed validation and went to the follow-up request file
    retries: int = 0  # failed or unreadable result lines whose request went to the follow-up file
    skipped: int = 0  # ids already in the output
    missing: list[str] = field(default_factory=list)  # articles with no usable result line (retried if following up)
    problems: list[str] = field(default_factory=list)  # result lines that could not be attributed to an article
    failures: Counter[str] = field(default_factory=Counter)
    usage: Usage = field(default_factory=Usage)


@dataclass
class _Result:
    """One result line, as far as it could be read."""

    body: dict[str, Any] | None = None
    failure: str | None = None  # why there is no usable body (provider error, malformed line)


def _read_results(path: Path, report: ImportReport) -> dict[str, _Result]:
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}") from None
    results: dict[str, _Result] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            report.problems.append(f"{path.name} line {number}: not JSON ({exc.msg}); its article is retried")
            continue
        custom_id = record.get("custom_id") if isinstance(record, dict) else None
        if not isinstance(custom_id, str):
            report.problems.append(f"{path.name} line {number}: no custom_id; its article is retried")
            continue
        if custom_id in results:
            report.problems.append(f"{path.name} line {number}: custom_id {custom_id!r} again; the first one is kept")
            continue
        results[custom_id] = _parse_result(record)
    return results


def _parse_result(record: dict[str, Any]) -> _Result:
    response = record.get("response")
    error = record.get("error")
    status = response.get("status_code") if isinstance(response, dict) else None
    body = response.get("body") if isinstance(response, dict) else None
    if error or status != 200 or not isinstance(body, dict):
        detail = error if error else (body or {}).get("error") if isinstance(body, dict) else None
        shown = json.dumps(detail, ensure_ascii=False)[:200] if detail else "no body"
        return _Result(failure=f"the request failed (status {status}): {shown}")
    return _Result(body=body)


def _read_requests(path: Path | None) -> dict[str, list[dict[str, Any]]]:
    """custom_id -> the messages that were sent (to continue a conversation with a re-ask)."""
    if path is None:
        return {}
    sent: dict[str, list[dict[str, Any]]] = {}
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise BatchInputError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            sent[str(record["custom_id"])] = list(record["body"]["messages"])
        except (json.JSONDecodeError, KeyError, TypeError):
            raise BatchInputError(f"{path} line {number} is not a request line") from None
    return sent


def import_results(
    results: Path,
    articles: Path,
    out: Path,
    language: Language,
    settings: ProviderSettings,
    prompt_version: str = DEFAULT_VERSION,
    *,
    requests: Path | None = None,
    follow_up: Path | None = None,
    on_progress: Progress | None = None,
) -> ImportReport:
    """Judge each returned body exactly as a live call would and append ``batch`` result lines to ``out``.

    ``requests`` is the request file these results answer (needed to continue a re-ask conversation; without
    it the first request is rebuilt from the article). With ``follow_up``, answers that may be re-asked and
    failed requests are written there as the next request file; without it they become error lines.
    """
    check_output_path(out, inputs=(results, articles))
    if follow_up is not None:
        check_output_path(follow_up, inputs=(results, articles, out))
    prompt = _prompt(prompt_version)
    report = ImportReport()
    items = read_batch(articles)
    returned = _read_results(results, report)
    known = {item.key for item in items}
    for custom_id in returned:
        if custom_id not in known:
            report.problems.append(f"result for custom_id {custom_id!r}, which is not in {articles.name}: ignored")
    sent = _read_requests(requests)
    next_requests: list[str] = []
    run = RunInfo(
        model=settings.model,
        provider=f"{settings.provider} (batch file)",
        mode=settings.mode,
        prompt_version=prompt.version,
        prompt_hash=prompt.hash,
        schema_hash=schema_hash(prompt.response_model_for(language)),
        attempts=1,
        usage=Usage(),
        latency_s=0.0,
    )
    with output_lock(out) as lock, _open(articles) as source:
        done = _read_done(out, retry_errors=False).done
        lock.follow()
        lines: list[str] = []
        for index, item in enumerate(items):
            if on_progress is not None:
                on_progress(index + 1, len(items))
            if item.key in done:
                report.skipped += 1
                continue
            text = _text_of(source, item) if item.problem is None else ""
            problem = _input_problem(item, text, settings)
            if problem is not None:
                lines.append(_line(item, problem.model_copy(update={"index": index})))
                report.failed += 1
                report.failures[problem.code] += 1
                continue
            messages = sent.get(item.key) or prompt.messages(text, language)
            result = returned.get(item.key)
            if result is None:  # no line, or one too broken to name its article: lost, so sent again
                report.missing.append(item.key)
                if follow_up is not None:
                    next_requests.append(
                        request_line(item.key, request_body(settings, messages, prompt.response_model_for(language)))
                    )
                    report.retries += 1
                continue
            outcome = _judge(
                text, index, result, messages, language, settings, run, prompt.response_model_for(language)
            )
            if isinstance(outcome, list):
                if follow_up is not None:
                    next_requests.append(
                        request_line(item.key, request_body(settings, outcome, prompt.response_model_for(language)))
                    )
                    if result.body is None:
                        report.retries += 1
                    else:
                        report.reasks += 1
                    continue
                outcome = _give_up(index, result, messages)
            lines.append(_line(item, outcome))
            if isinstance(outcome, Digest):
                report.succeeded += 1
                report.usage += outcome.run.usage if outcome.run else Usage()
            else:
                report.failed += 1
                report.failures[outcome.code] += 1
                report.usage += outcome.usage
        with out.open("a", encoding="utf-8") as stream:
            stream.writelines(lines)
    if follow_up is not None:
        atomic_write(follow_up, "".join(next_requests))
    return report


def _usage(body: dict[str, Any]) -> Usage:
    raw = body.get("usage") or {}
    return Usage(
        prompt_tokens=int(raw.get("prompt_tokens") or 0),
        completion_tokens=int(raw.get("completion_tokens") or 0),
        total_tokens=int(raw.get("total_tokens") or 0),
    )


def _judge(
    article: str,
    index: int,
    result: _Result,
    messages: list[dict[str, Any]],
    language: Language,
    settings: ProviderSettings,
    run: RunInfo,
    response_model: type[Digest],
) -> Digest | ItemError | list[dict[str, Any]]:
    """A Digest, an ItemError, or the conversation to send next (a retry or a re-ask)."""
    if result.body is None:
        return messages  # the provider failed this request: send the same one again
    from openai.types.chat import ChatCompletion

    usage = _usage(result.body)
    attempts = 1 + sum(1 for m in messages if m.get("role") == "assistant")
    try:
        choice = first_choice(ChatCompletion.model_validate(result.body))
    except (ValidationError, SummarizerError, ValueError) as exc:  # not a chat completion: the provider's failure
        result.failure = f"the result body is not a chat completion: {str(exc)[:200]}"
        result.body = None
        return messages
    context = {"article": article, "language": language, "faithfulness": settings.faithfulness}
    try:
        digest = check_answer(settings, choice, response_model, context)
    except (ValidationError, NoAnswer) as exc:
        failure = validation_failure(attempts, exc)
        if attempts > settings.max_reasks:
            return ItemError(index=index, code=failure.code, message=str(failure), usage=usage, attempts=attempts)
        result.failure = str(failure)  # the error line if no follow-up file is asked for
        return [*messages, *reask_messages(settings.mode, choice.message, exc)]
    except SummarizerError as exc:  # cut off at max_tokens, a refusal: a live call stops there too
        return ItemError(index=index, code=exc.code, message=str(exc), usage=usage, attempts=attempts)
    digest.run = run.model_copy(update={"attempts": attempts, "usage": usage})
    return digest


def _give_up(index: int, result: _Result, messages: list[dict[str, Any]]) -> ItemError:
    """No follow-up file: what would have been sent again is an error line instead."""
    attempts = 1 + sum(1 for m in messages if m.get("role") == "assistant")
    failure: SummarizerError
    if result.body is None:
        failure = ProviderError(result.failure or "the request failed")
    else:
        failure = ModelOutputInvalid(f"{result.failure} (a re-ask is allowed: pass a follow-up request file)")
    return ItemError(index=index, code=failure.code, message=str(failure), attempts=attempts)
