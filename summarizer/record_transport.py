"""Record one client's HTTP exchanges into one cassette, so several cases can be recorded at once.

``recording()`` (summarizer.recording) goes through vcrpy's process-wide patching of httpx: two recordings
cannot overlap, so ``eval --record`` ran one case at a time and left a multi-slot llama.cpp server with one
request in flight. A client built on :class:`RecordingTransport` records only its own traffic, through
vcrpy's own Cassette (same header filters, same response scrubbing, same YAML), so the file it writes is
what ``recording()`` writes for the same exchanges and replays the same way (``CassetteTransport`` or
``replaying``). It is the recording twin of ``CassetteTransport``.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from summarizer.errors import SummarizerError
from summarizer.recording import _canonical_key, _parse_cassette, _promote, _recorder, canonical_body


class RecordedAnswers:
    """The answers a previous recording holds, to hand back for requests it holds byte for byte (``--reuse``).

    Why: after a change to one stage of a conversation (prompt v5's translation requests), every request before
    it is the same, and so is the model's answer to it (temperature 0, the same model): asking again costs an
    hour of a 2-core machine for nothing. Only an exact request is reused: the same method, URL path and JSON
    body, re-ask feedback included (replay's matching blanks that feedback; this does not), each recorded answer
    at most once and only a 200. Everything else goes to the model, so the new cassette holds, for each request
    the conversation sends today, the model's answer to that very request.
    """

    def __init__(self, cassette: Path) -> None:
        self._answers: dict[str, deque[dict[str, Any]]] = {}
        self.reused = 0
        if not cassette.is_file():
            return
        try:
            items = _parse_cassette(cassette.read_text(encoding="utf-8"))["interactions"]
        except Exception:  # an unreadable old recording reuses nothing: every request goes to the model
            return
        for item in items:
            request, response = item.get("request", {}), item.get("response", {})
            if response.get("status", {}).get("code") == 200:
                key = self._key(str(request.get("method", "")), str(request.get("uri", "")), request.get("body"))
                self._answers.setdefault(key, deque()).append(response)

    @staticmethod
    def _key(method: str, uri: str, body: Any) -> str:
        """Replay's look-up key (``recording._canonical_key``) of the whole body, feedback not blanked."""
        from urllib.parse import urlsplit

        return _canonical_key(method.upper(), urlsplit(uri).path, canonical_body(body))

    def take(self, method: str, uri: str, body: bytes) -> dict[str, Any] | None:
        """The recorded response to exactly this request (once), or None."""
        waiting = self._answers.get(self._key(method, uri, body))
        if not waiting:
            return None
        self.reused += 1
        return waiting.popleft()


class RecordingTransport(httpx.AsyncBaseTransport):
    """Send through ``inner`` (a real HTTP transport) and append every completed exchange to a vcrpy cassette.

    Bodies are read whole and handed on unchanged, as vcrpy's httpx stub does. ``save()`` writes the file.
    """

    def __init__(
        self, cassette: Path, inner: httpx.AsyncBaseTransport | None = None, reuse: RecordedAnswers | None = None
    ) -> None:
        from vcr.cassette import Cassette

        self.cassette = cassette
        self._inner = inner or httpx.AsyncHTTPTransport()
        self._reuse = reuse
        # What vcrpy's use_cassette() hands to Cassette.load: the recorder's config less its own arguments.
        config = _recorder("all").get_merged_config(path=str(cassette))
        for own in ("path_transformer", "func_path_generator", "record_on_exception"):
            config.pop(own, None)
        self._tape: Any = Cassette.load(**config)
        self.exchanges = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        from vcr.request import Request as VcrRequest

        body = b"".join([part async for part in request.stream])  # type: ignore[union-attr]
        request.stream = httpx.ByteStream(body)
        recorded = self._reuse.take(request.method, str(request.url), body) if self._reuse is not None else None
        if recorded is not None:
            return self._replayed(request, body, recorded)
        response = await self._inner.handle_async_request(request)
        try:
            content = b"".join([part async for part in response.stream])  # type: ignore[union-attr]
        finally:
            await response.aclose()
        headers: dict[str, list[str]] = defaultdict(list)
        for name, value in response.headers.multi_items():
            headers[name].append(value)
        self._tape.append(
            VcrRequest(request.method, str(request.url), body, request.headers),
            {
                "status": {"code": response.status_code, "message": response.reason_phrase},
                "headers": dict(headers),
                "body": {"string": content},
            },
        )
        self.exchanges += 1
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=httpx.ByteStream(content),
            extensions=response.extensions,
            request=request,
        )

    def _replayed(self, request: httpx.Request, body: bytes, recorded: dict[str, Any]) -> httpx.Response:
        """A reused answer: written to the new cassette as it was recorded, and handed back."""
        from vcr.request import Request as VcrRequest

        self._tape.append(VcrRequest(request.method, str(request.url), body, request.headers), recorded)
        self.exchanges += 1
        content = recorded["body"]["string"]
        headers = [(name, value) for name, values in recorded.get("headers", {}).items() for value in values]
        return httpx.Response(
            status_code=int(recorded["status"]["code"]),
            headers=headers,  # as CassetteTransport replays them
            content=content.encode("utf-8") if isinstance(content, str) else bytes(content),
            request=request,
        )

    def save(self) -> None:
        """Write the cassette (nothing when no exchange completed, as vcrpy does)."""
        self._tape._save(force=False)

    async def aclose(self) -> None:
        await self._inner.aclose()


@asynccontextmanager
async def recording_client(cassette: Path, reuse: RecordedAnswers | None = None) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client that records into ``cassette``, with ``recording()``'s file rules: written beside it as
    ``.partial`` and renamed into place on success or on a SummarizerError (a model that failed validation is a
    faithful recording too); an interrupted or crashed recording leaves the old one in place. ``reuse``: the
    previous recording's answers to requests sent again byte for byte (``RecordedAnswers``)."""
    cassette.parent.mkdir(parents=True, exist_ok=True)
    partial = cassette.with_name(cassette.name + ".partial")
    partial.unlink(missing_ok=True)
    transport = RecordingTransport(partial, reuse=reuse)
    try:
        async with httpx.AsyncClient(transport=transport, timeout=None) as client:
            yield client
    except SummarizerError:
        transport.save()
        _promote(partial, cassette)
        raise
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    transport.save()
    _promote(partial, cassette)
