#!/usr/bin/env bash
# Installs Debian's chromium for the HTML report's browser test
# (reports/html.browser.test.ts), once: a machine that has it skips this.
# Why Debian's: playwright's own browser download needs the internet; the system
# package comes from the distribution's mirror, which CI reaches.
set -uo pipefail
exe="${AGENTCHECK_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$exe" ]; then
  echo "chromium already installed: $exe"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "setup-chromium: no chromium at $exe and no apt-get to install it; install chromium or set AGENTCHECK_CHROMIUM to its path" >&2
  exit 2
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo="sudo -n"; else
    echo "setup-chromium: installing chromium needs root (apt-get install chromium); run as root or install it yourself" >&2
    exit 2
  fi
fi
echo "installing Debian's chromium with apt-get (once)..."
if ! $sudo apt-get update -qq || ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
  echo "setup-chromium: apt-get could not install chromium; install it yourself or set AGENTCHECK_CHROMIUM to a chromium binary" >&2
  exit 2
fi
if [ ! -x "$exe" ]; then
  echo "setup-chromium: chromium installed but $exe is missing; set AGENTCHECK_CHROMIUM to its path" >&2
  exit 2
fi
echo "chromium installed: $exe ($("$exe" --version 2>/dev/null))"
