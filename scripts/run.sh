#!/usr/bin/env bash
# Builds the proxy (first run only) and starts it in front of three demo backends on loopback.
# Try: curl http://127.0.0.1:8080/   and   curl http://127.0.0.1:9090/status
set -euo pipefail
cd "$(dirname "$0")/.."
jar=proxy/target/balance-proxy.jar
if [ ! -f "$jar" ]; then
  mvn -B -ntp -q -DskipTests package -pl proxy -am
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
