"""Extract the bullets real models wrote from the committed recordings, as claim-benchmark candidates.

Why: the claim benchmark's real-model part was small (Qwen 1.5B, prompt v2 only) and its held-out part had been
run and read. This gathers every bullet the recorded models wrote (responses only; requests are read just far
enough to tell a translation request's Arabic bullets apart, never to show a re-ask's feedback), with the exact
article text it cites, so a person can label them blind (``tests/fixtures/claims_real_model_round4.json``).

- Prompt v3 ("evidence by pointer"): a bullet cites unit numbers; its evidence is those units
  (``summarizer.units.split_units``, checked against the ``[n] unit`` lines the request showed the model). A
  translation answer's English bullets carry no cite: each keeps the evidence of the Arabic bullet it translates,
  as ``summarizer.repair`` does (the Arabic bullets are the numbered lines of the translation request, matched
  by text to the Arabic bullets the model wrote earlier in the same recording).
- Prompts v1/v2: a bullet carries quotes; each quote is located by the library's grounding
  (``summarizer.grounding.locate``: exact, clitic or quote repair) and its evidence is the located article text.
  A bullet with a quote that is not located, or a located window outside 3-40 words, is skipped and counted.

Identical (case, language, text, evidence) bullets are kept once (every recording that wrote one is listed);
bullets already in the first real-model fixture (``claims_real_model.json``, labelled and measured before) are
left out and counted, so the new set is fresh. A bullet's language is its script (Arabic letters over half).
Nothing here runs the claim checker or validation.

Run: ``python scripts/extract_real_bullets.py [--out FILE]`` (JSON to stdout by default; the counts on stderr).
Deterministic: recordings are read in sorted order, items sorted by case, language and key.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.arabic import arabic_letter_ratio  # noqa: E402
from summarizer.grounding import QuoteNotFound, locate, quote_words  # noqa: E402
from summarizer.units import split_units  # noqa: E402

CASSETTES = ROOT / "cassettes"
CASES = ROOT / "evals" / "cases"
OLD_FIXTURE = ROOT / "tests" / "fixtures" / "claims_real_model.json"
RECORDINGS: tuple[tuple[str, str], ...] = (
    ("qwen2.5-coder-1.5b-instruct-q4_k_m", "v1"),
    ("qwen2.5-coder-1.5b-instruct-q4_k_m", "v2"),
    ("qwen2.5-coder-1.5b-instruct-q4_k_m", "v3"),
    ("qwen2.5-coder-0.5b-instruct", "v2"),
    ("qwen2.5-coder-0.5b-instruct", "v3"),
)
TRANSLATE_HEAD = "Translate these Arabic bullets into English"
TRANSLATE_TAIL = "Answer with JSON:"
_UNIT_MARK = re.compile(r"^\[(\d+)\] ", re.MULTILINE)
_NUMBERED = re.compile(r"^(\d+)\. (.*)$")


def key_of(case: str, language: str, text: str, evidence: list[str]) -> str:
    """A bullet's identity: the same four values give the same key on any machine."""
    blob = json.dumps([case, language, text, evidence], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def language_of(text: str) -> str:
    """The language a bullet is written in (the summary language does not decide: v1/v2 mixed scripts)."""
    return "ar" if arabic_letter_ratio(text) > 0.5 else "en"


def _content(interaction: dict[str, Any]) -> str | None:
    """The model's answer text in one recorded response (None when the response holds none)."""
    body = interaction["response"]["body"]
    raw = body.get("string") if isinstance(body, dict) else body
    if not isinstance(raw, str | bytes):
        return None
    try:
        choice = json.loads(raw)["choices"][0]["message"]
    except (TypeError, ValueError, KeyError, IndexError):
        return None
    content = choice.get("content")
    return content if isinstance(content, str) else None


def _units_shown(messages: list[dict[str, Any]]) -> dict[int, str]:
    """The ``[n] unit`` lines of the article the request showed (first user message)."""
    user = next(m["content"] for m in messages if m["role"] == "user")
    shown = user.split("<article>", 1)[-1].split("</article>", 1)[0]
    parts = _UNIT_MARK.split(shown)  # text before [1], then number, unit, number, unit, ...
    return {int(parts[i]): parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}


def _translation_sources(messages: list[dict[str, Any]]) -> list[str] | None:
    """The Arabic bullets a translation request lists, in order; None when the request is not one."""
    for m in messages:
        content = m.get("content")
        if m["role"] == "user" and isinstance(content, str) and TRANSLATE_HEAD in content:
            part = content.split(TRANSLATE_HEAD, 1)[1].split(TRANSLATE_TAIL, 1)[0]
            return [mt.group(2).strip() for ln in part.splitlines() if (mt := _NUMBERED.match(ln))]
    return None


class Extractor:
    """Collects items and the counts of what was skipped, over all recordings."""

    def __init__(self) -> None:
        self.items: dict[str, dict[str, Any]] = {}
        self.counts: Counter[str] = Counter()
        old = json.loads(OLD_FIXTURE.read_text(encoding="utf-8"))["labels"]
        self.old = {(o["case"], o["language"], o["text"].strip(), tuple(o["evidence"])) for o in old}

    def add(self, case: str, text: str, evidence: list[str], source: str, where: str) -> None:
        """One bullet: counted, checked against the old fixture, kept once per identity."""
        text = text.strip()
        language = language_of(text)
        self.counts["bullets written"] += 1
        if (case, language, text, tuple(evidence)) in self.old:
            self.counts["skipped: already in claims_real_model.json"] += 1
            return
        key = key_of(case, language, text, evidence)
        item = self.items.get(key)
        if item is None:
            self.items[key] = {
                "key": key,
                "case": case,
                "language": language,
                "text": text,
                "evidence": evidence,
                "sources": [source],
                "where": [where],
            }
        else:
            self.counts["merged: identical bullet written again"] += 1
            if source not in item["sources"]:
                item["sources"].append(source)
            item["where"].append(where)

    def recording(self, path: Path, model: str, prompt: str) -> None:
        """Every bullet of every response in one recording."""
        case, summary_language = path.name.split(".")[:2]
        article = json.loads((CASES / f"{case}.json").read_text(encoding="utf-8"))["article"]
        units = split_units(article)
        source = f"{model}/{prompt}"
        interactions = yaml.safe_load(path.read_text(encoding="utf-8"))["interactions"]
        arabic_written: dict[str, list[list[str]]] = {}  # v3: Arabic text -> the evidence it was written with
        for n, interaction in enumerate(interactions):
            where = f"{source} {case}.{summary_language} response {n + 1}"
            messages = json.loads(interaction["request"]["body"])["messages"]
            content = _content(interaction)
            try:
                answer = json.loads(content) if content is not None else None
            except ValueError:
                answer = None
            bullets = answer.get("bullets") if isinstance(answer, dict) else None
            if not isinstance(bullets, list):
                self.counts["skipped responses: no JSON answer with bullets"] += 1
                continue
            sources = _translation_sources(messages)
            shown = _units_shown(messages)
            for b, bullet in enumerate(bullets):
                here = f"{where} bullets[{b}]"
                text = bullet.get("text") if isinstance(bullet, dict) else None
                if not isinstance(text, str) or not text.strip():
                    self.counts["skipped: bullet without text"] += 1
                    continue
                if "cite" in bullet:
                    evidence = self._cited(bullet["cite"], units, shown)
                elif "evidence" in bullet:
                    evidence = self._quoted(bullet["evidence"], article)
                elif sources is not None:
                    evidence = self._translated(b, sources, arabic_written)
                else:
                    self.counts["skipped: bullet without evidence"] += 1
                    continue
                if evidence is None:
                    continue
                if "cite" in bullet and language_of(text) == "ar":
                    arabic_written.setdefault(text.strip(), []).append(evidence)
                self.add(case, text, evidence, source, here)

    def _cited(self, cite: Any, units: tuple[Any, ...], shown: dict[int, str]) -> list[str] | None:
        """The cited units' text (v3), after checking the request showed the model the same units."""
        if not isinstance(cite, list) or not cite or not all(isinstance(n, int) for n in cite):
            self.counts["skipped: cite not a list of unit numbers"] += 1
            return None
        numbers = list(dict.fromkeys(cite))
        if not all(1 <= n <= len(units) for n in numbers):
            self.counts["skipped: cite outside the article's units"] += 1
            return None
        for n in numbers:
            if " ".join(shown.get(n, "").split()) != " ".join(units[n - 1].text.split()):
                raise SystemExit(f"unit {n} differs from what the request showed: {units[n - 1].text[:60]!r}")
        return [units[n - 1].text for n in numbers]

    def _quoted(self, evidence: Any, article: str) -> list[str] | None:
        """The located article text of each quote (v1/v2); None (counted) when one is not located or not 3-40 words."""
        raw = [e.get("quote") for e in evidence if isinstance(e, dict)] if isinstance(evidence, list) else []
        quotes = [q for q in raw if isinstance(q, str)]
        if not quotes or len(quotes) != len(raw):
            self.counts["skipped: no quotes"] += 1
            return None
        windows: list[str] = []
        for quote in quotes:
            try:
                span = locate(quote, article)
            except QuoteNotFound:
                self.counts["skipped: a quote not located in the article"] += 1
                return None
            window = span.text(article)
            if not 3 <= len(quote_words(window)) <= 40:
                self.counts["skipped: a located window outside 3-40 words"] += 1
                return None
            self.counts[f"quotes located: {span.method}"] += 1
            windows.append(window)
        return list(dict.fromkeys(windows))

    def _translated(self, position: int, sources: list[str], written: dict[str, list[list[str]]]) -> list[str] | None:
        """The evidence of the Arabic bullet a translation answer's bullet translates (None, counted, if unknown)."""
        if position >= len(sources):
            self.counts["skipped: translation past the last Arabic bullet (ignored by the library too)"] += 1
            return None
        found = {json.dumps(e, ensure_ascii=False): e for e in written.get(sources[position], [])}
        if len(found) != 1:
            self.counts["skipped: translated Arabic bullet not matched to one evidence"] += 1
            return None
        return next(iter(found.values()))


def recording_paths() -> list[Path]:
    """Every recording the extractor reads, in the order it reads them."""
    return [p for model, prompt in RECORDINGS for p in sorted((CASSETTES / model / prompt).glob("*.yaml"))]


def recording_hashes() -> dict[str, str]:
    """Each recording's sha256 (path relative to the repository): what a frozen label set was extracted from."""
    return {str(p.relative_to(ROOT)): hashlib.sha256(p.read_bytes()).hexdigest() for p in recording_paths()}


def extract() -> tuple[list[dict[str, Any]], Counter[str]]:
    """All candidate items (sorted) and the counts."""
    extractor = Extractor()
    for path in recording_paths():
        extractor.recording(path, path.parent.parent.name, path.parent.name)
    items = sorted(extractor.items.values(), key=lambda i: (i["case"], i["language"], i["key"]))
    extractor.counts["items"] = len(items)
    return items, extractor.counts


def main(argv: list[str] | None = None) -> int:
    """Write the candidates as JSON; counts go to stderr."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, help="write here instead of stdout")
    args = parser.parse_args(argv)
    items, counts = extract()
    text = json.dumps(items, ensure_ascii=False, indent=1) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for name, count in sorted(counts.items()):
        print(f"{count:6d}  {name}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
