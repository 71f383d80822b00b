"""A minimal OpenAI-compatible chat server with a fixed latency, for benchmarks only.

It runs in its own process (so its work never shares the measured client's GIL), answers every
``POST .../chat/completions`` after sleeping the latency named in the URL path
(``http://127.0.0.1:PORT/latency/100/v1`` sleeps 100 ms), and answers with a canned body: for a request
whose article carries a ``[[NNNN]]`` marker (``bench/articles.py``, distinct articles), the reference digest
of that article's case; otherwise the hand-written ``reference`` digest fixture for the seed article
(fixtures, never model outputs). HTTP/1.1 keep-alive, asyncio streams, no parsing of the request beyond its
length and one regex search for the marker: its own cost is tens of microseconds per request.

Run: python bench/mock_server.py [--port 0]; prints ``PORT <n>`` once listening. Stops on SIGTERM/SIGINT.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import signal
from pathlib import Path

import articles  # bench/articles.py: the distinct articles and their answers

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "reference_seed_digest_en.json"
_LATENCY = re.compile(rb"/latency/(\d+(?:\.\d+)?)/")
_MARKER = re.compile(rb"\[\[(\d+)\]\]")


def canned_body() -> bytes:
    digest = json.loads(FIXTURE.read_text(encoding="utf-8"))
    digest.pop("_fixture", None)
    return completion_body(json.dumps(digest, ensure_ascii=False))


def completion_body(content: str) -> bytes:
    completion = {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": 0,
        "model": "bench",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 2000, "completion_tokens": 600, "total_tokens": 2600},
    }
    return json.dumps(completion, ensure_ascii=False).encode()


def _http(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(body) + body


async def serve(port: int) -> None:
    response = _http(canned_body())
    per_case = [_http(completion_body(answer)) for answer in articles.answers()]

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                request_head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in request_head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                body = await reader.readexactly(length) if length else b""
                marked = _MARKER.search(body)
                answer = per_case[int(marked.group(1)) % len(per_case)] if marked else response
                found = _LATENCY.search(request_head.split(b"\r\n", 1)[0])
                if found and (latency_ms := float(found.group(1))) > 0:
                    await asyncio.sleep(latency_ms / 1000)
                writer.write(answer)
                await writer.drain()
        except (asyncio.IncompleteReadError, asyncio.CancelledError, ConnectionError):
            pass  # the client hung up, or the server is stopping
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    asyncio.run(serve(parser.parse_args().port))


if __name__ == "__main__":
    main()
