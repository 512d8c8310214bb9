#!/usr/bin/env bash
# The README's test command: install, build, typecheck, lint (biome check), check the packed packages
# (publint, attw), build the API reference (typedoc, warnings are errors) and run every test (one
# vitest run over all packages; redis-server is installed first when missing, for @unirec/redis).
# The last line printed is the summary: "N passed, N failed, N skipped".
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ensure-pnpm.sh"
# No ANSI colour when stdout is not a terminal (vitest and typedoc colour regardless of the TTY).
[ -t 1 ] || export NO_COLOR=1

echo "==> build"
"${PNPM[@]}" exec turbo run build --output-logs=errors-only
echo "==> typecheck"
"${PNPM[@]}" exec turbo run typecheck --output-logs=errors-only
echo "==> lint (biome check: format and lint)"
"${PNPM[@]}" exec biome check .
echo "==> packages (pnpm pack, publint --strict, attw)"
UNIREC_PACKAGES_BUILT=1 "$ROOT/scripts/check-packages.sh"
echo "==> API reference (typedoc, warnings are errors)"
"${PNPM[@]}" exec typedoc --logLevel Warn
echo "==> tests"
# @unirec/redis tests start their own throwaway redis-server (never the system one on 6379)
"$ROOT/scripts/ensure-redis.sh"
mkdir -p .unirec-tmp
status=0
"${PNPM[@]}" exec vitest run --reporter=default --reporter=./scripts/vitest-skip-reasons.mjs \
  --reporter=json --outputFile.json=.unirec-tmp/vitest.json || status=$?
node scripts/test-summary.mjs .unirec-tmp/vitest.json
exit $status
