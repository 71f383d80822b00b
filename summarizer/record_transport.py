"""Record one client's HTTP exchanges into one cassette, so several cases can be recorded at once.

``recording()`` (summarizer.recording) goes through vcrpy's process-wide patching of httpx: two recordings
cannot overlap, so ``eval --record`` ran one case at a time and left a multi-slot llama.cpp server with one
request in flight. A client built on :class:`RecordingTransport` records only its own traffic, through
vcrpy's own Cassette (same header filters, same response scrubbing, same YAML), so the file it writes is
what ``recording()`` writes for the same exchanges and replays the same way (``CassetteTransport`` or
``replaying``). It is the recording twin of ``CassetteTransport``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx

from summarizer.errors import SummarizerError
from summarizer.recording import _promote, _recorder


class RecordingTransport(httpx.AsyncBaseTransport):
    """Send through ``inner`` (a real HTTP transport) and append every completed exchange to a vcrpy cassette.

    Bodies are read whole and handed on unchanged, as vcrpy's httpx stub does. ``save()`` writes the file.
    """

    def __init__(self, cassette: Path, inner: httpx.AsyncBaseTransport | None = None) -> None:
        from vcr.cassette import Cassette

        self.cassette = cassette
        self._inner = inner or httpx.AsyncHTTPTransport()
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

    def save(self) -> None:
        """Write the cassette (nothing when no exchange completed, as vcrpy does)."""
        self._tape._save(force=False)

    async def aclose(self) -> None:
        await self._inner.aclose()


@asynccontextmanager
async def recording_client(cassette: Path) -> AsyncIterator[httpx.AsyncClient]:
    """An httpx client that records into ``cassette``, with ``recording()``'s file rules: written beside it as
    ``.partial`` and renamed into place on success or on a SummarizerError (a model that failed validation is a
    faithful recording too); an interrupted or crashed recording leaves the old one in place."""
    cassette.parent.mkdir(parents=True, exist_ok=True)
    partial = cassette.with_name(cassette.name + ".partial")
    partial.unlink(missing_ok=True)
    transport = RecordingTransport(partial)
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
