"""Generation speed with and without prompt v2's JSON-schema grammar, same process, same prompt (llama-cpp-python).

Why: recordings ran at 3-4.5 tok/s while llama-bench showed 24 tok/s; this separates the grammar's cost from the
machine's. The first row also pays for the prompt (later rows reuse llama.cpp's prompt cache).

  .venv/bin/python bench/grammar_cost.py 400     # tokens to generate per row
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from llama_cpp import Llama

from summarizer.evals.cases import load_case
from summarizer.models import resolve
from summarizer.prompts import get_version

case = load_case(Path("evals/cases/002_ied_diyala.json"))
v2 = get_version("v2")
messages = v2.messages(case.article, "en")
schema = v2.response_model_for("en").model_json_schema()


def strip_bounds(node):
    if isinstance(node, dict):
        node = {k: strip_bounds(v) for k, v in node.items() if k not in ("maxLength", "minLength", "pattern")}
    elif isinstance(node, list):
        node = [strip_bounds(v) for v in node]
    return node


llm = Llama(model_path=str(resolve("qwen2.5-1.5b")[0]), n_ctx=4096, n_threads=2, n_threads_batch=2, verbose=False)
variants = {
    "warm": None,
    "v2 (bounded + script patterns)": json.dumps(schema),
    "no length bounds, no patterns": json.dumps(strip_bounds(schema)),
}
for name, sch in list(variants.items()) * 1:
    kwargs = {}
    if sch:
        kwargs["response_format"] = {"type": "json_object", "schema": json.loads(sch)}
    t = time.time()
    out = llm.create_chat_completion(messages=messages, max_tokens=int(sys.argv[1]), temperature=0, **kwargs)
    dt = time.time() - t
    u = out["usage"]
    print(f"{name}: {u['completion_tokens']} tokens in {dt:.1f}s  prompt {u['prompt_tokens']}", flush=True)
