"""Build the claim-checker benchmark's JSONL files from the hand-written sources in ``src/``.

The sources are short text blocks (one per bullet) so that a person can read and edit them; this script
resolves each evidence window to the exact article substring, numbers the bullets, links each unfaithful
edit to its faithful twin and splits by case (held-out: ``int(sha256(case_id).hexdigest(), 16) % 10 < 3``).

Source format (``src/NNN.txt``), blocks separated by blank lines::

    @case 001_drone_strike_bint_jbeil

    F en paraphrase translated_name      <- faithful bullet: language, kind, more traits
    T: An Israeli drone hit a car ...
    E: استهدفت طائرة مسيّرة ... كانا بداخلها   <- "A ... B": the article text from A through the next B
    N: optional note

    U name_swap_same_article             <- an edit of the faithful bullet above (same language, its evidence)
    T: ...
    N: what is wrong

    S ar negation                        <- a standalone unfaithful bullet with its own evidence
    T: ...
    E: ...
    N: ...

The person-labelled real model bullets of ``tests/fixtures/claims_real_model.json`` are converted to the same
format into ``tune_real.jsonl`` and ``heldout_real.jsonl`` (same split rule), kept apart from the hand-written ones.
The round-4 real-model set (``tests/fixtures/claims_real_model_round4.json``: bullets of every committed recording,
labelled blind and frozen before the checker ever ran on them) goes into ``tune_real2.jsonl`` and
``heldout_real2.jsonl``; its excluded bullets (no claim to judge) are left out.

Round 7's hand-written tune fixtures (``src_round7/NNN.txt``, same format, tune cases only, ids ``r7-...``) go into
``tune_round7.jsonl``, reported apart from the older tune bullets.

Round 8's held-out (``src_round8_heldout/``: hand-written, held-out cases only, ids ``r8h-...``) goes into
``heldout_round8.jsonl``; its tune fixtures (``src_round8/``, tune cases, ids ``r8-...``) into
``tune_round8.jsonl``; round 8's real-model bullets (``tests/fixtures/claims_real_model_round8.json``: prompts v4/v5
on the held-out cases, labelled blind) into ``heldout_round8_real.jsonl``. Each was frozen in a commit before the
checker ran on it, and is reported apart from everything older.

Round 11's sources cite articles written for the benchmark, outside the eval suite (``articles_round11/`` for
the tune part, ``articles_round11_heldout/`` for the held-out part, split by folder, not by hash): the tune
fixtures in ``src_round11/`` (ids ``r11-...``), the blind held-out in ``src_round11_heldout/`` (ids ``r11h-...``).
Round 12 the same: ``articles_round12/`` and ``src_round12/`` (``r12-...``), ``articles_round12_heldout/`` and
``src_round12_heldout/`` (``r12h-...``).
Round 13 writes only a blind held-out: ``articles_round13_heldout/`` and ``src_round13_heldout/`` (``r13h-...``);
round 12's held-out file, reported once at round 12's frozen code, is retired to tuning for round 13.
Round 14 the same: ``articles_round14_heldout/`` and ``src_round14_heldout/`` (``r14h-...``), a blind held-out only;
round 13's held-out file, reported once at round 13's frozen code, is retired to tuning for round 14.
Round 15 the same: ``articles_round15_heldout/`` and ``src_round15_heldout/`` (``r15h-...``), a blind held-out only;
round 14's held-out file, reported once at round 14's frozen code, is retired to tuning for round 15.
Round 16 the same: ``articles_round16_heldout/`` and ``src_round16_heldout/`` (``r16h-...``), a blind held-out only;
round 15's held-out file, reported once at round 15's frozen code, is retired to tuning for round 16.
Round 17 writes two blind held-outs by two new writers, each on eight new articles: ``articles_round17_heldout/``
and ``src_round17_heldout/`` (``r17h-...``), the validation file the erroring table is decided on, and
``articles_round18_heldout/`` and ``src_round18_heldout/`` (``r18h-...``), the test file, run once after the table is
decided and never used to decide anything; round 16's held-out file is retired to tuning.

Run: ``python evals/claims_bench/build.py`` (rewrites the JSONL files).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CASES = ROOT / "evals" / "cases"
ELLIPSIS = " ... "
# Round 11 onwards: articles written for the benchmark, outside the eval suite, one folder a split (a tuner reads
# only the tune folder). ``<id>.json`` holds {"id", "domain", "article", "note"}; a source's ``@case`` names the id.
NEW_ARTICLES = {
    "tune": (HERE / "articles_round11", HERE / "articles_round12"),
    "heldout": (
        HERE / "articles_round11_heldout",
        HERE / "articles_round12_heldout",
        HERE / "articles_round13_heldout",
        HERE / "articles_round14_heldout",
        HERE / "articles_round15_heldout",
        HERE / "articles_round16_heldout",
        HERE / "articles_round17_heldout",
        HERE / "articles_round18_heldout",
    ),
}


def is_heldout(case_id: str) -> bool:
    """The split rule: about 30% of cases by a hash nobody chooses."""
    return int(hashlib.sha256(case_id.encode("utf-8")).hexdigest(), 16) % 10 < 3


def resolve(article: str, spec: str, where: str) -> str:
    """Turn ``A ... B`` (or an exact quote) into the exact article window it names."""
    if ELLIPSIS not in spec:
        if spec not in article:
            raise SystemExit(f"{where}: evidence not in article: {spec!r}")
        return spec
    head, tail = spec.split(ELLIPSIS, 1)
    start = article.find(head)
    if start < 0:
        raise SystemExit(f"{where}: evidence start not in article: {head!r}")
    end = article.find(tail, start + len(head))
    if end < 0:
        raise SystemExit(f"{where}: evidence end not found after start: {tail!r}")
    return article[start : end + len(tail)]


def new_article_split(case_id: str) -> str | None:
    """The split ("tune" or "heldout") of an article written for the benchmark (round 11 on), None for a suite case."""
    for split, folders in NEW_ARTICLES.items():
        if any((folder / f"{case_id}.json").is_file() for folder in folders):
            return split
    return None


def article_text(case_id: str, where: Path) -> str:
    """The article a source's ``@case`` names: a suite case's, or one written for the benchmark."""
    split = new_article_split(case_id)
    if split:
        path = next(f / f"{case_id}.json" for f in NEW_ARTICLES[split] if (f / f"{case_id}.json").is_file())
    else:
        path = CASES / f"{case_id}.json"
    if not path.is_file():
        raise SystemExit(f"{where}: no article {case_id!r} (evals/cases/ or articles_round*/)")
    data = json.loads(path.read_text(encoding="utf-8"))
    if split and data.get("id") != case_id:
        raise SystemExit(f"{path}: its 'id' must be its file name's stem {case_id!r}")
    return str(data["article"])


def parse(path: Path, prefix: str = "") -> list[dict[str, Any]]:
    """Read one source file into bullet records (ids, pairs and evidence resolved; ``prefix`` starts every id)."""
    blocks = [b.strip("\n") for b in path.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    header = blocks[0].strip()
    if not header.startswith("@case "):
        raise SystemExit(f"{path}: first block must be '@case ID'")
    case_id = header.split()[1]
    article = article_text(case_id, path)
    out: list[dict[str, Any]] = []
    last_faithful: dict[str, Any] | None = None
    counters: dict[str, int] = {}
    for n, block in enumerate(blocks[1:], 2):
        where = f"{path.name} block {n}"
        lines = [ln.rstrip() for ln in block.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        head = lines[0].split()
        fields: dict[str, list[str]] = {"T": [], "E": [], "N": []}
        for ln in lines[1:]:
            key, _, value = ln.strip().partition(": ")
            if key not in fields:
                raise SystemExit(f"{where}: unknown line {ln!r}")
            fields[key].append(value.strip())
        if len(fields["T"]) != 1:
            raise SystemExit(f"{where}: exactly one T: line needed")
        tag = head[0]
        if tag == "F":
            lang, kind, traits = head[1], head[2], head[2:]
            pair = None
        elif tag == "S":
            lang, kind, traits = head[1], head[2], [head[2]]
            pair = None
        elif tag == "U":
            if last_faithful is None:
                raise SystemExit(f"{where}: U before any F")
            lang, kind, traits = last_faithful["language"], head[1], [head[1]]
            pair = last_faithful["id"]
        else:
            raise SystemExit(f"{where}: block must start with F, U or S")
        if lang not in ("en", "ar"):
            raise SystemExit(f"{where}: language must be en or ar")
        evidence = [resolve(article, e, where) for e in fields["E"]]
        if not evidence:
            if tag != "U" or last_faithful is None:
                raise SystemExit(f"{where}: evidence needed")
            evidence = list(last_faithful["evidence"])
        counters[lang] = counters.get(lang, 0) + 1
        short = case_id.split("_", 1)[0] if new_article_split(case_id) else case_id[:3]
        record: dict[str, Any] = {
            "id": f"{prefix}{short}-{lang}-{counters[lang]:02d}",
            "case": case_id,
            "language": lang,
            "text": fields["T"][0],
            "evidence": evidence,
            "label": "faithful" if tag == "F" else "unfaithful",
            "kind": kind,
            "traits": traits,
            "note": " ".join(fields["N"]),
            "source": "hand-written",
            "pair": pair,
        }
        if tag == "F":
            last_faithful = record
        out.append(record)
    return out


def write(path: Path, records: list[dict[str, Any]]) -> None:
    """One JSON object a line, UTF-8, stable key order."""
    with path.open("w", encoding="utf-8") as fh:
        for r in records:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


def real_model_records() -> list[dict[str, Any]]:
    """The labelled real model bullets, in the benchmark's format (evidence: the article text each quote located)."""
    fixture = json.loads((ROOT / "tests" / "fixtures" / "claims_real_model.json").read_text(encoding="utf-8"))
    source = f"real-model:{fixture['model']}/{fixture['prompt']}"
    out = []
    seen: set[str] = set()
    for label in fixture["labels"]:
        if label["key"] in seen:  # the fixture repeats a few identical labels; count each bullet once
            continue
        seen.add(label["key"])
        faithful = bool(label["faithful"])
        out.append(
            {
                "id": f"real-{label['key']}",
                "case": label["case"],
                "language": label["language"],
                "text": label["text"],
                "evidence": list(label["evidence"]),
                "label": "faithful" if faithful else "unfaithful",
                "kind": "real_model" if faithful else "real_model_error",
                "traits": [],
                "note": label.get("note", ""),
                "source": source,
                "pair": None,
            }
        )
    return out


ROUND4 = ROOT / "tests" / "fixtures" / "claims_real_model_round4.json"
ROUND8_REAL = ROOT / "tests" / "fixtures" / "claims_real_model_round8.json"


def labelled_records(path: Path, prefix: str, *, heldout_only: bool = False) -> list[dict[str, Any]]:
    """A blind-labelled real-model fixture's bullets (excluded ones left out), in the benchmark's format, ids
    ``prefix`` + the fixture's key.

    Unlike the first real-model file, ``kind`` carries the labeller's error kind (the hand-written vocabulary,
    ``real_model_error``, ``not_in_evidence``, ``injection_followed``) so detection can be read by kind. A fixture
    labelled as a held-out part (``heldout_only``: round 8's) holds held-out cases only."""
    fixture = json.loads(path.read_text(encoding="utf-8"))
    out = []
    for item in fixture["items"]:
        if item["label"] == "excluded":
            continue
        if heldout_only and not is_heldout(item["case"]):
            raise SystemExit(f"{path.name} item {item['key']}: not a held-out case")
        out.append(
            {
                "id": f"{prefix}{item['key']}",
                "case": item["case"],
                "language": item["language"],
                "text": item["text"],
                "evidence": list(item["evidence"]),
                "label": item["label"],
                "kind": item["kind"],
                "traits": [],
                "note": item["note"],
                "source": f"real-model:{item['sources'][0]}",
                "pair": None,
            }
        )
    return out


def round4_records() -> list[dict[str, Any]]:
    """The round-4 labelled real bullets (ids ``real2-...``)."""
    return labelled_records(ROUND4, "real2-")


def split_fixtures(folder: str, prefix: str, split: str) -> list[dict[str, Any]]:
    """One round's hand-written fixtures (``folder/*.txt``, ids ``prefix...``), every case of them in ``split``
    ("tune" or "heldout"): each set was frozen before the checker ran on it, and never crosses the split."""
    records: list[dict[str, Any]] = []
    for src in sorted((HERE / folder).glob("*.txt")):
        part = parse(src, prefix=prefix)
        if any(new_article_split(r["case"]) not in (None, split) for r in part):
            raise SystemExit(f"{src}: {folder}'s fixtures are {split}-only, this article is in the other folder")
        if any(new_article_split(r["case"]) is None and is_heldout(r["case"]) != (split == "heldout") for r in part):
            other = "a tune case" if split == "heldout" else "held out"
            raise SystemExit(f"{src}: {folder}'s fixtures are {split}-only, this case is {other}")
        records.extend(part)
    return records


def round7_records() -> list[dict[str, Any]]:
    """Round 7's hand-written tune fixtures (``src_round7/``, ids ``r7-...``)."""
    return split_fixtures("src_round7", "r7-", "tune")


def build_all() -> dict[str, list[dict[str, Any]]]:
    """File name -> its records, rebuilt from src/ and the real-model fixtures (what main() writes)."""
    records: list[dict[str, Any]] = []
    for src in sorted((HERE / "src").glob("*.txt")):
        records.extend(parse(src))
    ids = [r["id"] for r in records]
    if len(ids) != len(set(ids)):
        raise SystemExit("duplicate ids")
    real = real_model_records()
    real2 = round4_records()
    return {
        "tune.jsonl": [r for r in records if not is_heldout(r["case"])],
        "heldout.jsonl": [r for r in records if is_heldout(r["case"])],
        "tune_real.jsonl": [r for r in real if not is_heldout(r["case"])],
        "heldout_real.jsonl": [r for r in real if is_heldout(r["case"])],
        "tune_real2.jsonl": [r for r in real2 if not is_heldout(r["case"])],
        "heldout_real2.jsonl": [r for r in real2 if is_heldout(r["case"])],
        "tune_round7.jsonl": round7_records(),
        "tune_round8.jsonl": split_fixtures("src_round8", "r8-", "tune"),
        "heldout_round8.jsonl": split_fixtures("src_round8_heldout", "r8h-", "heldout"),
        "heldout_round8_real.jsonl": labelled_records(ROUND8_REAL, "real8-", heldout_only=True),
        "tune_round9.jsonl": split_fixtures("src_round9", "r9-", "tune"),
        "heldout_round9.jsonl": split_fixtures("src_round9_heldout", "r9h-", "heldout"),
        "tune_round10.jsonl": split_fixtures("src_round10", "r10-", "tune"),
        "heldout_round10.jsonl": split_fixtures("src_round10_heldout", "r10h-", "heldout"),
        "tune_round11.jsonl": split_fixtures("src_round11", "r11-", "tune"),
        "heldout_round11.jsonl": split_fixtures("src_round11_heldout", "r11h-", "heldout"),
        "tune_round12.jsonl": split_fixtures("src_round12", "r12-", "tune"),
        "heldout_round12.jsonl": split_fixtures("src_round12_heldout", "r12h-", "heldout"),
        "heldout_round13.jsonl": split_fixtures("src_round13_heldout", "r13h-", "heldout"),
        "heldout_round14.jsonl": split_fixtures("src_round14_heldout", "r14h-", "heldout"),
        "heldout_round15.jsonl": split_fixtures("src_round15_heldout", "r15h-", "heldout"),
        "heldout_round16.jsonl": split_fixtures("src_round16_heldout", "r16h-", "heldout"),
        "heldout_round17.jsonl": split_fixtures("src_round17_heldout", "r17h-", "heldout"),
        "heldout_round18.jsonl": split_fixtures("src_round18_heldout", "r18h-", "heldout"),
    }


def main() -> int:
    """Rebuild the JSONL files from the sources and the real-model fixtures."""
    files = build_all()
    for name, records in files.items():
        write(HERE / name, records)
    print(", ".join(f"{name}: {len(records)}" for name, records in files.items()), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
