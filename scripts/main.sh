#!/usr/bin/env bash
# The main job, offline on a fresh machine: install, then score every labelled case from its recording.
# No network, no API key: responses replay from cassettes/ (recorded from a real local llama.cpp server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh eval   # what the main job needs: no test tools, no browser (scripts/test.sh installs those)
.venv/bin/summarizer prompts
.venv/bin/summarizer eval                      # the gate: gated recordings, en and ar, against the baseline
.venv/bin/summarizer eval --model reference    # the gold labels as a digest: the scorers' ceiling
echo "Reports are in reports/. To summarise your own article, configure a provider (README) and run:"
echo "  .venv/bin/summarizer summarize seeds/000_28e21e24a588c826.article.txt --format markdown"
