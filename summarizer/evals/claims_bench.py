"""The claim checker on realistic bullets it was not tuned on (``evals/claims_bench/``), tune and held-out apart.

Why: the perturbation suite edits our own reference digests, so it rewards a checker for knowing our wording.
This benchmark holds bullets written the way strong models write them (paraphrase, merged facts, translated
names, rounded numbers, other date forms) and realistic single errors, each citing article windows, plus the
person-labelled bullets a real model wrote. Every bullet is checked as a library user would: its windows are
located in the article, it is put in a ``Digest`` (three copies of it, the minimum a digest holds, so no other
bullet can change its verdict) and handed to ``summarizer.verify``; and, for the second view, the same digest is
validated the way ``summarize()`` validates by default (``faithfulness`` from ``ProviderSettings``' default).

``python -m summarizer.evals.claims_bench [--split tune|heldout|all]
[--source hand|real|real2|round7|round8|round8real|round9|round10|all] [--json OUT] [--misses N] [--data DIR]
[--cases DIR]``:
``all`` is the hand-written and first real-model files, as every past figure was measured; ``real2`` (the round-4
real-model set, labelled blind and frozen before its first run), ``round7`` (round 7's hand-written tune fixtures,
frozen before the checker ran on them), ``round8`` (round 8's hand-written tune fixtures and fresh held-out) and
``round8real`` (round 8's real bullets of prompts v4/v5, held-out cases only, labelled blind) and ``round9`` (round
9's tune fixtures and a held-out written by someone who never saw the checker) and ``round10`` (the same again,
a second blind held-out) are read only when asked for.

Every rate comes with its n and a Wilson 95% interval; tune and held-out, hand-written and real-model bullets
are never pooled. Exit codes: 0 done; 2 bad arguments; 3 unreadable or invalid benchmark data (one line, no
traceback).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from summarizer import Digest, ProviderSettings, verify
from summarizer.schema import Bullet, Evidence
from summarizer.validation import context as validation_context

SPLITS = ("tune", "heldout")
SOURCES = ("hand", "real")  # what --source all reads
ROUND4 = "real2"
ROUND7 = "round7"  # round 7's hand-written tune fixtures, frozen before the checker ran on them (tune only)
ROUND8 = "round8"  # round 8: hand-written tune fixtures and a fresh held-out, each frozen before its run
ROUND8_REAL = "round8real"  # round 8: real bullets of prompts v4/v5, held-out cases only, labelled blind
ROUND9 = "round9"  # round 9: tune fixtures, and a held-out written blind (the writer never saw the checker)
ROUND10 = "round10"  # round 10: tune fixtures, and a second held-out written blind
ROUND11 = "round11"  # round 11: the same on articles written for the benchmark, outside the eval suite
ROUND12 = "round12"  # round 12: new articles again, bullets aimed at negation and same-article swaps
ROUND13 = "round13"  # round 13: a blind held-out on new articles only (round 12's held-out retired to tuning)
ROUND14 = "round14"  # round 14: the same again (round 13's held-out retired to tuning)
ROUND15 = "round15"  # round 15: the same again (round 14's held-out retired to tuning)
ROUND16 = "round16"  # round 16: the same again (round 15's held-out retired to tuning)
ROUND17 = "round17"  # round 17: two blind held-outs by two new writers; this one decides the table (validation)
ROUND18 = "round18"  # round 17's test file: run once after the table is decided, never used to decide it
# sources read only when asked for
EXTRA = (
    ROUND4,
    ROUND7,
    ROUND8,
    ROUND8_REAL,
    ROUND9,
    ROUND10,
    ROUND11,
    ROUND12,
    ROUND13,
    ROUND14,
    ROUND15,
    ROUND16,
    ROUND17,
    ROUND18,
)
FILES = {("tune", "hand"): "tune.jsonl", ("heldout", "hand"): "heldout.jsonl"}
FILES |= {("tune", "real"): "tune_real.jsonl", ("heldout", "real"): "heldout_real.jsonl"}
FILES |= {("tune", ROUND4): "tune_real2.jsonl", ("heldout", ROUND4): "heldout_real2.jsonl"}
FILES |= {("tune", ROUND7): "tune_round7.jsonl", ("heldout", ROUND7): "heldout_round7.jsonl"}  # no held-out file
FILES |= {("tune", ROUND8): "tune_round8.jsonl", ("heldout", ROUND8): "heldout_round8.jsonl"}
FILES |= {("tune", ROUND8_REAL): "tune_round8_real.jsonl", ("heldout", ROUND8_REAL): "heldout_round8_real.jsonl"}
FILES |= {("tune", ROUND9): "tune_round9.jsonl", ("heldout", ROUND9): "heldout_round9.jsonl"}
FILES |= {("tune", ROUND10): "tune_round10.jsonl", ("heldout", ROUND10): "heldout_round10.jsonl"}
FILES |= {("tune", ROUND11): "tune_round11.jsonl", ("heldout", ROUND11): "heldout_round11.jsonl"}
FILES |= {("tune", ROUND12): "tune_round12.jsonl", ("heldout", ROUND12): "heldout_round12.jsonl"}
FILES |= {("tune", ROUND13): "tune_round13.jsonl", ("heldout", ROUND13): "heldout_round13.jsonl"}  # no tune file
FILES |= {("tune", ROUND14): "tune_round14.jsonl", ("heldout", ROUND14): "heldout_round14.jsonl"}  # no tune file
FILES |= {("tune", ROUND15): "tune_round15.jsonl", ("heldout", ROUND15): "heldout_round15.jsonl"}  # no tune file
FILES |= {("tune", ROUND16): "tune_round16.jsonl", ("heldout", ROUND16): "heldout_round16.jsonl"}  # no tune file
FILES |= {("tune", ROUND17): "tune_round17.jsonl", ("heldout", ROUND17): "heldout_round17.jsonl"}  # no tune file
FILES |= {("tune", ROUND18): "tune_round18.jsonl", ("heldout", ROUND18): "heldout_round18.jsonl"}  # no tune file
VIEWS = ("any", "default")  # any finding; the digest fails validation as summarize() validates by default
_FINDING_BASE = {"location", "kind", "claim", "evidence", "message"}


class BenchDataError(Exception):
    """The benchmark data cannot be used as it is (missing file, bad line, window not in its article)."""


@dataclass(frozen=True)
class Item:
    """One benchmark bullet (a line of a JSONL file) and which part of the benchmark it belongs to."""

    id: str
    case: str
    language: str
    text: str
    evidence: tuple[str, ...]
    label: str
    kind: str
    traits: tuple[str, ...]
    note: str
    source: str
    pair: str | None
    split: str
    origin: str  # which set of files it came from: hand, real or real2

    @property
    def faithful(self) -> bool:
        return self.label == "faithful"


@dataclass
class Outcome:
    """What the checker said about one bullet."""

    item: Item
    findings: list[dict[str, Any]]  # the findings located at this bullet, as Finding.model_dump()
    fails_default: bool  # validation as summarize() does it by default rejects the bullet's digest
    default_error: str = ""

    def flagged(self, view: str) -> bool:
        return bool(self.findings) if view == "any" else self.fails_default

    def finding_keys(self) -> set[str]:
        """Finding kinds on this bullet, with any finer field the checker adds (e.g. ``number[status=unverified]``)."""
        keys = set()
        for finding in self.findings:
            extra = [
                f"{k}={v}"
                for k, v in sorted(finding.items())
                if k not in _FINDING_BASE and isinstance(v, str | bool | int) and len(str(v)) <= 40
            ]
            keys.add(f"{finding['kind']}[{','.join(extra)}]" if extra else str(finding["kind"]))
        return keys


def load_items(data_dir: Path, splits: Iterable[str], sources: Iterable[str]) -> list[Item]:
    """The benchmark's bullets of the chosen parts; a missing held-out file is an empty part, not an error."""
    items: list[Item] = []
    for split in splits:
        for source in sources:
            path = data_dir / FILES[(split, source)]
            if not path.is_file():
                if split == "tune" and source == "hand":
                    raise BenchDataError(f"{path}: no such file (is --data the evals/claims_bench folder?)")
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    items.append(
                        Item(
                            id=str(row["id"]),
                            case=str(row["case"]),
                            language=str(row["language"]),
                            text=str(row["text"]),
                            evidence=tuple(str(e) for e in row["evidence"]),
                            label=str(row["label"]),
                            kind=str(row["kind"]),
                            traits=tuple(str(t) for t in row.get("traits") or ()),
                            note=str(row.get("note", "")),
                            source=str(row["source"]),
                            pair=row.get("pair"),
                            split=split,
                            origin=source,
                        )
                    )
                except (ValueError, KeyError, TypeError) as exc:
                    raise BenchDataError(
                        f"{path}:{number}: not a benchmark line ({type(exc).__name__}: {exc})"
                    ) from None
    return items


def load_articles(cases_dir: Path, data_dir: Path | None = None) -> dict[str, str]:
    """Case id -> article text: the eval suite's cases, and (with ``data_dir``) the articles written for the
    benchmark outside the suite (``articles_round*/<id>.json``, round 11 on)."""
    if not cases_dir.is_dir():
        raise BenchDataError(f"{cases_dir}: no such folder (is --cases the evals/cases folder?)")
    paths = sorted(cases_dir.glob("*.json"))
    if data_dir is not None:
        paths += sorted(data_dir.glob("articles_round*/*.json"))
    articles = {}
    for path in paths:
        try:
            articles[path.stem] = str(json.loads(path.read_text(encoding="utf-8"))["article"])
        except (ValueError, KeyError) as exc:
            raise BenchDataError(f"{path}: unreadable case ({type(exc).__name__})") from None
    return articles


def bullet_of(item: Item, article: str) -> Bullet:
    """The item as a ``Bullet`` whose evidence carries the located offsets of its windows."""
    evidence = []
    for window in item.evidence:
        start = article.find(window)
        if start < 0:
            raise BenchDataError(f"{item.id}: evidence window not in the article of {item.case}: {window[:60]!r}")
        evidence.append(Evidence(quote=window, start=start, end=start + len(window), match="exact", similarity=1.0))
    return Bullet(text=item.text, evidence=evidence)


def default_faithfulness() -> str | None:
    """The policy ``summarize()`` validates with unless told otherwise (None if settings no longer carry one)."""
    policy = getattr(ProviderSettings(model="claims-bench"), "faithfulness", None)  # as a user builds settings
    return None if policy is None else str(policy)


def _as_dict(finding: Any) -> dict[str, Any]:
    """A finding's fields, whether ``Finding`` is a pydantic model or a dataclass."""
    if hasattr(finding, "model_dump"):
        return dict(finding.model_dump())
    return dict(dataclasses.asdict(finding))


def findings_on(item: Item, article: str) -> list[Any]:
    """What ``verify`` reports on one bullet: put in a digest of three copies of itself (a digest holds at least
    three; copies keep other bullets from changing its verdict), only the findings located at the first count."""
    bullet = bullet_of(item, article)
    digest = Digest(bullets=[bullet, bullet.model_copy(deep=True), bullet.model_copy(deep=True)])
    return [f for f in verify(digest, article) if f.location == "bullets[0]" or f.location.startswith("bullets[0].")]


def check(item: Item, article: str, faithfulness: str | None) -> Outcome:
    """Run the public checker on one bullet, both views."""
    own = findings_on(item, article)
    payload = {"bullets": [{"text": item.text, "evidence": [{"quote": w} for w in item.evidence]}] * 3}
    context = validation_context(article, item.language, faithfulness or "error")
    try:
        Digest.model_validate(payload, context=context)
        fails, error = False, ""
    except ValidationError as exc:
        fails, error = True, str(exc.errors()[0].get("msg", ""))[:300]
    return Outcome(item, [_as_dict(f) for f in own], fails, error)


def run(items: Sequence[Item], articles: dict[str, str]) -> list[Outcome]:
    """Check every item (each against its own case's article)."""
    faithfulness = default_faithfulness()
    outcomes = []
    for item in items:
        article = articles.get(item.case)
        if article is None:
            raise BenchDataError(f"{item.id}: unknown case {item.case!r}")
        outcomes.append(check(item, article, faithfulness))
    return outcomes


# --- statistics ---------------------------------------------------------------------------------------------


def wilson(k: int, n: int) -> tuple[float, float]:
    """Wilson 95% interval of k successes in n (scipy's binomial test), (0, 1) when n is 0."""
    if n == 0:
        return 0.0, 1.0
    from scipy.stats import binomtest

    ci = binomtest(k, n).proportion_ci(confidence_level=0.95, method="wilson")
    return float(ci.low), float(ci.high)


@dataclass
class Rate:
    k: int = 0
    n: int = 0

    def add(self, hit: bool) -> None:
        self.n += 1
        self.k += int(hit)

    def as_dict(self) -> dict[str, Any]:
        low, high = wilson(self.k, self.n)
        return {"k": self.k, "n": self.n, "rate": self.k / self.n if self.n else None, "low": low, "high": high}

    def cell(self) -> str:
        if not self.n:
            return "-"
        low, high = wilson(self.k, self.n)
        return f"{self.k}/{self.n} {self.k / self.n:.1%} [{low:.1%}, {high:.1%}]"


@dataclass
class ViewReport:
    """One view's figures for one part of the benchmark."""

    false_alarms: Rate = field(default_factory=Rate)
    false_alarms_by_language: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    false_alarms_by_trait: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    detection: Rate = field(default_factory=Rate)
    detection_by_language: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    detection_by_kind: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    detection_by_kind_language: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))
    precision_by_finding: dict[str, Rate] = field(default_factory=lambda: defaultdict(Rate))

    def as_dict(self) -> dict[str, Any]:
        def rates(d: dict[str, Rate]) -> dict[str, Any]:
            return {key: d[key].as_dict() for key in sorted(d)}

        return {
            "false_alarms": self.false_alarms.as_dict(),
            "false_alarms_by_language": rates(self.false_alarms_by_language),
            "false_alarms_by_trait": rates(self.false_alarms_by_trait),
            "detection": self.detection.as_dict(),
            "detection_by_language": rates(self.detection_by_language),
            "detection_by_kind": rates(self.detection_by_kind),
            "detection_by_kind_language": rates(self.detection_by_kind_language),
            "precision_by_finding": rates(self.precision_by_finding),
        }


def summarise(outcomes: Iterable[Outcome], view: str) -> ViewReport:
    """False alarms on faithful bullets, detection of unfaithful ones, precision of each finding kind."""
    report = ViewReport()
    for outcome in outcomes:
        item, flagged = outcome.item, outcome.flagged(view)
        if item.faithful:
            report.false_alarms.add(flagged)
            report.false_alarms_by_language[item.language].add(flagged)
            for trait in item.traits or (item.kind,):
                report.false_alarms_by_trait[trait].add(flagged)
        else:
            report.detection.add(flagged)
            report.detection_by_language[item.language].add(flagged)
            report.detection_by_kind[item.kind].add(flagged)
            report.detection_by_kind_language[f"{item.kind}/{item.language}"].add(flagged)
        if flagged:  # precision: of the bullets a finding kind flags, the share that are unfaithful
            for key in outcome.finding_keys() or {"(validation)"}:
                report.precision_by_finding[key].add(not item.faithful)
    return report


def groups(outcomes: Sequence[Outcome]) -> dict[str, list[Outcome]]:
    """Outcomes by part: ``tune/hand``, ``heldout/hand``, ``tune/real``, ``heldout/real``, ... (never pooled)."""
    parts: dict[str, list[Outcome]] = {}
    for split in SPLITS:
        for source in (*SOURCES, *EXTRA):
            chosen = [o for o in outcomes if o.item.split == split and o.item.origin == source]
            if chosen:
                parts[f"{split}/{source}"] = chosen
    return parts


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """The JSON report: per part, counts and both views."""
    out: dict[str, Any] = {"faithfulness_default": default_faithfulness(), "parts": {}}
    for name, chosen in groups(outcomes).items():
        labels = Counter(o.item.label for o in chosen)
        out["parts"][name] = {
            "bullets": len(chosen),
            "faithful": labels["faithful"],
            "unfaithful": labels["unfaithful"],
            "views": {view: summarise(chosen, view).as_dict() for view in VIEWS},
        }
    return out


# --- output ------------------------------------------------------------------------------------------------


def _table(title: str, header: str, rows: dict[str, Rate], columns: Sequence[tuple[str, dict[str, Rate]]]) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column(header)
    for name, _ in columns:
        table.add_column(name, justify="right")
    for key in rows:
        table.add_row(key, *(col.get(key, Rate()).cell() for _, col in columns))
    return table


def print_report(outcomes: Sequence[Outcome], console: Console) -> None:
    """Rich tables, one block per part; each table shows both views side by side."""
    console.print(
        "Hand-written bullets are fixtures written for this benchmark, not model output. "
        f"View 'default' = validation as summarize() does by default (faithfulness={default_faithfulness()!r})."
    )
    for name, chosen in groups(outcomes).items():
        views = {view: summarise(chosen, view) for view in VIEWS}
        any_, dflt = views["any"], views["default"]
        console.rule(f"{name}: {len(chosen)} bullets")

        def both(a: Rate, d: Rate) -> dict[str, dict[str, Rate]]:
            return {"any finding": {"all": a}, "fails by default": {"all": d}}

        summary = Table(title="overall", title_justify="left")
        for col in ("", "any finding", "fails validation by default"):
            summary.add_column(col, justify="right" if col else "left")
        summary.add_row("false alarms (faithful flagged)", any_.false_alarms.cell(), dflt.false_alarms.cell())
        for lang in sorted(any_.false_alarms_by_language):
            summary.add_row(
                f"  {lang}", any_.false_alarms_by_language[lang].cell(), dflt.false_alarms_by_language[lang].cell()
            )
        summary.add_row("detection (unfaithful flagged)", any_.detection.cell(), dflt.detection.cell())
        for lang in sorted(any_.detection_by_language):
            summary.add_row(
                f"  {lang}", any_.detection_by_language[lang].cell(), dflt.detection_by_language[lang].cell()
            )
        console.print(summary)
        for title, header, attr in (
            ("false alarms by faithful trait", "trait", "false_alarms_by_trait"),
            ("detection by error kind", "kind", "detection_by_kind"),
            ("detection by error kind and language", "kind/language", "detection_by_kind_language"),
            ("precision of each finding kind (flagged bullets that are unfaithful)", "finding", "precision_by_finding"),
        ):
            a, d = getattr(any_, attr), getattr(dflt, attr)
            keys = {k: a.get(k, Rate()) for k in sorted(set(a) | set(d))}
            console.print(_table(title, header, keys, [("any finding", a), ("fails by default", d)]))


def print_misses(outcomes: Sequence[Outcome], limit: int, console: Console) -> None:
    """Up to ``limit`` false alarms and ``limit`` misses per part (any-finding view), for reading."""
    for name, chosen in groups(outcomes).items():
        alarms = [o for o in chosen if o.item.faithful and o.findings]
        misses = [o for o in chosen if not o.item.faithful and not o.findings]
        for title, rows in (("false alarms", alarms), ("misses", misses)):
            console.rule(f"{name}: {title} ({len(rows)}, showing {min(limit, len(rows))})")
            for o in rows[:limit]:
                it = o.item
                console.print(f"[bold]{it.id}[/] {it.kind} {it.language}: {it.text}", markup=True, highlight=False)
                for window in it.evidence:
                    console.print(f"    evidence: {window}", markup=False, highlight=False)
                if it.note:
                    console.print(f"    note: {it.note}", markup=False, highlight=False)
                for f in o.findings:
                    console.print(f"    finding {f['kind']}: {f['message']} ({f['claim']!r})", markup=False)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evals.claims_bench", description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--source", choices=(*SOURCES, *EXTRA, "all"), default="all")
    parser.add_argument("--json", type=Path, help="write the report as JSON to this file")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list N false alarms and N misses per part")
    parser.add_argument("--data", type=Path, default=Path("evals/claims_bench"))
    parser.add_argument("--cases", type=Path, default=Path("evals/cases"))
    args = parser.parse_args(argv)
    splits = SPLITS if args.split == "all" else (args.split,)
    sources = SOURCES if args.source == "all" else (args.source,)
    console = Console(width=160)
    try:
        items = load_items(args.data, splits, sources)
        outcomes = run(items, load_articles(args.cases, args.data))
    except BenchDataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 3
    print_report(outcomes, console)
    if args.misses > 0:
        print_misses(outcomes, args.misses, console)
    if args.json is not None:
        data = report(outcomes)
        data["command"] = "python -m summarizer.evals.claims_bench " + " ".join(sys.argv[1:] if argv is None else argv)
        try:
            args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        except OSError as exc:
            print(f"error: {args.json}: {exc.strerror or type(exc).__name__}", file=sys.stderr)
            return 3
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
