"""Tokens/s of the portable llama.cpp build (what scripts/setup.sh installs) against a native one, same machine.

Only ggml's CPU backend (``libggml-cpu.so``) depends on the CPU flags; everything else in the wheel is the same.
So the native variant is a copy of the installed ``llama_cpp`` package with that one library replaced by one
built from the same vendored llama.cpp source with ``-DGGML_NATIVE=ON`` (cmake target ``ggml-cpu`` only, a few
minutes). Each variant runs in its own process, alternating, on the same prompt (the seed article, prompt v1,
greedy); llama.cpp's own counters give prompt and generation tokens/s. Both must produce the same text.

  nice -n 10 .venv/bin/python bench/cpu_build.py --native-lib /tmp/llb/build-nativecpu/bin/libggml-cpu.so
Results: bench/results/cpu_build.json
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "seeds" / "000_28e21e24a588c826.article.txt"


def worker(model: str, generate: int, threads: int) -> None:
    import llama_cpp
    from llama_cpp import Llama

    from summarizer.models import resolve
    from summarizer.prompts import get_version

    gguf, _ = resolve(model)
    llm = Llama(model_path=str(gguf), n_ctx=4096, n_threads=threads, n_threads_batch=threads, verbose=False)
    messages = get_version().messages(ARTICLE.read_text(encoding="utf-8"), "en")
    llama_cpp.llama_perf_context_reset(llm.ctx)
    response: Any = llm.create_chat_completion(messages=messages, max_tokens=generate, temperature=0.0)  # type: ignore[arg-type]
    perf = llama_cpp.llama_perf_context(llm.ctx)
    print(
        json.dumps(
            {
                "library": str(Path(llama_cpp.__file__).parent / "lib" / "libggml-cpu.so"),
                "prompt_tokens": perf.n_p_eval,
                "prompt_tokens_per_s": round(perf.n_p_eval / perf.t_p_eval_ms * 1000, 1),
                "generated_tokens": perf.n_eval,
                "generation_tokens_per_s": round(perf.n_eval / perf.t_eval_ms * 1000, 2),
                "text": response["choices"][0]["message"]["content"],
            }
        )
    )


def native_package(native_lib: Path, folder: Path) -> Path:
    """A copy of the installed llama_cpp package with the native CPU backend swapped in; returns its parent."""
    import llama_cpp

    target = folder / "llama_cpp"
    shutil.copytree(Path(llama_cpp.__file__).parent, target)
    for library in (target / "lib").glob("libggml-cpu.so*"):
        library.unlink()
        shutil.copy(native_lib, library)
    return folder


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--native-lib", type=Path, help="libggml-cpu.so built with -DGGML_NATIVE=ON")
    parser.add_argument("--model", default="qwen2.5-1.5b")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--generate", type=int, default=64)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.model, args.generate, args.threads)
        return
    if args.native_lib is None:
        parser.error("--native-lib is required")
    runs: dict[str, list[dict[str, Any]]] = {"portable": [], "native": []}
    with tempfile.TemporaryDirectory() as tmp:
        pythonpath = {"portable": None, "native": native_package(args.native_lib, Path(tmp))}
        for _ in range(args.rounds):
            for variant, extra in pythonpath.items():
                env = dict(os.environ)
                if extra is not None:
                    env["PYTHONPATH"] = os.pathsep.join([str(extra), str(ROOT)])
                command = [sys.executable, __file__, "--worker", "--model", args.model]
                command += ["--generate", str(args.generate), "--threads", str(args.threads)]
                out = subprocess.run(command, env=env, check=True, capture_output=True, text=True).stdout
                run = json.loads(out.strip().splitlines()[-1])
                print(variant, json.dumps({k: v for k, v in run.items() if k != "text"}), flush=True)
                runs[variant].append(run)
    texts = {run["text"] for variant in runs.values() for run in variant}
    result = {
        "model": args.model,
        "threads": args.threads,
        "generated": args.generate,
        "same_text_everywhere": len(texts) == 1,
        **{
            variant: {
                "prompt_tokens_per_s": statistics.median(r["prompt_tokens_per_s"] for r in variant_runs),
                "generation_tokens_per_s": statistics.median(r["generation_tokens_per_s"] for r in variant_runs),
                "runs": [{k: v for k, v in r.items() if k != "text"} for r in variant_runs],
            }
            for variant, variant_runs in runs.items()
        },
    }
    out_path = Path(__file__).parent / "results" / "cpu_build.json"
    out_path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items()}, indent=2))


if __name__ == "__main__":
    main()
