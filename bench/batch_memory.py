"""Does batch memory stay flat? Peak Python heap of `run_batch` for N and 5N articles, same process.

Against the fake OpenAI-compatible server on 127.0.0.1 (tests/fake_openai.py) answering every request at
once with the hand-written reference answer for the seed article (a fixture, not a model output), so
only our own code's memory is measured. Reported: peak traced heap (tracemalloc) per run and the
growth per 1,000 articles between the two runs; flat means the growth is near zero.
Run: .venv/bin/python bench/batch_memory.py [--articles 200]   Results: bench/results/batch_memory.json
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.batch import run_batch  # noqa: E402
from summarizer.settings import ProviderSettings  # noqa: E402
from tests.fake_openai import FakeOpenAI, answer_like  # noqa: E402

SEED = ROOT / "seeds" / "000_28e21e24a588c826.article.txt"
REFERENCE = ROOT / "tests" / "fixtures" / "reference_seed_digest_en.json"


def peak_mb(articles: int, digest: dict[str, Any], folder: Path) -> float:
    article = SEED.read_text(encoding="utf-8")
    inp, out = folder / f"in-{articles}.jsonl", folder / f"out-{articles}.jsonl"
    inp.write_text(
        "".join(json.dumps({"id": n, "text": article}, ensure_ascii=False) + "\n" for n in range(articles)),
        encoding="utf-8",
    )
    with FakeOpenAI(answer=lambda payload: answer_like(payload, digest), keep_requests=False) as server:
        settings = ProviderSettings(model="reference", base_url=server.base_url, api_key="x", mode="json_schema")
        tracemalloc.start()
        asyncio.run(run_batch(inp, out, settings=settings, concurrency=8))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak / 1e6


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=200)
    args = parser.parse_args()
    digest: dict[str, Any] = json.loads(REFERENCE.read_text(encoding="utf-8"))
    digest.pop("_fixture")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        peak_mb(20, digest, folder)  # warm-up: imports, caches, the first client
        small = peak_mb(args.articles, digest, folder)
        large = peak_mb(5 * args.articles, digest, folder)
    growth = (large - small) / (4 * args.articles) * 1000
    result = {
        "articles": [args.articles, 5 * args.articles],
        "peak_mb": [round(small, 1), round(large, 1)],
        "ratio": round(large / small, 2),
        "growth_mb_per_1000_articles": round(growth, 1),
    }
    print(json.dumps(result))
    results = ROOT / "bench" / "results"
    results.mkdir(exist_ok=True)
    (results / "batch_memory.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
