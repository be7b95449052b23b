#!/usr/bin/env bash
# Installs the pinned CometBFT (scripts/cometbft.version is the only place the version is written)
# into .bin/ of this checkout with `go install`. Does nothing when the right version is already there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version="$(tr -d '[:space:]' < "$root/scripts/cometbft.version")"
bin="$root/.bin/cometbft"
if [ -x "$bin" ] && [ "v$("$bin" version 2>/dev/null)" = "$version" ]; then
  exit 0
fi
if ! command -v go >/dev/null 2>&1; then
  echo "install-cometbft: Go is needed to install cometbft $version (https://go.dev/dl)" >&2
  exit 1
fi
echo "installing cometbft $version into $root/.bin (go install, about a minute)" >&2
mkdir -p "$root/.bin"
GOBIN="$root/.bin" GOFLAGS=-mod=mod go install "github.com/cometbft/cometbft/cmd/cometbft@$version"
got="v$("$bin" version)"
if [ "$got" != "$version" ]; then
  echo "install-cometbft: installed $got, expected $version" >&2
  exit 1
fi
