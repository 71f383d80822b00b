"""What re-pointing (prompt v4, ``summarizer.repoint``) did on one model's recordings, measured on its own answers.

Why: comparing v4's recordings with v3's mixes re-pointing with everything else that differs between two
recordings (greedy decoding is not bit-identical across server slot counts, so the first answers differ). Here
each v4 conversation is replayed as recorded, and its first answer is also judged as v3 would judge it (the
units it cites, no re-pointing), so the effect is read on the same answers:

- bullets re-pointed (``run.notes``), failing ones rescued and supported ones moved to the units holding their
  words;
- first answers with at least 3 supported bullets without re-pointing and with it: each one re-pointing lifts
  over 3 is a repair round not paid for (a whole generation on a small CPU).

  python scripts/measure_repointing.py [--model M] [--prompt v4]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import httpx

from summarizer import asummarize
from summarizer.arabic import arabic_letter_ratio
from summarizer.client import make_async_client
from summarizer.errors import SummarizerError
from summarizer.evals.cases import load_cases
from summarizer.evals.runner import _replay_settings
from summarizer.findings import erroring
from summarizer.prompts import get_version
from summarizer.recording import CassetteTransport, RecordingMeta, load_interactions, meta_path
from summarizer.repair import MIN_BULLETS, items_of
from summarizer.repoint import miscited
from summarizer.schema import Digest, Language
from summarizer.settings import ProviderSettings
from summarizer.triage import assemble
from summarizer.units import split_units

ROOT = Path(__file__).resolve().parent.parent


def first_answer_support(cassette: Path, article: str, prompt: str) -> tuple[int, int] | None:
    """Supported bullets of the recorded first answer: as cited, and after re-pointing (None if it did not parse)."""
    from summarizer.repair import Conversation

    body = json.loads(load_interactions(cassette)[0].content)
    content = body["choices"][0]["message"]["content"]
    model = get_version(prompt).response_model_for("ar")
    try:
        answer = model.model_validate_json(content, context={"article": article})
    except ValueError:
        return None
    items = items_of(answer, article, [], "answer 1")  # type: ignore[arg-type]
    as_cited, _ = assemble(items, article, "ar")
    settings = ProviderSettings(model="replay", base_url="http://127.0.0.1:9/v1", api_key="replay")
    talk = Conversation(None, settings, {"article": article, "faithfulness": "error"}, repoint=True)  # type: ignore[arg-type]
    moved = talk.repointed(items, "ar")
    repointed, _ = assemble(moved, article, "ar")
    return len(as_cited), len(repointed)


async def replay(cassette: Path, article: str, language: Language, prompt: str) -> Digest | None:
    meta = RecordingMeta.read(meta_path(cassette))
    settings = _replay_settings(meta, best_effort=True)
    with erroring(meta.erroring_table()):  # the table it was recorded under decided what was re-asked
        async with httpx.AsyncClient(transport=CassetteTransport(cassette)) as http:
            client = make_async_client(settings, http_client=http)
            try:
                digest = await asummarize(article, language, settings=settings, prompt_version=prompt, client=client)
            except SummarizerError:
                return None
    return digest


def miscited_bullets(digest: Digest | None, article: str) -> tuple[int, int]:
    """Kept Arabic bullets, and those whose evidence's units hold under half their words (``repoint.MISCITED``)."""
    if digest is None:
        return 0, 0
    arabic = [b for b in digest.bullets if arabic_letter_ratio(b.text) > 0.5]
    units = split_units(article)
    wrong = 0
    for bullet in arabic:
        cited = [
            u.number for u in units if any(u.start < (e.end or 0) and (e.start or 0) < u.end for e in bullet.evidence)
        ]
        wrong += miscited(bullet.text, cited, article)
    return len(arabic), wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="qwen2.5-coder-1.5b-instruct-q4_k_m")
    parser.add_argument("--prompt", default="v4")
    args = parser.parse_args()
    folder = ROOT / "cassettes" / args.model / args.prompt
    cases = {c.id: c for c in load_cases(ROOT / "evals" / "cases")}
    totals = {
        "conversations": 0,
        "with a move": 0,
        "bullets moved": 0,
        "kept Arabic bullets": 0,
        "of which mis-cited": 0,
    }
    first = {"answers": 0, "3+ as cited": 0, "3+ re-pointed": 0}
    for cassette in sorted(folder.glob("*.yaml")):
        case_id, language = cassette.name.removesuffix(".yaml").rsplit(".", 1)
        article = cases[case_id].article
        digest = asyncio.run(replay(cassette, article, language, args.prompt))
        notes = [n for n in (digest.run.notes if digest and digest.run else []) if "re-pointed" in n]
        kept, wrong = miscited_bullets(digest, article)
        totals["kept Arabic bullets"] += kept
        totals["of which mis-cited"] += wrong
        totals["conversations"] += 1
        totals["with a move"] += bool(notes)
        totals["bullets moved"] += len(notes)
        if (
            language == "ar"
            and get_version(args.prompt).cites_units
            and (support := first_answer_support(cassette, article, args.prompt)) is not None
        ):
            first["answers"] += 1
            first["3+ as cited"] += support[0] >= MIN_BULLETS
            first["3+ re-pointed"] += support[1] >= MIN_BULLETS
    print(f"{args.model} / {args.prompt}: {json.dumps(totals)}")
    print(f"Arabic first answers (the same request opens the English conversation): {json.dumps(first)}")


if __name__ == "__main__":
    main()
