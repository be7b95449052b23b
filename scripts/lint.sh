#!/usr/bin/env bash
# The lint (docs/testing.md, "Lint"): type-check plumed's own lint rules, then ESLint with
# typescript-eslint's type-aware rules over the whole tree and the determinism rules over app/,
# chain/ and x/. Any problem fails. Extra arguments go to ESLint (e.g. `--cache`, a path).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
npx tsc --noEmit -p tools/lint
if [ "$#" -eq 0 ]; then set -- .; fi
tools/lint/node_modules/.bin/eslint --max-warnings 0 "$@"
