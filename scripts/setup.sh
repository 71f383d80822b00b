#!/usr/bin/env bash
# Create .venv and install summarizer into it. Usage: scripts/setup.sh [EXTRAS], e.g. "dev,local".
set -euo pipefail
cd "$(dirname "$0")/.."
extras="${1:-dev}"
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# llama-cpp-python (the [local] extra) compiles llama.cpp on first install: about 9 minutes on 2 cores;
# pip caches the wheel, so later installs on the same machine take seconds.
.venv/bin/python -m pip install --quiet -e ".[${extras}]"
