# shellcheck shell=bash
# A build cached once per machine and shared by every checkout: sourced by scripts/setup.sh (and its test).
#
#   cached_build DEST PATTERN BUILD_FUNCTION   ->  sets CACHED_PATH to DEST/<the one file matching PATTERN>
#
# Why a lock and a private folder: two set-ups started seconds apart once built into the same DEST.tmp
# folder, one removed the other's files, and the loser went on with a folder for a wheel. Here every caller
# takes an exclusive flock on DEST.lock before it even looks in DEST; the first builds while the others wait,
# and they then find its result. The build writes into a fresh mktemp folder beside DEST (same file system),
# and only its finished artifact is renamed into DEST, so DEST never holds a partial file. The kernel drops
# the lock when its holder dies, even by SIGKILL; every other DEST.tmp.* folder found while holding the lock
# is then a dead run's leftover and is removed.
#
# The result comes back in a variable, not on stdout: a function run inside $(...) does not stop on errors.
# BUILD_FUNCTION gets the empty folder as $1 and must leave exactly one file matching PATTERN in it.
# Returns non-zero (and caches nothing) when the build fails or leaves no such file.

cached_build_say() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

_cached_build_abort() {  # Ctrl-C or SIGTERM while building: stop the build's whole process group, keep nothing
  kill -TERM -- "-$_cached_build_pid" 2>/dev/null || true
  wait "$_cached_build_pid" 2>/dev/null || true
  rm -rf "$_cached_build_tmp"
  exit "$1"
}

cached_build() {
  local dest="$1" pattern="$2" build="$3"
  local lock_fd tmp found status=0
  CACHED_PATH=""
  mkdir -p "$(dirname "$dest")"
  exec {lock_fd}>>"$dest.lock"
  if ! flock -n "$lock_fd"; then
    cached_build_say "another set-up is building into $dest; waiting for it (its result is used, nothing is built twice)"
    flock "$lock_fd"
  fi
  found="$(compgen -G "$dest/$pattern" | head -n1 || true)"
  if [ -n "$found" ]; then
    CACHED_PATH="$found"
    exec {lock_fd}>&-
    return 0
  fi
  rm -rf "$dest.tmp" "$dest".tmp.*  # under the lock: leftovers of runs that died (the old layout used DEST.tmp)
  tmp="$(mktemp -d "$dest.tmp.XXXXXX")"
  # In a background subshell with errexit on: a function called after `||` or inside `$(...)` would ignore
  # errexit and run on past a failed step.
  # Its own process group (job control on for the launch only), so an abort stops the compilers too.
  set -m
  ( set -e; shopt -s inherit_errexit; "$build" "$tmp" ) &
  _cached_build_pid=$! _cached_build_tmp="$tmp"
  set +m
  trap '_cached_build_abort 130' INT
  trap '_cached_build_abort 143' TERM
  local started=$SECONDS next_note=60
  while kill -0 "$_cached_build_pid" 2>/dev/null; do
    sleep 1
    if [ $((SECONDS - started)) -ge "$next_note" ] && kill -0 "$_cached_build_pid" 2>/dev/null; then
      cached_build_say "  still building $(basename "$(dirname "$dest")")/$(basename "$dest")... $(((SECONDS - started) / 60)) min"
      next_note=$((next_note + 60))
    fi
  done
  wait "$_cached_build_pid" || status=$?
  trap - INT TERM
  if [ "$status" -eq 0 ]; then
    found="$(compgen -G "$tmp/$pattern" | head -n1 || true)"
    if [ -z "$found" ] || [ ! -f "$found" ]; then
      cached_build_say "the build left no file matching $pattern in $tmp"
      status=1
    fi
  fi
  if [ "$status" -eq 0 ]; then
    mkdir -p "$dest"
    mv -f "$found" "$dest/"  # a rename on one file system: the cache holds a whole file or none
    CACHED_PATH="$dest/$(basename "$found")"
  fi
  rm -rf "$tmp"
  exec {lock_fd}>&-
  return "$status"
}
