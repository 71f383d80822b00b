"""Record and replay LLM traffic with vcrpy, so evaluations run with no network and no key.

Layout: ``cassettes/<model>/<prompt version>/<case id>.yaml`` with a sidecar
``.meta.json`` that names the model truthfully and stamps the prompt hash,
schema hash, library versions and a hash of the rendered prompt the recording
was made with. Requests are matched on method, path and the JSON body (vcrpy
ignores bodies unless told), so a changed prompt or schema never silently
replays an old answer: it is reported as stale.

Two things do not count as a change: the *text* of the feedback message of a
re-ask (our wording of a validation error, which moves with pydantic and with
us), and the wait before a transient retry (replay never sleeps). Everything
else in a re-ask (the model's recorded answer, the message structure) must match.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import yaml

from summarizer.errors import CorruptRecording, MissingRecording, StaleRecording, SummarizerError

if TYPE_CHECKING:
    import vcr

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]
# Response headers that identify an account or carry a session: never written into a cassette.
SCRUBBED_RESPONSE_HEADERS = frozenset(
    {"set-cookie", "set-cookie2", "openai-organization", "openai-project", "openai-user", "x-organization-id"}
)
RERECORD_HINT = "summarizer eval --record --model {model}"
FEEDBACK_PLACEHOLDER = "<re-ask feedback: not matched>"
TRANSIENT_STATUS = frozenset({408, 409, 429}) | frozenset(range(500, 600))
VERSIONED_LIBRARIES = ("summarizer", "openai", "instructor", "pydantic", "httpx", "tenacity", "vcrpy", "jinja2")


@dataclass(frozen=True)
class RecordingMeta:
    """Who produced a cassette, with what: read before replaying, shown in reports.

    Fields added later (library versions, rendered-prompt hash, transient attempts) default to empty, so
    metas written before them still read; the rendered-prompt hash of an old cassette is recomputed from
    its first recorded request (:func:`rendered_prompt_hash`).
    """

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
    max_transient_attempts: int = 5
    rendered_prompt_hash: str = ""
    library_versions: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> RecordingMeta:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
            raise CorruptRecording(f"{path} cannot be read ({_one_line(exc)})") from None

    def write(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def library_versions() -> dict[str, str]:
    """Installed versions of the libraries that shape a request body or parse its answer."""
    versions = {}
    for name in VERSIONED_LIBRARIES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return versions


def slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", text).strip("-") or "model"


def cassette_path(root: Path, model: str, prompt_version: str, case_id: str) -> Path:
    return root / slug(model) / prompt_version / f"{slug(case_id)}.yaml"


def meta_path(cassette: Path) -> Path:
    return cassette.with_suffix(".meta.json")


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:200]


# ---------------------------------------------------------------- matching


def _mask_feedback(body: Any) -> Any:
    """Blank the text of every message we wrote after the model's first answer (our re-ask feedback).

    A re-ask is the original conversation, the model's answer (assistant), then our feedback (a user
    message, or a tool message in tools mode). The feedback's wording follows pydantic's error text and
    ours; the structure and the model's recorded answers still have to match.
    """
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return body
    from summarizer.client import REASK_FEEDBACK_PREFIXES

    masked, answered = [], False
    for message in body["messages"]:
        if isinstance(message, dict) and message.get("role") == "assistant":
            answered = True
        elif (
            answered
            and isinstance(message, dict)
            and message.get("role") in ("user", "tool")
            and str(message.get("content", "")).startswith(REASK_FEEDBACK_PREFIXES)
        ):  # by its prefix, not its place: a prompt's worked example is also a user turn after an assistant one
            message = {**message, "content": FEEDBACK_PLACEHOLDER}
        masked.append(message)
    return {**body, "messages": masked}


def canonical_body(body: bytes | str | None) -> Any:
    """The request body as compared on replay: parsed JSON with the re-ask feedback text blanked."""
    if body is None:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return _mask_feedback(json.loads(text))
    except json.JSONDecodeError:
        return text


def _json_body_matcher(recorded: Any, current: Any) -> None:
    if canonical_body(recorded.body) != canonical_body(current.body):
        raise AssertionError("request bodies differ")


def _scrub_response(response: dict[str, Any]) -> dict[str, Any]:
    headers = response.get("headers") or {}
    response["headers"] = {k: v for k, v in headers.items() if k.lower() not in SCRUBBED_RESPONSE_HEADERS}
    return response


def _recorder(record_mode: str) -> vcr.VCR:
    import vcr  # ~0.3-0.5 s (it patches every HTTP library it finds): only recording and `replaying` need it

    recorder = vcr.VCR(
        record_mode=record_mode,
        match_on=["method", "path", "json_body"],
        filter_headers=SECRET_HEADERS,
        before_record_response=_scrub_response,
        decode_compressed_response=True,
    )
    recorder.register_matcher("json_body", _json_body_matcher)
    return recorder


# ---------------------------------------------------------------- reading cassettes


@dataclass
class Interaction:
    method: str
    path: str
    body: Any  # canonical
    status: int
    headers: list[tuple[str, str]]
    content: bytes


# libyaml's safe loader when built with it, as vcrpy's own cassette loader uses.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_cassette(text: str) -> Any:
    """vcrpy's cassette YAML, parsed without importing vcrpy (replay does not need its patching).

    vcrpy's loader is the safe loader plus a few benign ``!!python/...`` tags written by old vcrpy versions;
    a cassette holding one of those is handed to vcrpy's loader, so every cassette reads as vcrpy reads it.
    """
    try:
        return yaml.load(text, Loader=_FAST_LOADER)
    except yaml.constructor.ConstructorError:
        from vcr.serializers import yamlserializer

        return yamlserializer.deserialize(text)


def load_interactions(cassette: Path) -> list[Interaction]:
    """Parse a cassette (vcrpy's YAML format); a missing, truncated or malformed one names its file."""
    if not cassette.is_file():
        raise MissingRecording(f"no recording at {cassette}")
    if cassette.stat().st_size == 0:
        raise CorruptRecording(f"{cassette} is empty")
    try:
        data = _parse_cassette(cassette.read_text(encoding="utf-8"))
        interactions = []
        for item in data["interactions"]:
            request, response = item["request"], item["response"]
            content = response["body"]["string"]
            interactions.append(
                Interaction(
                    method=str(request["method"]).upper(),
                    path=urlsplit(str(request["uri"])).path,
                    body=canonical_body(request["body"]),
                    status=int(response["status"]["code"]),
                    headers=[(str(k), str(v)) for k, values in response["headers"].items() for v in values],
                    content=content.encode("utf-8") if isinstance(content, str) else bytes(content),
                )
            )
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CorruptRecording(f"{cassette} is corrupt or truncated ({_one_line(exc)})") from None
    if not interactions:
        raise CorruptRecording(f"{cassette} holds no recorded request")
    return interactions


def rendered_prompt_hash(cassette: Path) -> str:
    """Hash of the messages first sent (templates with their variables rendered): recomputed from the cassette,
    so it exists for recordings made before the meta carried it."""
    first = load_interactions(cassette)[0].body
    messages = first.get("messages") if isinstance(first, dict) else first
    text = json.dumps(messages, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def answer_text(content: bytes) -> str | None:
    """The model's answer inside a recorded chat completion (message text or tool-call arguments)."""
    try:
        message = json.loads(content)["choices"][0]["message"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if message.get("content"):
        return str(message["content"])
    calls = message.get("tool_calls") or []
    return str(calls[0]["function"]["arguments"]) if calls else None


class ReplayMiss(Exception):
    """The cassette does not hold this request: the client reports it as stale (``retry.is_replay_miss``)."""


class CassetteTransport(httpx.AsyncBaseTransport):
    """Replay one cassette for one client, without vcrpy's process-wide patching.

    vcrpy patches httpx for the whole process, so two ``replaying`` blocks cannot overlap. A client built
    on this transport answers from its own cassette (same file format, same matching), which lets the
    eval harness replay every case at once. Each recorded exchange is played once, in order, so a recorded
    429 then 200 for the same request replays as exactly that; transient answers come back with
    ``retry-after-ms: 0`` so the client retries at once. A request the cassette does not hold raises
    a ReplayMiss, which the client reports as a StaleRecording.
    """

    def __init__(self, cassette: Path) -> None:
        self.cassette = cassette
        self._interactions = load_interactions(cassette)
        self._played = [False] * len(self._interactions)
        self.last_answer: str | None = None

    def _find(self, method: str, path: str, body: Any) -> Interaction:
        for index, item in enumerate(self._interactions):
            if not self._played[index] and (item.method, item.path, item.body) == (method, path, body):
                self._played[index] = True
                return item
        raise ReplayMiss(f"{self.cassette} does not hold this {method} {path} request")

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = b"".join([part async for part in request.stream])  # type: ignore[union-attr]
        item = self._find(request.method.upper(), request.url.path, canonical_body(body))
        headers = item.headers
        if item.status in TRANSIENT_STATUS:
            waits = {"retry-after", "retry-after-ms"}
            headers = [(k, v) for k, v in headers if k.lower() not in waits] + [("retry-after-ms", "0")]
        elif item.status == 200:
            self.last_answer = answer_text(item.content) or self.last_answer
        return httpx.Response(status_code=item.status, headers=headers, content=item.content, request=request)

    @property
    def unplayed(self) -> int:
        return self._played.count(False)


@contextmanager
def replaying(cassette: Path, rerecord_command: str) -> Iterator[None]:
    """Serve HTTP from ``cassette`` only (process-wide); a request it does not hold is a StaleRecording."""
    if not cassette.is_file():
        raise MissingRecording(f"no recording at {cassette}; record it with: {rerecord_command}")
    load_interactions(cassette)  # a corrupt cassette is named here, not read by vcrpy as empty
    from vcr.errors import CannotOverwriteExistingCassetteException

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


def is_complete(cassette: Path) -> bool:
    """A recording that can be replayed: the cassette and its meta both exist and read."""
    try:
        load_interactions(cassette)
        RecordingMeta.read(meta_path(cassette))
    except (StaleRecording, MissingRecording):
        return False
    return True
