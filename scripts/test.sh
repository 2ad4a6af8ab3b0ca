#!/usr/bin/env bash
# The test command (README, CI): provisions what the tests need, then runs the whole build.
# Idempotent; tools are cached outside the work tree (BALANCE_TOOLS, default ~/.cache/balance).
set -euo pipefail
cd "$(dirname "$0")/.."

for step in scripts/provision/*.sh; do
  [ -e "$step" ] || continue
  bash "$step"
done

# Steps run in subshells and cannot export: they leave KEY=VALUE lines in $BALANCE_TOOLS/env/*.env
# (e.g. KUBE_API_TEST_DIR for the kube-api-test tier), exported here for Maven and its test JVMs.
set -a
for envfile in "${BALANCE_TOOLS:-$HOME/.cache/balance}"/env/*.env; do
  [ -e "$envfile" ] || continue
  . "$envfile"
done
set +a

exec mvn -B -ntp verify "$@"
