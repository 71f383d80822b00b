"""The claim checker's CPU per digest (issue 23, helper speed13): ``verify()`` on the digests the gated replays check.

The digests are real: every distinct digest the three gated replays (``evals/gate.json``, ``gate.local-en.json``,
``gate.local-ar.json``) hand the checker, each re-ask's answer and each digest best-effort builds from kept parts,
captured by replaying the committed recordings once (untimed). Then, CPU milliseconds per digest
(``time.process_time``, the cyclic collector paused as ``summarizer eval`` pauses it), best of ``--rounds``:

- **replay order**: every captured digest in the order the replays met them, from cold caches (article indexes,
  every cache keyed by a text): what the eval's replay pays the checker, re-asks included;
- **new digest, article seen**: each distinct digest alone, its article's tables kept, everything keyed by a
  bullet's or an evidence's text forgotten first (``_forget_texts``; ``claims_checks --cpu`` also forgets
  word-level memos and the article's units, which a process that has seen the article keeps);
- **new article**: each distinct digest against a copy of its article under a first line of its own (offsets
  shifted), so the per-article tables (names, places, units, dates) are built for it, as ``summarize()`` meets a new
  article; word-level memos stay warm, as in a long-running process.

Old against new cannot run in one process, so each row has a baseline from the same run: normalising and indexing
the digest's article (``article_index.build``, its words, positions and stems), a pure-CPU unit the checker's
work does not touch; the ratio is comparable across machines and loads. Compare two trees by running this in each,
interleaved (``--json`` of each), or with ``bench/claims_speed_equality.py`` first to know the outputs are the same.

Run:   .venv/bin/python bench/claims_speed.py [--rounds 3]     (writes bench/results/claims_speed.json)
       .venv/bin/python bench/claims_speed.py --smoke          (one gate, one round: CI checks it runs; writes nothing)
"""

from __future__ import annotations

import argparse
import gc
import importlib
import json
import os
import pickle
import platform
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from verdict import verdict  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "claims_speed.json"
GATES = ("evals/gate.json", "evals/gate.local-en.json", "evals/gate.local-ar.json")
# Issue 23 asked for the checker's CPU per new digest at least halved: 4.8 ms (README, "Cost", round 12) / 2.
TARGET_NEW_DIGEST_MS = 2.4


def capture(gates: tuple[str, ...]) -> list[tuple[Any, str]]:
    """(digest, article) for every digest the checker checks (``verify._check``) in the gated replays, in order."""
    from summarizer.evals.session import EvalRequest, evaluate

    verify_module: Any = importlib.import_module("summarizer.claims.verify")
    seen: list[tuple[Any, str]] = []
    original = verify_module._check

    def recording(digest: Any, article: str) -> Any:
        seen.append((digest.model_copy(deep=True), article))
        return original(digest, article)

    verify_module._check = recording
    try:
        for gate in gates:
            evaluate(
                EvalRequest(gate_file=ROOT / gate, cases_dir=ROOT / "evals" / "cases", cassettes=ROOT / "cassettes")
            )
    finally:
        verify_module._check = original
    return seen


def _forget_texts() -> None:
    """Forget every cache keyed by a bullet's or an evidence's text: the checker's own (``summarizer.claims``), but
    not its per-article or once-per-process tables (``claims_checks._ARTICLE_KEYED``), and the shared text-level
    memos the checker reads (a text's content words, its share of Arabic letters). Word-level memos outside the
    checker (normalisation, clitic readings) and what is remembered on an article's index stay, as in a
    long-running process; the checker's own word-level memos (stems, roots, units of time, session 14) are
    cleared with its text caches, so this row overstates a long-running process's cost a little."""
    import pkgutil

    import summarizer.arabic as arabic
    import summarizer.claims as claims
    from summarizer.evals.claims_checks import _ARTICLE_KEYED

    for info in pkgutil.iter_modules(claims.__path__):
        module = importlib.import_module(f"summarizer.claims.{info.name}")
        for name, value in vars(module).items():
            owner = getattr(value, "__module__", "") or ""
            if hasattr(value, "cache_clear") and owner.startswith("summarizer.claims") and name not in _ARTICLE_KEYED:
                value.cache_clear()
    for name in ("content_words", "arabic_letter_ratio"):
        function = getattr(arabic, name)
        if hasattr(function, "cache_clear"):
            function.cache_clear()


def _forget_all() -> None:
    """Cold caches: every article index (with what is remembered on it) and every cache keyed by a text."""
    from summarizer.article_index import clear_cache

    _forget_texts()
    clear_cache()


def _shifted(digest: Any, article: str, n: int) -> tuple[Any, str]:
    """The digest against its article under a first line of its own, evidence offsets moved with it."""
    marker = f"[[speed13 {n:06d}]]\n"
    digest = digest.model_copy(deep=True)
    quotes = [e for b in digest.bullets for e in b.evidence]
    for event in digest.events:
        quotes += [*event.evidence, *event.fatalities.evidence, *event.injuries.evidence]
        quotes += [e for s in event.attributions for e in s.evidence]
    for evidence in quotes:
        if evidence.start is not None and evidence.end is not None:
            evidence.start += len(marker)
            evidence.end += len(marker)
    return digest, marker + article


def _index(article: str) -> None:
    from summarizer.article_index import build

    index = build(article)
    index.positions  # noqa: B018
    index.by_stem  # noqa: B018


def measure(seen: list[tuple[Any, str]], rounds: int) -> dict[str, Any]:
    from summarizer.claims import verify
    from summarizer.evals.claims_checks import _forget_digests

    verify_module = importlib.import_module("summarizer.claims.verify")
    distinct: list[tuple[Any, str]] = []
    keys: set[object] = set()
    for digest, article in seen:
        key = (article, verify_module._content(digest))
        if key not in keys:
            keys.add(key)
            distinct.append((digest, article))
    for digest, article in distinct:
        verify(digest, article)  # loads every table once (the gazetteer, the lexicon): not what is measured
    figures: dict[str, Any] = {"digests_checked": len(seen), "distinct_digests": len(distinct)}
    figures["articles"] = len({article for _, article in seen})
    rows: dict[str, list[float]] = {"replay_order": [], "new_digest": [], "new_article": [], "baseline_index": []}
    serial = 0
    for _ in range(rounds):
        _forget_all()
        started = time.process_time()
        for digest, article in seen:
            verify(digest, article)
        rows["replay_order"].append((time.process_time() - started) / len(seen))

        spent = 0.0
        for digest, article in distinct:
            _forget_texts()
            _forget_digests(article)
            started = time.process_time()
            verify(digest, article)
            spent += time.process_time() - started
        rows["new_digest"].append(spent / len(distinct))

        fresh = []
        for digest, article in distinct:
            serial += 1
            fresh.append(_shifted(digest, article, serial))
        started = time.process_time()
        for digest, article in fresh:
            verify(digest, article)
        rows["new_article"].append((time.process_time() - started) / len(fresh))

        started = time.process_time()
        for _, article in distinct:
            _index(article)
        rows["baseline_index"].append((time.process_time() - started) / len(distinct))
    for name, values in rows.items():
        figures[f"{name}_ms"] = round(1000 * min(values), 3)
    base = figures["baseline_index_ms"]
    for name in ("replay_order", "new_digest", "new_article"):
        figures[f"{name}_ratio_to_index"] = round(figures[f"{name}_ms"] / base, 2) if base else None
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true", help="one gate, one round; write nothing")
    parser.add_argument("--json", type=Path, default=RESULTS, help="where the figures go")
    parser.add_argument(
        "--digests", type=Path, help="a pickle of the captured digests: read if it exists, else written (two trees)"
    )
    args = parser.parse_args()
    os.chdir(ROOT)
    gates = GATES[:1] if args.smoke else GATES
    if args.digests and args.digests.is_file():
        seen = pickle.loads(args.digests.read_bytes())  # a file this script wrote
    else:
        seen = capture(gates)
        if args.digests:
            args.digests.write_bytes(pickle.dumps(seen))
    gc.collect()
    paused = gc.isenabled()
    gc.disable()  # as `summarizer eval` runs its replay (summarizer.claims.data_cache.collector_paused)
    try:
        figures = measure(seen, 1 if args.smoke else args.rounds)
    finally:
        if paused:
            gc.enable()
    figures |= {
        "gates": list(gates),
        "rounds": 1 if args.smoke else args.rounds,
        "python": platform.python_version(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    print(
        f"{figures['digests_checked']} digests checked in the replays ({figures['distinct_digests']} distinct, "
        f"{figures['articles']} articles); CPU ms per digest, best of {figures['rounds']}:"
    )
    for name, label in (
        ("replay_order", "replay order (re-asks included), cold caches"),
        ("new_digest", "new digest, article seen"),
        ("new_article", "new digest on a new article"),
    ):
        print(f"  {label}: {figures[name + '_ms']:.2f} ms ({figures[name + '_ratio_to_index']}x the index build)")
    print(f"  baseline, normalise + index its article: {figures['baseline_index_ms']:.3f} ms")
    verdict(
        "claims: verify() per new digest (article seen), CPU",
        figures["new_digest_ms"],
        TARGET_NEW_DIGEST_MS,
        unit=" ms",
    )
    if not args.smoke:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
