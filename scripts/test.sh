#!/usr/bin/env bash
# The test command (README, CI): provisions what the tests need, then runs the whole build.
# Idempotent; tools are cached outside the work tree (BALANCE_TOOLS, default ~/.cache/balance).
set -euo pipefail
cd "$(dirname "$0")/.."

for step in scripts/provision/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done

exec mvn -B -ntp verify "$@"
