#!/usr/bin/env bash
# Create .venv and install summarizer into it. Usage: scripts/setup.sh [EXTRAS], e.g. "dev,local".
#
# With the `local` extra, llama-cpp-python is built ONCE per machine type with explicit, portable CPU flags
# (never GGML_NATIVE: a native build from one CPU segfaulted on every decode on another, see README) into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/summarizer/wheels/<flags id>/
# and installed from that exact wheel file, so pip never compiles llama.cpp itself and its own wheel cache
# can never hand back a differently-flagged build. llama.cpp's C++ `llama-server` (parallel slots, what
# `--local` runs) is built the same way from the same source into .../summarizer/llama-server/<flags id>/ and
# copied to .venv/bin/llama-server. Both caches are shared by every checkout on the machine and locked
# (scripts/lib/cached_build.sh): concurrent set-ups build once and wait for each other.
# Chromium (the HTML page's browser test) is not installed here: scripts/test.sh installs it.
set -euo pipefail
shopt -s inherit_errexit  # an error inside $(...) stops the script too
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib/cached_build.sh
source scripts/lib/cached_build.sh
extras="${1:-dev}"
LLAMA_VERSION=0.3.36
say() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [ ! -x .venv/bin/python ]; then
  say "creating .venv"
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip

# Which portable build fits this CPU: AVX2+FMA+F16C (x86-64-v3, every x86 laptop and server since ~2015),
# else plain x86-64, else (ARM etc.) the compiler's generic target for the architecture.
llama_flags() {
  local arch flags
  arch="$(uname -m)"
  if [ "$arch" = "x86_64" ]; then
    flags="$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)"
    if [[ " $flags " == *" avx2 "* && " $flags " == *" fma "* && " $flags " == *" f16c "* ]]; then
      flags_id="x86-64-v3"
      cmake_args="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF"
      description="portable AVX2"
      return
    fi
    flags_id="x86-64"
    cmake_args="-DGGML_NATIVE=OFF -DGGML_AVX=OFF -DGGML_AVX2=OFF -DGGML_FMA=OFF -DGGML_F16C=OFF -DGGML_AVX512=OFF"
    description="portable x86-64, no AVX"
    return
  fi
  flags_id="${arch}-generic"
  cmake_args="-DGGML_NATIVE=OFF"
  description="portable ${arch}"
}

cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/summarizer"
cores="$(nproc 2>/dev/null || echo 2)"

build_llama_wheel() {  # $1: an empty folder (cached_build's); leaves the wheel in it, the log in $build_log
  say "building llama-cpp-python ${LLAMA_VERSION} (${description}, ${cmake_args}), about 5-10 minutes on ${cores} cores; log: $build_log"
  if ! CMAKE_ARGS="$cmake_args" CMAKE_BUILD_PARALLEL_LEVEL="$cores" \
    .venv/bin/python -m pip wheel --no-deps --no-cache-dir --no-binary llama-cpp-python \
    "llama-cpp-python==${LLAMA_VERSION}" -w "$1" >"$build_log" 2>&1; then
    say "building llama-cpp-python failed; the end of $build_log:"
    tail -n 30 "$build_log" >&2
    return 1
  fi
}

# llama.cpp's C++ server, from the same vendored source as the wheel (the sdist, sha256 pinned), same flags:
# it decodes several requests in one batch (parallel slots), which llama-cpp-python's server cannot.
# One change to that source: its JSON-schema grammar lets a newline and up to 20 spaces or tabs stand between
# any two JSON tokens, and small models fill them (Gemma 270M spent a whole 120-token answer on indentation);
# the grammar llama-cpp-python builds from the same schema allows one optional space. The patched rule is
# llama-cpp-python's, so both servers constrain answers alike. A new patch gets a new LLAMA_SERVER_BUILD.
LLAMA_SDIST_SHA256=832db0699007f1be95a7e41ef12e88926b02ba836461e36a36372db2760c1a2e
LLAMA_SERVER_BUILD="${LLAMA_VERSION}-compact-json"
COMPACT_SPACE_RULE='const std::string SPACE_RULE = "\" \"?";'
build_llama_server() {  # $1: an empty folder; leaves llama-server-${LLAMA_SERVER_BUILD} in it
  local out="$1" src
  say "building llama.cpp's llama-server (${description}), about 5 minutes on ${cores} idle cores; log: $build_log"
  {
    echo "llama-cpp-python==${LLAMA_VERSION} --hash=sha256:${LLAMA_SDIST_SHA256}" >"$out/requirements.txt"
    .venv/bin/python -m pip download --no-deps --no-binary :all: --require-hashes \
      -r "$out/requirements.txt" -d "$out/sdist" &&
      tar -xzf "$out"/sdist/llama_cpp_python-*.tar.gz -C "$out" &&
      src="$(echo "$out"/llama_cpp_python-*/vendor/llama.cpp)" &&
      sed -i "s|^const std::string SPACE_RULE = .*\$|${COMPACT_SPACE_RULE//\\/\\\\}|" "$src/common/json-schema-to-grammar.cpp" &&
      grep -qxF "$COMPACT_SPACE_RULE" "$src/common/json-schema-to-grammar.cpp" &&
      # shellcheck disable=SC2086  # cmake_args is a list of flags
      cmake -S "$src" -B "$out/build" $cmake_args \
        -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=OFF -DLLAMA_BUILD_SERVER=ON -DLLAMA_BUILD_TOOLS=ON \
        -DLLAMA_BUILD_TESTS=OFF -DLLAMA_BUILD_EXAMPLES=OFF -DLLAMA_BUILD_APP=OFF \
        -DLLAMA_OPENSSL=OFF -DLLAMA_BUILD_UI=OFF -DLLAMA_USE_PREBUILT_UI=OFF &&
      cmake --build "$out/build" --target llama-server -j "$cores"
  } >"$build_log" 2>&1 || {
    say "building llama-server failed; the end of $build_log:"
    tail -n 30 "$build_log" >&2
    return 1
  }
  # Decodes nothing yet, but proves the binary runs on this CPU; tests/test_local_llm.py decodes real tokens.
  "$out/build/bin/llama-server" --version >>"$build_log" 2>&1
  mv "$out/build/bin/llama-server" "$out/llama-server-${LLAMA_SERVER_BUILD}"
}

if [[ ",${extras}," == *",local,"* ]]; then
  llama_flags
  build_log="$cache_root/wheels/${flags_id}.build.log"
  cached_build "$cache_root/wheels/${flags_id}" "llama_cpp_python-${LLAMA_VERSION}-*.whl" build_llama_wheel
  wheel="$CACHED_PATH"
  say "llama-cpp-python ${LLAMA_VERSION} (${description}): $wheel"
  # Install that exact file unless it is already what the venv holds (pip would keep any installed 0.3.36,
  # e.g. a native build, as "already satisfied").
  installed="$(.venv/bin/python - "$wheel" <<'EOF'
import sys
from importlib import metadata

try:
    print(metadata.distribution("llama_cpp_python").read_text("direct_url.json") or "")
except metadata.PackageNotFoundError:
    print("")
EOF
)"
  if [[ "$installed" != *"$(basename "$wheel")"* ]]; then
    say "installing $(basename "$wheel")"
    .venv/bin/python -m pip install --quiet --no-deps --force-reinstall "$wheel"
  fi
  build_log="$cache_root/llama-server/${flags_id}.build.log"
  cached_build "$cache_root/llama-server/${flags_id}" "llama-server-${LLAMA_SERVER_BUILD}" build_llama_server
  # Beside the venv's python, where summarizer.local looks first.
  if ! cmp -s "$CACHED_PATH" .venv/bin/llama-server; then
    install -m 755 "$CACHED_PATH" .venv/bin/llama-server
  fi
  say "llama-server (${description}): $CACHED_PATH -> .venv/bin/llama-server"
fi
say "installing summarizer[${extras}]"
# --only-binary: should anything ask for another llama-cpp-python, pip must fail rather than compile one.
# -c requirements/lock.txt: the versions CI was green with (regenerate it as its header says).
.venv/bin/python -m pip install --quiet --only-binary llama-cpp-python -c requirements/lock.txt -e ".[${extras}]"
