#!/usr/bin/env bash
# peers.sh - peer benchmark harness for HTTP/TCP load balancers on loopback.
#
# Starts 3 nginx backends (127.0.0.1:19001-19003, fixed 100-byte 200 body),
# then measures with wrk, one target at a time:
#   direct        wrk -> backend 19001 (no proxy: the rig's ceiling)
#   haproxy-http  HAProxy, mode http, roundrobin, keep-alive + http-reuse always  (:18081)
#   haproxy-tcp   HAProxy, mode tcp, roundrobin                                  (:18082)
#   nginx         nginx reverse proxy, upstream keepalive                         (:18083)
#   <candidates>  any command given with --candidate 'CMD' --port N
# Reports req/s, latency p50/p99, errors, proxy CPU use and RSS, and (with
# candidates) ratios candidate/HAProxy and candidate/direct.
#
# CPU layout (2 cores; see README.md for the reasoning):
#   cpu LOAD_CPU=0    : wrk (1 thread) + the backend nginx (1 worker)  = "the rig"
#   cpu PROXY_CPU=1   : the proxy under test, alone (1 worker / 1 thread)
#
# Only loopback is used. Every wrk run is bounded by -d (and a `timeout`).
# Only processes started by this script are killed, by PID.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# ---------------- defaults (env overrides) ----------------
DURATION=${DURATION:-10s}        # wrk -d for each measured run
WARMUP=${WARMUP:-5s}             # wrk -d for the unmeasured warm-up of each target
CHURN_WARMUP=${CHURN_WARMUP:-5s} # then wrk -d with 'Connection: close' (connect/close paths warm)
SETTLE_RUNS=${SETTLE_RUNS:-3}    # then this many rounds of 3 s keep-alive runs, one per CONNS value (see warm_up)
CONNS=${CONNS:-"50 200"}         # wrk -c values, each one measured run
WRK_THREADS=${WRK_THREADS:-1}    # wrk -t
REPEAT=${REPEAT:-1}              # rounds; targets are interleaved inside each round
TARGETS=${TARGETS:-"direct haproxy-http haproxy-tcp nginx"}
LOAD_CPU=${LOAD_CPU:-0}          # wrk
BACKEND_CPU=${BACKEND_CPU:-0}    # backend nginx
PROXY_CPU=${PROXY_CPU:-1}        # proxy under test (haproxy / nginx / candidate)
PIN=${PIN:-1}                    # 0 = no taskset at all
CAND_WAIT=${CAND_WAIT:-60}       # seconds to wait for a candidate to answer 200
PAUSE=${PAUSE:-2}                # seconds of idle sampling between runs (also the quiet check)
QUIET_PCT=${QUIET_PCT:-10}       # machine counts as quiet when foreign CPU use < this (% of one CPU)
QUIET_WAIT=${QUIET_WAIT:-300}    # max seconds to wait for quiet before each run (then warn and go on)
NOISY_PCT=${NOISY_PCT:-15}       # a run is "contaminated" if foreign CPU during it >= this (% of one CPU)
RETRIES=${RETRIES:-3}            # re-measure a contaminated run up to this many times
OUTDIR=${OUTDIR:-}
PRIMARY_REF=${PRIMARY_REF:-haproxy-http}   # reference for candidate/HAProxy ratio

CAND_CMDS=(); CAND_PORTS=(); CAND_NAMES=()

usage() {
  cat <<'EOF'
usage: peers.sh [options]
  --candidate 'CMD'   command that starts the proxy under test in the foreground
                      (repeatable; pair each with --port, optionally --name).
                      It must listen on 127.0.0.1:PORT and proxy to the backends
                      127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003 (read from
                      its own config). The command runs under `bash -c`, pinned to
                      PROXY_CPU, with these variables exported:
                        BENCH_PORT=N  BENCH_BACKENDS=127.0.0.1:19001,...  BENCH_CPU
  --port N            listen port of the preceding --candidate
  --name NAME         label of the preceding --candidate (default candidate[N])
  --ref TARGET        reference for "candidate/HAProxy" ratio (default haproxy-http;
                      use haproxy-tcp for an L4 candidate)
  --repeat N          rounds (targets interleaved per round); summary gives median/min/max
  --duration 10s      measured wrk duration          (env DURATION)
  --warmup 5s         unmeasured warm-up per target   (env WARMUP; use >=10s for a JVM)
  --conns "50 200"    wrk -c values                   (env CONNS)
  --targets "..."     peers to run, subset of: direct haproxy-http haproxy-tcp nginx
                      ("none" = candidates only, plus nothing else)
  --out DIR           results directory (default bench/results/<timestamp>)
  --no-pin            do not use taskset
  --summarize DIR     only print the summary of an earlier run's DIR/results.tsv
  --aa                A/A control: add a candidate "aa-haproxy" = a second HAProxy with the
                      haproxy-http config on port 18084; its ratios show the noise floor
Env: LOAD_CPU=0 BACKEND_CPU=0 PROXY_CPU=1 WRK_THREADS=1 CAND_WAIT=60 PAUSE=2
     QUIET_PCT=10 QUIET_WAIT=300 NOISY_PCT=15 RETRIES=3
     NICE=-20 (run wrk, backends and every proxy at that niceness: a shared machine's other work
     then mostly waits while a run is measured; all targets get the same priority)
     WRK_HEADER='Connection: close' (new connection per request)  WRK_PATH=/1m (1 MiB body)
EOF
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --candidate) CAND_CMDS+=("$2"); CAND_PORTS+=(""); CAND_NAMES+=(""); shift 2;;
    --port)      [[ ${#CAND_CMDS[@]} -gt 0 ]] || { echo "--port needs a preceding --candidate" >&2; exit 2; }
                 CAND_PORTS[${#CAND_CMDS[@]}-1]="$2"; shift 2;;
    --name)      [[ ${#CAND_CMDS[@]} -gt 0 ]] || { echo "--name needs a preceding --candidate" >&2; exit 2; }
                 CAND_NAMES[${#CAND_CMDS[@]}-1]="$2"; shift 2;;
    --ref)       PRIMARY_REF=$2; shift 2;;
    --repeat)    REPEAT=$2; shift 2;;
    --duration)  DURATION=$2; shift 2;;
    --warmup)    WARMUP=$2; shift 2;;
    --conns)     CONNS=${2//,/ }; shift 2;;
    --targets)   TARGETS=${2//,/ }; shift 2;;
    --out)       OUTDIR=$2; shift 2;;
    --no-pin)    PIN=0; shift;;
    --summarize) SUMMARIZE=$2; shift 2;;
    --aa)        AA=1; shift;;
    -h|--help)   usage; exit 0;;
    *) echo "unknown argument: $1" >&2; usage >&2; exit 2;;
  esac
done
[[ "$TARGETS" == "none" ]] && TARGETS=""
if [[ "${AA:-0}" == 1 ]]; then   # the config file is written once RUN exists (below)
  CAND_CMDS+=('exec haproxy -db -f "$BENCH_RUN/aa-haproxy.cfg"'); CAND_PORTS+=(18084); CAND_NAMES+=(aa-haproxy)
fi

if [[ -n "${SUMMARIZE:-}" ]]; then   # re-summarize an earlier run
  tsv="$SUMMARIZE/results.tsv"; [[ -f "$tsv" ]] || { echo "no $tsv" >&2; exit 1; }
  order=$(awk -F'\t' 'NR>1 && $7!="FAILED" && !s[$2]++ {printf "%s%s", (n++?",":""), $2}' "$tsv")
  conns=$(awk -F'\t' 'NR>1 && $3!="-" && !s[$3]++ {printf "%s%s", (n++?" ":""), $3}' "$tsv")
  cands=$(awk -F'\t' 'NR>1 && $2!~/^(direct|haproxy-http|haproxy-tcp|nginx)$/ && !s[$2]++ {printf "%s%s", (n++?",":""), $2}' "$tsv")
  echo "## summary of $tsv"
  awk -F'\t' -v order="$order" -v conns="$conns" -v cands="$cands" -v ref="$PRIMARY_REF" -v noisy_pct="${NOISY_PCT}" \
    -f "$HERE/summarize.awk" "$tsv"
  exit 0
fi

for i in "${!CAND_CMDS[@]}"; do
  [[ -n "${CAND_PORTS[$i]}" ]] || { echo "candidate $((i+1)) has no --port" >&2; exit 2; }
  if [[ -z "${CAND_NAMES[$i]}" ]]; then
    unnamed=0; for x in "${CAND_NAMES[@]}"; do [[ -z "$x" ]] && unnamed=$((unnamed + 1)); done
    if [[ $unnamed -eq 1 ]]; then CAND_NAMES[$i]=candidate; else CAND_NAMES[$i]=candidate$((i+1)); fi
  fi
done

for tool in wrk haproxy nginx curl taskset ss awk; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y haproxy nginx wrk curl util-linux iproute2" >&2; exit 1; }
done

NCPU=$(nproc)
if [[ "$PIN" == 1 ]] && (( NCPU < 2 )); then echo "fewer than 2 CPUs: pinning disabled" >&2; PIN=0; fi

[[ -n "$OUTDIR" ]] || OUTDIR="$HERE/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$OUTDIR"; OUTDIR=$(cd "$OUTDIR" && pwd)
RUN="$OUTDIR/run"; mkdir -p "$RUN"
# shellcheck source=lib.sh
source "$HERE/lib.sh"
export BENCH_RUN="$RUN"
[[ "${AA:-0}" == 1 ]] && write_haproxy_conf http "$RUN/aa-haproxy.cfg" 18084
TSV="$OUTDIR/results.tsv"
LOG="$OUTDIR/peers.log"
: > "$LOG"


# ---------------- main ----------------
ALL_TARGETS=()
for t in $TARGETS; do
  [[ -n "${PORT[$t]:-}" ]] || { echo "unknown target $t (known: direct haproxy-http haproxy-tcp nginx)" >&2; exit 2; }
  ALL_TARGETS+=("$t")
done
for i in "${!CAND_NAMES[@]}"; do
  n=${CAND_NAMES[$i]}
  [[ -z "${PORT[$n]:-}" ]] || { echo "candidate name $n clashes with a peer name" >&2; exit 2; }
  PORT[$n]=${CAND_PORTS[$i]}; CAND_PORT_OF[$n]=${CAND_PORTS[$i]}
  ALL_TARGETS+=("$n")
done
[[ ${#ALL_TARGETS[@]} -gt 0 ]] || { echo "nothing to measure" >&2; exit 2; }

for p in "${BACKEND_PORTS[@]}"; do port_busy "$p" && { echo "port $p already in use" >&2; exit 1; }; done
for t in "${ALL_TARGETS[@]}"; do
  [[ $t == direct ]] && continue
  port_busy "${PORT[$t]}" && { echo "port ${PORT[$t]} ($t) already in use" >&2; exit 1; }
done

say "# peers.sh $(date -u +%Y-%m-%dT%H:%M:%SZ)  host=$(hostname) cpus=$NCPU kernel=$(uname -r)"
say "# haproxy $(haproxy -v 2>/dev/null | awk 'NR==1{print $3}')  nginx $(nginx -v 2>&1 | awk -F/ '{print $2}')  $(wrk -v 2>&1 | awk 'NR==1{print $1,$2}')"
[[ -n "${WRK_HEADER:-}${WRK_PATH:-}" ]] && say "# wrk extra: header='${WRK_HEADER:-}' path='${WRK_PATH:-/}'"
say "# pin=$PIN nice=${NICE:-0} load_cpu=$LOAD_CPU backend_cpu=$BACKEND_CPU proxy_cpu=$PROXY_CPU  wrk -t$WRK_THREADS -d$DURATION conns=[$CONNS] warmup=$WARMUP+churn $CHURN_WARMUP+${SETTLE_RUNS}x3s repeat=$REPEAT"
say "# targets: ${ALL_TARGETS[*]}"
for i in "${!CAND_NAMES[@]}"; do say "# ${CAND_NAMES[$i]} (port ${CAND_PORTS[$i]}): ${CAND_CMDS[$i]}"; done
say "# results: $OUTDIR"

start_backends || exit 1
say "# backends up (pid $BPID): $(curl -s http://127.0.0.1:19001/ | wc -c)-byte body on ${BACKEND_PORTS[*]}"

printf 'round\ttarget\tconns\trps\tp50_ms\tp99_ms\terrors\tproxy_cpu_pct\tcpu%s_pct\tcpu%s_pct\tsteal_pct\trss_mb\thwm_mb\tother_cpu_pct\tclean\treq_per_cpu_s\n' \
  "$LOAD_CPU" "$PROXY_CPU" > "$TSV"
printf '%-5s %-14s %5s %10s %8s %8s %6s %6s %5s %5s %6s %8s %8s %6s\n' round target conns req/s p50ms p99ms errs pxcpu c$LOAD_CPU c$PROXY_CPU steal rssMB hwmMB other | tee -a "$LOG"

measure_once() {  # round target conns attempt -> appends a TSV row; sets clean, other
  local round=$1 t=$2 c=$3 attempt=$4 f s0 s1 t0 t1 b0 b1 ns0 ns1 pxcpu rss hwm rk hk c0 c1 st rps p50 p99 err eff
  f="$OUTDIR/r${round}-$t-c$c.txt"; [[ $attempt -gt 0 ]] && f="$OUTDIR/r${round}-$t-c$c-try$attempt.txt"
  s0=$(mktemp); s1=$(mktemp)
  QUIET_SAID=; wait_quiet
  cpu_snapshot > "$s0"
  t0=0; [[ -n "$TPID" ]] && t0=$(tree_cpu_ticks "$TPID")
  b0=$(tree_cpu_ticks "$BPID")
  ns0=$(date +%s%N)
  run_wrk "${PORT[$t]}" "$c" "$DURATION" "$f"
  ns1=$(date +%s%N)
  cpu_snapshot > "$s1"
  b1=$(tree_cpu_ticks "$BPID")
  pxcpu=NA; rss=NA; hwm=NA; t1=$t0
  if [[ -n "$TPID" ]]; then
    t1=$(tree_cpu_ticks "$TPID")
    pxcpu=$(awk -v a="$t0" -v b="$t1" -v hz="$CLK_TCK" -v ns="$((ns1 - ns0))" \
      'BEGIN{printf "%.0f", 100*(b-a)/hz/(ns/1e9)}')
    read -r rk hk < <(tree_mem_kb "$TPID")
    rss=$(awk -v k="$rk" 'BEGIN{printf "%.1f", k/1024}'); hwm=$(awk -v k="$hk" 'BEGIN{printf "%.1f", k/1024}')
  fi
  c0=$(cpu_busy_pct "$s0" "$s1" "cpu$LOAD_CPU"); c1=$(cpu_busy_pct "$s0" "$s1" "cpu$PROXY_CPU")
  st=$(cpu_steal_pct "$s0" "$s1")
  # other = all busy CPU time - (wrk + backend + proxy), in % of one CPU
  other=$(awk -v tb="$(( $(total_busy_ticks "$s1") - $(total_busy_ticks "$s0") ))" \
    -v ours="$(( b1 - b0 + t1 - t0 ))" -v w="$(cat "$f.cpu" 2>/dev/null)" -v hz="$CLK_TCK" -v ns="$((ns1 - ns0))" \
    'BEGIN{split(w, x, " "); v=100*((tb-ours)/hz - x[1] - x[2])/(ns/1e9); if (v<0) v=0; printf "%.0f", v}')
  rm -f "$s0" "$s1"
  clean=1; (( other >= NOISY_PCT )) && clean=0
  read -r rps p50 p99 err < <(parse_wrk "$f")
  eff=NA
  [[ -n "$TPID" ]] && eff=$(awk -v r="$rps" -v a="$t0" -v b="$t1" -v hz="$CLK_TCK" -v ns="$((ns1 - ns0))" \
    'BEGIN{cs=(b-a)/hz; if (cs>0) printf "%.0f", r*(ns/1e9)/cs; else print "NA"}')
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
    "$round" "$t" "$c" "$rps" "$p50" "$p99" "$err" "$pxcpu" "$c0" "$c1" "$st" "$rss" "$hwm" "$other" "$clean" "$eff" >> "$TSV"
  printf '%-5s %-14s %5s %10s %8s %8s %6s %6s %5s %5s %6s %8s %8s %6s\n' \
    "$round" "$t" "$c" "$rps" "$p50" "$p99" "$err" "$pxcpu" "$c0" "$c1" "$st" "$rss" "$hwm" "$other$([[ $clean == 1 ]] || echo '!')" | tee -a "$LOG"
}

# Warm-up, the same for every target: keep-alive traffic, then connection churn (a new connection
# per request), then short keep-alive runs that each open and close their connections. A JVM
# candidate that only ever saw steady keep-alive traffic has JIT code with no profile of connect
# and close: the first close of the measured run then deoptimises the hot path, and the
# recompilation shares the proxy's core during the measurement (tens of ms stalls, a 5x p99).
# The short runs cycle through every measured concurrency: a JVM warmed only at -c50 meets new
# paths at -c200 (its backend pool grows: pool misses, new backend connections) and deoptimises
# the request path at the start of that run. A proxy in service sees connections come and go and
# load change all the time; this warm-up reaches that state.
warm_up() {  # round target
  local round=$1 t=$2 first=${CONNS%% *} i
  run_wrk "${PORT[$t]}" "$first" "$WARMUP" "$OUTDIR/r${round}-$t-warmup.txt"
  WRK_HEADER='Connection: close' run_wrk "${PORT[$t]}" "$first" "$CHURN_WARMUP" "$OUTDIR/r${round}-$t-warmup-churn.txt"
  for (( i = 1; i <= SETTLE_RUNS; i++ )); do
    for c in $CONNS; do
      run_wrk "${PORT[$t]}" "$c" 3s "$OUTDIR/r${round}-$t-warmup-settle$i-c$c.txt"
    done
  done
}

for round in $(seq 1 "$REPEAT"); do
  # ABBA: odd rounds in the given order, even rounds reversed (cancels slow drift)
  ORDER=("${ALL_TARGETS[@]}")
  if (( round % 2 == 0 )); then ORDER=(); for (( k=${#ALL_TARGETS[@]}-1; k>=0; k-- )); do ORDER+=("${ALL_TARGETS[$k]}"); done; fi
  for t in "${ORDER[@]}"; do
    if ! start_target "$t"; then
      stop_target
      printf '%s\t%s\t%s\t0\tNA\tNA\tFAILED\tNA\tNA\tNA\tNA\tNA\tNA\tNA\t0\tNA\n' "$round" "$t" "-" >> "$TSV"
      continue
    fi
    seen=$(backends_seen "${PORT[$t]}")
    [[ $round == 1 ]] && say "#   $t :${PORT[$t]} pid=${TPID:-none} backends seen over 9 new connections: $seen"
    warm_up "$round" "$t"
    for c in $CONNS; do
      attempt=0
      while :; do
        measure_once "$round" "$t" "$c" "$attempt"
        [[ $clean == 1 || $attempt -ge $RETRIES ]] && break
        attempt=$((attempt + 1))
        say "#   foreign CPU ${other}% of a CPU during that run -> measuring again (try $((attempt + 1)))"
      done
    done
    stop_target
  done
done

# ---------------- summary ----------------
summarize() {  # tsv
  local order cands
  order=$(printf '%s\n' "${ALL_TARGETS[@]}" | awk '{printf "%s%s", (NR>1?",":""), $0}')
  cands=$(printf '%s\n' "${CAND_NAMES[@]:-}" | awk 'NF{printf "%s%s", (n++?",":""), $0}')
  echo ""
  echo "## summary: per round the last clean run (foreign CPU < ${NOISY_PCT}% of a CPU), then median [min-max] over rounds"
  echo "## spread = (max-min)/median req/s; pxcpu = proxy CPU% (100 = its whole core); req/cpu-s = req/s per proxy CPU-second"
  awk -F'\t' -v order="$order" -v conns="$CONNS" -v cands="$cands" -v ref="$PRIMARY_REF" -v noisy_pct="$NOISY_PCT" \
    -f "$HERE/summarize.awk" "$1"
}
summarize "$TSV" | tee -a "$LOG"
say ""
say "# raw: $TSV ; wrk outputs and configs in $OUTDIR"
