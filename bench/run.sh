#!/usr/bin/env bash
# run.sh - Balance vs HAProxy on this machine (loopback, 2 CPUs), in one run.
#
#   bench/run.sh                        # throughput (3 rounds) + 10k idle connections
#   bench/run.sh --repeat 5 --aa        # 5 interleaved rounds + A/A control (HAProxy vs itself)
#   bench/run.sh --no-idle              # throughput only
#   bench/run.sh --idle-only            # 10k idle connections only
#
# What it does:
#  1. builds proxy/target/balance-proxy.jar if it is missing;
#  2. writes two Balance configs for the three loopback backends (127.0.0.1:19001-19003):
#     HTTP mode, round-robin (:18090) and TCP mode, round-robin (:18091), one event loop;
#  3. runs peers.sh (the shared harness): backends + wrk on cpu 0, the proxy under test alone on
#     cpu 1; targets direct, haproxy-http, haproxy-tcp, ours-http, ours-tcp (+ aa-haproxy with
#     --aa), interleaved per round (ABBA), wrk -t1 -c50 and -c200, after a warm-up per target;
#  4. runs conncap.sh: 10,000 idle keep-alive connections to ours-http (one GET each, then idle),
#     two rounds on the same process, RSS before / while holding them; HAProxy (HTTP) as the
#     reference at 9,900 connections (its ceiling under the 20,000 open-files limit here);
#  5. prints the headline table: req/s, p50, p99, RSS, ours/HAProxy and ours/direct ratios and
#     the issue's targets.
# Everything stays on 127.0.0.1, every load run is bounded (wrk -d, timeout), and only the
# processes started here are stopped, by PID. Every measured process (wrk, backends, HAProxy,
# ours) runs at niceness NICE (default -20, as root): on a shared machine other work then mostly
# waits during the bounded runs instead of stealing the proxy's core (NICE= turns it off).
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/.." && pwd)
JAR="$REPO/proxy/target/balance-proxy.jar"

# The JVM flags of the proxy image (Dockerfile.proxy should use the same; see README.md).
# One core, small footprint: Serial GC (one GC thread, no concurrent GC threads), C2 only (no
# tiered compilation: a third of the code cache and no C1 thread), 4 MB young generation (a
# request leaves ~230 bytes of garbage: a collection every ~14,000 requests, ~0.5 ms; 2 MB doubled
# the p99), heap 32-128 MB kept tight (at most 20% free after a collection), direct memory capped,
# glibc malloc limited to two arenas and trimmed every 5 s (C2 compiler arenas otherwise stay
# resident), exit on OOM so Kubernetes restarts the pod. The image sizes the heap from the
# container limit instead (-XX:MaxRAMPercentage=60); everything else is the same.
DEFAULT_JVM_FLAGS="-XX:+UseSerialGC -XX:-TieredCompilation -Xms32m -Xmx128m -Xmn4m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20 -XX:MaxDirectMemorySize=64m -XX:TrimNativeHeapInterval=5000 -XX:+ExitOnOutOfMemoryError"
JVM_FLAGS=${JVM_FLAGS:-$DEFAULT_JVM_FLAGS}
JVM_ENV=${JVM_ENV-MALLOC_ARENA_MAX=2}  # the image sets the same
TRANSPORT=${TRANSPORT:-}          # empty = the production default (transport.type auto)
REPEAT=3; DURATION=10s; WARMUP=20s; CONNS="50 200"; AA=0; IDLE=1; THROUGHPUT=1
IDLE_N=10000; IDLE_HOLD=30; IDLE_ROUNDS=2; IDLE_REF=1; OUT=""; EXTRA_TARGETS=""; EPOLL=0; ALT_JVM=""
HTTP_PORT=18090; TCP_PORT=18091; ADMIN_HTTP=18190; ADMIN_TCP=18191

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; cat <<'EOF'
options:
  --repeat N          rounds (default 3)              --duration 10s   measured wrk run
  --warmup 20s        unmeasured warm-up per target (JIT: 15 s or more)
  --conns "50 200"    wrk -c values                   --aa             add the A/A control
  --nginx             also measure nginx as a peer    --out DIR        results directory
  --epoll             also measure ours with transport.type epoll (ours-http-epoll, ours-tcp-epoll)
  --alt-jvm 'FLAGS'   also measure ours-http with other JVM flags (ours-http-alt)
  --no-idle | --idle-only | --idle-n N | --idle-hold S | --no-idle-ref (skip HAProxy's idle run)
env: JVM_FLAGS='...' (default: the image flags above)  JVM_ENV='VAR=value ...' (default MALLOC_ARENA_MAX=2)  TRANSPORT=epoll|io_uring|nio (default auto)
     and everything peers.sh / conncap.sh read (QUIET_PCT, NOISY_PCT, RETRIES, ...).
EOF
}
while [[ $# -gt 0 ]]; do
  case "$1" in
    --repeat) REPEAT=$2; shift 2;;
    --duration) DURATION=$2; shift 2;;
    --warmup) WARMUP=$2; shift 2;;
    --conns) CONNS=${2//,/ }; shift 2;;
    --aa) AA=1; shift;;
    --nginx) EXTRA_TARGETS="nginx"; shift;;
    --epoll) EPOLL=1; shift;;
    --alt-jvm) ALT_JVM=$2; shift 2;;
    --no-idle) IDLE=0; shift;;
    --idle-only) THROUGHPUT=0; shift;;
    --idle-n) IDLE_N=$2; shift 2;;
    --idle-hold) IDLE_HOLD=$2; shift 2;;
    --no-idle-ref) IDLE_REF=0; shift;;
    --out) OUT=$2; shift 2;;
    -h|--help) usage; exit 0;;
    *) echo "unknown argument $1" >&2; usage >&2; exit 2;;
  esac
done

export NICE=${NICE--20}
export QUIET_WAIT=${QUIET_WAIT:-60} RETRIES=${RETRIES:-1}
# With autogroup scheduling (kernel.sched_autogroup_enabled=1) the CPU is shared between sessions
# first and a process's niceness only counts inside its own session, so also give this session's
# autogroup the same niceness while the benchmark runs, and put the old value back at the end.
if [[ -n "$NICE" && "$(cat /proc/sys/kernel/sched_autogroup_enabled 2>/dev/null)" == 1 && -w /proc/self/autogroup ]]; then
  AUTOGROUP_OLD=$(awk '{print $NF}' /proc/self/autogroup)
  if echo "$NICE" 2>/dev/null > /proc/self/autogroup; then
    trap 'echo "$AUTOGROUP_OLD" > /proc/self/autogroup 2>/dev/null || true' EXIT
  fi
fi
# Open files: 10k client connections + backend connections; lib.sh raises it again for children.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

if [[ ! -f "$JAR" ]]; then
  echo "# building $JAR"
  (cd "$REPO" && mvn -B -ntp -q -DskipTests package -pl proxy -am)
fi
command -v java >/dev/null || { echo "java missing" >&2; exit 1; }

[[ -n "$OUT" ]] || OUT="$HERE/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUT"; OUT=$(cd "$OUT" && pwd)
CONF="$OUT/conf"; mkdir -p "$CONF"

write_balance_conf() {  # mode port admin_port file [transport]
  local mode=$1 port=$2 admin=$3 f=$4 transport=${5:-$TRANSPORT}
  {
    echo "# Balance $mode mode for bench/run.sh: production defaults except the bench's pinning"
    echo "# (one event loop) and loopback-only listeners."
    echo "mode: $mode"
    echo "listen: \"127.0.0.1:$port\""
    echo "backends:"
    echo "  - {name: b1, address: \"127.0.0.1:19001\"}"
    echo "  - {name: b2, address: \"127.0.0.1:19002\"}"
    echo "  - {name: b3, address: \"127.0.0.1:19003\"}"
    echo "load_balancer: {algorithm: round-robin}"
    if [[ -n "$transport" ]]; then echo "transport: {type: $transport, event_loops: 1}"
    else echo "transport: {event_loops: 1}"; fi
    echo "admin: {listen: \"127.0.0.1:$admin\"}"
  } > "$f"
}
write_balance_conf http "$HTTP_PORT" "$ADMIN_HTTP" "$CONF/ours-http.yaml"
write_balance_conf tcp "$TCP_PORT" "$ADMIN_TCP" "$CONF/ours-tcp.yaml"
write_balance_conf http 18092 18192 "$CONF/ours-http-epoll.yaml" epoll
write_balance_conf tcp 18093 18193 "$CONF/ours-tcp-epoll.yaml" epoll
for f in "$CONF"/ours-*.yaml; do
  java -jar "$JAR" validate --config "$f" > /dev/null || { echo "invalid generated config $f" >&2; exit 1; }
done
cmd_for() { echo "exec env $JVM_ENV java ${2:-$JVM_FLAGS} -jar $JAR run --config $1"; }
{
  echo "jar: $JAR ($(cd "$REPO" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
  echo "java: $(java -version 2>&1 | head -1)"
  echo "jvm flags: $JVM_FLAGS"
  echo "jvm environment: ${JVM_ENV:-none}"
  echo "transport: ${TRANSPORT:-auto (production default)}"
  echo "niceness of measured processes: ${NICE:-0}; $(cat /proc/self/autogroup 2>/dev/null || echo 'no autogroup')"
} > "$OUT/setup.txt"
cat "$OUT/setup.txt"

if [[ $THROUGHPUT == 1 ]]; then
  aa=(); [[ $AA == 1 ]] && aa=(--aa)
  more=()
  [[ $EPOLL == 1 ]] && more+=(--candidate "$(cmd_for "$CONF/ours-http-epoll.yaml")" --port 18092 --name ours-http-epoll
                              --candidate "$(cmd_for "$CONF/ours-tcp-epoll.yaml")" --port 18093 --name ours-tcp-epoll)
  [[ -n "$ALT_JVM" ]] && { write_balance_conf http 18094 18194 "$CONF/ours-http-alt.yaml"
                           more+=(--candidate "$(cmd_for "$CONF/ours-http-alt.yaml" "$ALT_JVM")" --port 18094 --name ours-http-alt); }
  "$HERE/peers.sh" --repeat "$REPEAT" --duration "$DURATION" --warmup "$WARMUP" --conns "$CONNS" \
    --targets "direct haproxy-http haproxy-tcp $EXTRA_TARGETS" \
    --candidate "$(cmd_for "$CONF/ours-http.yaml")" --port "$HTTP_PORT" --name ours-http \
    --candidate "$(cmd_for "$CONF/ours-tcp.yaml")" --port "$TCP_PORT" --name ours-tcp \
    "${more[@]}" "${aa[@]}" --out "$OUT/throughput"
  grep -h 'listening on' "$OUT/throughput/run/ours-"*.log 2>/dev/null | sed 's/^.*balance /# balance /' | sort -u || true
fi

if [[ $IDLE == 1 ]]; then
  ref=(--targets none); [[ $IDLE_REF == 1 ]] && ref=(--targets haproxy-http)
  HAPROXY_MAXCONN=9990 HAPROXY_N=$(( IDLE_N < 9900 ? IDLE_N : 9900 )) JCMD=1 WARM=${IDLE_WARM:-20s} \
    "$HERE/conncap.sh" -n "$IDLE_N" --hold "$IDLE_HOLD" --rounds "$IDLE_ROUNDS" --inline "${ref[@]}" \
    --candidate "$(cmd_for "$CONF/ours-http.yaml")" --port "$HTTP_PORT" --name ours-http \
    --out "$OUT/idle"
fi

# ---------------- headline ----------------
{
  echo ""
  echo "## headline ($(date -u +%Y-%m-%dT%H:%M:%SZ)); $(grep '^jvm flags' "$OUT/setup.txt")"
  if [[ -f "$OUT/throughput/results.tsv" ]]; then
    awk -F'\t' -v conns="$CONNS" -v noisy_pct="${NOISY_PCT:-15}" -f "$HERE/headline.awk" "$OUT/throughput/results.tsv"
  fi
  if compgen -G "$OUT/idle/ours-http-r*.json" > /dev/null; then
    python3 "$HERE/idle_summary.py" "$OUT/idle"
  fi
} | tee "$OUT/headline.txt"
echo "# all output under $OUT"
