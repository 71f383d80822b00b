#!/usr/bin/env bash
# Create .venv and install summarizer into it. Usage: scripts/setup.sh [EXTRAS], e.g. "dev,local".
#
# With the `local` extra, llama-cpp-python is built ONCE per machine type with explicit, portable CPU flags
# (never GGML_NATIVE: a native build from one CPU segfaulted on every decode on another, see README) into
#   ${XDG_CACHE_HOME:-$HOME/.cache}/summarizer/wheels/<flags id>/
# and installed from that exact wheel file, so pip never compiles llama.cpp itself and its own wheel cache
# can never hand back a differently-flagged build. The cache is shared by every checkout on the
# machine and locked (scripts/lib/cached_build.sh): concurrent set-ups build once and wait for each other.
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
fi
say "installing summarizer[${extras}]"
# --only-binary: should anything ask for another llama-cpp-python, pip must fail rather than compile one.
# -c requirements/lock.txt: the versions CI was green with (regenerate it as its header says).
.venv/bin/python -m pip install --quiet --only-binary llama-cpp-python -c requirements/lock.txt -e ".[${extras}]"
