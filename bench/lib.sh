# lib.sh - shared helpers for peers.sh and conncap.sh (source it; not executable).
# Expects from the caller: RUN (scratch dir), LOG (log file), PIN/LOAD_CPU/PROXY_CPU,
# and for candidates: CAND_CMDS CAND_NAMES CAND_PORTS CAND_PORT_OF CAND_WAIT.
# Every process started here is recorded in STARTED and killed by PID only.

# ---------------- fixed rig ----------------
BACKEND_PORTS=(19001 19002 19003)
BENCH_BACKENDS="127.0.0.1:19001,127.0.0.1:19002,127.0.0.1:19003"
declare -A PORT=( [direct]=19001 [haproxy-http]=18081 [haproxy-tcp]=18082 [nginx]=18083 )
# 100-byte body: 99 characters + newline
BODY="$(printf 'peer-bench-%088d' 0)"

CLK_TCK=$(getconf CLK_TCK)
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# pin CPU -> the command prefix for a process of the rig or a proxy: taskset (PIN=1) and, with
# NICE=N (e.g. -20), a scheduling priority above other work on a shared machine. NICE applies to
# every process measured here (wrk, backends, HAProxy, nginx, candidates) alike.
pin() {
  local pre=""
  [[ -n "${NICE:-}" ]] && pre="nice -n $NICE "
  if [[ "$PIN" == 1 ]]; then echo "${pre}taskset -c $1"; else echo "$pre"; fi
}
say() { echo "$*" | tee -a "$LOG"; }

# ---------------- process bookkeeping (kill only what we started, by PID) ----------------
STARTED=()          # top-level PIDs we started
tree_pids() {       # pid and its descendants
  local p=$1 c
  [[ -d /proc/$p ]] || return 0
  echo "$p"
  for c in $(pgrep -P "$p" 2>/dev/null || true); do tree_pids "$c"; done
}
stop_tree() {
  local top=$1 pids p i
  pids=$(tree_pids "$top" | tr '\n' ' ')
  [[ -n "$pids" ]] || return 0
  for p in $pids; do kill -TERM "$p" 2>/dev/null || true; done
  for i in $(seq 1 50); do
    local alive=0
    for p in $pids; do [[ -d /proc/$p ]] && alive=1; done
    [[ $alive == 0 ]] && break
    sleep 0.1
  done
  for p in $pids; do [[ -d /proc/$p ]] && kill -KILL "$p" 2>/dev/null || true; done
  wait "$top" 2>/dev/null || true
}
cleanup() {
  local p
  for p in "${STARTED[@]}"; do stop_tree "$p"; done
  STARTED=()
  rm -f "${RUN:-/nonexistent}/backend/1m.bin"   # regenerated at every start; keep results small
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_busy() { [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]; }

wait_http() {   # port timeout_s pid -> 0 when GET / answers 200
  local port=$1 t=$2 pid=$3 i code
  for i in $(seq 1 $((t * 5))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/" 2>/dev/null || true)
    [[ "$code" == 200 ]] && return 0
    [[ -n "$pid" && ! -d /proc/$pid ]] && return 1
    sleep 0.2
  done
  return 1
}

backends_seen() {  # 9 fresh-connection requests; prints the X-Backend values seen
  local port=$1 i
  for i in $(seq 1 9); do
    curl -s -D - -o /dev/null --max-time 2 "http://127.0.0.1:$port/" 2>/dev/null \
      | awk -F': ' 'tolower($1)=="x-backend"{gsub("\r","",$2); print $2}'
  done | sort | uniq -c | awk '{printf "%s%s=%s", (NR>1?" ":""), $2, $1}'
}

# ---------------- metrics ----------------
tree_cpu_ticks() {  # utime+stime of pid tree (live processes)
  local p t=0 s
  for p in $(tree_pids "$1"); do
    s=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    s=${s##*) }   # fields after comm; utime,stime are fields 12,13 of the remainder
    t=$(( t + $(echo "$s" | awk '{print $12 + $13}') ))
  done
  echo "$t"
}
tree_mem_kb() {     # "rss_kb hwm_kb" summed over pid tree
  local p r=0 h=0 a b
  for p in $(tree_pids "$1"); do
    a=$(awk '/^VmRSS:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    b=$(awk '/^VmHWM:/{print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
    r=$((r + ${a:-0})); h=$((h + ${b:-0}))
  done
  echo "$r $h"
}
cpu_snapshot() { grep -E '^cpu[0-9]* ' /proc/stat; }
cpu_busy_pct() {    # before after cpuN -> busy% ; also "steal" via cpu_steal_pct
  awk -v c="$3" '
    FNR==NR { if ($1==c) { for (i=2;i<=NF;i++) a[i]=$i } ; next }
    $1==c { t=0; for (i=2;i<=NF;i++) { d[i]=$i-a[i]; t+=d[i] } ;
            idle=d[5]+d[6]; if (t>0) printf "%.0f", 100*(t-idle)/t; else print 0 }' "$1" "$2"
}
cpu_steal_pct() {
  awk 'FNR==NR { if ($1=="cpu") { for (i=2;i<=NF;i++) a[i]=$i } ; next }
       $1=="cpu" { t=0; for (i=2;i<=NF;i++) { d[i]=$i-a[i]; t+=d[i] } ;
                   if (t>0) printf "%.1f", 100*d[9]/t; else print 0 }' "$1" "$2"
}

to_ms() {  # wrk time token -> ms
  awk -v x="$1" 'BEGIN{
    if (x ~ /us$/) { sub(/us$/,"",x); printf "%.3f", x/1000 }
    else if (x ~ /ms$/) { sub(/ms$/,"",x); printf "%.3f", x }
    else if (x ~ /m$/) { sub(/m$/,"",x); printf "%.3f", x*60000 }
    else if (x ~ /s$/) { sub(/s$/,"",x); printf "%.3f", x*1000 }
    else printf "%s", "NA" }'
}

dur_s() { local d=$1; case "$d" in *ms) echo 1;; *m) echo $(( ${d%m} * 60 ));; *s) echo "${d%s}";; *) echo "$d";; esac; }

# run_wrk port conns duration outfile ; writes wrk's user+sys CPU seconds to outfile.cpu
run_wrk() {
  local port=$1 c=$2 d=$3 out=$4 lim TIMEFORMAT='%U %S' hdr=()
  lim=$(( $(dur_s "$d") + 20 ))
  [[ -n "${WRK_HEADER:-}" ]] && hdr=(-H "$WRK_HEADER")   # e.g. WRK_HEADER='Connection: close'
  # shellcheck disable=SC2046
  { time timeout -k 5 "$lim" $(pin "$LOAD_CPU") wrk -t"$WRK_THREADS" -c"$c" -d"$d" --latency "${hdr[@]}" \
      "http://127.0.0.1:$port${WRK_PATH:-/}" > "$out" 2>&1 ; } 2> "$out.cpu" || true
}

total_busy_ticks() { awk '$1=="cpu"{print $2+$3+$4}' "$1"; }   # user+nice+system (irq/softirq/steal excluded)

# Foreign CPU use (% of one CPU) over a window of $1 seconds while our processes idle.
sample_busy() {
  local a b p0 p1 ours0=0 ours1=0 p
  local n0 n1
  a=$(mktemp); b=$(mktemp)
  for p in "${STARTED[@]}"; do ours0=$((ours0 + $(tree_cpu_ticks "$p"))); done
  cpu_snapshot > "$a"; n0=$(date +%s%N)
  sleep "$1"
  cpu_snapshot > "$b"; n1=$(date +%s%N)
  for p in "${STARTED[@]}"; do ours1=$((ours1 + $(tree_cpu_ticks "$p"))); done
  p0=$(total_busy_ticks "$a"); p1=$(total_busy_ticks "$b"); rm -f "$a" "$b"
  awk -v d="$((p1 - p0 - (ours1 - ours0)))" -v hz="$CLK_TCK" -v ns="$((n1 - n0))" \
    'BEGIN{v=100*d/hz/(ns/1e9); if (v<0) v=0; printf "%.0f", v}'
}
wait_quiet() {
  local start=$SECONDS busy
  while :; do
    busy=$(sample_busy "$PAUSE")
    (( busy < QUIET_PCT )) && return 0
    if (( SECONDS - start >= QUIET_WAIT )); then
      say "#   warning: machine still busy (${busy}% of a CPU used by other processes); measuring anyway"
      return 0
    fi
    [[ -n "${QUIET_SAID:-}" ]] || { say "#   waiting for other processes to go quiet (${busy}% of a CPU busy)..."; QUIET_SAID=1; }
    sleep 3
  done
}
parse_wrk() {  # file -> "rps p50_ms p99_ms errors"
  local f=$1 rps p50 p99 err
  rps=$(awk '/^Requests\/sec:/{print $2}' "$f")
  p50=$(awk '$1=="50%"{print $2}' "$f"); p99=$(awk '$1=="99%"{print $2}' "$f")
  err=$(awk '/Socket errors:/{gsub(",","");n+=$4+$6+$8+$10} /Non-2xx/{n+=$NF} END{print n+0}' "$f")
  echo "${rps:-0} $(to_ms "${p50:-NA}") $(to_ms "${p99:-NA}") $err"
}

# ---------------- configs ----------------
write_backend_conf() {
  local d="$RUN/backend"; mkdir -p "$d/tmp"
  head -c 1048576 /dev/zero > "$d/1m.bin"     # /1m: 1 MiB body for bulk-throughput runs
  {
    echo "worker_processes 1;"
    echo "pid $d/nginx.pid;"
    echo "error_log $d/error.log warn;"
    echo "worker_rlimit_nofile 20000;"
    echo "events { worker_connections 19000; }"
    echo "http {"
    echo "  access_log off;"
    echo "  server_tokens off;"
    echo "  default_type text/plain;"
    echo "  keepalive_requests 100000000;"
    echo "  keepalive_timeout 300s;"
    echo "  client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy;"
    echo "  fastcgi_temp_path $d/tmp/fastcgi; uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;"
    local i=1 p
    for p in "${BACKEND_PORTS[@]}"; do
      echo "  server { listen 127.0.0.1:$p backlog=4096;"
      echo "    location / { add_header X-Backend b$i; return 200 \"$BODY\n\"; }"
      echo "    location = /1m { add_header X-Backend b$i; alias $d/1m.bin; } }"
      i=$((i+1))
    done
    echo "}"
  } > "$d/nginx.conf"
}

write_haproxy_conf() {  # mode file port
  local mode=$1 f=$2 port=$3
  {
    echo "global"
    echo "    nbthread 1"
    echo "    maxconn ${HAPROXY_MAXCONN:-9000}"
    echo "defaults"
    echo "    mode $mode"
    echo "    timeout connect 5s"
    echo "    timeout client 300s"
    echo "    timeout server 300s"
    if [[ $mode == http ]]; then
      echo "    timeout http-keep-alive 300s"
      echo "    option http-keep-alive"
      echo "    http-reuse always"
    fi
    echo "frontend fe"
    echo "    bind 127.0.0.1:$port"
    echo "    default_backend be"
    echo "backend be"
    echo "    balance roundrobin"
    local i=1 p
    for p in "${BACKEND_PORTS[@]}"; do echo "    server b$i 127.0.0.1:$p"; i=$((i+1)); done
  } > "$f"
}

write_nginx_proxy_conf() {
  local d="$RUN/nginx-proxy" port=$1; mkdir -p "$d/tmp"
  {
    echo "worker_processes 1;"
    echo "pid $d/nginx.pid;"
    echo "error_log $d/error.log warn;"
    echo "worker_rlimit_nofile 20000;"
    echo "events { worker_connections 9000; }"
    echo "http {"
    echo "  access_log off;"
    echo "  server_tokens off;"
    echo "  keepalive_requests 100000000;"
    echo "  keepalive_timeout 300s;"
    echo "  client_body_temp_path $d/tmp/body; proxy_temp_path $d/tmp/proxy;"
    echo "  fastcgi_temp_path $d/tmp/fastcgi; uwsgi_temp_path $d/tmp/uwsgi; scgi_temp_path $d/tmp/scgi;"
    echo "  upstream be {"
    local p
    for p in "${BACKEND_PORTS[@]}"; do echo "    server 127.0.0.1:$p;"; done
    echo "    keepalive 256;"
    echo "    keepalive_requests 100000000;"
    echo "    keepalive_timeout 300s;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:$port backlog=4096;"
    echo "    location / {"
    echo "      proxy_pass http://be;"
    echo "      proxy_http_version 1.1;"
    echo "      proxy_set_header Connection \"\";"
    echo "    }"
    echo "  }"
    echo "}"
  } > "$d/nginx.conf"
}

# ---------------- start/stop ----------------
declare -A CAND_PORT_OF=()
BPID=""
start_backends() {  # one nginx (1 worker) serving 19001-19003, pinned to BACKEND_CPU
  local p
  write_backend_conf
  # shellcheck disable=SC2046
  $(pin "$BACKEND_CPU") nginx -e "$RUN/backend/error.log" -p "$RUN/backend" -c "$RUN/backend/nginx.conf" \
    -g 'daemon off;' > "$RUN/backend.log" 2>&1 &
  BPID=$!; STARTED+=("$BPID")
  for p in "${BACKEND_PORTS[@]}"; do
    wait_http "$p" 10 "$BPID" || { say "backend on $p failed"; cat "$RUN/backend.log" "$RUN/backend/error.log" 2>/dev/null; return 1; }
  done
}

TPID=""   # pid of the current target (empty for direct)
start_target() {  # name -> sets TPID; returns nonzero on failure
  local t=$1 port
  TPID=""
  case "$t" in
    direct) return 0;;
    haproxy-http|haproxy-tcp)
      port=${PORT[$t]}
      write_haproxy_conf "${t#haproxy-}" "$RUN/$t.cfg" "$port"
      # shellcheck disable=SC2046
      $(pin "$PROXY_CPU") haproxy -db -f "$RUN/$t.cfg" > "$RUN/$t.log" 2>&1 &
      TPID=$!;;
    nginx)
      port=${PORT[$t]}
      write_nginx_proxy_conf "$port"
      # shellcheck disable=SC2046
      $(pin "$PROXY_CPU") nginx -e "$RUN/nginx-proxy/error.log" -p "$RUN/nginx-proxy" \
        -c "$RUN/nginx-proxy/nginx.conf" -g 'daemon off;' > "$RUN/nginx-proxy.log" 2>&1 &
      TPID=$!;;
    *)
      local i
      for i in "${!CAND_NAMES[@]}"; do
        if [[ "${CAND_NAMES[$i]}" == "$t" ]]; then
          port=${PORT[$t]}
          # shellcheck disable=SC2046
          BENCH_PORT=$port BENCH_BACKENDS=$BENCH_BACKENDS BENCH_CPU=$PROXY_CPU \
            $(pin "$PROXY_CPU") bash -c "${CAND_CMDS[$i]}" > "$RUN/$t.log" 2>&1 &
          TPID=$!
        fi
      done
      [[ -n "$TPID" ]] || { say "unknown target $t"; return 1; };;
  esac
  STARTED+=("$TPID")
  local wait_s=10
  [[ -n "${CAND_PORT_OF[$t]:-}" ]] && wait_s=$CAND_WAIT
  if ! wait_http "${PORT[$t]}" "$wait_s" "$TPID"; then
    say "!! $t did not answer 200 on 127.0.0.1:${PORT[$t]} (log: $RUN/$t*.log)"
    tail -5 "$RUN/$t"*.log 2>/dev/null | sed 's/^/   /' | tee -a "$LOG" || true
    return 1
  fi
}
stop_target() {
  [[ -n "$TPID" ]] || return 0
  stop_tree "$TPID"
  local keep=() p
  for p in "${STARTED[@]}"; do [[ "$p" != "$TPID" ]] && keep+=("$p"); done
  STARTED=("${keep[@]}")
  TPID=""
}
