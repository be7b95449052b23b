#!/usr/bin/env bash
# The whole test suite: type check, lint, unit tests (beside the code), then end-to-end tests in test/
# against real cometbft processes (one at a time: each starts its own network on loopback).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
echo "== type check"
npx tsc --noEmit -p .
echo "== lint"
bash scripts/lint.sh
echo "== unit tests"
npx jest --ci --maxWorkers=2 --testPathPatterns "^$root/(app|chain|x|cmd|proto|sim|tools)/"
echo "== end-to-end tests"
npx jest --ci --runInBand --testPathPatterns "^$root/test/"
