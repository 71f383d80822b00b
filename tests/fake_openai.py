"""A fault-injecting OpenAI-compatible HTTP server on 127.0.0.1, for tests of the real HTTP path.

Two ways to drive it:

- **scripted**: ``server.queue(...)`` responses (hand-written fixtures, never presented as model
  recordings), played in order, each optionally a :class:`Fault`;
- **planned**: ``FakeOpenAI(answer=..., plan=...)`` answers every request validly with ``answer`` unless
  ``plan(article, attempt)`` names a fault for that article's n-th request. Every request is logged
  (:attr:`FakeOpenAI.served`), so a test can check a batch's ok and error counts against what was served.

Faults: 429 with Retry-After, 500, 501 (an HTML page), 503 with Retry-After, 401 that echoes the key,
a hang, a connection dropped mid-body, truncated JSON (cut at any byte), an HTML page or an empty body with
status 200, a schema-invalid
answer, a quote that is not in the article. The server is bounded: it binds 127.0.0.1 only, refuses
request bodies over 8 MB, and a hang ends after ``hang_s`` or when the server stops.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

MAX_REQUEST_BYTES = 8 * 1024 * 1024
NOT_IN_ARTICLE = "هذه الجملة لم ترد في المقال على الإطلاق"
HTML_PAGE = (
    "<!DOCTYPE html>\n<html>\n<head><title>Welcome to nginx!</title></head>\n<body>\n"
    "<h1>Welcome to nginx!</h1>\n<p>If you see this page, the web server is working.</p>\n</body>\n</html>\n"
)


class Fault(StrEnum):
    RATE_LIMITED = "429"  # with Retry-After: 0 (the client must honour it, so tests stay fast)
    SERVER_ERROR = "500"
    NOT_IMPLEMENTED = "501"  # with an HTML page as its body: must not be retried, nor printed
    UNAVAILABLE = "503"  # with Retry-After: 0
    KEY_ECHO = "401"  # the body quotes the key the client sent, as some servers do
    HANG = "hang"  # never answers (until hang_s or shutdown)
    DROP = "drop"  # headers and half the body, then the connection closes
    TRUNCATED = "truncated"  # status 200, a JSON body cut in half (content-length matches what is sent)
    HTML = "html"  # status 200, an HTML page
    EMPTY = "empty"  # status 200, a JSON content type and no body at all
    SCHEMA_INVALID = "schema_invalid"  # a well-formed completion whose content fails the schema
    BAD_QUOTE = "bad_quote"  # a valid answer whose first quote is not in the article


@dataclass
class Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)
    fault: Fault | None = None
    cut: int | None = None  # TRUNCATED: keep this many bytes of the body (default: half)


@dataclass(frozen=True)
class Served:
    """One request and what it got: the article's key, its attempt number, and the fault (None = valid)."""

    article: str
    attempt: int
    fault: Fault | None


def completion(
    content: str, *, prompt_tokens: int = 100, completion_tokens: int = 50, model: str = "reference"
) -> dict[str, Any]:
    """A chat completion whose message content is ``content`` (JSON modes)."""
    return {
        "id": "chatcmpl-fixture",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
        "usage": {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        },
    }


def tool_completion(
    name: str, arguments: str, *, prompt_tokens: int = 100, completion_tokens: int = 50
) -> dict[str, Any]:
    """A chat completion that calls the tool ``name`` (tools mode)."""
    body = completion("", prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
    body["choices"][0]["message"] = {
        "role": "assistant",
        "content": None,
        "tool_calls": [{"id": "call_1", "type": "function", "function": {"name": name, "arguments": arguments}}],
    }
    body["choices"][0]["finish_reason"] = "tool_calls"
    return body


def error(status: int, message: str, headers: dict[str, str] | None = None) -> Scripted:
    return Scripted(status, {"error": {"message": message, "type": "fixture", "code": None}}, headers or {})


def fault(kind: Fault, answer: dict[str, Any] | None = None) -> Scripted:
    """A scripted fault; ``answer`` (a valid completion) is what TRUNCATED, DROP and BAD_QUOTE cut or spoil."""
    body = answer or completion("{}")
    if kind is Fault.BAD_QUOTE:
        body = spoil_quote(body)
    if kind is Fault.SCHEMA_INVALID:
        body = completion('{"bullets": []}')
    status = {"429": 429, "500": 500, "501": 501, "503": 503, "401": 401}.get(kind.value, 200)
    headers = {"retry-after": "0"} if kind in (Fault.RATE_LIMITED, Fault.UNAVAILABLE) else {}
    return Scripted(status, body, headers, kind)


def spoil_quote(answer: dict[str, Any]) -> dict[str, Any]:
    """The same answer with its first evidence quote replaced by a sentence that is not in the article."""
    message = answer["choices"][0]["message"]
    calls = message.get("tool_calls")
    raw = calls[0]["function"]["arguments"] if calls else message["content"]
    digest = json.loads(raw)
    digest["bullets"][0]["evidence"][0]["quote"] = NOT_IN_ARTICLE
    spoiled: dict[str, Any] = json.loads(json.dumps(answer))
    if calls:
        spoiled["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"] = json.dumps(digest)
    else:
        spoiled["choices"][0]["message"]["content"] = json.dumps(digest, ensure_ascii=False)
    return spoiled


def article_of(payload: dict[str, Any]) -> str:
    """The article a request is about: the text between <article> tags of its first user message."""
    for message in payload.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str):
            found = re.search(r"<article>\n?(.*?)\n?</article>", content, re.S)
            return found.group(1) if found else content
    return ""


def answer_like(
    payload: dict[str, Any], digest: dict[str, Any], *, prompt_tokens: int = 100, completion_tokens: int = 50
) -> dict[str, Any]:
    """``digest`` as the request's mode expects it: a tool call when tools were offered, content otherwise."""
    tools = payload.get("tools") or []
    text = json.dumps(digest, ensure_ascii=False)
    if tools:
        name = tools[0]["function"]["name"]
        return tool_completion(name, text, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)
    return completion(text, prompt_tokens=prompt_tokens, completion_tokens=completion_tokens)


Plan = Callable[[str, int], Fault | None]
Answer = Callable[[dict[str, Any]], dict[str, Any]]


class FakeOpenAI:
    """Start with ``with FakeOpenAI() as server``; queue responses, or give it ``answer`` and ``plan``."""

    def __init__(
        self,
        *,
        answer: Answer | None = None,
        plan: Plan | None = None,
        hang_s: float = 30.0,
        keep_requests: bool = True,
    ) -> None:
        self.responses: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self.headers: list[dict[str, str]] = []
        self.served: list[Served] = []
        self.answer = answer
        self.plan = plan
        self.hang_s = hang_s
        self.keep_requests = keep_requests  # off for memory benchmarks: the log would be what grows
        self._attempts: dict[str, int] = {}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                if length > MAX_REQUEST_BYTES:
                    self.send_error(413)
                    return
                body = self.rfile.read(length)
                if len(body) < length:  # the client died mid-request (a killed batch): nothing was asked
                    self.close_connection = True
                    return
                payload = json.loads(body or b"{}")
                scripted = outer._next(payload, dict(self.headers))
                outer._send(self, scripted)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def queue(self, *items: Scripted | dict[str, Any]) -> None:
        for item in items:
            self.responses.append(item if isinstance(item, Scripted) else Scripted(200, item))

    def final_outcomes(self) -> dict[str, Fault | None]:
        """Per article key, what its last request got (None = a valid answer)."""
        with self._lock:
            return {s.article: s.fault for s in self.served}

    def _next(self, payload: dict[str, Any], headers: dict[str, str]) -> Scripted:
        article = article_of(payload)
        key = hashlib.sha256(article.encode()).hexdigest()[:16]
        with self._lock:
            if self.keep_requests:
                self.requests.append(payload)
                self.headers.append(headers)
            attempt = self._attempts.get(key, 0)
            self._attempts[key] = attempt + 1
            if self.responses:
                scripted = self.responses.popleft()
            elif self.answer is not None:
                kind = self.plan(article, attempt) if self.plan else None
                valid = self.answer(payload)
                scripted = fault(kind, valid) if kind else Scripted(200, valid)
            else:
                scripted = error(500, "no scripted response left")
            self.served.append(Served(key, attempt, scripted.fault))
        if scripted.fault is Fault.KEY_ECHO:
            scripted = error(401, f"Incorrect API key provided: {headers.get('Authorization', '')}")
        return scripted

    def _send(self, handler: BaseHTTPRequestHandler, scripted: Scripted) -> None:
        kind = scripted.fault
        if kind is Fault.HANG:
            self._stopping.wait(self.hang_s)
            handler.close_connection = True
            return
        content_type = "application/json"
        data = json.dumps(scripted.body, ensure_ascii=False).encode()
        if kind in (Fault.HTML, Fault.NOT_IMPLEMENTED):
            content_type, data = "text/html", HTML_PAGE.encode()
        if kind is Fault.TRUNCATED:
            data = data[: len(data) // 2 if scripted.cut is None else scripted.cut]
        if kind is Fault.EMPTY:
            data = b""
        handler.send_response(scripted.status)
        handler.send_header("content-type", content_type)
        handler.send_header("content-length", str(len(data)))
        for key, value in scripted.headers.items():
            handler.send_header(key, value)
        handler.end_headers()
        if kind is Fault.DROP:
            handler.wfile.write(data[: len(data) // 2])
            handler.wfile.flush()
            handler.close_connection = True
            return
        handler.wfile.write(data)

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
