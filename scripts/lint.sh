#!/usr/bin/env bash
# The lint (docs/testing.md, "Lint"): type-check plumed's own lint rules, then ESLint with
# typescript-eslint's type-aware rules over the whole tree and the determinism rules over app/,
# chain/ and x/. Any problem fails. Extra arguments go to ESLint: paths (default: the whole tree),
# or `--cache` for quick local reruns (see docs/testing.md for what the cache can miss).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npx tsc --noEmit -p tools/lint
tools/lint/node_modules/.bin/eslint --max-warnings 0 "$@"
