"""The suite's coverage table, generated from the cases' tags (never edited by hand).

Usage: python -m summarizer.evals.coverage [--write]   (--write updates evals/README.md in place)
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from summarizer.evals.cases import Case, load_cases

MIN_CASES = 30
MIN_PER_TAG = 2
# Each row: tag -> what it covers. Every case tags the phenomena it exercises.
TAGS: dict[str, str] = {
    "air_drone_strike": "air or drone strike",
    "shelling_rockets_missiles": "shelling, rockets or missiles",
    "ied": "IED / remote explosive",
    "armed_clash": "armed clash",
    "peaceful_protest": "peaceful protest",
    "protest_with_intervention": "protest with intervention",
    "arrests": "arrests",
    "abduction": "abduction / forced disappearance",
    "agreement_ceasefire_nonviolent": "agreements, ceasefires, other non-violent developments",
    "no_event": "no event at all (economy, culture)",
    "linked_events": "several linked events (attack and retaliation)",
    "differing_casualty_figures": "casualty figures that differ between sources",
    "claims_and_denials": "claims and denials",
    "numbers_as_words": "numbers written as words (ثلاثة، عشرات)",
    "arabic_indic_digits": "Arabic-Indic digits (١٥)",
    "numbers_more_than_about": '"more than" / "about" / "at least"',
    "levantine_months": "Levantine month names (تشرين الأول، شباط)",
    "egyptian_months": "Egyptian month names (أكتوبر، فبراير)",
    "relative_dates": "relative dates (أمس، ليل الخميس الجمعة)",
    "place_spellings": "places with several English spellings",
    "long_article": "a long article near the context limit",
    "prompt_injection": "an instruction planted in the article",
    "multi_day": "events over several days (one event per day)",
    "dateline_iso": "a dateline that resolves relative dates to ISO",
    "live_blog": "live-blog updates, newest first, with corrections",
    "official_statement": "an official statement quoted whole",
    "translated_wire": "a translated wire piece (AFP, Reuters)",
    "dialect_quotes": "quotes in spoken dialect",
}
BEGIN, END = "<!-- coverage:begin -->", "<!-- coverage:end -->"
PROVENANCE_BEGIN, PROVENANCE_END = "<!-- provenance:begin -->", "<!-- provenance:end -->"


def shortfall(cases: list[Case]) -> list[str]:
    """What the suite still lacks against the minimums; empty when it meets them."""
    counts = Counter(tag for case in cases for tag in case.tags)
    missing = [f"{tag}: {counts[tag]} of {MIN_PER_TAG}" for tag in TAGS if counts[tag] < MIN_PER_TAG]
    if len(cases) < MIN_CASES:
        missing.insert(0, f"cases: {len(cases)} of {MIN_CASES}")
    return missing


def unknown_tags(cases: list[Case]) -> list[str]:
    return sorted({f"{case.id}: {tag}" for case in cases for tag in case.tags if tag not in TAGS})


def table(cases: list[Case]) -> str:
    counts = Counter(tag for case in cases for tag in case.tags)
    lines = [
        f"{len(cases)} cases (minimum {MIN_CASES}); each row needs at least {MIN_PER_TAG}.",
        "",
        "| phenomenon | tag | cases | |",
        "|---|---|---:|---|",
    ]
    for tag, label in TAGS.items():
        mark = "ok" if counts[tag] >= MIN_PER_TAG else "**short**"
        lines.append(f"| {label} | `{tag}` | {counts[tag]} | {mark} |")
    return "\n".join(lines)


def provenance(cases: list[Case]) -> str:
    """Where each article comes from and under what terms, from the cases' ``source`` field."""
    lines = ["| case | words | provenance and licence |", "|---|---:|---|"]
    for case in cases:
        if case.source.startswith("written for this suite"):
            terms = "written for this suite, fictional (not a real report); MIT like the project"
        else:
            terms = f"the project's seed article (`seeds/`): {case.source}"
        lines.append(f"| `{case.id}` | {len(case.article.split())} | {terms} |")
    return "\n".join(lines)


def _replace(readme: str, begin: str, end: str, body: str) -> str:
    head, rest = readme.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}\n{end}{tail}"


def render_into(readme: str, cases: list[Case]) -> str:
    """``readme`` with its coverage table and, where it has the markers, its provenance table regenerated."""
    readme = _replace(readme, BEGIN, END, table(cases))
    if PROVENANCE_BEGIN in readme:
        readme = _replace(readme, PROVENANCE_BEGIN, PROVENANCE_END, provenance(cases))
    return readme


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="update evals/README.md")
    parser.add_argument("--root", type=Path, default=Path("evals"))
    args = parser.parse_args()
    cases = load_cases(args.root / "cases")
    if args.write:
        readme = args.root / "README.md"
        readme.write_text(render_into(readme.read_text(encoding="utf-8"), cases), encoding="utf-8")
    else:
        print(table(cases))


if __name__ == "__main__":
    main()
