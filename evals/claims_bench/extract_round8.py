"""Extract round 8's fresh real-model bullets: held-out cases, prompts v4/v5, for blind labelling.

Why: the real-model held-out bullets of rounds 1 and 4 (prompts v1-v3) have been read out in four rounds of
checker work. Prompts v4 (1.5B Arabic and English, 0.5B Arabic) and v5 (1.5B English) were recorded after round 4
and their bullets were never labelled, so their held-out cases give a held-out part nobody tuned on.

This reuses ``scripts/extract_real_bullets.py`` (round 4's extractor: v3-style ``cite`` bullets get their cited
units, a v4 translation answer's English bullets inherit the units of the Arabic bullet they translate) and adds
v5's per-bullet translation requests: each answer ``{"text": ...}`` is an English bullet whose evidence is the
units the request shows ("The article's words it comes from:" lines, or the units a retry translates).

An Arabic bullet's evidence is the units the model cited, never the units ``summarizer.repoint`` might move it to
(re-pointing consults the claim checker; the labeller must not see its verdicts). Bullets already labelled
(``claims_real_model.json`` or the round-4 fixture) are left out and counted. Nothing here runs the checker.

Run: ``python evals/claims_bench/extract_round8.py --out FILE`` (counts on stderr).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.units import split_units  # noqa: E402


def _load(name: str, path: Path) -> Any:
    """A script of this repository as a module (neither folder is a package)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


base: Any = _load("extract_real_bullets", ROOT / "scripts" / "extract_real_bullets.py")
is_heldout = _load("claims_bench_build", HERE / "build.py").is_heldout  # the benchmark's split rule, one place

RECORDINGS: tuple[tuple[str, str, str], ...] = (  # model, prompt, summary languages
    ("qwen2.5-coder-1.5b-instruct-q4_k_m", "v4", "ar en"),
    ("qwen2.5-coder-1.5b-instruct-q4_k_m", "v5", "en"),
    ("qwen2.5-coder-0.5b-instruct", "v4", "ar"),
)
ROUND4 = ROOT / "tests" / "fixtures" / "claims_real_model_round4.json"
SHOWN = "The article's words it comes from:"
ASKED = "Translate this Arabic sentence:"
AGAIN = "Translate this Arabic text, closely and in short:"


class Round8(base.Extractor):  # type: ignore[misc]
    """Round 4's extractor, plus v5 translation answers and the round-4 fixture as already labelled."""

    def __init__(self) -> None:
        super().__init__()
        done = json.loads(ROUND4.read_text(encoding="utf-8"))["items"]
        self.old |= {(o["case"], o["language"], o["text"].strip(), tuple(o["evidence"])) for o in done}

    def add(self, case: str, text: str, evidence: list[str], source: str, where: str) -> None:
        """Count repeats of round-4 bullets under their own name (the base names only the first fixture)."""
        before = self.counts["skipped: already in claims_real_model.json"]
        super().add(case, text, evidence, source, where)
        if self.counts["skipped: already in claims_real_model.json"] != before:
            self.counts["skipped: already in claims_real_model.json"] -= 1
            self.counts["skipped: already labelled (round 1 or round 4 fixture)"] += 1

    def recording(self, path: Path, model: str, prompt: str) -> None:
        """v5 translation answers here; everything else as round 4 extracts it."""
        case = path.name.split(".")[0]
        article = json.loads((base.CASES / f"{case}.json").read_text(encoding="utf-8"))["article"]
        units = [u.text for u in split_units(article)]
        interactions = base.yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
        rest = []
        for n, interaction in enumerate(interactions):
            messages = json.loads(interaction["request"]["body"])["messages"]
            asked = messages[-1].get("content") if messages else None
            if isinstance(asked, str) and (ASKED in asked or AGAIN in asked):
                where = f"{model}/{prompt} {path.name.rsplit('.', 1)[0]} response {n + 1} (v5 translation)"
                self._translation(case, asked, units, interaction, f"{model}/{prompt}", where)
            else:
                rest.append(interaction)
        if rest:
            self._base_recording(path, model, prompt, rest)

    def _base_recording(self, path: Path, model: str, prompt: str, interactions: list[Any]) -> None:
        """Round 4's reading of the non-translation interactions (same code, on a filtered copy, same file name)."""
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / path.name
            copy.write_text(base.yaml.safe_dump({"interactions": interactions}, allow_unicode=True), encoding="utf-8")
            super().recording(copy, model, prompt)

    def _translation(self, case: str, asked: str, units: list[str], interaction: Any, source: str, where: str) -> None:
        """One v5 translation answer: an English bullet with the units its request showed."""
        content = base._content(interaction)
        try:
            answer = json.loads(content) if content is not None else None
        except ValueError:
            answer = None
        text = answer.get("text") if isinstance(answer, dict) else None
        if not isinstance(text, str) or not text.strip():
            self.counts["skipped responses: v5 translation without text"] += 1
            return
        if AGAIN in asked:
            shown_text = asked.split(AGAIN, 1)[1].strip()
            evidence = [u for u in units if u in shown_text]
            if " ".join(evidence) != shown_text:
                self.counts["skipped: v5 retry units not matched"] += 1
                return
        else:
            block = asked.split(SHOWN, 1)[1].split(ASKED, 1)[0]
            evidence = [ln.strip() for ln in block.splitlines() if ln.strip()]
            if not all(e in units for e in evidence):
                self.counts["skipped: v5 units not matched"] += 1
                return
        self.counts["v5 translations read"] += 1
        self.add(case, text, list(dict.fromkeys(evidence)), source, where)


def recording_paths() -> list[tuple[Path, str, str]]:
    """The held-out recordings read, in order: (path, model, prompt)."""
    out = []
    for model, prompt, languages in RECORDINGS:
        for path in sorted((base.CASSETTES / model / prompt).glob("*.yaml")):
            case, language = path.name.split(".")[:2]
            if is_heldout(case) and language in languages.split():
                out.append((path, model, prompt))
    return out


def extract() -> tuple[list[dict[str, Any]], dict[str, int], dict[str, str]]:
    """Items (sorted), counts, and each recording's sha256 (what the labels were made from)."""
    extractor = Round8()
    hashes = {}
    for path, model, prompt in recording_paths():
        extractor.recording(path, model, prompt)
        hashes[str(path.relative_to(ROOT))] = hashlib.sha256(path.read_bytes()).hexdigest()
    items = sorted(extractor.items.values(), key=lambda i: (i["case"], i["language"], i["key"]))
    extractor.counts["items"] = len(items)
    return items, dict(extractor.counts), hashes


def main(argv: list[str] | None = None) -> int:
    """Write the candidates as JSON; counts on stderr."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    items, counts, hashes = extract()
    args.out.write_text(
        json.dumps({"recordings": hashes, "extraction": counts, "items": items}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    for name, count in sorted(counts.items()):
        print(f"{count:6d}  {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
