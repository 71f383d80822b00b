"""Every benchmark behind a README performance figure, run in turn; what each printed goes to bench/results/.

Each benchmark writes its JSON to bench/results/ and prints one ``TARGET name: figure (target op bound): ok|MISSED``
line per target (``bench/verdict.py``); this keeps each one's output as ``bench/results/<name>.txt``, prints
every target line, and with ``--check`` exits 1 when a target the README claims as met (``CLAIMED_MET``) printed
MISSED. ``--smoke`` (CI, ``tests/test_bench_smoke.py``): the grounding benchmark in full (CPU milliseconds, a few
seconds) and the others at tiny sizes that time nothing, so they run but print no target; nothing is written.

    .venv/bin/python bench/run_all.py            # ~10 min on 2 idle cores: run it on a quiet machine
    .venv/bin/python bench/run_all.py --smoke --check
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from verdict import LINE  # noqa: E402

RESULTS = ROOT / "bench" / "results"
# (name, arguments for a full run, arguments for --smoke)
BENCHMARKS: list[tuple[str, list[str], list[str]]] = [
    ("grounding", ["bench/grounding.py", "--runs", "7"], ["bench/grounding.py", "--runs", "5", "--smoke"]),
    ("overhead", ["bench/overhead.py"], ["bench/overhead.py", "--smoke"]),
    ("eval_replay", ["bench/eval_replay.py", "--rounds", "3"], ["bench/eval_replay.py", "--smoke"]),
    ("batch_vs_raw", ["bench/batch_vs_raw.py"], ["bench/batch_vs_raw.py", "--smoke"]),
    ("repair_vs_rapidfuzz", ["bench/repair_vs_rapidfuzz.py"], []),  # needs rapidfuzz (not a dependency)
]
# Targets the README reports as met; CI fails when one of them prints MISSED (the README names each).
CLAIMED_MET = (
    "grounding: 24 absent quotes (one digest), index built",
    "grounding: the same, the article not yet indexed",
    "grounding: the slowest of those quotes alone",
    "grounding: 47-word near-miss quote (fuzzy)",
    "grounding: near-miss, a number changed (absent)",
    "grounding: adversarial repeated-word quote",
    "grounding: near-miss in 100k of near-copies (absent)",
    "eval: warm replay + score",  # met in two quiet runs, 18:59 and 19:00 UTC (109.1 and 123.3 results/s)
)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="tiny sizes (CI): grounding in full, the rest just run")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target the README claims met is MISSED")
    parser.add_argument("--only", nargs="*", help="run only these benchmarks")
    args = parser.parse_args()
    missed: list[str] = []
    for name, full, smoke in BENCHMARKS:
        if args.only and name not in args.only:
            continue
        if not (smoke if args.smoke else full) or (name == "repair_vs_rapidfuzz" and not _has("rapidfuzz")):
            print(f"== {name}: skipped" + ("" if args.smoke else " (pip install rapidfuzz to run it)"))
            continue
        command = [sys.executable, *(smoke if args.smoke else full)]
        started, load = time.monotonic(), os.getloadavg()[0]
        done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        took = time.monotonic() - started
        print(f"== {name}: exit {done.returncode}, {took:.0f} s, load average {load:.2f} at start", flush=True)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return 2
        if not args.smoke:
            RESULTS.mkdir(parents=True, exist_ok=True)
            (RESULTS / f"{name}.txt").write_text(done.stdout, encoding="utf-8")
        for line in done.stdout.splitlines():
            found = LINE.match(line)
            if found:
                print("  " + line)
                if found["verdict"] == "MISSED" and found["name"] in CLAIMED_MET:
                    missed.append(found["name"])
    if missed:
        print(f"MISSED, though the README claims them met: {'; '.join(missed)}", file=sys.stderr)
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
