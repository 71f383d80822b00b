"""Every failure a user can meet, each with its own exit code and a message that says what to do.

The CLI prints ``error: <message>`` and exits with ``exit_code``; batch records
carry ``code`` so a failed article can be found and retried.
"""

from __future__ import annotations

import signal
from typing import Any


class SummarizerError(Exception):
    """Something failed that we did not foresee: an internal error (a bug), reported in one line.

    The base class of every error here: each subclass is a specific, explained failure with its own exit
    code (``exit_code``) and the code its batch line carries (``code``); never shown as a traceback.
    """

    exit_code = 1
    code = "error"
    # Set on failures of a model call: tokens spent and requests sent before giving up.
    usage: Any = None
    attempts: int = 0
    last_answer: str | None = None  # set on validation failures: the model's last answer, for best-effort mode
    partial: Any = None  # set on validation failures of a pointer answer: its supported part (repair.Result)


class ProviderNotConfigured(SummarizerError):
    """No provider is configured, or a setting is invalid (a malformed base URL, an unknown mode, a limit
    out of range): the message says which variable or flag to set."""

    exit_code = 2
    code = "provider_not_configured"


class UsageProblem(SummarizerError):
    """The command was given options that do not fit together or do not fit its files; the message names the
    flag to use instead (like a usage error typer reports)."""

    exit_code = 2
    code = "usage"


class PromptNotFound(SummarizerError):
    """No prompt version of that name (see ``summarizer prompts``)."""

    exit_code = 2
    code = "prompt_not_found"


class InputError(SummarizerError):
    """The article cannot be read, or is a folder rather than a file."""

    exit_code = 3
    code = "bad_input"


class FileProblem(InputError):
    """A file or folder we must read or write is unusable (missing, a directory, read-only, full disk).

    Raised before any model call whenever it can be foreseen, so nothing is paid for a result that
    cannot be saved. The message names the path.
    """

    exit_code = 3
    code = "file_error"

    @classmethod
    def from_os_error(cls, exc: OSError, path: object = None) -> FileProblem:
        where = path if path is not None else (exc.filename or "a file")
        return cls(f"{where}: {exc.strerror or type(exc).__name__}")


class EmptyArticle(InputError):
    """The article is empty or only white space."""

    exit_code = 10
    code = "empty_article"


class NotArabic(InputError):
    """Fewer than half of the article's letters are Arabic."""

    exit_code = 11
    code = "not_arabic"


class UndecodableInput(InputError):
    """The file is not UTF-8 text: the message names the encoding it looks like (UTF-16, Windows Arabic,
    Latin-1) and how to convert it, or says it is binary."""

    exit_code = 12
    code = "undecodable_input"


class ArticleTooLong(InputError):
    """The article is longer than 100,000 characters, or than the model's context window leaves room for."""

    exit_code = 13
    code = "article_too_long"


class BatchInputError(InputError):
    """The batch file itself is unusable (duplicate ids, not JSONL at all)."""

    exit_code = 14
    code = "bad_batch_input"


class BatchInUse(BatchInputError):
    """Another batch run is writing the same output file."""

    exit_code = 15
    code = "batch_in_use"


class BatchHadFailures(SummarizerError):
    """The batch ran to the end, but some articles have error lines: the message says whether
    ``--retry-errors`` can help (provider and model failures) or the input must be fixed."""

    exit_code = 4
    code = "batch_had_failures"


class PartialResult(SummarizerError):
    """Best-effort mode (the default with --local) kept only the supported part of an answer that failed
    validation (``run.status`` is "partial"): the digest is written, and the exit code says it is partial, as a
    batch's summary counts it."""

    exit_code = 5
    code = "partial"


class ModelOutputInvalid(SummarizerError):
    """The model kept returning output that failed validation, re-asks included (with --strict, or any provider
    but --local without --best-effort; best-effort mode fails so only when nothing of the answer is supported)."""

    exit_code = 20
    code = "model_output_invalid"


class ProviderError(SummarizerError):
    """The provider failed: network, authentication, rate limits past our retries."""

    exit_code = 21
    code = "provider_error"


class TimeBudgetExceeded(ProviderError):
    """No valid answer within the time budget (``--time-budget``), re-asks and retries included."""

    exit_code = 22
    code = "time_budget_exceeded"


class DigestMismatch(SummarizerError):
    """``view``: the digest's quotes are not in this article (the wrong article, or an edited digest)."""

    exit_code = 16
    code = "digest_mismatch"


class StaleRecording(SummarizerError):
    """A cassette does not hold the request we now send (prompt, schema or settings changed)."""

    exit_code = 30
    code = "stale_recording"


class CorruptRecording(StaleRecording):
    """A cassette or its .meta.json cannot be read (truncated, hand-edited, not YAML): re-record it.

    Counted as stale (same code) so the eval reports it with the others and exits 30.
    """


class MissingRecording(SummarizerError):
    """No recording for a case being replayed (eval reports it with the stale ones, exit 30)."""

    exit_code = 31
    code = "missing_recording"


class EvalRegression(SummarizerError):
    """The eval gate failed: a metric is below its floor or regressed past its threshold against the baseline."""

    exit_code = 40
    code = "eval_regression"


# Error codes of articles whose input cannot be summarised as it is: retrying them cannot help.
INPUT_CODES = frozenset({"bad_batch_line", InputError.code, EmptyArticle.code, NotArabic.code, UndecodableInput.code,
                         ArticleTooLong.code})  # fmt: skip


class Interrupted(KeyboardInterrupt):
    """Ctrl-C (SIGINT) or SIGTERM, raised where the signal arrives so that cleanup runs (``finally`` clauses,
    a local server stopped); the CLI says so in one line and exits 128 + the signal's number (130, 143)."""

    def __init__(self, signum: int = signal.SIGINT) -> None:
        super().__init__(f"signal {signum}")
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum
