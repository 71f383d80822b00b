"""Generation speed with and without prompt v2's JSON-schema grammar, same process, same prompt (llama-cpp-python).

Why: recordings ran at 3-4.5 tok/s while llama-bench showed 24 tok/s; this separates the grammar's cost from the
machine's. The first row also pays for the prompt (later rows reuse llama.cpp's prompt cache).

  .venv/bin/python bench/grammar_cost.py 400     # tokens to generate per row
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from llama_cpp import Llama

from summarizer.evals.cases import load_case
from summarizer.models import resolve
from summarizer.prompts import get_version


def strip_bounds(node: Any) -> Any:
    """The schema without maxLength/minLength/pattern: the grammar's length bounds and script rules removed."""
    if isinstance(node, dict):
        return {k: strip_bounds(v) for k, v in node.items() if k not in ("maxLength", "minLength", "pattern")}
    if isinstance(node, list):
        return [strip_bounds(v) for v in node]
    return node


def main(max_tokens: int) -> None:
    case = load_case(Path("evals/cases/002_ied_diyala.json"))
    v2 = get_version("v2")
    messages: Any = v2.messages(case.article, "en")
    schema = v2.response_model_for("en").model_json_schema()
    gguf = str(resolve("qwen2.5-1.5b")[0])
    llm = Llama(model_path=gguf, n_ctx=4096, n_threads=2, n_threads_batch=2, verbose=False)
    variants: dict[str, dict[str, Any] | None] = {
        "no grammar (pays for the prompt)": None,
        "v2 grammar (length bounds + script patterns)": schema,
        "v2 grammar without bounds or patterns": strip_bounds(schema),
    }
    for name, grammar_schema in variants.items():
        extra: dict[str, Any] = {}
        if grammar_schema is not None:
            extra["response_format"] = {"type": "json_object", "schema": grammar_schema}
        started = time.time()
        out: Any = llm.create_chat_completion(messages=messages, max_tokens=max_tokens, temperature=0, **extra)
        seconds = time.time() - started
        usage = out["usage"]
        print(f"{name}: {usage['completion_tokens']} tokens in {seconds:.1f} s (prompt {usage['prompt_tokens']})")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 400)
