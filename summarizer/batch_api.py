"""Batches beyond one machine's request loop: request files for the OpenAI Batch API and ``vllm run-batch``.

Both take the same JSONL: one ``{"custom_id", "method": "POST", "url": "/v1/chat/completions", "body"}``
per request, and give back one ``{"id", "custom_id", "response": {"status_code", "request_id", "body"},
"error"}`` per request. The body is the one a live call sends (``client.request_body``), ``custom_id`` is
the article id; results are judged by the live loop's own functions (``client.check_answer``: parsing,
grounding every quote, the claim checker) and written in ``batch``'s output format.

Every article of the input ends an import with exactly one line: a digest or an error line in the output,
or a request in the follow-up file. An answer that fails validation becomes a re-ask (the conversation so
far, then our feedback, as ``reask_messages`` words it) until ``max_reasks`` is spent; a failed request, a
result line cut short or missing becomes a retry of the same request. Without a follow-up file, what would
be sent again is an error line instead. Tokens are summed over every attempt: what a re-asked answer cost
is kept in a ledger beside the output (``.OUT.jsonl.spent.jsonl``) until its article has its line.

Nothing is held whole: results, requests and articles are indexed by byte offset and read when their
article's turn comes; output lines are appended as they are judged, the follow-up file is streamed.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from pydantic import ValidationError

from summarizer.api import ItemError, load_prompt
from summarizer.batch_io import BatchItem, article_text, read_batch, read_done, result_line
from summarizer.client import (
    NoAnswer,
    answer_text,
    first_choice,
    reask_messages,
    request_body,
    validation_failure,
)
from summarizer.errors import (
    BatchInputError,
    FileProblem,
    ModelOutputInvalid,
    ProviderError,
    SummarizerError,
    UsageProblem,
)
from summarizer.files import atomic_write, check_output_path
from summarizer.inputs import check_article
from summarizer.output_lock import output_lock
from summarizer.prompts import DEFAULT_VERSION, PromptVersion
from summarizer.repair import judge as judge_answer
from summarizer.schema import Digest, Language, RunInfo, Usage, schema_hash
from summarizer.settings import Mode, ProviderSettings
from summarizer.validation import context as validation_context

URL = "/v1/chat/completions"
Progress = Callable[[int, int], None]  # (articles handled, total): 100k articles take minutes each way
Messages = list[dict[str, Any]]


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
    prompt = load_prompt(prompt_version)
    report = ExportReport()
    items = read_batch(articles)

    def lines(source: BinaryIO) -> Iterator[bytes]:
        for done, item in enumerate(items, start=1):
            if on_progress is not None:
                on_progress(done, len(items))
            text = article_text(source, item) if item.problem is None else ""
            problem = _input_problem(item, text, settings)
            if problem is not None:
                report.refused[item.key] = f"{problem.code}: {problem.message}"
                continue
            report.written += 1
            body = request_body(settings, prompt.messages(text, language), prompt.response_model_for(language), text)
            yield request_line(item.key, body).encode("utf-8")

    with _open(articles) as source:
        atomic_write(requests, lines(source))
    return report


def _open(path: Path) -> BinaryIO:
    try:
        return path.open("rb")
    except FileNotFoundError:
        raise FileProblem(f"{path}: no such file") from None
    except OSError as exc:
        raise FileProblem.from_os_error(exc, path) from None


def _input_problem(item: BatchItem, text: str, settings: ProviderSettings) -> ItemError | None:
    if item.problem is not None:
        return item.problem
    try:
        check_article(text, settings.context_tokens)
    except SummarizerError as exc:
        return ItemError.from_exception(0, exc)
    return None


# ---------------------------------------------------------------- reading result and request files


@dataclass
class _Index:
    """custom_id -> byte offset of its line in a JSONL file, read once; lines are parsed again when needed."""

    offsets: dict[str, int] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)  # custom_id -> why its line is unusable (cut short...)
    problems: list[str] = field(default_factory=list)  # lines that name no article
    tool_calls: int = 0  # 200 bodies answering with a tool call / with message content: which mode they answer
    content: int = 0


_CUSTOM_ID = re.compile(rb'"custom_id"\s*:\s*("(?:[^"\\]|\\.)*")')


def _index_results(path: Path) -> _Index:
    index = _Index()
    with _open(path) as handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            here, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
            except (json.JSONDecodeError, UnicodeDecodeError) as exc:
                named = _CUSTOM_ID.search(raw)  # a line cut short still names its article near its start
                custom_id = _json_string(named.group(1)) if named else None
                why = f"its result line ({path.name} line {number}) is cut short or not JSON"
                if custom_id is None:
                    index.problems.append(f"{path.name} line {number}: not JSON ({_why(exc)}) and names no article")
                elif custom_id not in index.offsets:
                    index.broken.setdefault(custom_id, why)
                continue
            custom_id = record.get("custom_id") if isinstance(record, dict) else None
            if not isinstance(custom_id, str):
                index.problems.append(f"{path.name} line {number}: no custom_id; ignored")
                continue
            if custom_id in index.offsets:
                index.problems.append(
                    f"{path.name} line {number}: custom_id {custom_id!r} again; the first one is kept"
                )
                continue
            index.offsets[custom_id] = here
            index.broken.pop(custom_id, None)
            message = _message_of(record)
            if message is not None:
                index.tool_calls += bool(message.get("tool_calls") or message.get("function_call"))
                index.content += not (message.get("tool_calls") or message.get("function_call"))
    return index


def _json_string(raw: bytes) -> str | None:
    try:
        value = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return value if isinstance(value, str) else None


def _why(exc: Exception) -> str:
    return exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"


def _message_of(record: dict[str, Any]) -> dict[str, Any] | None:
    response = record.get("response")
    body = response.get("body") if isinstance(response, dict) and response.get("status_code") == 200 else None
    choices = body.get("choices") if isinstance(body, dict) else None
    first = choices[0] if isinstance(choices, list) and choices and isinstance(choices[0], dict) else None
    message = first.get("message") if first else None
    return message if isinstance(message, dict) else None


def _line_at(handle: BinaryIO, offset: int) -> Any:
    handle.seek(offset)
    return json.loads(handle.readline())


@dataclass
class _Result:
    """One result line, as far as it could be read."""

    body: dict[str, Any] | None = None
    failure: str | None = None  # why there is no usable body (provider error, malformed line)


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


def _index_requests(path: Path) -> tuple[dict[str, int], Mode | None]:
    """custom_id -> offset of the request those results answer, and the mode its bodies were built for."""
    offsets: dict[str, int] = {}
    mode: Mode | None = None
    with _open(path) as handle:
        offset = 0
        for number, raw in enumerate(handle, start=1):
            here, offset = offset, offset + len(raw)
            if not raw.strip():
                continue
            try:
                record = json.loads(raw)
                offsets[str(record["custom_id"])] = here
                body = record["body"]
                _ = body["messages"]
            except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError):
                raise BatchInputError(f"{path} line {number} is not a request line") from None
            mode = mode or _mode_of(body)
    return offsets, mode


def _mode_of(body: dict[str, Any]) -> Mode | None:
    if body.get("tools"):
        return "tools"
    kind = (body.get("response_format") or {}).get("type")
    return kind if kind in ("json_schema", "json_object") else None


def _check_mode(
    settings: ProviderSettings, results: Path, index: _Index, requests: Path | None, sent: Mode | None
) -> None:
    """Refuse results judged in another mode than they answer: every valid answer would become a re-ask."""
    flag = f"--mode {settings.mode}"
    if sent is not None and sent != settings.mode:
        raise UsageProblem(f"{requests} holds {sent} requests, not {settings.mode}: import with --mode {sent}")
    if settings.mode == "tools" and index.content and not index.tool_calls:
        raise UsageProblem(
            f"{results} answers in message content, not tool calls: its requests were exported with --mode "
            f"json_schema or json_object; import with the same --mode (not {flag})"
        )
    if settings.mode != "tools" and index.tool_calls and not index.content:
        raise UsageProblem(f"{results} answers with tool calls: its requests were exported with --mode tools; "
                           f"import with --mode tools (not {flag})")  # fmt: skip


# ---------------------------------------------------------------- what re-asked answers cost


class _Ledger:
    """Tokens spent on earlier attempts of articles not yet written: one line per (id, attempt), beside the output.

    Idempotent (importing the same results twice records nothing twice); removed once no article awaits a
    follow-up.
    """

    def __init__(self, out: Path) -> None:
        target = out.resolve()
        self.path = target.with_name(f".{target.name}.spent.jsonl")
        self.spent: dict[tuple[str, int], Usage] = {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        except OSError as exc:
            raise FileProblem.from_os_error(exc, self.path) from None
        for line in text.splitlines():
            try:
                record = json.loads(line)
                self.spent[(str(record["id"]), int(record["attempt"]))] = Usage.model_validate(record["usage"])
            except (json.JSONDecodeError, KeyError, TypeError, ValueError):
                continue  # a line torn by a crash: that attempt's tokens are recorded again when re-imported

    def before(self, key: str, attempt: int) -> Usage:
        return sum((u for (k, a), u in self.spent.items() if k == key and a < attempt), Usage())

    def record(self, key: str, attempt: int, usage: Usage) -> None:
        if (key, attempt) in self.spent:
            return
        self.spent[(key, attempt)] = usage
        line = json.dumps({"id": key, "attempt": attempt, "usage": usage.model_dump()}) + "\n"
        try:
            with self.path.open("a", encoding="utf-8") as handle:
                handle.write(line)
        except OSError as exc:
            raise FileProblem.from_os_error(exc, self.path) from None

    def close(self, pending: int) -> None:
        if not pending:
            self.path.unlink(missing_ok=True)


# ---------------------------------------------------------------- judging


@dataclass
class ImportReport:
    succeeded: int = 0
    partial: int = 0  # of the succeeded: digests best effort kept only part of (run.status "partial")
    failed: int = 0
    reasks: int = 0  # answers that failed validation and went to the follow-up request file
    retries: int = 0  # failed, cut-short or missing results whose request went to the follow-up file
    skipped: int = 0  # ids already in the output
    missing: list[str] = field(default_factory=list)  # articles with no usable result line
    problems: list[str] = field(default_factory=list)  # result lines that could not be attributed to an article
    failures: Counter[str] = field(default_factory=Counter)  # this import's error lines, by code
    failures_before: Counter[str] = field(default_factory=Counter)  # error lines already in the output
    usage: Usage = field(default_factory=Usage)

    @property
    def pending(self) -> int:
        """Articles whose line is a request in the follow-up file."""
        return self.reasks + self.retries

    @property
    def complete_with_failures(self) -> bool:
        """Error lines in the output (this import's or earlier): ``batch`` exits 4, as a live run does."""
        return bool(self.failed or self.failures_before)


@dataclass
class _Next:
    """Send this conversation again: a re-ask (after an answer that failed validation) or a retry."""

    messages: Messages
    why: str
    reask: bool
    earlier: Usage = field(default_factory=Usage)  # what the article's earlier answers cost
    spent: Usage = field(default_factory=Usage)  # what the answer being re-asked cost


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
    failed or missing results are written there as the next request file; without it they become error
    lines. Every article not already in ``out`` gets exactly one line, in ``out`` or in ``follow_up``.
    """
    check_output_path(out, inputs=(results, articles))
    if follow_up is not None:
        check_output_path(follow_up, inputs=(results, articles, out))
    prompt = load_prompt(prompt_version)
    items = read_batch(articles)
    index = _index_results(results)
    sent_at, sent_mode = _index_requests(requests) if requests is not None else ({}, None)
    _check_mode(settings, results, index, requests, sent_mode)
    report = ImportReport(problems=index.problems)
    known = {item.key for item in items}
    for custom_id in [*index.offsets, *index.broken]:
        if custom_id not in known:
            report.problems.append(f"result for custom_id {custom_id!r}, which is not in {articles.name}: ignored")
    judge = _Judge(settings, prompt, language)
    with output_lock(out) as lock:
        scan = read_done(out, retry_errors=False)
        lock.follow()
        report.failures_before = scan.failed
        ledger = _Ledger(out)
        with _open(articles) as source, _open(results) as answers, out.open("a", encoding="utf-8") as stream:
            sent = _open(requests) if requests is not None else None

            def write(item: BatchItem, result: Digest | ItemError) -> None:
                stream.write(result_line(item, result))
                stream.flush()
                if isinstance(result, Digest):
                    report.succeeded += 1
                    report.partial += result.run is not None and result.run.status == "partial"
                    report.usage += result.run.usage if result.run else Usage()
                else:
                    report.failed += 1
                    report.failures[result.code] += 1
                    report.usage += result.usage

            def lines() -> Iterator[bytes]:
                for number, item in enumerate(items):
                    if on_progress is not None:
                        on_progress(number + 1, len(items))
                    if item.key in scan.done:
                        report.skipped += 1
                        continue
                    text = article_text(source, item) if item.problem is None else ""
                    problem = _input_problem(item, text, settings)
                    if problem is not None:
                        write(item, problem.model_copy(update={"index": number}))
                        continue
                    messages = (
                        _line_at(sent, sent_at[item.key])["body"]["messages"]
                        if sent is not None and item.key in sent_at
                        else prompt.messages(text, language)
                    )
                    if item.key in index.offsets:
                        result = _parse_result(_line_at(answers, index.offsets[item.key]))
                    else:
                        why = index.broken.get(item.key, f"no result line for it in {results.name}")
                        result = _Result(failure=why)
                        report.missing.append(item.key)
                    outcome = judge(text, number, result, messages, ledger.before(item.key, _attempt(messages)))
                    if isinstance(outcome, _Next) and follow_up is not None:
                        if outcome.reask:
                            ledger.record(item.key, _attempt(messages), outcome.spent)
                            report.reasks += 1
                        else:
                            report.retries += 1
                        yield request_line(item.key, judge.body(outcome.messages, text)).encode("utf-8")
                        continue
                    write(item, judge.give_up(number, outcome, messages) if isinstance(outcome, _Next) else outcome)

            try:
                if follow_up is not None:
                    atomic_write(follow_up, lines())
                else:
                    for _ in lines():
                        pass
            finally:
                if sent is not None:
                    sent.close()
        ledger.close(report.pending)
    return report


def _attempt(messages: Messages) -> int:
    """Which answer this is for its article: 1, then one more per re-ask (an assistant message each)."""
    return 1 + sum(1 for m in messages if m.get("role") == "assistant")


def _usage(body: dict[str, Any]) -> Usage:
    raw = body.get("usage") or {}
    return Usage(
        prompt_tokens=int(raw.get("prompt_tokens") or 0),
        completion_tokens=int(raw.get("completion_tokens") or 0),
        total_tokens=int(raw.get("total_tokens") or 0),
    )


class _Judge:
    """One result against its article, as the live loop judges an answer."""

    def __init__(self, settings: ProviderSettings, prompt: PromptVersion, language: Language) -> None:
        self.settings = settings
        self.language = language
        self.response_model = prompt.response_model_for(language)
        self.run = RunInfo(
            model=settings.model,
            provider=f"{settings.provider} (batch file)",
            mode=settings.mode,
            prompt_version=prompt.version,
            prompt_hash=prompt.hash,
            schema_hash=schema_hash(self.response_model),
            attempts=1,
            usage=Usage(),
            latency_s=0.0,
        )

    def body(self, messages: Messages, article: str) -> dict[str, Any]:
        return request_body(self.settings, messages, self.response_model, article)  # v3: the article's unit numbers

    def __call__(
        self, article: str, index: int, result: _Result, messages: Messages, earlier: Usage
    ) -> Digest | ItemError | _Next:
        """A Digest, an ItemError, or the conversation to send next (a retry or a re-ask)."""
        if result.body is None:
            return _Next(messages, result.failure or "the request failed", reask=False, earlier=earlier)
        from openai.types.chat import ChatCompletion

        attempts = _attempt(messages)
        spent = _usage(result.body)
        usage = earlier + spent
        try:
            choice = first_choice(ChatCompletion.model_validate(result.body))
        except (ValidationError, SummarizerError, ValueError) as exc:  # not a chat completion: the provider's failure
            why = f"the result body is not a chat completion: {str(exc)[:200]}"
            return _Next(messages, why, reask=False, earlier=earlier)
        context = validation_context(article, self.language, self.settings.faithfulness)
        try:
            digest = judge_answer(self.settings, choice, self.response_model, context)  # v3: keeps its supported parts
        except (ValidationError, NoAnswer) as exc:
            failure = validation_failure(attempts, exc)
            if attempts > self.settings.max_reasks:
                return self._final_failure(index, failure, choice, context, usage, attempts)
            why = f"{failure} (a re-ask is allowed: pass a follow-up request file)"
            again = [*messages, *reask_messages(self.settings.mode, choice.message, exc)]
            return _Next(again, why, reask=True, earlier=earlier, spent=spent)
        except SummarizerError as exc:  # cut off at max_tokens, a refusal: a live call stops there too
            return ItemError(index=index, code=exc.code, message=str(exc), usage=usage, attempts=attempts)
        digest.run = self.run.model_copy(update={"attempts": attempts, "usage": usage})
        return digest

    def _final_failure(
        self,
        index: int,
        failure: ModelOutputInvalid,
        choice: Any,
        context: dict[str, Any],
        usage: Usage,
        attempts: int,
    ) -> Digest | ItemError:
        """Re-asks spent: an error line, or with best_effort the answer's supported parts, as a live call gives."""
        if self.settings.best_effort:
            from summarizer.salvage import keep_supported

            try:
                answer = answer_text(self.settings.mode, choice.message)
            except SummarizerError:
                answer = ""
            salvaged = keep_supported(answer, self.response_model, context) if answer else None
            if salvaged is not None:
                digest, dropped = salvaged
                update = {"attempts": attempts, "usage": usage, "best_effort": True, "dropped": dropped}
                update["status"] = "partial"
                digest.run = self.run.model_copy(update=update)
                return digest
        return ItemError(index=index, code=failure.code, message=str(failure), usage=usage, attempts=attempts)

    def give_up(self, index: int, outcome: _Next, messages: Messages) -> ItemError:
        """No follow-up file: what would have been sent again is an error line instead, with what it cost."""
        failure: SummarizerError = ModelOutputInvalid(outcome.why) if outcome.reask else ProviderError(outcome.why)
        usage = outcome.earlier + outcome.spent
        return ItemError(index=index, code=failure.code, message=str(failure), usage=usage, attempts=_attempt(messages))
