#!/usr/bin/env bash
# The main job, offline on a fresh machine: install, then score every labelled case from its recording.
# No network, no API key: responses replay from cassettes/ (recorded from a real local llama.cpp server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
.venv/bin/summarizer prompts
.venv/bin/summarizer eval --lang en
.venv/bin/summarizer eval --lang ar
.venv/bin/summarizer eval --model reference --lang en
echo "Reports are in reports/. To summarise your own article, configure a provider (README) and run:"
echo "  .venv/bin/summarizer summarize seeds/000_28e21e24a588c826.article.txt --format markdown"
