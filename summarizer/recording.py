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
Feedback is told apart by structure, not wording: a re-ask is the first request's
conversation plus, for each round, the model's answer (an assistant message) and
our feedback (the other messages after it), so past the first request's messages
every non-assistant message's text is ours (``canonical_body``).

Replay needs no vcrpy: ``CassetteTransport`` answers one client from one cassette,
looking each request up by key, and ``replaying`` serves every client in the
process from one. A request the cassette does not hold raises ``ReplayMiss``,
which no layer of the client takes for a provider failure; whoever replays
reports the recording stale (the eval runner, ``replaying``).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
from pydantic import ConfigDict, Field

from summarizer.errors import CorruptRecording, MissingRecording, StaleRecording, SummarizerError
from summarizer.files import cache_folder
from summarizer.findings import ROUND4_ERROR_CHECKS, split_children
from summarizer.provenance import Provenance
from summarizer.retry import TRANSIENT_STATUS

if TYPE_CHECKING:
    import vcr

SECRET_HEADERS = ["authorization", "api-key", "x-api-key", "openai-organization", "openai-project", "cookie"]
# Response headers that identify an account or carry a session: never written into a cassette.
SCRUBBED_RESPONSE_HEADERS = frozenset(
    {"set-cookie", "set-cookie2", "openai-organization", "openai-project", "openai-user", "x-organization-id"}
)
RERECORD_HINT = "summarizer eval --record --model {model}"
FEEDBACK_PLACEHOLDER = "<re-ask feedback: not matched>"
VERSIONED_LIBRARIES = ("summarizer", "openai", "instructor", "pydantic", "httpx", "tenacity", "vcrpy", "jinja2")


class RecordingMeta(Provenance):
    """Who produced a cassette, with what: read before replaying, shown in reports.

    Fields added later (library versions, rendered-prompt hash, transient attempts, the claim checker's erroring
    table) default to empty, so metas written before them still read; the rendered-prompt hash of an old cassette
    is recomputed from its first recorded request (:func:`rendered_prompt_hash`), and a meta naming no erroring
    table ran under round 4's. Unknown keys are ignored.
    """

    model_config = ConfigDict(frozen=True, extra="ignore")

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
    library_versions: dict[str, str] = Field(default_factory=dict)
    error_checks: list[str] = Field(default_factory=list)  # the claim checker's erroring table: what was re-asked
    translation_model: str | None = None  # the model that translated (ProviderSettings.translation_model)
    # ``eval --record --reuse``: exchanges whose answer came from the previous recording of this very request
    reused_exchanges: int = 0

    def erroring_table(self) -> frozenset[str]:
        """The erroring table the conversation ran under (round 4's for a meta written before metas named it)."""
        table = frozenset(self.error_checks) if self.error_checks else ROUND4_ERROR_CHECKS
        return split_children(table, self.recorded_at)

    @classmethod
    def read(cls, path: Path) -> RecordingMeta:
        try:
            return cls.model_validate(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, UnicodeDecodeError, ValueError, TypeError, AttributeError) as exc:
            raise CorruptRecording(f"{path} cannot be read ({_one_line(exc)})") from None

    def write(self, path: Path) -> None:
        # a meta that names no erroring table (recorded before metas did) is written back as it was read
        # nor a translation model when the model did both stages (metas written before the field read the same)
        skip = {"error_checks"} if not self.error_checks else set()
        if self.translation_model is None:
            skip.add("translation_model")
        if not self.reused_exchanges:  # nor a count of reused answers for a recording that reused none
            skip.add("reused_exchanges")
        data = self.model_dump(exclude=skip)
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


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


def _mask_feedback(body: Any, prompt_messages: int) -> Any:
    """Blank the text of every message we wrote after the first request's ``prompt_messages`` (re-ask feedback).

    Each re-ask round appends the model's answer (assistant) and our feedback (a user message, or one tool
    message per tool call) to the first request's conversation; the feedback's wording follows pydantic's error
    text and ours. Its role, its place, its tool-call id and the model's recorded answers still have to match.
    By place, not wording: a prompt's worked example (a user turn after an assistant one) lies inside the first
    request's messages and is matched like the rest of the prompt.
    """
    if not isinstance(body, dict) or not isinstance(body.get("messages"), list):
        return body
    messages = body["messages"]
    if len(messages) <= prompt_messages:
        return body
    masked = list(messages[:prompt_messages])
    for message in messages[prompt_messages:]:
        if isinstance(message, dict) and message.get("role") != "assistant" and "content" in message:
            message = {**message, "content": FEEDBACK_PLACEHOLDER}
        masked.append(message)
    return {**body, "messages": masked}


def _parse_body(body: bytes | str | None) -> Any:
    if body is None:
        return None
    text = body.decode("utf-8") if isinstance(body, bytes) else body
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        return text


def prompt_length(body: Any) -> int:
    """How many messages a conversation's first request sends: what every re-ask of it starts with."""
    messages = body.get("messages") if isinstance(body, dict) else None
    return len(messages) if isinstance(messages, list) else 0


def canonical_body(body: bytes | str | None, prompt_messages: int | None = None) -> Any:
    """The request body as compared on replay: parsed JSON with the re-ask feedback text blanked.

    ``prompt_messages`` is the length of the conversation's first request (``prompt_length``); without it the
    body is taken as a first request, nothing masked.
    """
    parsed = _parse_body(body)
    return parsed if prompt_messages is None else _mask_feedback(parsed, prompt_messages)


def _canonical_key(method: str, path: str, body: Any) -> str:
    """One string per distinct (method, path, canonical body): recorded exchanges are looked up by it."""
    return f"{method} {path} " + json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _json_body_matcher(recorded: Any, current: Any) -> None:
    if _parse_body(recorded.body) != _parse_body(current.body):
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


def _parse_cassette(text: str) -> Any:
    """vcrpy's cassette YAML, parsed without importing vcrpy (replay does not need its patching).

    vcrpy's loader is the safe loader plus a few benign ``!!python/...`` tags written by old vcrpy versions;
    a cassette holding one of those is handed to vcrpy's loader, so every cassette reads as vcrpy reads it.
    Parsed with libyaml's safe loader when built with it, as vcrpy's own cassette loader uses; PyYAML is
    imported here, for a cassette the parsed cache does not hold (a replay from that cache never needs it).
    """
    import yaml

    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.constructor.ConstructorError:
        from vcr.serializers import yamlserializer

        return yamlserializer.deserialize(text)


def load_interactions(cassette: Path) -> list[Interaction]:
    """Parse a cassette (vcrpy's YAML format); a missing, truncated or malformed one names its file.

    Parsing YAML is most of replay's cost (0.3 s for the gated suite), so a parsed cassette is kept, keyed by its
    path, size and modification time: in this process, and as JSON in the user cache (``parsed_cache_dir``),
    which a later process reads instead (a tenth of the time). Any change to the file makes a new key.
    """
    return list(_load(cassette)[1])


def _load(cassette: Path) -> tuple[str, list[Interaction]]:
    """``load_interactions``'s key for the cassette as it is now (path, size, modification time) and its parse."""
    if not cassette.is_file():
        raise MissingRecording(f"no recording at {cassette}")
    stat = cassette.stat()
    if stat.st_size == 0:
        raise CorruptRecording(f"{cassette} is empty")
    key = f"{cassette.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    parsed = _parsed.get(key)
    if parsed is None:
        parsed = _read_parsed(key)
        if parsed is None:
            parsed = _parse_interactions(cassette)
            _write_parsed(key, parsed)
        _parsed[key] = parsed
    return key, parsed


_parsed: dict[str, list[Interaction]] = {}
# Each recorded exchange's look-up key (``_canonical_key``: a JSON dump of its whole body), per parsed cassette,
# under the same key: a warm replay of a cassette serialises its recorded bodies once, not once per client.
_lookup_keys: dict[str, tuple[str, ...]] = {}
PARSED_CACHE_ENV = "SUMMARIZER_REPLAY_CACHE"  # a folder, or "off"


def parsed_cache_dir() -> Path | None:
    """Where parsed cassettes are kept between processes: $SUMMARIZER_REPLAY_CACHE, else the user cache; None
    when that variable is ``off``."""
    return cache_folder(PARSED_CACHE_ENV, "replay")


def _parsed_path(key: str) -> Path | None:
    folder = parsed_cache_dir()
    return None if folder is None else folder / (hashlib.sha256(key.encode()).hexdigest()[:32] + ".json")


def _read_parsed(key: str) -> list[Interaction] | None:
    path = _parsed_path(key)
    try:
        if path is None or not path.is_file():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("key") != key:
            return None
        return [
            Interaction(
                method=i["method"],
                path=i["path"],
                body=i["body"],
                status=i["status"],
                headers=[(k, v) for k, v in i["headers"]],
                content=i["content"].encode("utf-8", "surrogateescape"),
            )
            for i in data["interactions"]
        ]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # unreadable or from another version: parse the cassette again


def _write_parsed(key: str, interactions: list[Interaction]) -> None:
    path = _parsed_path(key)
    if path is None:
        return
    data = {
        "key": key,
        "interactions": [{**asdict(i), "content": i.content.decode("utf-8", "surrogateescape")} for i in interactions],
    }
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        partial.write_text(json.dumps(data), encoding="utf-8")  # ASCII: lone surrogates survive
        os.replace(partial, path)
    except OSError:
        pass  # a read-only cache is no reason to fail a replay


def _parse_interactions(cassette: Path) -> list[Interaction]:
    import yaml  # with the parse: see _parse_cassette

    try:
        data = _parse_cassette(cassette.read_text(encoding="utf-8"))
        interactions = []
        prompt: int | None = None
        for item in data["interactions"]:
            request, response = item["request"], item["response"]
            content = response["body"]["string"]
            body = _parse_body(request["body"])
            prompt = prompt_length(body) if prompt is None else prompt
            interactions.append(
                Interaction(
                    method=str(request["method"]).upper(),
                    path=urlsplit(str(request["uri"])).path,
                    body=_mask_feedback(body, prompt),
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


class ReplayMiss(BaseException):  # a signal, like asyncio.CancelledError: not an error the client may handle
    """The cassette being replayed does not hold this request: the recording is stale.

    A BaseException on purpose, as asyncio's CancelledError is: the openai SDK turns every Exception its
    transport raises into a connection error, which the client would retry and report as the provider's
    failure. This passes through every layer unchanged to whoever replays (the eval runner, ``replaying``),
    which reports the recording stale; the core library knows nothing of it.
    """


_TRANSIENT_WAITS = {"retry-after", "retry-after-ms"}


class CassetteTransport(httpx.AsyncBaseTransport):
    """Replay one cassette for one client, without vcrpy's process-wide patching.

    vcrpy patches httpx for the whole process, so two recordings cannot replay at once. A client built on
    this transport answers from its own cassette, which lets the eval harness replay every case at once.
    Each recorded exchange is played once, in order: a request is looked up by its key (method, path and
    canonical body, ``canonical_body``), so a recorded 429 then 200 for the same request replays as exactly
    that; transient answers come back with ``retry-after-ms: 0`` so the client retries at once. A request the
    cassette does not hold raises ReplayMiss.
    """

    def __init__(self, cassette: Path) -> None:
        self.cassette = cassette
        loaded, parsed = _load(cassette)
        self._interactions = list(parsed)
        self._prompt = prompt_length(self._interactions[0].body)
        keys = _lookup_keys.get(loaded)
        if keys is None:
            keys = _lookup_keys[loaded] = tuple(_canonical_key(i.method, i.path, i.body) for i in parsed)
        self._unplayed: dict[str, deque[int]] = {}
        for number, key in enumerate(keys):
            self._unplayed.setdefault(key, deque()).append(number)
        self._played = [False] * len(self._interactions)
        self.last_answer: str | None = None

    def _find(self, method: str, path: str, raw: bytes) -> Interaction:
        body = canonical_body(raw, self._prompt)
        waiting = self._unplayed.get(_canonical_key(method, path, body))
        if waiting:
            number = waiting.popleft()
        else:  # equal as parsed JSON but not as text (1 vs 1.0): the first unplayed equal one, as vcrpy matched
            found = (
                i
                for i, item in enumerate(self._interactions)
                if not self._played[i] and (item.method, item.path, item.body) == (method, path, body)
            )
            number = next(found, -1)
            if number < 0:
                raise ReplayMiss(f"{self.cassette} does not hold this {method} {path} request")
            for queue in self._unplayed.values():
                if number in queue:
                    queue.remove(number)
        self._played[number] = True
        return self._interactions[number]

    def _answer(self, request: httpx.Request, raw: bytes) -> httpx.Response:
        item = self._find(request.method.upper(), request.url.path, raw)
        headers = item.headers
        if item.status in TRANSIENT_STATUS:
            headers = [(k, v) for k, v in headers if k.lower() not in _TRANSIENT_WAITS] + [("retry-after-ms", "0")]
        elif item.status == 200:
            self.last_answer = answer_text(item.content) or self.last_answer
        return httpx.Response(status_code=item.status, headers=headers, content=item.content, request=request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return self._answer(request, await request.aread())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """The same for a blocking httpx client (``replaying`` serves both kinds)."""
        return self._answer(request, request.read())

    @property
    def unplayed(self) -> int:
        return self._played.count(False)


_replaying_lock = threading.Lock()


@contextmanager
def replaying(cassette: Path, rerecord_command: str) -> Iterator[None]:
    """Serve every HTTP request of the process from ``cassette`` (httpx's transports answer from it, as vcrpy's
    patching would); a request it does not hold is a StaleRecording. One cassette at a time."""
    if not cassette.is_file():
        raise MissingRecording(f"no recording at {cassette}; record it with: {rerecord_command}")
    player = CassetteTransport(cassette)  # a corrupt cassette is named here
    if not _replaying_lock.acquire(blocking=False):
        raise RuntimeError("replaying() is already serving another cassette in this process")
    patched = {
        httpx.AsyncHTTPTransport: ("handle_async_request", httpx.AsyncHTTPTransport.handle_async_request),
        httpx.HTTPTransport: ("handle_request", httpx.HTTPTransport.handle_request),
    }

    async def answer_async(self: httpx.AsyncHTTPTransport, request: httpx.Request) -> httpx.Response:
        return await player.handle_async_request(request)

    def answer(self: httpx.HTTPTransport, request: httpx.Request) -> httpx.Response:
        return player.handle_request(request)

    httpx.AsyncHTTPTransport.handle_async_request = answer_async  # type: ignore[method-assign]
    httpx.HTTPTransport.handle_request = answer  # type: ignore[method-assign]
    try:
        yield
    except ReplayMiss:
        raise StaleRecording(
            f"{cassette} does not hold the request we now send (prompt, schema or settings changed); "
            f"re-record with: {rerecord_command}"
        ) from None
    finally:
        for cls, (name, original) in patched.items():
            setattr(cls, name, original)
        _replaying_lock.release()


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
