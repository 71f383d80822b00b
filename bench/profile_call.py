"""Where summarize()'s CPU goes beyond the raw SDK's, per call, on distinct articles (issue 23).

Two profiles (cProfile, deterministic), each over calls that never repeat an article:
- ``call``: ``asummarize()`` against bench/mock_server.py at 0 ms, on the seed article made distinct by a first
  line of its own (what bench/overhead.py's overhead rows send; the mock answers the seed's English digest);
- ``validate``: validating a digest with the article in context (schema, grounding, claim checks), for the seed's
  English digest and for an Arabic reference digest of a suite case, each against an article of its own.

Run:  python bench/profile_call.py [--calls 40] [--what call validate-en validate-ar] [--sort tottime]
Prints the top functions (ms per call) of each.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import json
import pstats
import sys
import time
from pathlib import Path

FREEZE = False
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import articles  # noqa: E402
from overhead import SEED, mock_server, seed_variant, settings_for  # noqa: E402


class _GcClock:
    """Time spent in the cyclic collector, per generation (gc.callbacks)."""

    def __init__(self) -> None:
        self.spent = [0.0, 0.0, 0.0]
        self.count = [0, 0, 0]
        self._t0 = 0.0

    def __call__(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._t0 = time.perf_counter()
        else:
            self.spent[info["generation"]] += time.perf_counter() - self._t0
            self.count[info["generation"]] += 1


GC = _GcClock()


def _print(profile: cProfile.Profile, calls: int, sort: str, top: int, title: str) -> None:
    gc_ms = " ".join(f"gen{g} {GC.count[g]}x {GC.spent[g] / calls * 1000:.2f}" for g in range(3))
    print(f"collector, ms per call: {gc_ms}")
    GC.spent, GC.count = [0.0, 0.0, 0.0], [0, 0, 0]
    stats = pstats.Stats(profile)
    total = stats.total_tt  # type: ignore[attr-defined]
    print(f"\n=== {title}: {total / calls * 1000:.2f} ms per call (cProfile, {calls} calls) ===")
    rows = []
    for (file, line, name), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append((tt if sort == "tottime" else ct, tt, ct, nc, f"{Path(file).name}:{line}:{name}"))
    rows.sort(reverse=True)
    print(f"{'tottime ms/call':>15} {'cumtime ms/call':>15} {'ncalls/call':>11}  function")
    for _key, tt, ct, nc, where in rows[:top]:
        print(f"{tt / calls * 1000:15.3f} {ct / calls * 1000:15.3f} {nc / calls:11.1f}  {where}")


def profile_call(calls: int, sort: str, top: int) -> None:
    from summarizer import asummarize

    article = SEED.read_text(encoding="utf-8")
    with mock_server() as url:
        settings = settings_for(url(0))

        async def run() -> None:
            for n in range(3):  # warm up: imports, client, regexes
                await asummarize(seed_variant(article, 900_000 + n), "en", settings=settings)
            texts = [seed_variant(article, 800_000 + n) for n in range(calls)]
            gc.collect()  # the tables built on first use settle in the old generation (one full pass, once)
            if FREEZE:
                gc.freeze()
            GC.spent, GC.count = [0.0, 0.0, 0.0], [0, 0, 0]
            profile = cProfile.Profile()
            profile.enable()
            for text in texts:
                await asummarize(text, "en", settings=settings)
            profile.disable()
            _print(profile, calls, sort, top, "asummarize() at 0 ms, seed article made distinct (English digest)")

        asyncio.run(run())


def profile_validate(language: str, calls: int, sort: str, top: int) -> None:
    from summarizer.schema import Digest
    from summarizer.validation import context as validation_context

    if language == "en":
        digest = json.loads((ROOT / "tests" / "fixtures" / "reference_seed_digest_en.json").read_text("utf-8"))
        digest.pop("_fixture", None)
        text = json.dumps(digest, ensure_ascii=False)
        article = SEED.read_text(encoding="utf-8")
        pairs = [(text, seed_variant(article, 700_000 + n)) for n in range(calls + 1)]
    else:
        from summarizer.evals.reference import reference_digest

        cases = articles._cases()
        pairs = []
        for n in range(calls + 1):
            case = cases[n % len(cases)]
            dumped = articles._model_fields(reference_digest(case, "ar").model_dump(mode="json"))
            pairs.append((json.dumps(dumped, ensure_ascii=False), f"[[{600_000 + n}]]\n" + case.article))
    Digest.model_validate_json(pairs[0][0], context=validation_context(pairs[0][1], language), strict=True)
    gc.collect()
    if FREEZE:
        gc.freeze()
    GC.spent, GC.count = [0.0, 0.0, 0.0], [0, 0, 0]
    profile = cProfile.Profile()
    for text, article_text in pairs[1:]:
        context = validation_context(article_text, language)
        profile.enable()
        Digest.model_validate_json(text, context=context, strict=True)
        profile.disable()
    _print(profile, calls, sort, top, f"validation of a {language} digest, distinct articles")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--what", nargs="+", default=["call", "validate-en", "validate-ar"])
    parser.add_argument("--sort", default="tottime", choices=["tottime", "cumtime"])
    parser.add_argument("--top", type=int, default=35)
    parser.add_argument("--no-gc", action="store_true", help="collector off while profiling (clean attribution)")
    parser.add_argument("--freeze", action="store_true", help="gc.freeze() after the warm-up (as the CLI's batch)")
    args = parser.parse_args()
    gc.callbacks.append(GC)
    if args.no_gc:
        gc.disable()
    global FREEZE
    FREEZE = args.freeze
    for what in args.what:
        if what == "call":
            profile_call(args.calls, args.sort, args.top)
        else:
            profile_validate(what.removeprefix("validate-"), args.calls, args.sort, args.top)


if __name__ == "__main__":
    main()
