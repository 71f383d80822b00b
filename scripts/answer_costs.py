"""What recorded answers cost and what they spend tokens on: per request and per article, by part of the answer.

Reads every cassette under cassettes/MODEL/PROMPT (and its .meta.json): the usage block of each recorded
response (completion and prompt tokens per request), the meta's latency (the whole article, every request), and
the answer's JSON re-serialised compactly and counted with the model's own tokenizer (llama.cpp, vocabulary only:
no weights run), split by part (bullet text, evidence or cites, each event field). Medians, so one long answer
does not move them.

  python scripts/answer_costs.py MODEL PROMPT GGUF [--cases REGEX]
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import defaultdict
from pathlib import Path
from typing import Any

from summarizer.recording import RecordingMeta, answer_text, load_interactions, meta_path


def _count(tokenize: Any, value: Any) -> int:
    return len(tokenize(json.dumps(value, ensure_ascii=False).encode(), add_bos=False, special=False))


def parts(tokenize: Any, answer: dict[str, Any]) -> dict[str, int]:
    """Tokens of each part of one answer (as compactly re-serialised: the model's own spacing varies)."""
    out: dict[str, int] = defaultdict(int)
    for section in ("bullets", "events"):
        for item in answer.get(section) or []:
            for key, value in item.items() if isinstance(item, dict) else []:
                out[f"{section}.{key}"] += _count(tokenize, {key: value})
    return dict(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("prompt")
    parser.add_argument("gguf")
    parser.add_argument("--cases", default=".")
    args = parser.parse_args()
    from llama_cpp import Llama

    vocab = Llama(model_path=args.gguf, vocab_only=True, verbose=False)
    by_part: dict[str, int] = defaultdict(int)
    first_tokens, request_tokens, article_tokens, latencies, requests = [], [], [], [], []
    by_language: dict[str, list[float]] = defaultdict(list)
    for cassette in sorted(Path("cassettes", args.model, args.prompt).glob("*.yaml")):
        if not re.search(args.cases, cassette.stem):
            continue
        interactions = [i for i in load_interactions(cassette) if i.status == 200]
        tokens = [int((json.loads(i.content).get("usage") or {}).get("completion_tokens") or 0) for i in interactions]
        if not tokens:
            continue
        first_tokens.append(tokens[0])
        request_tokens += tokens
        article_tokens.append(sum(tokens))
        requests.append(len(tokens))
        meta = RecordingMeta.read(meta_path(cassette))
        latencies.append(meta.latency_s)
        by_language[meta.language].append(meta.latency_s)
        for interaction in interactions:
            text = answer_text(interaction.content)
            try:
                answer = json.loads(text or "")
            except ValueError:
                continue
            for key, value in parts(vocab.tokenize, answer if isinstance(answer, dict) else {}).items():
                by_part[key] += value
    n = len(latencies)
    med = statistics.median
    print(f"{args.model} / {args.prompt}: {n} articles, {len(request_tokens)} requests ({sum(requests) / n:.2f} each)")
    print(
        f"completion tokens: first answer median {med(first_tokens)}, any request median {med(request_tokens)}, "
        f"article median {med(article_tokens)}"
    )
    print(
        f"seconds an article (meta latency, every request): median {med(latencies):.1f}, mean {sum(latencies) / n:.1f}"
        + "".join(f"; {lang} median {med(v):.1f} (n = {len(v)})" for lang, v in sorted(by_language.items()))
    )
    total = sum(request_tokens)
    for key, value in sorted(by_part.items(), key=lambda kv: -kv[1]):
        print(f"  {key:26} {value / n:7.1f} tokens an article  {value / total:6.1%} of completion tokens")


if __name__ == "__main__":
    main()
