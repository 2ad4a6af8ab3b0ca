# headline.awk - the bench/run.sh headline from a peers.sh results.tsv (mawk and gawk).
#   awk -F'\t' -v conns="50 200" -v noisy_pct=15 -f headline.awk results.tsv
# Same row choice as summarize.awk (per round, target and conns: the last clean run). Prints
# median [min-max] over rounds per target, then ours vs its HAProxy peer (ours-http vs
# haproxy-http, ours-tcp vs haproxy-tcp, aa-haproxy vs haproxy-http) and vs direct, paired per
# round, with the issue's targets: HTTP req/s >= 1.0x HAProxy and p99 <= 1.5x HAProxy,
# TCP req/s >= 0.9x HAProxy.
# TSV columns: 1 round 2 target 3 conns 4 rps 5 p50 6 p99 7 errors 8 proxy_cpu 9 cpuL
#              10 cpuP 11 steal 12 rss 13 hwm 14 other 15 clean 16 req_per_cpu_s

function sortv(a, n,    i, j, t) {
  for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j+1] = a[j]; a[j+1] = t }
}
function median(a, n) { sortv(a, n); return (n % 2) ? a[(n+1)/2] : (a[n/2] + a[n/2+1]) / 2 }
function stats(t, c, f,    r, n, v, x) {
  n = 0
  for (r = 1; r <= maxround; r++) if ((r, t, c) in ROW) { split(ROW[r, t, c], x, "\t"); if (x[f] != "NA" && x[f] != "") v[++n] = x[f] + 0 }
  S_n = n; if (n == 0) { S_med = S_min = S_max = 0; return 0 }
  S_med = median(v, n); S_min = v[1]; S_max = v[n]; return 1
}
function ratio(k, p, c, f,    r, n, v, a, b) {
  n = 0
  for (r = 1; r <= maxround; r++) if (((r, k, c) in ROW) && ((r, p, c) in ROW)) {
    split(ROW[r, k, c], a, "\t"); split(ROW[r, p, c], b, "\t")
    if (a[f] != "NA" && b[f] != "NA" && a[f] != "" && b[f] + 0 > 0) v[++n] = (a[f] + 0) / (b[f] + 0)
  }
  S_n = n; if (n == 0) return 0
  S_med = median(v, n); S_min = v[1]; S_max = v[n]; return 1
}
function rstr() { return sprintf("x%.2f [%.2f-%.2f]", S_med, S_min, S_max) }

FNR == 1 { next }
$7 == "FAILED" { next }
{
  key = $1 SUBSEP $2 SUBSEP $3
  if (!(key in ROW) || $15 == 1 || CLEAN[key] != 1) { ROW[key] = $0; CLEAN[key] = ($15 == 1) }
  if ($1 + 0 > maxround) maxround = $1 + 0
  if (!($2 in SEEN)) { SEEN[$2] = 1; ORDER[++nt] = $2 }
}
END {
  nc = split(conns, C, " ")
  printf "%-13s %4s %8s %15s %7s %7s %5s %6s %9s %s\n", "target", "c", "req/s", "[min-max]", "p50ms", "p99ms", "cpu%", "rssMB", "req/cpu-s", "rounds(dirty)"
  for (i = 1; i <= nt; i++) for (j = 1; j <= nc; j++) {
    t = ORDER[i]; c = C[j]
    if (!stats(t, c, 4)) continue
    rps = S_med; lo = S_min; hi = S_max; n = S_n
    stats(t, c, 5); p50 = S_med
    stats(t, c, 6); p99 = S_med
    cpu = stats(t, c, 8) ? sprintf("%d", S_med) : "-"
    rss = stats(t, c, 12) ? sprintf("%.1f", S_med) : "-"
    eff = stats(t, c, 16) ? sprintf("%d", S_med) : "-"
    dirty = 0
    for (r = 1; r <= maxround; r++) if (((r, t, c) in CLEAN) && CLEAN[r, t, c] != 1) dirty++
    printf "%-13s %4s %8d %15s %7.3f %7.2f %5s %6s %9s %d(%d)\n", t, c, rps, sprintf("[%d-%d]", lo, hi), p50, p99, cpu, rss, eff, n, dirty
  }
  printf "\n## ours vs peers, paired per round: median [min-max] over rounds (>1 req/s = ours faster; <1 p99 = ours better)\n"
  np = split("ours-http:haproxy-http ours-http-epoll:haproxy-http ours-http-alt:haproxy-http ours-tcp:haproxy-tcp ours-tcp-epoll:haproxy-tcp aa-haproxy:haproxy-http", P, " ")
  for (q = 1; q <= np; q++) {
    split(P[q], kp, ":"); k = kp[1]; p = kp[2]
    for (j = 1; j <= nc; j++) {
      c = C[j]
      if (!ratio(k, p, c, 4)) continue
      rr = S_med; line = sprintf("%-15s c=%-4s vs %-12s req/s %-18s", k, c, p, rstr())
      pr = ""; if (ratio(k, p, c, 6)) { pr = S_med; line = line sprintf(" p99 %-18s", rstr()) }
      if (ratio(k, p, c, 16)) line = line sprintf(" req/cpu-s %-18s", rstr())
      if (ratio(k, "direct", c, 4)) line = line sprintf(" | vs direct req/s %s", rstr())
      verdict = ""
      if (k ~ /^ours-http/) verdict = sprintf("  [target req/s>=1.0: %s; p99<=1.5: %s]", (rr >= 1.0 ? "met" : "SHORT"), (pr == "" ? "?" : (pr <= 1.5 ? "met" : "SHORT")))
      if (k ~ /^ours-tcp/) verdict = sprintf("  [target req/s>=0.9: %s]", (rr >= 0.9 ? "met" : "SHORT"))
      print line verdict
    }
  }
}
