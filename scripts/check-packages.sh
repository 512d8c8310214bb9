#!/usr/bin/env bash
# Packs every published package as `pnpm publish` would (prepack builds it, workspace:* becomes the
# real version) and checks the tarball, not the source folder:
#   - publint --strict: package.json fields, exports and files; any error, warning or suggestion fails
#   - attw --profile node16: every export resolves to JS and types for import (ESM) and require
#     (CJS) under node16 resolution, and for bundlers
#   - the packed package.json has no workspace: ranges; README.md and LICENSE are in; no sources or tests
# Usage: scripts/check-packages.sh [packages/<name> ...]   (default: every non-private package)
set -euo pipefail
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ensure-pnpm.sh"

if [ "$#" -gt 0 ]; then
  dirs=("$@")
else
  mapfile -t dirs < <(node -e '
    const fs = require("node:fs");
    for (const d of fs.readdirSync("packages").sort()) {
      const file = `packages/${d}/package.json`;
      if (fs.existsSync(file) && !JSON.parse(fs.readFileSync(file, "utf8")).private) console.log(`packages/${d}`);
    }')
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Checks one packed tarball; prints one "ok"/"FAIL" line (and the tools' output on failure).
check_tarball() {
  local name="$1" tarball="$2" problems=() publint_out attw_out manifest listing entries
  # publint exits non-zero on errors (and, with --strict, warnings); suggestions are failures here too.
  if ! publint_out="$(NO_COLOR=1 "$ROOT/node_modules/.bin/publint" run --strict "$tarball" 2>&1)" ||
    grep -qE '^(Errors|Warnings|Suggestions):' <<<"$publint_out"; then
    problems+=("publint")
    echo "$publint_out"
  fi
  if ! attw_out="$("$ROOT/node_modules/.bin/attw" "$tarball" --profile node16 --format table-flipped --no-color --no-emoji 2>&1)"; then
    problems+=("attw")
    echo "$attw_out"
  fi
  manifest="$(tar -xzOf "$tarball" package/package.json)"
  if grep -q '"workspace:' <<<"$manifest"; then
    problems+=("workspace: range in the packed package.json")
  fi
  listing="$(tar -tzf "$tarball")"
  for required in package/package.json package/README.md package/LICENSE; do
    grep -qx "$required" <<<"$listing" || problems+=("missing ${required#package/}")
  done
  if grep -qE '^package/(src|test)/|\.test\.' <<<"$listing"; then
    problems+=("sources or tests in the tarball")
  fi
  if [ "${#problems[@]}" -eq 0 ]; then
    entries="$(node -e 'const p = JSON.parse(process.argv[1]); console.log(Object.keys(p.exports ?? { ".": 0 }).join(" "))' "$manifest")"
    echo "ok   $name ($(wc -l <<<"$listing") files; publint --strict, attw node16 import+require: $entries)"
  else
    echo "FAIL $name: $(IFS=,; echo "${problems[*]}")"
    return 1
  fi
}

# Packing runs one at a time (prepack builds through turbo, which replays its cache after a build);
# the checks, attw above all (~8 s per package), run in parallel.
names=()
pids=()
for dir in "${dirs[@]}"; do
  name="$(node -p "require('./$dir/package.json').name")"
  dest="$work/$(basename "$dir")"
  mkdir -p "$dest"
  names+=("$name")
  # UNIREC_PACKAGES_BUILT=1 (set by scripts/test.sh, which has just built everything): skip prepack.
  if ! (cd "$dir" && "${PNPM[@]}" pack --pack-destination "$dest" ${UNIREC_PACKAGES_BUILT:+--config.ignore-scripts=true}) >"$dest/pack.log" 2>&1; then
    { cat "$dest/pack.log"; echo "FAIL $name: pnpm pack"; } >"$dest/report"
    echo 1 >"$dest/status"
    pids+=("")
    continue
  fi
  ( if check_tarball "$name" "$(ls "$dest"/*.tgz)" >"$dest/report" 2>&1; then echo 0; else echo 1; fi >"$dest/status" ) &
  pids+=("$!")
done
failed=()
for i in "${!dirs[@]}"; do
  dest="$work/$(basename "${dirs[$i]}")"
  [ -n "${pids[$i]}" ] && wait "${pids[$i]}"
  cat "$dest/report"
  [ "$(cat "$dest/status")" = 0 ] || failed+=("${names[$i]}")
done

if [ "${#failed[@]}" -gt 0 ]; then
  echo "package checks failed: ${failed[*]}"
  exit 1
fi
