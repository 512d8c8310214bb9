#!/usr/bin/env bash
# The benchmarks (docs/benchmarks.md): builds, then runs scripts/bench/run.mjs against the embedded
# simulator (and a throwaway redis-server for the fleet part, when one can be installed).
# Usage: ./scripts/bench.sh [--quick]
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ensure-pnpm.sh"
"${PNPM[@]}" exec turbo run build --output-logs=errors-only
"$ROOT/scripts/ensure-redis.sh" || echo "(no redis-server: the fleet part is skipped)"
exec node scripts/bench/run.mjs "$@"
