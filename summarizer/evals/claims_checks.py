"""Each claim check's precision, each error kind's detection, and what each gazetteer source adds, on one split of
the claim benchmark (``evals/claims_bench/``).

Why: only checks precise on text nobody tuned on may fail validation (``findings.ERROR_CHECKS``). A check's
precision is the share of the benchmark bullets it fires on that are unfaithful (a finding on a faithful bullet
is a false alarm, whatever it says); n is the number of bullets it fires on, with a Wilson 95% interval.
Detection is counted twice: by an erroring finding (what fails validation) and by any finding (errors and
``unverified`` warnings). ``--ablation`` re-runs the split without each gazetteer source in turn.

``python -m summarizer.evals.claims_checks --cpu`` measures the checker's CPU per digest.

``python -m summarizer.evals.claims_checks --split tune [--ablation] [--policy]``: ``--policy`` prints the checks
at >= 97% precision (the erroring table is set from the held-out split, run once; README, "Grounded claims").
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from summarizer.claims import gazetteer as gazetteer_module
from summarizer.claims import verify
from summarizer.evals.claims_bench import EXTRA, SOURCES, Item, bullet_of, load_articles, load_items, wilson
from summarizer.findings import Finding, error_checks
from summarizer.schema import Digest

# The targets group the benchmark's error kinds.
GROUPS = {
    "numbers": ("number_digit", "number_scale", "count_qualifier"),
    "dates": ("date", "year"),
    "negation": ("negation",),
    "names": ("name_swap_same_article", "name_swap_other_article", "place_swap"),
    "same-article swaps": ("name_swap_same_article",),
    "other (no target)": ("actor_target_reversed", "claimed_as_confirmed", "hedge_dropped"),
}
TARGETS = {"numbers": 0.90, "dates": 0.90, "negation": 0.90, "names": 0.85, "same-article swaps": 0.85}
PRECISION_BAR = 0.97
# Checks counted as errors on top of ``findings.ERROR_CHECKS`` (``--promote``: the tables "as promoted").
PROMOTED: set[str] = set()


def erroring() -> frozenset[str]:
    """The erroring table the tables count with: today's, plus the checks given to ``--promote``."""
    return error_checks() | PROMOTED


@dataclass
class Checked:
    item: Item
    findings: list[Finding]

    def flagged(self, errors_only: bool) -> bool:
        return any(f.check in erroring() or not errors_only for f in self.findings)


def run(items: Sequence[Item], articles: dict[str, str]) -> list[Checked]:
    """Every bullet checked alone (three copies of it make a digest, as the benchmark runner does)."""
    out = []
    for item in items:
        article = articles[item.case]
        bullet = bullet_of(item, article)
        digest = Digest.model_construct(
            bullets=[bullet, bullet.model_copy(deep=True), bullet.model_copy(deep=True)], events=[], run=None
        )
        own = [f for f in verify(digest, article) if f.location == "bullets[0]" or f.location.startswith("bullets[0].")]
        out.append(Checked(item, own))
    return out


def _rate(k: int, n: int) -> str:
    if not n:
        return "- (n = 0)"
    low, high = wilson(k, n)
    return f"{k}/{n} {k / n:.1%} [{low:.1%}, {high:.1%}]"


def precision_table(results: Sequence[Checked]) -> tuple[str, dict[str, tuple[int, int]]]:
    fired: dict[str, list[bool]] = defaultdict(list)
    for r in results:
        for check in sorted({f.check for f in r.findings}):
            fired[check].append(not r.item.faithful)
    lines = [
        "| check | bullets it fires on | unfaithful among them (precision, 95% CI) | errors now |",
        "|---|---:|---|---|",
    ]
    counts = {}
    for check in sorted(fired):
        k, n = sum(fired[check]), len(fired[check])
        counts[check] = (k, n)
        lines.append(f"| {check} | {n} | {_rate(k, n)} | {'yes' if check in erroring() else 'no'} |")
    return "\n".join(lines), counts


def detection_table(results: Sequence[Checked]) -> str:
    faithful = [r for r in results if r.item.faithful]
    lines = ["| what | n | by an error (fails validation) | by any finding | target |", "|---|---:|---|---|---|"]
    lines.append(
        f"| false alarms on faithful bullets | {len(faithful)} | "
        f"{_rate(sum(r.flagged(True) for r in faithful), len(faithful))} | "
        f"{_rate(sum(r.flagged(False) for r in faithful), len(faithful))} | <= 3% |"
    )
    for group, kinds in GROUPS.items():
        wrong = [r for r in results if not r.item.faithful and r.item.kind in kinds]
        target = f">= {TARGETS[group]:.0%}" if group in TARGETS else ""
        lines.append(
            f"| detected: {group} | {len(wrong)} | {_rate(sum(r.flagged(True) for r in wrong), len(wrong))} | "
            f"{_rate(sum(r.flagged(False) for r in wrong), len(wrong))} | {target} |"
        )
    real = [r for r in results if r.item.origin != "hand" and not r.item.faithful]
    if real:
        lines.append(
            f"| detected: real-model errors | {len(real)} | {_rate(sum(r.flagged(True) for r in real), len(real))} | "
            f"{_rate(sum(r.flagged(False) for r in real), len(real))} | |"
        )
    return "\n".join(lines)


def _with_sources(sources: frozenset[str]) -> None:
    gazetteer_module.SOURCES = sources
    gazetteer_module.carries.cache_clear()


def ablation_table(items: Sequence[Item], articles: dict[str, str]) -> str:
    lines = [
        "| gazetteer | false alarms (error) | false alarms (any) | names detected (error) | errors detected (error) |",
        "|---|---|---|---|---|",
    ]
    variants = [("all sources", gazetteer_module.ALL_SOURCES)]
    variants += [(f"without {s}", gazetteer_module.ALL_SOURCES - {s}) for s in sorted(gazetteer_module.ALL_SOURCES)]
    variants.append(("none", frozenset()))
    try:
        for name, sources in variants:
            _with_sources(sources)
            results = run(items, articles)
            faithful = [r for r in results if r.item.faithful]
            wrong = [r for r in results if not r.item.faithful]
            names = [r for r in wrong if r.item.kind in GROUPS["names"]]
            lines.append(
                f"| {name} | {_rate(sum(r.flagged(True) for r in faithful), len(faithful))} | "
                f"{_rate(sum(r.flagged(False) for r in faithful), len(faithful))} | "
                f"{_rate(sum(r.flagged(True) for r in names), len(names))} | "
                f"{_rate(sum(r.flagged(True) for r in wrong), len(wrong))} |"
            )
    finally:
        _with_sources(gazetteer_module.ALL_SOURCES)
    return "\n".join(lines)


_ARTICLE_KEYED = {"_article_roots", "article_names", "written_dates", "_load", "_english_words", "_table"}


def _clear_text_caches() -> None:
    """Forget every cache keyed by a bullet's or an evidence's text; keep those keyed by an article."""
    import importlib
    import pkgutil

    import summarizer.claims as claims

    for info in pkgutil.iter_modules(claims.__path__):
        module = importlib.import_module(f"summarizer.claims.{info.name}")
        for name, value in vars(module).items():
            if hasattr(value, "cache_clear") and name not in _ARTICLE_KEYED:
                value.cache_clear()


def _forget_digests(article: str) -> None:
    """Forget the checker's remembered results for whole digests of ``article`` (building a reference digest
    validates it, so without this a "new" digest was a look-up), keeping its per-article tables."""
    from summarizer.article_index import article_index

    found = article_index(article).found
    for key in [k for k in found if k and k[0] == "claims"]:
        del found[key]


def cpu_per_digest(cases_dir: Path, repeats: int = 5) -> tuple[float, float]:
    """Process-time ms per ``verify`` on the suite's reference digests (en and ar): a new digest about an article
    already seen (per-text caches cleared before each), and the same digest again (a re-ask's unchanged bullets)."""
    import time

    from summarizer.evals.cases import load_cases
    from summarizer.evals.reference import reference_digest

    pairs = [(reference_digest(c, lang), c.article) for c in load_cases(cases_dir) for lang in ("en", "ar")]
    fresh = 0.0
    for digest, article in pairs:
        _clear_text_caches()
        _forget_digests(article)
        started = time.process_time()
        verify(digest, article)
        fresh += time.process_time() - started
    started = time.process_time()
    for digest, article in pairs:
        for _ in range(repeats):
            verify(digest, article)
    again = (time.process_time() - started) / (repeats * len(pairs))
    return 1000 * fresh / len(pairs), 1000 * again


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m summarizer.evals.claims_checks", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--split", choices=("tune", "heldout"))
    parser.add_argument("--cpu", action="store_true", help="CPU per verify() on the suite's reference digests")
    parser.add_argument("--source", choices=(*SOURCES, *EXTRA, "all"), default="all")  # all: hand + real
    parser.add_argument("--ablation", action="store_true", help="re-run without each gazetteer source")
    parser.add_argument("--policy", action="store_true", help="print the checks at >= 97%% precision")
    parser.add_argument(
        "--json", type=Path, help="also write each bullet's checks here (to re-tabulate without re-running)"
    )
    parser.add_argument(
        "--from-json", type=Path, help="re-tabulate a --json file under today's erroring table, without re-running"
    )
    parser.add_argument(
        "--promote", default="", help="comma-separated checks to count as errors too (the tables 'as promoted')"
    )
    parser.add_argument("--data", type=Path, default=Path("evals/claims_bench"))
    parser.add_argument("--cases", type=Path, default=Path("evals/cases"))
    args = parser.parse_args(argv)
    PROMOTED.clear()
    PROMOTED.update(c.strip() for c in args.promote.split(",") if c.strip())
    if args.cpu:
        fresh, again = cpu_per_digest(args.cases)
        print(f"verify per digest: new digest {fresh:.2f} ms, same digest again {again:.2f} ms (process time)")
        return 0
    if args.split is None:
        parser.error("--split is required (unless --cpu)")
    sources = SOURCES if args.source == "all" else (args.source,)
    items = load_items(args.data, [args.split], sources)
    if args.from_json:
        by_id = {item.id: item for item in items}
        results = [
            Checked(by_id[row["id"]], [Finding.of(check, "bullets[0]", "", "", "") for check in row["checks"]])
            for row in json.loads(args.from_json.read_text(encoding="utf-8"))
        ]
        table, counts = precision_table(results)
        print(f"## {args.split} ({', '.join(sources)}), from {args.from_json}: {len(results)} bullets\n")
        print(table + "\n")
        print(detection_table(results))
        return 0
    articles = load_articles(args.cases, args.data)
    results = run(items, articles)
    if args.json:
        rows = [
            {"id": r.item.id, "kind": r.item.kind, "label": r.item.label, "source": r.item.origin,
             "language": r.item.language, "checks": sorted({f.check for f in r.findings})}
            for r in results
        ]  # fmt: skip
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=0), encoding="utf-8")
    table, counts = precision_table(results)
    print(f"## {args.split} ({', '.join(sources)}): {len(items)} bullets\n")
    print(table + "\n")
    print(detection_table(results) + "\n")
    if args.policy:
        precise = sorted(c for c, (k, n) in counts.items() if n and k / n >= PRECISION_BAR)
        print("checks at >= 97% precision:", ", ".join(precise) or "none")
    if args.ablation:
        print(ablation_table(items, articles))
    return 0


if __name__ == "__main__":
    sys.exit(main())
