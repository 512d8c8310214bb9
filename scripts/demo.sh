#!/usr/bin/env bash
# The README's first command: installs what it needs, builds, then runs a full recording lifecycle on
# every vendor whose adapter exists, against the embedded simulator (no vendor account needed).
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ensure-pnpm.sh"

if [ ! -f packages/unirec/dist/cli.js ] || [ -n "$(find packages/*/src -newer packages/unirec/dist/cli.js -print -quit 2>/dev/null)" ]; then
  echo "==> building"
  "${PNPM[@]}" exec turbo run build --output-logs=errors-only >/dev/null
fi
echo
exec node packages/unirec/dist/cli.js demo
