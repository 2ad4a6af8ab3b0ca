#!/usr/bin/env bash
# A Lua interpreter for ArgoCdHealthCheckTest, which runs the BalanceProxy health check that
# docs/OPERATIONS.md gives Argo CD (Argo CD runs it in gopher-lua, Lua 5.1; the script uses only
# what 5.1 and 5.4 share). Installed only when missing.
set -euo pipefail

log() { echo "[lua] $*"; }
die() { echo "[lua] FAILED: $*" >&2; exit 1; }

for lua in lua5.4 lua5.3 lua5.1 lua; do
  if command -v "$lua" >/dev/null 2>&1; then
    log "present: $("$lua" -v 2>&1)"
    exit 0
  fi
done

[ "$(id -u)" = 0 ] || die "lua is missing and installing it (apt-get install lua5.4) needs root"
command -v apt-get >/dev/null 2>&1 || die "lua is missing and apt-get is not available"
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends lua5.4 \
  || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends lua5.4; }
log "installed: $(lua5.4 -v 2>&1)"
