#!/usr/bin/env bash
# Builds the Temporal CLI (which contains the full dev server) with the machine's
# Go toolchain into .cache/temporal, once: a warm machine skips the build.
# Why build: the npm registry does not ship the server, and the SDK's own
# download needs the internet. v1.5.1 is the last tag `go install` accepts.
set -euo pipefail
cd "$(dirname "$0")/.."
version="${TEMPORAL_CLI_VERSION:-v1.5.1}"
dest=".cache/temporal/$version"
bin="$dest/temporal"
# The adapter's own search order (adapters/temporal/locate.ts): a server or binary the
# user already has wins, and then nothing needs building.
if [ -n "${TEMPORAL_ADDRESS:-}" ]; then
  echo "TEMPORAL_ADDRESS=$TEMPORAL_ADDRESS is set: no temporal CLI build needed"
  exit 0
fi
if [ -n "${TEMPORAL_BIN:-}" ] && [ -x "$TEMPORAL_BIN" ]; then
  echo "TEMPORAL_BIN=$TEMPORAL_BIN: no temporal CLI build needed"
  exit 0
fi
if command -v temporal >/dev/null 2>&1; then
  echo "temporal on PATH ($(command -v temporal)): no temporal CLI build needed"
  exit 0
fi
if [ -x "$bin" ]; then
  echo "temporal CLI $version already built: $bin"
  exit 0
fi
# A machine-wide copy outlives fresh clones (CI clones anew each run): reuse it.
shared="${XDG_CACHE_HOME:-$HOME/.cache}/agentcheck/temporal/$version/temporal"
if [ -x "$shared" ]; then
  mkdir -p "$dest" && cp "$shared" "$bin"
  echo "temporal CLI $version taken from the machine cache: $shared"
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "setup-temporal: no Go toolchain on PATH; install Go or set TEMPORAL_ADDRESS to an existing server" >&2
  exit 2
fi
mkdir -p "$dest"
echo "building temporal CLI $version with $(go version) (takes a few minutes once)..."
GOBIN="$PWD/$dest" GOFLAGS="-trimpath" go install "github.com/temporalio/cli/cmd/temporal@$version"
"$bin" --version
mkdir -p "$(dirname "$shared")" && cp "$bin" "$shared.tmp" && mv "$shared.tmp" "$shared"
