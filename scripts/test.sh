#!/usr/bin/env bash
# Every check CI runs: install (with the local llama.cpp backend), lint, types, the whole test suite,
# then the offline eval gate.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev,local || exit 1
.venv/bin/ruff check . || exit 1
.venv/bin/ruff format --check . || exit 1
.venv/bin/mypy summarizer tests || exit 1
SUMMARIZER_REQUIRE_LOCAL=1 .venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests" >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"
# The eval gate: replays every recording; a prompt or schema change without re-recorded cassettes fails here.
.venv/bin/summarizer eval --lang en || exit $?
.venv/bin/summarizer eval --lang ar || exit $?
