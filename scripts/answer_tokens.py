"""What a recorded answer spends its completion tokens on: bullet text, evidence, events (by field).

Counts with the model's own tokenizer (llama.cpp, vocabulary only: no weights are run), over every final answer
recorded under cassettes/MODEL/PROMPT. Usage: python scripts/answer_tokens.py MODEL PROMPT GGUF
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from summarizer.recording import answer_text, load_interactions


def _count(tokenize: Any, value: Any) -> int:
    return len(tokenize(json.dumps(value, ensure_ascii=False).encode(), add_bos=False, special=False))


def parts(tokenize: Any, answer: dict[str, Any]) -> dict[str, int]:
    """Tokens of each part of one answer (JSON as compactly re-serialised: the model's own spacing varies)."""
    out: dict[str, int] = defaultdict(int)
    for bullet in answer.get("bullets") or []:
        for key, value in bullet.items():
            out[f"bullets.{key}"] += _count(tokenize, {key: value})
    for event in answer.get("events") or []:
        for key, value in event.items():
            out[f"events.{key}"] += _count(tokenize, {key: value})
    return dict(out)


def main(model: str, prompt: str, gguf: str) -> None:
    from llama_cpp import Llama

    vocab = Llama(model_path=gguf, vocab_only=True, verbose=False)
    totals: dict[str, list[int]] = defaultdict(list)
    completions = []
    for cassette in sorted(Path("cassettes", model, prompt).glob("*.yaml")):
        last = load_interactions(cassette)[-1]
        text = answer_text(last.content)
        if not text:
            continue
        usage = json.loads(last.content).get("usage") or {}
        completions.append(usage.get("completion_tokens", 0))
        try:
            answer = json.loads(text)
        except ValueError:
            continue
        counted = parts(vocab.tokenize, answer)
        for key in {*totals, *counted}:
            totals[key].append(counted.get(key, 0))
    n = len(completions)
    print(f"{n} answers, median completion tokens {statistics.median(completions)}")
    for key, values in sorted(totals.items(), key=lambda kv: -sum(kv[1])):
        print(f"{key:28} mean {sum(values) / n:7.1f}  share {sum(values) / sum(completions):6.1%}")


if __name__ == "__main__":
    main(*sys.argv[1:4])
