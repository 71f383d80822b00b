"""Record and replay LLM traffic with vcrpy, so evaluations run with no network and no key.

Layout: ``cassettes/<model>/<prompt version>/<case id>.yaml`` with a sidecar
``.meta.json`` that names the model truthfully and stamps the prompt hash and
schema hash the recording was made with. Requests are matched on method, path
and the JSON body (vcrpy ignores bodies unless told), so a changed prompt or
schema never silently replays an old answer: it is reported as stale.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import vcr
from vcr.cassette import Cassette
from vcr.errors import CannotOverwriteExistingCassetteException
from vcr.request import Request as VcrRequest

from summarizer.errors import CorruptRecording, MissingRecording, StaleRecording, SummarizerError

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]
RERECORD_HINT = "summarizer eval --record --model {model}"


@dataclass(frozen=True)
class RecordingMeta:
    """Who produced a cassette, with what: read before replaying, shown in reports."""

    model: str
    provider: str
    mode: str
    prompt_version: str
    prompt_hash: str
    schema_hash: str
    language: str
    recorded_at: str
    note: str
    outcome: str = ""
    latency_s: float = 0.0
    max_output_tokens: int = 4096
    max_reasks: int = 2
    temperature: float = 0.0

    @classmethod
    def read(cls, path: Path) -> RecordingMeta:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise CorruptRecording(f"{path} cannot be read ({_one_line(exc)}); re-record this case") from None

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "model"


def cassette_path(root: Path, model: str, prompt_version: str, case_id: str) -> Path:
    return root / slug(model) / prompt_version / f"{slug(case_id)}.yaml"


def meta_path(cassette: Path) -> Path:
    return cassette.with_suffix(".meta.json")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _canonical_body(body: bytes | str | None) -> Any:
    if body is None:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def _json_body_matcher(recorded: Any, current: Any) -> None:
    if _canonical_body(recorded.body) != _canonical_body(current.body):
        raise AssertionError("request bodies differ")


def _recorder(record_mode: str) -> vcr.VCR:
    recorder = vcr.VCR(
        record_mode=record_mode,
        match_on=["method", "path", "json_body"],
        filter_headers=SECRET_HEADERS,
        decode_compressed_response=True,
    )
    recorder.register_matcher("json_body", _json_body_matcher)
    return recorder


class CassetteTransport(httpx.AsyncBaseTransport):
    """Replay one cassette for one client, without vcrpy's process-wide patching.

    vcrpy patches httpx for the whole process, so two ``replaying`` blocks cannot overlap. A client built
    on this transport answers from its own cassette (same file format, same matchers), which lets the
    eval harness replay every case at once. A request the cassette does not hold raises vcrpy's own
    CannotOverwriteExistingCassetteException, which the client reports as a StaleRecording.
    """

    def __init__(self, cassette: Path) -> None:
        if not cassette.is_file():
            raise MissingRecording(f"no recording at {cassette}")
        if cassette.stat().st_size == 0:
            raise CorruptRecording(f"{cassette} is empty")
        config = _recorder("none").get_merged_config(path=str(cassette))
        try:
            self._cassette = Cassette.load(**{k: v for k, v in config.items() if k in _CASSETTE_ARGS})
        except Exception as exc:  # yaml's errors, or a structure vcrpy cannot use: the file is corrupt
            raise CorruptRecording(f"{cassette} is corrupt or truncated ({_one_line(exc)})") from None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = b"".join([part async for part in request.stream])  # type: ignore[union-attr]
        wanted = VcrRequest(request.method, str(request.url), body, request.headers)
        if not self._cassette.can_play_response_for(wanted):
            raise CannotOverwriteExistingCassetteException(cassette=self._cassette, failed_request=wanted)
        recorded = self._cassette.play_response(wanted)
        headers = [(name, value) for name, values in recorded["headers"].items() for value in values]
        content = recorded["body"]["string"]
        return httpx.Response(
            status_code=recorded["status"]["code"],
            headers=headers,
            content=content.encode() if isinstance(content, str) else content,
            request=request,
        )


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]


_CASSETTE_ARGS = {
    "path", "serializer", "persister", "match_on", "record_mode", "before_record_request",
    "before_record_response", "custom_patches", "inject", "allow_playback_repeats", "drop_unused_requests",
}  # fmt: skip


@contextmanager
def replaying(cassette: Path, rerecord_command: str) -> Iterator[None]:
    """Serve HTTP from ``cassette`` only; a request it does not hold is a StaleRecording."""
    if not cassette.is_file():
        raise MissingRecording(f"no recording at {cassette}; record it with: {rerecord_command}")
    try:
        with _recorder("none").use_cassette(str(cassette), allow_playback_repeats=False):
            yield
    except (CannotOverwriteExistingCassetteException, StaleRecording):
        raise StaleRecording(
            f"{cassette} does not hold the request we now send (prompt, schema or settings changed); "
            f"re-record with: {rerecord_command}"
        ) from None


@contextmanager
def recording(cassette: Path) -> Iterator[None]:
    """Record every HTTP exchange into ``cassette``; an interrupted recording leaves the old one in place."""
    cassette.parent.mkdir(parents=True, exist_ok=True)
    partial = cassette.with_name(cassette.name + ".partial")
    partial.unlink(missing_ok=True)
    try:
        with _recorder("all").use_cassette(str(partial)):
            yield
    except SummarizerError:
        _promote(partial, cassette)  # a model that failed validation is a faithful recording too
        raise
    except BaseException:
        partial.unlink(missing_ok=True)  # interrupted or crashed: keep the previous recording
        raise
    _promote(partial, cassette)


def _promote(partial: Path, cassette: Path) -> None:
    if partial.exists():
        os.replace(partial, cassette)
