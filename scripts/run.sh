#!/usr/bin/env bash
# One command, no cluster: builds the sandbox (first run only) and starts it: an embedded Kubernetes
# API server (fabric8 mock), the real operator, real proxy "pods" on 127.0.0.11, .12, ... and demo
# backends on 127.0.0.101-103, then applies examples/quickstart.yaml. It prints a kubectl wrapper and
# the address to curl. Ctrl-C stops everything. Options go to the sandbox (see --help).
#
#   scripts/run.sh --proxy-only [CONFIG]   the plain proxy demo instead: three demo backends on
#                                          127.0.0.1:9001-9003 and one proxy on :8080 (admin :9090)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${1:-}" = "--proxy-only" ]; then
  shift
  jar=proxy/target/balance-proxy.jar
  if [ ! -f "$jar" ]; then
    mvn -B -ntp -DskipTests package -pl proxy -am
  fi
  pids=()
  cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
  trap cleanup EXIT
  for port in 9001 9002 9003; do
    java -cp "$jar" io.balance.proxy.demo.DemoBackend "127.0.0.1:$port" "backend-$port" &
    pids+=($!)
  done
  echo "demo backends on 127.0.0.1:9001-9003; proxy on http://127.0.0.1:8080 (admin http://127.0.0.1:9090)"
  java -jar "$jar" run --config "${1:-examples/demo.yaml}" &
  pids+=($!)
  wait "${pids[-1]}"
  exit
fi

jar=sandbox/target/balance-sandbox.jar
if [ ! -f "$jar" ]; then
  mvn -B -ntp -DskipTests package -pl sandbox -am
fi
exec java -jar "$jar" "$@"
