"""Does llama-server's speculative decoding make a local answer faster on this CPU? Same process, same requests.

Why: issue 23 asks for a local answer in 15 s, and the answers copy article text (Arabic bullets are often whole
sentences), which is what prompt-lookup (n-gram) drafting and a small draft model are for. Each recorded first
request of a conversation (the Arabic answer) is sent to a plain server, then to one started with ``--spec``'s
flags; each request is sent once with ``max_tokens`` 1 first, so both read the prompt from their cache and the
timing is the answer's decoding. Greedy decoding: the text should not change, and ``same`` says whether it did.

  python bench/local_speculative.py --model qwen2.5-0.5b --spec "--spec-type ngram-simple" CASSETTE...
  python bench/local_speculative.py --model qwen2.5-1.5b --spec "--spec-type draft-simple --model-draft PATH" ...
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import time
from pathlib import Path
from typing import Any

import httpx
import yaml

from summarizer.local import find_llama_server, free_port, llama_server_command
from summarizer.models import pull

ROOT = Path(__file__).resolve().parent.parent


def start(binary: Path, model: Path, extra: list[str], log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The server ``summarizer.local`` starts (its own command line: 1 slot, 2 threads), plus ``extra``; its base
    URL once healthy."""
    port = free_port()
    command = llama_server_command(binary, model, "m", port, context_tokens=16384, slots=1, threads=2) + extra
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=log.open("w"))
    for _ in range(480):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200:
                return process, f"http://127.0.0.1:{port}"
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.kill()
    raise SystemExit(f"the server did not start: {log.read_text(errors='replace')[-2000:]}")


def first_request(cassette: Path) -> dict[str, Any]:
    body = yaml.safe_load(cassette.read_text("utf-8"))["interactions"][0]["request"]["body"]
    request: dict[str, Any] = json.loads(body if isinstance(body, str) else body.decode())
    return {**request, "model": "m"}


def run(binary: Path, model: Path, extra: list[str], cassettes: list[Path]) -> list[dict[str, Any]]:
    process, url = start(binary, model, extra, Path("/tmp/local_speculative.log"))
    rows = []
    try:
        for cassette in cassettes:
            request = first_request(cassette)
            httpx.post(f"{url}/v1/chat/completions", json={**request, "max_tokens": 1}, timeout=900)
            started = time.monotonic()
            answer = httpx.post(f"{url}/v1/chat/completions", json=request, timeout=900).json()
            seconds = time.monotonic() - started
            timings = answer.get("timings", {})
            rows.append({
                "cassette": cassette.name, "seconds": round(seconds, 2),
                "completion_tokens": answer["usage"]["completion_tokens"],
                "text": answer["choices"][0]["message"]["content"],
                "draft_accepted": timings.get("draft_n_accepted"), "drafted": timings.get("draft_n"),
            })  # fmt: skip
    finally:
        process.terminate()
        process.wait()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-0.5b")
    parser.add_argument("--spec", required=True, help="llama-server flags that turn speculative decoding on")
    parser.add_argument("--out", type=Path, help="append the result here (JSON lines)")
    parser.add_argument("cassettes", type=Path, nargs="+")
    args = parser.parse_args()
    binary = find_llama_server()
    if binary is None:
        raise SystemExit("llama-server is not built (scripts/setup.sh dev,local)")
    model = pull(args.model)
    base = run(binary, model, [], args.cassettes)
    spec = run(binary, model, shlex.split(args.spec), args.cassettes)
    for plain, drafted in zip(base, spec, strict=True):
        same_text = plain["text"] == drafted["text"]
        print(f"{plain['cassette'][:32]:32} plain {plain['seconds']:6.1f}s {plain['completion_tokens']} tokens  "
              f"speculative {drafted['seconds']:6.1f}s {drafted['completion_tokens']} tokens  "
              f"accepted {drafted['draft_accepted']}/{drafted['drafted']}  same text: {same_text}")  # fmt: skip
    plain_s, spec_s = sum(r["seconds"] for r in base), sum(r["seconds"] for r in spec)
    same = sum(a["text"] == b["text"] for a, b in zip(base, spec, strict=True))
    summary = {"model": args.model, "spec": args.spec, "cases": len(base), "plain_s": round(plain_s, 1),
               "speculative_s": round(spec_s, 1), "ratio": round(spec_s / plain_s, 3), "same_text": same}  # fmt: skip
    print(json.dumps(summary))
    if args.out:
        with args.out.open("a", encoding="utf-8") as out:
            out.write(json.dumps(summary) + "\n")


if __name__ == "__main__":
    main()
