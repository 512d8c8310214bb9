#!/usr/bin/env bash
# Sourced by demo.sh and test.sh: makes `pnpm` (the version pinned in package.json) available and
# installs the workspace from the frozen lockfile. Works on a fresh machine that only has Node 20.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PNPM_VERSION="$(node -p "require('$ROOT/package.json').packageManager.split('@')[1]")"

if command -v pnpm >/dev/null 2>&1 && [ "$(pnpm --version 2>/dev/null || true)" = "$PNPM_VERSION" ]; then
  PNPM=(pnpm)
elif command -v corepack >/dev/null 2>&1 && corepack enable >/dev/null 2>&1 && [ "$(COREPACK_ENABLE_DOWNLOAD_PROMPT=0 pnpm --version 2>/dev/null || true)" = "$PNPM_VERSION" ]; then
  PNPM=(pnpm)
else
  PNPM=(npx --yes "pnpm@$PNPM_VERSION")
fi
export COREPACK_ENABLE_DOWNLOAD_PROMPT=0

cd "$ROOT"
if [ ! -d node_modules/.pnpm ] || [ pnpm-lock.yaml -nt node_modules/.modules.yaml ]; then
  echo "==> installing dependencies (pnpm $PNPM_VERSION, frozen lockfile)"
  "${PNPM[@]}" install --frozen-lockfile --reporter=append-only
fi
