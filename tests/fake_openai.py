"""A scripted OpenAI-compatible HTTP server on 127.0.0.1, for tests of the real HTTP path.

It plays back responses the test scripts (hand-written fixtures, never
presented as model recordings) and keeps every request it received, so tests
can check what was sent: the schema, the re-ask message, the retries.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Scripted:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


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


class FakeOpenAI:
    """Start with ``with FakeOpenAI() as server``; queue responses with ``server.queue(...)``."""

    def __init__(self) -> None:
        self.responses: deque[Scripted] = deque()
        self.requests: list[dict[str, Any]] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", 0))
                payload = json.loads(self.rfile.read(length) or b"{}")
                with outer._lock:
                    outer.requests.append(payload)
                    scripted = outer.responses.popleft() if outer.responses else error(500, "no scripted response left")
                data = json.dumps(scripted.body).encode()
                self.send_response(scripted.status)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(data)))
                for key, value in scripted.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(data)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def queue(self, *items: Scripted | dict[str, Any]) -> None:
        for item in items:
            self.responses.append(item if isinstance(item, Scripted) else Scripted(200, item))

    def __enter__(self) -> FakeOpenAI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
