#!/usr/bin/env bash
# A venv holding pinned PyPI releases (`agentcheck run --pin langgraph==0.6.4`), for the
# museum (docs/museum.md, decision 0055): called by setup-python.sh when
# AGENTCHECK_PYTHON_PINS is set. Args: <python> <its version> <pins, space-separated>.
# The pins are installed exactly; every other package of python/requirements.in by
# name only, so pip picks the newest releases that fit the pinned ones (an old langgraph
# needs an old langgraph-checkpoint). Kept in the machine's cache under
# agentcheck/python/pinned/<key>, keyed by the interpreter, requirements.in and the
# sorted pins; made once, reused after (the stamp is written last). Prints the venv's
# path on its last line. The default venv (.cache/python/venv) is never touched.
set -euo pipefail
cd "$(dirname "$0")/.."
python="$1"
version="$2"
sorted=$(echo "$3" | tr ' ' '\n' | grep -v '^$' | sort -u | tr '\n' ' ' | sed 's/ $//')
for pin in $sorted; do
  if ! [[ "$pin" =~ ^[A-Za-z0-9][A-Za-z0-9._-]*==[0-9][A-Za-z0-9.+!-]*$ ]]; then
    echo "setup-python: pin \"$pin\": expected a PyPI package pinned to one exact version, like langgraph==0.6.4" >&2
    exit 64
  fi
done
want="$version $(sha256sum python/requirements.in | cut -d' ' -f1) $sorted"
key=$(echo "$sorted" | tr ' ' '+' | tr -c 'A-Za-z0-9.=+_\n-' '_' | cut -c1-80)-$(echo "$want" | sha256sum | cut -c1-12)
machine="${XDG_CACHE_HOME:-$HOME/.cache}/agentcheck/python/pinned/$key"
venv="$machine/venv"
if [ -f "$venv/.agentcheck-stamp" ] && [ "$(cat "$venv/.agentcheck-stamp")" = "$want" ] && [ -x "$venv/bin/python" ]; then
  echo "Python venv ready: $venv"
  exit 0
fi
echo "setting up a Python venv for $sorted (from PyPI, once per machine)..."
mkdir -p "$machine"
exec 9>"$machine/.lock"
flock 9
if ! [ -f "$venv/.agentcheck-stamp" ] || [ "$(cat "$venv/.agentcheck-stamp")" != "$want" ]; then
  rm -rf "$venv"
  if ! "$python" -m venv "$venv" >/dev/null; then
    echo "setup-python: $python -m venv failed; install the venv module (Debian: apt-get install python3-venv)" >&2
    exit 2
  fi
  # requirements.in's names without their versions, less the pinned ones (extras kept: psycopg[binary,pool]).
  pinned_names=" $(for pin in $sorted; do echo "${pin%%==*}" | tr 'A-Z_.' 'a-z--'; done | tr '\n' ' ')"
  others=()
  while read -r line; do
    line="${line%%#*}"
    [ -z "${line// }" ] && continue
    req="${line%%[=<>!~ ]*}"
    name=$(echo "${req%%[*}" | tr 'A-Z_.' 'a-z--')
    case "$pinned_names" in *" $name "*) continue ;; esac
    others+=("$req")
  done < python/requirements.in
  # shellcheck disable=SC2086
  if ! out=$("$venv/bin/pip" install --quiet --disable-pip-version-check $sorted "${others[@]}" 2>&1); then
    rm -rf "$machine"
    missing=$(echo "$out" | grep -o 'No matching distribution found for .*' | head -1)
    if [ -n "$missing" ]; then
      echo "setup-python: PyPI has no release that fits: $missing" >&2
      exit 64
    fi
    why=$(echo "$out" | grep -E 'ERROR|error:' | head -2 | cut -c1-300 | tr '\n' ' ')
    echo "setup-python: pip could not install $sorted: ${why:-$(echo "$out" | tail -1)}" >&2
    exit 2
  fi
  "$venv/bin/pip" freeze --disable-pip-version-check > "$venv/agentcheck-freeze.txt"
  echo "$want" > "$venv/.agentcheck-stamp"
fi
echo "Python venv ready: $venv"
