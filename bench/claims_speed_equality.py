"""Equality harness for the claim checker's speed work (issue 23, helper speed13): every output the checker shapes,
written by one source tree, to compare with another tree's byte for byte.

Speed work on the checker must change no finding, so this runs the same commands on two trees (the tree before the
change, e.g. ``git archive main | tar -x -C /tmp/base``, and the tree after) and compares what they wrote:

- ``python -m summarizer.evals.claims_checks --split tune --source S --json F`` for every tune source, and
  ``--split heldout --source round12|round13|round14`` (retired to tuning): the JSON and the printed tables;
- ``python -m summarizer.evals.perturb``: the printed table and missed edits;
- ``summarizer eval --gate G --out D`` for the three gate files: exit code, printed verdict and every report
  (JSON, Markdown, JUnit, HTML, per-case pages), wall times taken out;
- a deep dump in one process: every finding (all fields) and every claim status of every digest the three gated
  replays check (each re-ask and assembly), of every perturbation-suite edit, and of every claims-bench bullet;
  the bench bullets once more in reverse order on cold caches, which must give the same findings (what is
  remembered per article or per text must not depend on what was checked before).

Run (about 3 minutes on one core per tree):

    python bench/claims_speed_equality.py run --tree /tmp/base --out /tmp/eq-base
    python bench/claims_speed_equality.py run --tree . --out /tmp/eq-new
    python bench/claims_speed_equality.py compare /tmp/eq-base /tmp/eq-new     # exit 1 on any difference

Never opens a held-out file but those retired to tuning (rounds 12-14): the commands name their split and source.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

TUNE_SOURCES = ("hand", "real", "real2", "round7", "round8", "round8real", "round9", "round10", "round11", "round12")
RETIRED = ("round12", "round13", "round14", "round15")  # held-outs retired to tuning (TEAM.md, round 16); no other
GATES = ("evals/gate.json", "evals/gate.local-en.json", "evals/gate.local-ar.json")
# Wall-clock figures in reports and printed output: the only thing allowed to differ.
_TIMING_KEYS = {"replay_s", "replay_wall_s"}
_TIMING_TEXT = [
    re.compile(r'(time|replay_s)="[0-9.]+"'),
    re.compile(r'"replay_wall_s" value="[0-9.]+"'),
    re.compile(r"\b\d+(\.\d+)?\s?(s|ms|seconds)\b"),
    re.compile(r"\b\d+(\.\d+)? results/s\b"),
]


def _run(tree: Path, args: list[str], out: Path, name: str) -> None:
    env = dict(os.environ, PYTHONPATH=str(tree), SUMMARIZER_EVAL_PROCESSES="1", COLUMNS="200")
    started = time.process_time()
    done = subprocess.run([sys.executable, *args], cwd=tree, env=env, capture_output=True, text=True)
    (out / f"{name}.stdout").write_text(done.stdout, encoding="utf-8")
    (out / f"{name}.rc").write_text(str(done.returncode), encoding="utf-8")
    print(f"{name}: rc {done.returncode} ({time.process_time() - started:.1f} s)", file=sys.stderr)


def run(tree: Path, out: Path, only: set[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    tree = tree.resolve()
    out = out.resolve()
    if not only or "checks" in only:
        for source in TUNE_SOURCES:
            args = ["-m", "summarizer.evals.claims_checks", "--split", "tune", "--source", source]
            _run(tree, [*args, "--json", str(out / f"checks_tune_{source}.json")], out, f"checks_tune_{source}")
        for source in RETIRED:
            args = ["-m", "summarizer.evals.claims_checks", "--split", "heldout", "--source", source]
            _run(tree, [*args, "--json", str(out / f"checks_retired_{source}.json")], out, f"checks_retired_{source}")
    if not only or "perturb" in only:
        _run(tree, ["-m", "summarizer.evals.perturb"], out, "perturb")
    if not only or "eval" in only:
        for gate in GATES:
            name = "eval_" + Path(gate).stem.replace(".", "_")
            _run(tree, ["-m", "summarizer", "eval", "--gate", gate, "--out", str(out / name)], out, name)
    if not only or "deep" in only:
        _run(tree, [str(Path(__file__).resolve()), "_deep", str(out)], out, "deep")


# ---- the deep dump: runs inside the tree under test (PYTHONPATH), imports summarizer only here ----


def _finding_rows(findings: list[Any]) -> list[dict[str, Any]]:
    return [f.model_dump() for f in findings]


def deep(out: Path) -> None:
    import importlib

    from summarizer.article_index import clear_cache
    from summarizer.evals import perturb
    from summarizer.evals.claims_bench import bullet_of, load_articles, load_items
    from summarizer.evals.claims_checks import _clear_text_caches
    from summarizer.evals.session import EvalRequest, evaluate
    from summarizer.schema import Digest

    verify_module: Any = importlib.import_module("summarizer.claims.verify")
    suite: Any = perturb
    data, cases = Path("evals/claims_bench"), Path("evals/cases")

    # 1. every check() of the gated replays: findings and statuses, in call order
    rows: list[str] = []
    original_check = verify_module.check

    def recording_check(digest: Any, article: str) -> Any:
        result = original_check(digest, article)
        rows.append(
            json.dumps(
                {
                    "article": article[:40],
                    "findings": _finding_rows(result.findings),
                    "bullets": result.bullets,
                    "events": result.events,
                },
                ensure_ascii=False,
                sort_keys=True,
            )
        )
        return result

    verify_module.check = recording_check
    try:
        for gate in GATES:
            evaluate(EvalRequest(gate_file=Path(gate)))
            rows.append(f"== {gate}")
    finally:
        verify_module.check = original_check
    (out / "deep_eval.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")

    # 2. every verify() of the perturbation suite
    rows = []
    original_verify = suite.verify

    def recording_verify(digest: Any, article: str) -> Any:
        findings = original_verify(digest, article)
        rows.append(json.dumps(_finding_rows(findings), ensure_ascii=False, sort_keys=True))
        return findings

    suite.verify = recording_verify
    try:
        perturb.run_suite(cases)
    finally:
        suite.verify = original_verify
    (out / "deep_perturb.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")

    # 3. every claims-bench bullet (three copies make a digest, as claims_checks runs it), then in reverse order
    items = [*load_items(data, ["tune"], TUNE_SOURCES), *load_items(data, ["heldout"], list(RETIRED))]
    articles = load_articles(cases, data)

    def bench_rows(order: list[tuple[int, Any]]) -> dict[str, str]:
        found = {}
        for number, item in order:
            article = articles[item.case]
            bullet = bullet_of(item, article)
            digest = Digest.model_construct(
                bullets=[bullet, bullet.model_copy(deep=True), bullet.model_copy(deep=True)], events=[], run=None
            )
            result = verify_module.check(digest, article)
            found[f"{number}:{item.origin}:{item.id}"] = json.dumps(
                {"findings": _finding_rows(result.findings), "bullets": result.bullets},
                ensure_ascii=False,
                sort_keys=True,
            )
        return found

    forward = bench_rows(list(enumerate(items)))
    (out / "deep_bench.jsonl").write_text(
        "".join(f"{key}\t{value}\n" for key, value in forward.items()), encoding="utf-8"
    )
    _clear_text_caches()
    clear_cache()
    backward = bench_rows(list(enumerate(items))[::-1])
    differ = sorted(key for key in forward if forward[key] != backward.get(key))
    (out / "deep_bench_order.txt").write_text(
        f"{len(differ)} of {len(forward)} bullets differ checked in reverse order on cold caches\n"
        + "".join(f"{key}\n" for key in differ),
        encoding="utf-8",
    )


# ---- comparing two output folders ----


def _strip_json(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_json(v) for k, v in value.items() if k not in _TIMING_KEYS}
    if isinstance(value, list):
        return [_strip_json(v) for v in value]
    return value


def _normal(path: Path, rel: Path) -> str:
    text = path.read_text(encoding="utf-8", errors="replace")
    if rel.name == "deep_eval.jsonl":
        # The replays run cases concurrently and check a long article's answer on a worker thread
        # (``client.OFF_LOOP_CHARS``), so the order of check() calls across cases follows timing: compare each
        # gate's checks as a sorted list (every call and its result still has to be there, as often).
        sections: list[str] = []
        current: list[str] = []
        for line in text.splitlines():
            if line.startswith("== "):
                sections.append("\n".join([*sorted(current), line]))
                current = []
            else:
                current.append(line)
        return "\n".join([*sections, *sorted(current)])
    timed = rel.parts[0].startswith("eval_")
    if path.suffix == ".json" and timed:
        return json.dumps(_strip_json(json.loads(text)), ensure_ascii=False, indent=0, sort_keys=True)
    if timed:
        for pattern in _TIMING_TEXT:
            text = pattern.sub("<time>", text)
    return text


def compare(a: Path, b: Path) -> int:
    files_a = {p.relative_to(a) for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b) for p in b.rglob("*") if p.is_file()}
    bad = 0
    for missing in sorted(files_a ^ files_b):
        print(f"only in {'first' if missing in files_a else 'second'}: {missing}")
        bad += 1
    for rel in sorted(files_a & files_b):
        if rel.name.startswith("deep.") and rel.suffix == ".stdout":
            continue
        left, right = _normal(a / rel, rel), _normal(b / rel, rel)
        if left != right:
            bad += 1
            print(f"DIFFERS: {rel}")
            diff = difflib.unified_diff(left.splitlines(), right.splitlines(), lineterm="", n=0)
            for line in list(diff)[:12]:
                print("   ", line[:300])
    order = b / "deep_bench_order.txt"
    if order.is_file() and not order.read_text(encoding="utf-8").startswith("0 of"):
        print(f"ORDER-DEPENDENT ({b}): {order.read_text(encoding='utf-8').splitlines()[0]}")
        bad += 1
    print(f"{len(files_a & files_b)} files compared, {bad} differences")
    return 1 if bad else 0


def main() -> int:
    if len(sys.argv) == 3 and sys.argv[1] == "_deep":
        deep(Path(sys.argv[2]))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    ran = sub.add_parser("run", help="write every output of one tree")
    ran.add_argument("--tree", type=Path, default=Path(__file__).resolve().parent.parent)
    ran.add_argument("--out", type=Path, required=True)
    ran.add_argument("--only", default="", help="comma-separated: checks, perturb, eval, deep")
    compared = sub.add_parser("compare", help="compare two output folders")
    compared.add_argument("first", type=Path)
    compared.add_argument("second", type=Path)
    args = parser.parse_args()
    if args.command == "run":
        run(args.tree, args.out, {s for s in args.only.split(",") if s})
        return 0
    return compare(args.first, args.second)


if __name__ == "__main__":
    sys.exit(main())
