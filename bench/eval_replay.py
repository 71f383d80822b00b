"""Eval harness speed (issue 12's rows for `summarizer eval`): replay throughput and import cost.

Figures, each against its target and as a ratio to a baseline measured in the same run:
- replay: results (case x language) scored per second by run_eval over the committed recordings of the
  gated model, best of --rounds runs in one warm process; the baseline is a second figure in the same run,
  the replay alone without scoring (what the harness costs beyond the scorers). A warm round meets answers it
  has seen: what is remembered per article (grounding, the claim checker's results) serves it. So a third
  figure forgets all of that before each round (``_forget_articles``): a warm process meeting new answers;
- imports: seconds to import the eval machinery (runner, scorers, recording) in a fresh interpreter, minus a
  bare interpreter's start-up, median of --rounds; with the heavy packages' own cumulative cost by
  -X importtime so the remaining cost is named (nltk through rouge-score, scipy);
- `import summarizer` in a fresh interpreter, the same way, for comparison;
- the whole command a user runs, `summarizer eval` (interpreter, imports, replay, scoring, the gate's verdict,
  reports), median wall seconds of --rounds fresh processes, as results per second; its baseline, interleaved
  pair by pair in the same run, is the same command replaying in one process ($SUMMARIZER_EVAL_PROCESSES=1).
  The package's byte-code is written first (here and for the import figures), as installing it does: with
  $PYTHONDONTWRITEBYTECODE set and no `__pycache__`, every fresh process would compile the ~100 modules it
  imports again (~0.2 s of CPU before the replay).
Targets (issue 23): warm replay + score >= 100 results/s; the whole command <= 2 s.

Run:   .venv/bin/python bench/eval_replay.py [--rounds 3]     (writes bench/results/eval_replay.json)
       .venv/bin/python bench/eval_replay.py --smoke        (2 cases, 1 round: CI checks it runs; writes nothing)
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from verdict import verdict  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "eval_replay.json"
TARGET_RESULTS_PER_S = 100.0  # issue 23: warm replay + score
TARGET_WHOLE_COMMAND_S = 2.0  # issue 23: the whole `summarizer eval` (gated), a fresh process
TARGET_IMPORT_S = 1.0
EVAL_IMPORT = "import summarizer.evals.runner, summarizer.evals.report, summarizer.evals.gate"


def _fresh(code: str, rounds: int) -> float:
    """Median seconds for ``code`` in a fresh interpreter, minus a bare interpreter's start-up."""

    def once(snippet: str) -> float:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", snippet], check=True, cwd=ROOT)
        return time.perf_counter() - started

    bare = statistics.median(once("pass") for _ in range(rounds))
    return max(statistics.median(once(code) for _ in range(rounds)) - bare, 0.0)


WATCHED = ("nltk", "scipy.stats", "scipy.optimize", "sacrebleu", "rouge_score", "vcr", "numpy", "openai", "httpx")


def _named_imports(code: str) -> dict[str, float]:
    """Cumulative import seconds of the heavy packages, where each is first imported (-X importtime)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    seconds: dict[str, float] = {}
    for line in done.stderr.splitlines():
        found = re.match(r"import time:\s+\d+ \|\s+(\d+) \| \s*(\S+)", line)
        if found and found.group(2) in WATCHED:
            seconds[found.group(2)] = round(int(found.group(1)) / 1e6, 3)
    return seconds


def _request(limit: int | None) -> Any:
    """The gated cases (the first ``limit`` of them) as the eval session's request: scored as gate.json says."""
    from summarizer.evals.cases import load_cases
    from summarizer.evals.gate import load_policy
    from summarizer.evals.session import EvalRequest

    gate = ROOT / "evals" / "gate.json"
    policy = load_policy(gate)
    cases = [c.id for c in load_cases(ROOT / "evals" / "cases") if policy.cases == "all" or c.id in policy.cases]
    return EvalRequest(
        gate_file=gate,
        cases_dir=ROOT / "evals" / "cases",
        cassettes=ROOT / "cassettes",
        case_ids=tuple(cases[:limit]),
        gated=False,
    )


# Loaded once per process whatever the articles (the gazetteer, the English word list): kept by _forget_articles.
_ONCE_PER_PROCESS = {"_load", "_english_words"}


def _forget_articles() -> None:
    """Forget everything remembered about articles and answers: the article indexes (grounding's look-ups, the
    claim checker's per-article tables and remembered results) and the checker's caches keyed by a text. A
    warm round after it meets its 84 answers as new, as a long-running process meets tomorrow's articles; word-level
    memos and parsed cassettes stay, as they would."""
    import importlib
    import pkgutil

    import summarizer.claims as claims
    from summarizer.article_index import clear_cache

    clear_cache()
    for info in pkgutil.iter_modules(claims.__path__):
        module = importlib.import_module(f"summarizer.claims.{info.name}")
        for name, value in vars(module).items():
            if hasattr(value, "cache_clear") and name not in _ONCE_PER_PROCESS:
                value.cache_clear()


def _replay(rounds: int, score: bool, limit: int | None, forget: bool = False) -> tuple[float, float, int]:
    from summarizer.evals import runner
    from summarizer.evals.session import evaluate, plan

    request = _request(limit)
    resolved = plan(request)
    original = runner.score
    if not score:
        runner.score = lambda *_, **__: ({}, [])  # the replay alone
    try:
        best, first, results = float("inf"), 0.0, 0
        for _ in range(rounds):
            if forget:  # the process is warm (earlier rounds); its answers are new to it
                _forget_articles()
            started = time.perf_counter()
            run, _ = evaluate(request, resolved)
            took = time.perf_counter() - started
            first = first or took
            best = min(best, took)
            results = len(run.results)
            assert not run.stale, [r.message for r in run.stale]
    finally:
        runner.score = original
    return results / first, results / best, results


def _whole_command(rounds: int, cases: list[str]) -> dict[str, Any]:
    """Median wall (and CPU) seconds of ``summarizer eval`` (gated: gate.json's cases, the verdict against the
    baseline, every report) in a fresh process: what a user waits for. Its baseline in the same run, interleaved
    pair by pair: the same command replaying in one process ($SUMMARIZER_EVAL_PROCESSES=1; by default the replay
    is split over the cores the process may use, ``summarizer.evals.forked``)."""
    from summarizer.evals.forked import ENV, processes_wanted

    took: dict[str, list[float]] = {"split": [], "one": []}
    cpu: dict[str, list[float]] = {"split": [], "one": []}
    with tempfile.TemporaryDirectory() as out:
        for i in range(rounds):
            for name in ("split", "one") if i % 2 == 0 else ("one", "split"):
                env = {k: v for k, v in os.environ.items() if k != ENV}
                if name == "one":
                    env[ENV] = "1"
                before = os.times()
                started = time.perf_counter()
                subprocess.run(
                    [sys.executable, "-m", "summarizer", "eval", "--out", out, *cases],
                    check=False,  # a smoke run's few cases cannot pass the gate's floors; the time is what counts
                    cwd=ROOT,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                took[name].append(time.perf_counter() - started)
                after = os.times()
                cpu[name].append(
                    after.children_user + after.children_system - before.children_user - before.children_system
                )
    ratios = [split / one for split, one in zip(took["split"], took["one"], strict=True)]
    return {
        "whole_command_s": round(statistics.median(took["split"]), 2),
        "whole_command_processes": processes_wanted(),
        "whole_command_cpu_s": round(statistics.median(cpu["split"]), 2),
        "whole_command_one_process_s": round(statistics.median(took["one"]), 2),
        "whole_command_one_process_cpu_s": round(statistics.median(cpu["one"]), 2),
        "whole_command_split_vs_one_process": round(statistics.median(ratios), 3),
        "whole_command_pairs_s": [[round(a, 2), round(b, 2)] for a, b in zip(took["split"], took["one"], strict=True)],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="2 cases, 1 round: check it runs; times nothing")
    args = parser.parse_args()
    rounds, limit = (1, 2) if args.smoke else (args.rounds, None)
    compileall.compile_dir(ROOT / "summarizer", quiet=1)  # fresh processes read byte-code, as installed (see above)
    cold, rate, results = _replay(rounds, score=True, limit=limit)
    _, replay_only, _ = _replay(rounds, score=False, limit=limit)
    _, new_answers, _ = _replay(rounds, score=True, limit=limit, forget=True)
    eval_import = _fresh(EVAL_IMPORT, rounds)
    core_import = _fresh("import summarizer", rounds)
    only = [arg for case in _request(limit).case_ids for arg in ("--case", case)] if args.smoke else []
    whole = _whole_command(rounds, only)
    figures = {
        "machine": f"{platform.python_implementation()} {platform.python_version()}, {platform.machine()}",
        "results_per_round": results,
        "first_run_results_per_s": round(cold, 1),
        "replay_and_score_results_per_s": round(rate, 1),
        "replay_only_results_per_s": round(replay_only, 1),
        "warm_process_new_answers_results_per_s": round(new_answers, 1),
        "scoring_share_of_replay": round(1 - rate / replay_only, 3) if replay_only else None,
        "first_run_vs_target": round(cold / TARGET_RESULTS_PER_S, 3),
        "replay_vs_target": round(rate / TARGET_RESULTS_PER_S, 3),
        "eval_import_s": round(eval_import, 3),
        "eval_import_vs_target": round(eval_import / TARGET_IMPORT_S, 3),
        "import_summarizer_s": round(core_import, 3),
        "eval_import_vs_import_summarizer": round(eval_import / core_import, 1) if core_import else None,
        "eval_import_by_package_s": _named_imports(EVAL_IMPORT),
        **whole,
        "whole_command_results_per_s": round(results / whole["whole_command_s"], 1),
        "whole_command_vs_target": round(results / whole["whole_command_s"] / TARGET_RESULTS_PER_S, 3),
    }
    figures["load_avg_1m"] = round(os.getloadavg()[0], 2)
    if not args.smoke:  # a smoke run never overwrites recorded results
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))
    if not args.smoke:  # tiny sizes time nothing
        verdict("eval: warm replay + score", rate, TARGET_RESULTS_PER_S, unit=" results/s", at_least=True)
        verdict(
            "eval: the whole gated command, fresh process", whole["whole_command_s"], TARGET_WHOLE_COMMAND_S, unit=" s"
        )


if __name__ == "__main__":
    main()
