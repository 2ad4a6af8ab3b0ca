#!/usr/bin/env bash
# conncap.sh - concurrent-connection capacity / memory-per-connection check on loopback.
#
# Starts the same 3 nginx backends as peers.sh (127.0.0.1:19001-19003, cpu BACKEND_CPU),
# then for each target: starts the proxy pinned to PROXY_CPU, opens N keep-alive
# connections with idleconns.py (pinned to LOAD_CPU), sends one GET on each, holds
# them idle, and reports the proxy's RSS/PSS growth per connection and how many
# connections survived the hold. Everything is bounded (N <= 60000, hold <= 600 s).
#
#   conncap.sh                                  # haproxy-http and haproxy-tcp, N=5000
#   conncap.sh -n 5000 --targets "haproxy-http nginx"
#   conncap.sh --targets none --candidate 'java -jar lb.jar conf.yml' --port 18090
#   conncap.sh -n 10000 --inline --rounds 2 --targets none --candidate 'CMD' --port 18090
#
# --inline: each connection sends its GET right after connecting and reads the answer before
#           the next connect (see idleconns.py); default is one burst of N requests after all
#           connects. --rounds R: R identical rounds against the same proxy process (a JVM's
#           second-round figures are after its heap has settled). HAPROXY_MAXCONN (default
#           9000) and HAPROXY_N (default N) set HAProxy's maxconn and its connection count:
#           HAProxy reserves 2 fds per connection, so 9990 / 9900 is its ceiling here.
#           WARM=20s: before the rounds, load each target with wrk -c50 for that long, then
#           for CHURN_WARM (default 5s) with a new connection per request ('Connection: close'),
#           as peers.sh warms up: a JVM then holds the connections with its JIT-compiled code
#           (connection set-up and close included) and heap in working state.
#
# Limits of this machine: the hard open-files limit is 20000 per process and cannot be
# raised in this container, so an L4 proxy (2 fds per client connection) tops out near
# 9,900 connections and the client must use several processes beyond ~19,900.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

WRK_THREADS=${WRK_THREADS:-1}
N=${N:-5000}; HOLD=${HOLD:-20}; RATE=${RATE:-2000}; REQUEST=1; INLINE=0; ROUNDS=${ROUNDS:-1}
TARGETS=${TARGETS:-"haproxy-http haproxy-tcp"}
LOAD_CPU=${LOAD_CPU:-0}; BACKEND_CPU=${BACKEND_CPU:-0}; PROXY_CPU=${PROXY_CPU:-1}; PIN=${PIN:-1}
CAND_WAIT=${CAND_WAIT:-60}; OUTDIR=${OUTDIR:-}
CAND_CMDS=(); CAND_PORTS=(); CAND_NAMES=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    -n) N=$2; shift 2;;
    --hold) HOLD=$2; shift 2;;
    --rate) RATE=$2; shift 2;;
    --no-request) REQUEST=0; shift;;
    --inline) INLINE=1; shift;;
    --rounds) ROUNDS=$2; shift 2;;
    --targets) TARGETS=${2//,/ }; shift 2;;
    --candidate) CAND_CMDS+=("$2"); CAND_PORTS+=(""); CAND_NAMES+=(""); shift 2;;
    --port) CAND_PORTS[${#CAND_CMDS[@]}-1]="$2"; shift 2;;
    --name) CAND_NAMES[${#CAND_CMDS[@]}-1]="$2"; shift 2;;
    --out) OUTDIR=$2; shift 2;;
    --no-pin) PIN=0; shift;;
    -h|--help) sed -n '2,29p' "$0"; exit 0;;
    *) echo "unknown argument $1" >&2; exit 2;;
  esac
done
[[ "$TARGETS" == none ]] && TARGETS=""
for i in "${!CAND_CMDS[@]}"; do
  [[ -n "${CAND_PORTS[$i]}" ]] || { echo "candidate $((i+1)) has no --port" >&2; exit 2; }
  if [[ -z "${CAND_NAMES[$i]}" ]]; then
    if [[ ${#CAND_CMDS[@]} -gt 1 ]]; then CAND_NAMES[$i]=candidate$((i+1)); else CAND_NAMES[$i]=candidate; fi
  fi
done

[[ -n "$OUTDIR" ]] || OUTDIR="$HERE/results/conncap-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUTDIR"; OUTDIR=$(cd "$OUTDIR" && pwd); RUN="$OUTDIR/run"; mkdir -p "$RUN"; LOG="$OUTDIR/conncap.log"; : > "$LOG"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
trap cleanup EXIT
trap 'exit 130' INT TERM

ALL=()
for t in $TARGETS; do
  [[ $t != direct && -n "${PORT[$t]:-}" ]] || { echo "unknown target $t" >&2; exit 2; }
  ALL+=("$t")
done
for i in "${!CAND_NAMES[@]}"; do
  PORT[${CAND_NAMES[$i]}]=${CAND_PORTS[$i]}; CAND_PORT_OF[${CAND_NAMES[$i]}]=${CAND_PORTS[$i]}; ALL+=("${CAND_NAMES[$i]}")
done
for p in "${BACKEND_PORTS[@]}"; do port_busy "$p" && { echo "port $p in use" >&2; exit 1; }; done
for t in "${ALL[@]}"; do port_busy "${PORT[$t]}" && { echo "port ${PORT[$t]} in use" >&2; exit 1; }; done

say "# conncap.sh $(date -u +%Y-%m-%dT%H:%M:%SZ) N=$N hold=${HOLD}s rate=$RATE/s request=$REQUEST inline=$INLINE rounds=$ROUNDS pin=$PIN nice=${NICE:-0} (client cpu $LOAD_CPU, backends cpu $BACKEND_CPU, proxy cpu $PROXY_CPU) nofile=$(ulimit -n)"
start_backends || exit 1
req=(); [[ $REQUEST == 1 ]] && req=(--request); [[ $REQUEST == 1 && $INLINE == 1 ]] && req+=(--inline)

printf '%-14s %5s %6s %6s %6s %6s %8s %8s %8s %8s %8s %8s %9s\n' target round n conn ok200 alive rss0MB rssMB medMB maxMB KB/conn PSSKB/c slabKB/c | tee -a "$LOG"
for t in "${ALL[@]}"; do
  if ! start_target "$t"; then stop_target; continue; fi
  n=$N; [[ $t == haproxy-* ]] && n=${HAPROXY_N:-$N}
  sleep 1
  if [[ -n "${WARM:-}" ]]; then
    run_wrk "${PORT[$t]}" 50 "$WARM" "$OUTDIR/$t-warm.txt"
    WRK_HEADER='Connection: close' run_wrk "${PORT[$t]}" 50 "${CHURN_WARM:-5s}" "$OUTDIR/$t-warm-churn.txt"
    read -r warm_rps _ < <(parse_wrk "$OUTDIR/$t-warm.txt")
    read -r churn_rps _ < <(parse_wrk "$OUTDIR/$t-warm-churn.txt")
    say "#   $t warmed: wrk -c50 -d$WARM $warm_rps req/s, then -d${CHURN_WARM:-5s} with Connection: close $churn_rps req/s"
    sleep 2
  fi
  for r in $(seq 1 "$ROUNDS"); do
    # shellcheck disable=SC2046
    timeout -k 5 $(( n / RATE * 2 + HOLD + 150 )) $(pin "$LOAD_CPU") python3 "$HERE/idleconns.py" \
      --port "${PORT[$t]}" -n "$n" --rate "$RATE" --hold "$HOLD" --pid "$TPID" "${req[@]}" --json \
      > "$OUTDIR/$t-r$r.json" 2> "$OUTDIR/$t-r$r.err" || say "#   idleconns failed for $t: $(tail -1 "$OUTDIR/$t-r$r.err")"
    python3 - "$t" "$r" "$OUTDIR/$t-r$r.json" <<'EOF' | tee -a "$LOG"
import json, sys
t, r, f = sys.argv[1], sys.argv[2], sys.argv[3]
try:
    d = json.load(open(f))
except Exception:
    print(f"{t:14s} {r:>5s} (no result)"); sys.exit()
print(f"{t:14s} {r:>5s} {d['n']:6d} {d['connected']:6d} {d.get('responses_200', '-')!s:>6} {d['alive_after_hold']:6d} "
      f"{d['rss_kb_before']/1024:8.1f} {d['rss_kb_held']/1024:8.1f} {d.get('rss_kb_hold_median', 0)/1024:8.1f} "
      f"{d.get('rss_kb_hold_max', 0)/1024:8.1f} {d['rss_kb_per_conn']:8.2f} "
      f"{d['pss_kb_per_conn']:8.2f} {d['slab_kb_per_client_conn']:9.2f}")
EOF
    if [[ "${JCMD:-0}" == 1 && -n "${CAND_PORT_OF[$t]:-}" ]] && command -v jcmd >/dev/null; then
      timeout 20 jcmd "$TPID" GC.heap_info > "$OUTDIR/$t-r$r.heap.txt" 2>&1 || true
    fi
    sleep 3   # let the proxy see the closes before the next round / the stop
  done
  stop_target
done
say "# rss0MB = proxy RSS before the round; rssMB = with the connections held idle (at the end of the hold);"
say "# medMB / maxMB = median / max of the RSS sampled once a second through the hold."
say "# KB/conn = (proxy RSS with N idle connections - RSS before) / N; PSS likewise (shared pages split)."
say "# slabKB/c = system-wide kernel slab growth / N: all socket ends (client, proxy both sides, backend)."
say "# raw JSON per target in $OUTDIR"
