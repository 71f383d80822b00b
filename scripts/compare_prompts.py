"""Two prompt versions of one model, compared on the cases both have recorded in both languages.

Why: a prompt change is judged on paired results (the same case and language on both sides), strict (valid
digests only) and best-effort (partial credit), per language, with intervals and n; and on what an answer costs
(completion tokens and requests per article, from the recorded responses). This runs the harness's own pieces:
the eval session (``summarizer.evals.session.evaluate``, ungated, as ``summarizer eval --no-gate``) for each prompt
and mode, ``summarizer.evals.compare`` for the tables.

  python scripts/compare_prompts.py v2 v3 [--model M] [--lang en] [--cases 000-020]

``--lang`` compares one language alone (the cases recorded in it with both prompts); ``--cases FIRST-LAST``
keeps the cases whose ids start from FIRST to LAST (a tune or held-out split, reported apart).

Latency is not compared: recordings made at different times on a shared 2-core machine, with one or four
server slots, measure the machine as much as the prompt (``bench/local_*.py`` time prompts side by side).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
from pathlib import Path

from summarizer.evals.compare import to_markdown
from summarizer.evals.results import EvalRun
from summarizer.evals.session import EvalRequest, evaluate
from summarizer.recording import load_interactions

METRICS = (
    "success",
    "best_effort_success",
    "key_fact_recall",
    "supported_rate",
    "trap_avoidance",
    "event_f1",
    "rougeL",
    "chrf",
)
LANGUAGES = ("en", "ar")
EXPECTED_OUTCOMES = {"ok", "best_effort", "model_output_invalid"}


def recorded_cases(folder: Path, languages: tuple[str, ...] = LANGUAGES) -> set[str]:
    """Case ids with a finished recording (cassette and meta) in every one of ``languages``."""
    have = {p.name.removesuffix(".meta.json") for p in folder.glob("*.meta.json")}
    cases = {name.rsplit(".", 1)[0] for name in have}
    return {
        c for c in cases if all(f"{c}.{lang}" in have and (folder / f"{c}.{lang}.yaml").exists() for lang in languages)
    }


def answer_costs(folder: Path, cases: list[str], languages: tuple[str, ...] = LANGUAGES) -> dict[str, dict[str, float]]:
    """Per language: median completion tokens per article (every request of it), median requests per article."""
    costs: dict[str, dict[str, float]] = {}
    for lang in languages:
        tokens, requests = [], []
        for case in cases:
            interactions = load_interactions(folder / f"{case}.{lang}.yaml")
            completion = 0
            for interaction in interactions:
                with contextlib.suppress(ValueError, KeyError, TypeError):  # an error response: no usage
                    completion += int(json.loads(interaction.content)["usage"]["completion_tokens"])
            tokens.append(completion)
            requests.append(len(interactions))
        costs[lang] = {"tokens": statistics.median(tokens), "requests": statistics.median(requests)}
    return costs


def replay(
    model: str, prompt: str, best_effort: bool, cases: list[str], cassettes: Path, languages: tuple[str, ...]
) -> EvalRun:
    """The recordings replayed and scored, ungated (a stale recording shows as its outcome)."""
    request = EvalRequest(
        cassettes=cassettes,
        model=model,
        prompt=prompt,
        case_ids=cases,
        gated=False,
        best_effort=best_effort,
        languages=languages,  # type: ignore[arg-type]
    )
    return evaluate(request).run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct-q4_k_m")
    parser.add_argument("--cassettes", type=Path, default=Path("cassettes"))
    parser.add_argument("--lang", action="append", choices=LANGUAGES, help="only this language (repeatable)")
    parser.add_argument("--cases", help="FIRST-LAST: only case ids from FIRST to LAST (e.g. 000-020)")
    args = parser.parse_args(argv)
    languages = tuple(args.lang or LANGUAGES)
    folders = [args.cassettes / args.model / p for p in (args.before, args.after)]
    cases = sorted(recorded_cases(folders[0], languages) & recorded_cases(folders[1], languages))
    if args.cases:
        first, _, last = args.cases.partition("-")
        cases = [c for c in cases if first <= c[: len(first)] and c[: len(last or first)] <= (last or first)]
    if not cases:
        print(f"error: no case is recorded in {' and '.join(languages)} with both prompts", file=sys.stderr)
        return 3
    shown = " and ".join(languages)
    print(f"{len(cases)} cases recorded in {shown} with both prompts: {', '.join(c[:3] for c in cases)}\n")
    for mode, best_effort in (("strict", False), ("best-effort", True)):
        before, after = (
            replay(args.model, p, best_effort, cases, args.cassettes, languages) for p in (args.before, args.after)
        )
        for run in (before, after):
            odd = sorted(f"{r.key}: {r.outcome}" for r in run.results if r.outcome not in EXPECTED_OUTCOMES)
            if odd:
                print(f"note: {run.prompt_version} {mode}: {', '.join(odd)}")
        table = to_markdown(before, after, METRICS).splitlines()
        table = [
            line for line in table if not any(line.startswith(f"| {x} |") for x in LANGUAGES if x not in languages)
        ]
        print(f"#### {mode}\n\n" + "\n".join(table) + "\n")
    print("#### cost per article (medians over the recorded answers)\n")
    print("| prompt | language | completion tokens | requests |\n|---|---|---:|---:|")
    for prompt, folder in zip((args.before, args.after), folders, strict=True):
        for lang, cost in answer_costs(folder, cases, languages).items():
            print(f"| {prompt} | {lang} | {cost['tokens']:.0f} | {cost['requests']:.0f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
