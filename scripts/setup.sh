#!/usr/bin/env bash
# Everything a fresh checkout needs: npm packages and the pinned cometbft. Idempotent and quiet when done.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
# The linter is its own npm project: typescript-eslint needs TypeScript's JS API, which TypeScript 7
# (the app's compiler) no longer ships, so tools/lint pins TypeScript 6 for the linter alone.
if [ ! -d tools/lint/node_modules ] || [ tools/lint/package-lock.json -nt tools/lint/node_modules/.package-lock.json ]; then
  (cd tools/lint && npm ci --no-audit --no-fund --loglevel=error)
fi
bash scripts/install-cometbft.sh
