#!/usr/bin/env bash
# Headless Chromium + chromedriver for the HTML review page's browser test (tests/test_html_browser.py).
# Debian's packages, so no driver is downloaded at test time (Selenium Manager is never used).
# Never fails the caller: without a browser that test skips and says why.
set -uo pipefail
say() { printf '[chromium %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  say "chromium and chromedriver present: $(chromium --version 2>/dev/null | head -n1)"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  say "no apt-get here: install Chromium and its chromedriver yourself, or the browser test of the HTML page skips"
  exit 0
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
    sudo="sudo -n"
  else
    say "not root and no password-less sudo: run 'sudo apt-get install chromium chromium-driver', or the browser test skips"
    exit 0
  fi
fi
say "installing chromium and chromium-driver from Debian (apt-get update first; a few minutes)"
started=$SECONDS
if $sudo apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >&2; then
  say "installed in $((SECONDS - started)) s: $(chromium --version 2>/dev/null | head -n1)"
else
  say "apt-get could not install chromium (offline, or no such package on this distribution); the browser test skips"
fi
exit 0
