"""Try a translation step on English cases: the Arabic stage replayed from another prompt's recordings, the rest live.

Why: prompt v5 changes only what happens after the Arabic answer (``repair.Conversation.translated``), and its
Arabic requests are byte for byte v4's. Replaying the Arabic stage from v4's cassettes and sending only the
translation requests to a live server measures a translation design in a few seconds a case instead of a
minute, on the very Arabic bullets v4's English failed on. Nothing is recorded (the recordings of v5 are made by
``summarizer eval --record``); this is for tuning, on tune cases only (000-020).

``--model qwen2.5-coder-0.5b-instruct --replay-lang ar`` takes the 0.5B's recorded Arabic conversations as the
Arabic stage (its first request is the English one's) and lets the live server (the 1.5B) translate.

Per case: the outcome, English bullets written and kept, requests, completion tokens, and each English bullet
with its Arabic source and the checker's findings (``-v``).

  summarizer serve-local qwen2.5-1.5b --slots 1     # prints the base URL
  python scripts/try_translation.py --base-url http://127.0.0.1:PORT/v1 --prompt v5 --case 000 --case 001 [-v]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
from pathlib import Path

import httpx

from summarizer import asummarize
from summarizer.client import make_async_client
from summarizer.errors import SummarizerError
from summarizer.evals.cases import Case, load_cases
from summarizer.evals.runner import _replay_settings, score
from summarizer.evals.stats import paired_bootstrap
from summarizer.recording import CassetteTransport, RecordingMeta, ReplayMiss, meta_path
from summarizer.schema import Digest

ROOT = Path(__file__).resolve().parent.parent
TUNE = tuple(f"{n:03d}" for n in range(21))


class ReplayThenLive(CassetteTransport):
    """Answers a request from the cassette when it holds it, else from the live server at ``base_url``."""

    def __init__(self, cassette: Path, base_url: str) -> None:
        super().__init__(cassette)
        self.live = httpx.AsyncHTTPTransport()
        self.base = httpx.URL(base_url)
        self.replayed = self.sent = 0

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        raw = await request.aread()
        try:
            response = self._answer(request, raw)
            self.replayed += 1
            return response
        except ReplayMiss:
            pass
        self.sent += 1
        url = request.url.copy_with(scheme=self.base.scheme, host=self.base.host, port=self.base.port)
        forwarded = httpx.Request(request.method, url, headers=request.headers, content=raw)
        answer = await self.live.handle_async_request(forwarded)
        content = await answer.aread()
        headers = [(k, v) for k, v in answer.headers.items() if k.lower() not in ("content-encoding", "content-length")]
        return httpx.Response(answer.status_code, headers=headers, content=content, request=request)


def _recall(case: Case, digest: Digest | None) -> float:
    """Key-fact recall of a digest, scored as the eval scores it (0 without one)."""
    return float(score(case, digest, "en")[0]["key_fact_recall"] or 0.0) if digest is not None else 0.0


async def one_case(case: Case, args: argparse.Namespace) -> dict[str, object]:
    case_id, article = case.id, case.article
    cassette = ROOT / "cassettes" / args.model / args.replay / f"{case_id}.{args.replay_lang}.yaml"
    meta = RecordingMeta.read(meta_path(cassette))
    settings = _replay_settings(meta).with_overrides(time_budget_s=3600.0, request_timeout_s=600.0)
    transport = ReplayThenLive(cassette, args.base_url)
    row: dict[str, object] = {"case": case_id}
    try:
        async with httpx.AsyncClient(transport=transport, timeout=600) as http:
            client = make_async_client(settings, http_client=http)
            digest = await asummarize(article, "en", settings=settings, prompt_version=args.prompt, client=client)
        run = digest.run
        assert run is not None
        row.update(outcome="ok", kept=len(digest.bullets), written=run.bullets_written, requests=run.attempts)
        row.update(recall=_recall(case, digest), recall_best_effort=_recall(case, digest))
        row.update(completion_tokens=run.usage.completion_tokens, bullets=[b.text for b in digest.bullets])
    except SummarizerError as exc:
        partial = getattr(exc, "partial", None)
        kept = len(partial.digest.bullets) if partial is not None and partial.digest is not None else 0
        written = partial.bullets_written if partial is not None else 0
        row.update(outcome=exc.code, kept=kept, written=written, requests=exc.attempts)
        row.update(recall=0.0, recall_best_effort=_recall(case, partial.digest if partial is not None else None))
        row.update(completion_tokens=(exc.usage.completion_tokens if exc.usage else 0), message=str(exc)[:400])
    row.update(replayed=transport.replayed, live=transport.sent)
    return row


def _share(row: dict[str, object]) -> float:
    """Bullets kept over bullets written in English (0 when none was written), as the eval's supported_rate."""
    written = int(row["written"] or 0)  # type: ignore[call-overload]
    return int(row["kept"] or 0) / written if written else 0.0  # type: ignore[call-overload]


def paired(rows: list[dict[str, object]], strict: Path, best_effort: Path) -> None:
    """Each row's figures against the same cases of a recorded prompt's English eval reports (``summarizer eval
    --lang en --no-gate --strict`` and ``--best-effort``, ``--out``): mean, paired difference [95% bootstrap]."""
    before = {p["case"]: p for p in json.loads(strict.read_text(encoding="utf-8"))["per_case"]}
    before_be = {p["case"]: p for p in json.loads(best_effort.read_text(encoding="utf-8"))["per_case"]}
    rows = [r for r in rows if r["case"] in before and r["case"] in before_be]
    cases = [str(r["case"]) for r in rows]

    def ours(key: str) -> list[float]:
        return [float(r.get(key, 0.0)) for r in rows]  # type: ignore[arg-type]

    figures = [
        ("valid digests (strict success)", [float(r["outcome"] == "ok") for r in rows], before, "success"),
        ("supported claims (bullets kept / written)", [_share(r) for r in rows], before, "supported_rate"),
        ("key-fact recall, strict", ours("recall"), before, "key_fact_recall"),
        ("key-fact recall, best-effort", ours("recall_best_effort"), before_be, "key_fact_recall"),
    ]
    print(f"\npaired with the recorded reports, n = {len(rows)}: before | after | after - before [95% bootstrap]")
    for name, after, report, metric in figures:
        earlier = [float(report[c]["metrics"][metric]) for c in cases]
        diffs = [x - y for x, y in zip(after, earlier, strict=True)]
        low, high = paired_bootstrap(diffs)
        mean = statistics.mean
        print(f"| {name} | {mean(earlier):.3f} | {mean(after):.3f} | {mean(diffs):+.3f} [{low:+.3f}, {high:+.3f}] |")
    tokens = [int(before[str(r["case"])]["completion_tokens"]) for r in rows]
    requests = [int(before[str(r["case"])]["attempts"]) for r in rows]
    print(
        f"before: median completion tokens {statistics.median(tokens)}, median requests {statistics.median(requests)}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base-url", required=True, help="the live OpenAI-compatible server (serve-local's URL)")
    parser.add_argument("--prompt", default="v5", help="the prompt whose translation step is tried")
    parser.add_argument("--replay", default="v4", help="whose recordings answer the Arabic stage")
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct-q4_k_m", help="whose recordings")
    parser.add_argument(
        "--replay-lang",
        default="en",
        choices=("en", "ar"),
        help="replay the Arabic stage from the English recordings, or from the Arabic ones (the same requests: "
        "another model's Arabic digest as the Arabic stage, the live server translating)",
    )
    parser.add_argument("--case", action="append", help="case id prefixes (default: the tune cases 000-020)")
    parser.add_argument("--json", type=Path, help="write the rows here")
    parser.add_argument("-v", "--verbose", action="store_true", help="log each translation and its findings")
    parser.add_argument("--rows", type=Path, help="read the rows of an earlier run (its --json) instead of running")
    parser.add_argument(
        "--paired-with",
        nargs=2,
        type=Path,
        metavar=("STRICT_JSON", "BEST_EFFORT_JSON"),
        help="a recorded prompt's English eval reports, strict and best-effort, to pair the rows with",
    )
    args = parser.parse_args()
    if args.verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(message)s", stream=sys.stderr)
        for noisy in ("httpx", "httpcore", "openai", "summarizer.client", "asyncio"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    prefixes = tuple(args.case or TUNE)
    cases = [c for c in load_cases(ROOT / "evals" / "cases") if c.id.startswith(prefixes)]
    rows: list[dict[str, object]] = json.loads(args.rows.read_text(encoding="utf-8")) if args.rows else []
    rows = [r for r in rows if str(r["case"]).startswith(prefixes)]
    for case in [] if args.rows else cases:
        cassette = ROOT / "cassettes" / args.model / args.replay / f"{case.id}.{args.replay_lang}.yaml"
        if not cassette.is_file():  # e.g. the 0.5B never recorded 032 (it needs a 32k context)
            print(f"{case.id}: skipped, no recording at {cassette.relative_to(ROOT)}", file=sys.stderr, flush=True)
            continue
        row = asyncio.run(one_case(case, args))
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items() if k != "bullets"}, ensure_ascii=False), flush=True)
    ok = sum(1 for r in rows if r["outcome"] == "ok")
    kept = sum(int(r["kept"] or 0) for r in rows)  # type: ignore[call-overload]
    written = sum(int(r["written"] or 0) for r in rows)  # type: ignore[call-overload]
    tokens = [int(r["completion_tokens"] or 0) for r in rows]  # type: ignore[call-overload]
    requests = [int(r["requests"] or 0) for r in rows]  # type: ignore[call-overload]
    recall = statistics.mean(float(r.get("recall", 0.0)) for r in rows) if rows else 0.0  # type: ignore[arg-type]
    best = statistics.mean(float(r.get("recall_best_effort", 0.0)) for r in rows) if rows else 0.0  # type: ignore[arg-type]
    print(
        f"{args.prompt} on {len(rows)} case(s), Arabic stage from {args.replay}: valid {ok}/{len(rows)}, "
        f"English bullets kept {kept}/{written}, key-fact recall {recall:.3f} (best-effort {best:.3f}), "
        f"median completion tokens {statistics.median(tokens or [0])}, "
        f"median requests {statistics.median(requests or [0])}"
    )
    if args.json:
        args.json.write_text(json.dumps(rows, ensure_ascii=False, indent=1), encoding="utf-8")
    if args.paired_with:
        paired(rows, *args.paired_with)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
