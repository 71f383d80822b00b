"""`summarizer batch run` against a raw-SDK JSONL script, whole processes, as interleaved pairs (issue 23).

Both read 200 distinct articles (``bench/articles.py``) and write one line per article, against the mock server
(``bench/mock_server.py``, 100 ms a request, each article answered with its own case's reference digest):
- ours: ``summarizer batch run IN.jsonl OUT.jsonl --concurrency C`` (validation, grounding, claim checks);
- raw: ``bench/raw_jsonl.py`` sending the request lines ``summarizer batch export`` writes for the same
  articles, one AsyncOpenAI client and a semaphore of C, validating nothing.
At each C the two run in turn (raw, ours, raw, ours, ...), each a fresh process; wall seconds and CPU seconds
(user + sys, from the OS's accounting of the finished child); the ratio ours / raw pair by pair, its median.
Targets: ratio <= 1.1 at every C; ours at C = 64 never slower than at C = 32.
The package's byte-code is written first, as installing it does (the raw script's openai has its own): with
$PYTHONDONTWRITEBYTECODE set and no `__pycache__`, each of our runs compiled the ~100 modules it imports again
(~0.25 s CPU of ~3.2 s at C = 8).

    .venv/bin/python bench/batch_vs_raw.py [--pairs 3] [--articles 200]   (writes bench/results/batch_vs_raw.json)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import articles  # noqa: E402
from overhead import mock_server, settings_for  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "batch_vs_raw.json"
RATIO_TARGET = 1.1


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=3)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[8, 32, 64])
    parser.add_argument("--latency-ms", type=float, default=100.0)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--smoke", action="store_true", help="8 articles, C=4, one pair: check it runs")
    args = parser.parse_args()
    if args.smoke:
        args.pairs, args.articles, args.concurrency = 1, 8, [4]
    python = sys.executable
    compileall.compile_dir(ROOT / "summarizer", quiet=1)  # as an installed package has it (see the module's doc)
    results: dict[str, Any] = {"load_avg_1m": round(os.getloadavg()[0], 2), "articles": args.articles, "rows": {}}
    with tempfile.TemporaryDirectory() as tmp, mock_server() as url:
        base = url(args.latency_ms)
        folder = Path(tmp)
        source = folder / "in.jsonl"
        source.write_text(
            "".join(
                json.dumps({"id": n, "text": t}, ensure_ascii=False) + "\n"
                for n, t in enumerate(articles.articles(args.articles))
            ),
            encoding="utf-8",
        )
        settings = settings_for(base)
        env = {**os.environ, "OPENAI_BASE_URL": base, "OPENAI_API_KEY": "bench", "SUMMARIZER_MODEL": settings.model,
               "SUMMARIZER_MODE": settings.mode, "SUMMARIZER_MAX_REASKS": "0"}  # fmt: skip
        requests = folder / "requests.jsonl"
        subprocess.run([python, "-m", "summarizer", "batch", "export", str(source), str(requests)], check=True, env=env,
                       cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        for c in args.concurrency:
            ours_cmd = [python, "-m", "summarizer", "batch", "run", str(source), str(folder / "ours.jsonl"),
                        "--concurrency", str(c)]  # fmt: skip
            raw_cmd = [python, str(ROOT / "bench" / "raw_jsonl.py"), str(requests), str(folder / "raw.jsonl"),
                       "--base-url", base, "--concurrency", str(c)]  # fmt: skip
            pairs = []
            for _ in range(args.pairs + 1):  # the first pair warms the disk cache and is dropped
                (folder / "ours.jsonl").unlink(missing_ok=True)  # a rerun would resume, not redo
                raw = timed(raw_cmd, env)
                ours = timed(ours_cmd, env)
                lines = (folder / "ours.jsonl").read_text(encoding="utf-8").splitlines()
                assert sum(json.loads(line)["ok"] for line in lines) == args.articles, "not every article succeeded"
                pairs.append((ours, raw))
            pairs = pairs[1:]
            row = {
                "ours_wall_s": statistics.median(o[0] for o, _ in pairs),
                "raw_wall_s": statistics.median(r[0] for _, r in pairs),
                "ours_cpu_s": statistics.median(o[1] for o, _ in pairs),
                "raw_cpu_s": statistics.median(r[1] for _, r in pairs),
                "wall_ratio": statistics.median(o[0] / r[0] for o, r in pairs),
                "ideal_s": -(-args.articles // c) * args.latency_ms / 1000,
            }
            results["rows"][str(c)] = row
            verdict = "ok" if row["wall_ratio"] <= RATIO_TARGET else "MISSED"
            print(
                f"C={c:3d}: ours {row['ours_wall_s']:.2f} s wall ({row['ours_cpu_s']:.2f} CPU), "
                f"raw {row['raw_wall_s']:.2f} s ({row['raw_cpu_s']:.2f} CPU), "
                f"ratio {row['wall_ratio']:.2f} (<= {RATIO_TARGET}: {verdict})"
            )
    rows = results["rows"]
    if "32" in rows and "64" in rows:
        faster = rows["64"]["ours_wall_s"] <= rows["32"]["ours_wall_s"]
        print(f"C=64 not slower than C=32: {'ok' if faster else 'MISSED'}")
    print(f"load average (1 min) at start {results['load_avg_1m']}")
    if not args.smoke:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
