#!/usr/bin/env python3
"""idle_summary.py DIR - the idle-connection lines of the bench/run.sh headline, from the
JSON files conncap.sh wrote (TARGET-rROUND.json): per round the connections opened, answered
and still open after the hold, RSS before and while holding them, and the RSS target.
"RSS held" is the median of the RSS sampled once a second through the hold: the level the
process holds the connections at; "max" is the highest sample (transients included, such as a
JVM compiling code the hold runs for the first time); "end" is the sample at the end of the hold.
"anon" is RssAnon: RSS without file-backed pages (libjvm.so, the CDS archive, libraries)."""
import glob
import json
import os
import re
import sys

TARGET_MB = 100.0


def mb(r, key):
    return f"{r[key] / 1024:.1f}MB" if key in r else "-"


def held(r):
    """The median over the hold; older results have only the end-of-hold sample."""
    return r.get("rss_kb_hold_median", r["rss_kb_held"])


def main():
    d = sys.argv[1]
    rows = []
    for f in sorted(glob.glob(os.path.join(d, "*-r*.json"))):
        m = re.match(r"(.+)-r(\d+)\.json$", os.path.basename(f))
        try:
            r = json.load(open(f))
        except (OSError, ValueError):
            continue
        rows.append((m.group(1), int(m.group(2)), r))
    if not rows:
        return
    print("\n## idle keep-alive connections (HTTP mode; one GET per connection, then idle)")
    print(f"{'target':13s} {'round':>5s} {'n':>6s} {'open':>6s} {'200s':>6s} {'alive':>6s} {'RSS before':>10s} "
          f"{'RSS held':>9s} {'max':>8s} {'end':>8s} {'KB/conn':>8s} {'anon before':>11s} {'anon end':>9s}")
    for t, rnd, r in sorted(rows, key=lambda x: (x[0] != "ours-http", x[0], x[1])):
        print(f"{t:13s} {rnd:5d} {r['n']:6d} {r['connected']:6d} {r.get('responses_200', '-')!s:>6s} "
              f"{r['alive_after_hold']:6d} {r['rss_kb_before'] / 1024:8.1f}MB {held(r) / 1024:7.1f}MB "
              f"{mb(r, 'rss_kb_hold_max'):>8s} {r['rss_kb_held'] / 1024:6.1f}MB "
              f"{r.get('rss_kb_per_conn_median', r['rss_kb_per_conn']):8.2f} {mb(r, 'rss_anon_kb_before'):>11s} "
              f"{mb(r, 'rss_anon_kb_held'):>9s}")
    ours = [r for t, _, r in rows if t == "ours-http"]
    if ours:
        worst = max(held(r) for r in ours) / 1024
        peak = max(r.get("rss_kb_hold_max", r["rss_kb_held"]) for r in ours) / 1024
        n = min(r["alive_after_hold"] for r in ours)
        ok = worst <= TARGET_MB and n >= min(r["n"] for r in ours)
        print(f"ours-http: RSS holding {n} idle connections {worst:.1f} MB (worst round's median; "
              f"highest sample {peak:.1f} MB) [target <= {TARGET_MB:.0f} MB with 10k: {'met' if ok else 'SHORT'}]")


if __name__ == "__main__":
    main()
