#!/usr/bin/env bash
# promtool (checks the Prometheus rules and alerts in deploy/) from Debian's prometheus package.
# Installed only when promtool is missing. The package also ships the Prometheus server as a
# service: it must not be started, since it would listen on :9090 (the proxy's admin port in
# tests), so services are blocked with policy-rc.d for the install, and recommended packages
# (prometheus-node-exporter, another daemon) are not installed.
set -euo pipefail

log() { echo "[promtool] $*"; }
die() { echo "[promtool] FAILED: $*" >&2; exit 1; }

if command -v promtool >/dev/null 2>&1 && version="$(promtool --version 2>&1)"; then
  log "present: ${version%%$'\n'*}"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "promtool is missing and installing it (apt-get install prometheus) needs root"
command -v apt-get >/dev/null 2>&1 || die "promtool is missing and apt-get is not available"

# True when some process listens on TCP port 9090 (read from /proc, so no ss/netstat needed).
listening_9090() {
  awk 'FNR > 1 && $4 == "0A" && $2 ~ /:2382$/ { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}
busy_before=false
listening_9090 && busy_before=true

policy=/usr/sbin/policy-rc.d
made_policy=false
restore_policy() {
  if [ "$made_policy" = true ]; then rm -f "$policy"; fi
}
trap restore_policy EXIT
if [ ! -e "$policy" ]; then
  # invoke-rc.d and deb-systemd-invoke ask policy-rc.d; 101 means "action forbidden".
  printf '#!/bin/sh\n# temporary, from Balance scripts/provision/30-promtool.sh\nexit 101\n' >"$policy"
  chmod 0755 "$policy"
  made_policy=true
fi

log "installing Debian package prometheus (for promtool; its service is not started)"
apt-get update -qq || die "apt-get update failed"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null \
  || die "apt-get install prometheus failed"
restore_policy
made_policy=false

# Belt and braces for hosts whose init system started it anyway (e.g. a policy-rc.d that allows it).
if [ -d /run/systemd/system ] && systemctl is-active --quiet prometheus.service 2>/dev/null; then
  log "stopping and disabling the prometheus service that the package started"
  systemctl disable --now prometheus.service >/dev/null 2>&1 || die "cannot stop prometheus.service"
elif [ -x /etc/init.d/prometheus ] && /etc/init.d/prometheus status >/dev/null 2>&1; then
  log "stopping the prometheus service that the package started"
  /etc/init.d/prometheus stop >/dev/null 2>&1 || die "cannot stop the prometheus service"
fi
if [ "$busy_before" = false ] && listening_9090; then
  die "something listens on :9090 after installing prometheus; stop it (the tests use that port)"
fi

command -v promtool >/dev/null 2>&1 || die "promtool not on PATH after installing prometheus"
version="$(promtool --version 2>&1)" || die "promtool --version fails: $version"
log "installed: ${version%%$'\n'*}"
