#!/usr/bin/env bash
# Creates the project-local Python virtual environment (.cache/python/venv) with the
# pinned PyPI packages of python/requirements.txt, for the Python kit and the Python
# adapters (langgraph-py, temporal-py). Idempotent and cached: a stamp of the requirements and the
# interpreter lets a warm machine skip it in a few milliseconds.
# AGENTCHECK_PYTHON picks the interpreter (default: python3 on PATH); it must be >= 3.10.
# AGENTCHECK_PYTHON_PINS="langgraph==0.6.4 ..." (what `agentcheck run --pin name==version`
# sets) makes a separate venv for those releases instead, keyed by the pins, in the
# machine's cache; the default venv is never touched (decision 0055). Its path is the
# last line printed ("Python venv ready: <path>").
set -euo pipefail
cd "$(dirname "$0")/.."
python="${AGENTCHECK_PYTHON:-python3}"
venv=".cache/python/venv"
stamp="$venv/.agentcheck-stamp"

if ! command -v "$python" >/dev/null 2>&1; then
  echo "setup-python: $python not found on PATH; install Python >= 3.10 (or set AGENTCHECK_PYTHON to one)" >&2
  exit 2
fi
version=$("$python" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')
if ! "$python" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)'; then
  echo "setup-python: $python is Python $version; agentcheck's Python adapters need >= 3.10 (set AGENTCHECK_PYTHON to a newer one)" >&2
  exit 2
fi
want="$version $(sha256sum python/requirements.txt | cut -d' ' -f1)"
pins="${AGENTCHECK_PYTHON_PINS:-}"
if [ -n "$pins" ]; then
  exec bash scripts/setup-python-pinned.sh "$python" "$version" "$pins"
fi
# The venv itself lives in the machine's cache, keyed by interpreter and requirements,
# so a fresh clone on a warm machine links it in a few milliseconds; the project sees it
# at .cache/python/venv (a symbolic link).
machine="${XDG_CACHE_HOME:-$HOME/.cache}/agentcheck/python/$(echo "$want" | sha256sum | cut -c1-16)"
link_venv() {
  mkdir -p "$(dirname "$venv")"
  rm -rf "$venv"
  ln -s "$machine/venv" "$venv"
}
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  echo "Python venv up to date: $venv (Python $version)"
  exit 0
fi
if [ -f "$machine/venv/.agentcheck-stamp" ] && [ "$(cat "$machine/venv/.agentcheck-stamp")" = "$want" ] && [ -x "$machine/venv/bin/python" ]; then
  link_venv
  echo "Python venv ready: $venv (from the machine's cache, $machine)"
  exit 0
fi
echo "setting up the Python venv $venv (Python $version, pinned packages from PyPI; about a minute once per machine)..."
mkdir -p "$machine"
# One setup at a time per machine (CI and a developer's run may start together); the
# stamp is written last, so a setup cut off half way is never trusted.
exec 9>"$machine/.lock"
flock 9
if ! [ -f "$machine/venv/.agentcheck-stamp" ] || [ "$(cat "$machine/venv/.agentcheck-stamp")" != "$want" ]; then
  rm -rf "$machine/venv"
  if ! "$python" -m venv "$machine/venv" >/dev/null; then
    echo "setup-python: $python -m venv failed; install the venv module (Debian: apt-get install python3-venv)" >&2
    exit 2
  fi
  "$machine/venv/bin/pip" install --quiet --disable-pip-version-check -r python/requirements.txt
  echo "$want" > "$machine/venv/.agentcheck-stamp"
fi
link_venv
echo "Python venv ready: $venv"
