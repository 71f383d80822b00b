#!/usr/bin/env bash
# Record the eval suite live against a local GGUF model, one case + language per `summarizer eval --record` run.
#
#   scripts/record_suite.sh MODEL PROMPT [MAX_OUTPUT_TOKENS] [MAX_REASKS]
#   RECORD_CASES='^00[0-4]' scripts/record_suite.sh ...    # only case ids matching this regex (default: all)
#
# MODEL is a name from `summarizer models` (e.g. qwen2.5-1.5b) or a GGUF path, as for --local-model.
#
# Resumable: a case+language whose .meta.json already stamps the current prompt and schema hashes is skipped, so rerunning
# the script after an interruption (or a reboot) records only what is missing. Cases go in suite order with
# English and Arabic interleaved, so both languages grow at the same pace when time runs out.
# Run it from a worktree pinned at the commit you mean to record (code edits mid-run would change what runs).
set -euo pipefail
local_model=${1:?usage: record_suite.sh MODEL PROMPT [MAX_OUTPUT_TOKENS] [MAX_REASKS]}
prompt=${2:?usage: record_suite.sh MODEL PROMPT [MAX_OUTPUT_TOKENS] [MAX_REASKS]}
max_tokens=${3:-1500}
max_reasks=${4:-1}
cd "$(dirname "$0")/.."
py=.venv/bin/python
# The server answers to (and recordings are filed under) the model's alias, or a GGUF file's stem.
model=$($py -c "
import sys
from summarizer.models import resolve
path, known = resolve(sys.argv[1])
print(known.alias if known else path.stem)" "$local_model")
dir=cassettes/$model/$prompt
hash=$($py -c "import sys; from summarizer.prompts import get_version; print(get_version(sys.argv[1]).hash)" "$prompt")
schema_of() {  # the schema hash a recording in language $1 must carry (v2's grammar differs per language)
  $py -c "
import sys
from summarizer.prompts import get_version
from summarizer.schema import schema_hash
print(schema_hash(get_version(sys.argv[1]).response_model_for(sys.argv[2])))" "$prompt" "$1"
}
declare -A schema=([en]=$(schema_of en) [ar]=$(schema_of ar))
for case_file in evals/cases/*.json; do
  case_id=$(basename "$case_file" .json)
  [[ $case_id =~ ${RECORD_CASES:-.} ]] || continue
  for lang in en ar; do
    meta=$dir/$case_id.$lang.meta.json
    if [[ -f $meta && -f $dir/$case_id.$lang.yaml ]] && grep -q "\"prompt_hash\": \"$hash\"" "$meta" \
      && grep -q "\"schema_hash\": \"${schema[$lang]}\"" "$meta"; then
      continue
    fi
    echo "$(date -u +%H:%M:%S) recording $case_id $lang" >&2
    $py -m summarizer eval --record --local-model "$local_model" --prompt "$prompt" --lang "$lang" --case "$case_id" \
      --max-output-tokens "$max_tokens" --max-reasks "$max_reasks" --out "reports/record" || true
  done
done
echo "$(date -u +%H:%M:%S) all cases recorded for $model / $prompt" >&2
