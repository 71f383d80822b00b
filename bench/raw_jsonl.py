"""The baseline for ``bench/batch_vs_raw.py``: a raw-SDK JSONL pipeline, what a team would write by hand.

Reads a request file (``summarizer batch export``'s lines: ``{"custom_id", "body"}``), sends each body with one
``AsyncOpenAI`` client and an ``asyncio.Semaphore`` of C, and writes one line per answer (id and the model's text),
validating nothing. Run: python bench/raw_jsonl.py REQUESTS.jsonl OUT.jsonl --base-url URL --concurrency C
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import openai


async def main(requests: Path, out: Path, base_url: str, concurrency: int) -> None:
    lines = [json.loads(line) for line in requests.read_text(encoding="utf-8").splitlines() if line.strip()]
    client = openai.AsyncOpenAI(base_url=base_url, api_key="bench", max_retries=0)
    gate = asyncio.Semaphore(concurrency)

    async def one(line: dict[str, object]) -> str:
        async with gate:
            completion = await client.chat.completions.create(**line["body"])  # type: ignore[arg-type]
        text = completion.choices[0].message.content
        return json.dumps({"id": line["custom_id"], "ok": True, "content": text}, ensure_ascii=False)

    with out.open("w", encoding="utf-8") as handle:
        for finished in asyncio.as_completed([one(line) for line in lines]):
            handle.write(await finished + "\n")
    await client.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requests", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    asyncio.run(main(args.requests, args.out, args.base_url, args.concurrency))
