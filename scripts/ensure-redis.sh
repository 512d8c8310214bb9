#!/usr/bin/env bash
# Makes `redis-server` available for the @unirec/redis tests and benchmark (Debian package
# `redis-server`). Idempotent and quiet: does nothing when redis-server is already on PATH.
# The package's service is never used: tests start their own throwaway server on a free loopback port.
set -euo pipefail

if command -v redis-server >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "ensure-redis: redis-server is missing and apt-get is not available; install Redis ≥ 6.2 by hand" >&2
  exit 1
fi
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO=(sudo -n)
  else
    echo "ensure-redis: redis-server is missing; run as root or install the Debian package redis-server" >&2
    exit 1
  fi
fi
echo "==> installing redis-server (apt-get)"
export DEBIAN_FRONTEND=noninteractive
# Output is shown only when a step fails. The package's own service (if an init system starts it)
# does not matter: the tests never talk to a server on 6379.
run_quietly() {
  local output
  if ! output="$("$@" 2>&1)"; then
    echo "$output" >&2
    echo "ensure-redis: '$*' failed" >&2
    exit 1
  fi
}
run_quietly "${SUDO[@]}" apt-get update -qq
run_quietly "${SUDO[@]}" apt-get install -y -qq --no-install-recommends redis-server
command -v redis-server >/dev/null 2>&1
