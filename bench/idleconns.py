#!/usr/bin/env python3
"""idleconns.py - open N idle keep-alive connections to a loopback proxy, hold them,
and measure the proxy's memory (RSS of a PID tree) per connection.

Bounded: refuses non-loopback targets, caps N and the hold time, and has a hard
alarm that ends the process. Standard library only (Debian's python3 is enough).

  idleconns.py --port 18081 -n 5000 --request --hold 20 --pid <proxy pid>
  idleconns.py --port 18090 -n 10000 --request --inline --hold 30 --pid <proxy pid>

Phases: baseline memory -> connect N (paced by --rate) -> optionally one HTTP/1.1
keep-alive GET per connection (so an L7 proxy parses a request and an L4 proxy
opens its backend connection) -> hold idle, sampling memory once a second (median and
max over the hold) -> memory sample at the end of the hold -> check how many are still
open -> close all. Prints a summary, or one JSON line with --json.

--inline sends each connection's GET right after its connect and waits for the response
before opening the next connection (clients that arrive, make a request and go idle), instead
of sending all N requests in one burst after all connects (N requests in flight at once,
which an L7 proxy must either queue or refuse).
"""
import argparse
import ipaddress
import json
import os
import resource
import selectors
import signal
import socket
import sys
import time

MAX_CONNS = 60000
ANON = [0]  # RssAnon (RSS without file-backed pages such as libjvm.so) of the last tree_mem_kb call
MAX_HOLD = 600


def tree_pids(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if not os.path.isdir(f"/proc/{p}"):
            continue
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as f:
                todo.extend(int(x) for x in f.read().split())
        except OSError:
            pass
    return out


def tree_mem_kb(pid):
    """(rss_kb, pss_kb) summed over the pid tree; pss from smaps_rollup when readable."""
    rss = pss = 0
    ANON[0] = 0
    for p in tree_pids(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss += int(line.split()[1])
                    elif line.startswith("RssAnon:"):
                        ANON[0] += int(line.split()[1])
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            pass
    return rss, pss


def meminfo_kb(key):
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return 0


def sockstat():
    with open("/proc/net/sockstat") as f:
        for line in f:
            if line.startswith("TCP:"):
                parts = line.split()
                return dict(zip(parts[1::2], (int(x) for x in parts[2::2])))
    return {}


def read_response(s, timeout=5.0):
    """Blocking read of one HTTP/1.1 response with Content-Length; True for a complete 200."""
    s.settimeout(timeout)
    buf = b""
    while True:
        head, sep, body = buf.partition(b"\r\n\r\n")
        if sep:
            clen = 0
            for line in head.split(b"\r\n")[1:]:
                k, _, v = line.partition(b":")
                if k.strip().lower() == b"content-length":
                    clen = int(v.strip())
            if len(body) >= clen:
                return head.startswith(b"HTTP/1.1 200")
        try:
            chunk = s.recv(65536)
        except OSError:
            return False
        if not chunk:
            return False
        buf += chunk


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("-n", type=int, default=5000, help=f"connections (max {MAX_CONNS})")
    ap.add_argument("--rate", type=int, default=2000, help="new connections per second (pacing)")
    ap.add_argument("--request", action="store_true", help="send one keep-alive GET on each connection")
    ap.add_argument("--inline", action="store_true",
                    help="with --request: send each GET right after its connect and read the response "
                         "before the next connect (no burst of N requests in flight)")
    ap.add_argument("--path", default="/")
    ap.add_argument("--hold", type=float, default=20, help=f"seconds to hold the idle connections (max {MAX_HOLD})")
    ap.add_argument("--pid", type=int, help="proxy pid whose process tree memory is measured")
    ap.add_argument("--sources", type=int, default=1,
                    help="spread connections over source addresses 127.0.0.1..127.0.0.K (more ephemeral ports)")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    if not ipaddress.ip_address(a.host).is_loopback:
        sys.exit("refusing: target must be a loopback address")
    if not 1 <= a.n <= MAX_CONNS or not 0 <= a.hold <= MAX_HOLD:
        sys.exit(f"n must be 1..{MAX_CONNS}, hold 0..{MAX_HOLD}")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        soft = hard
    if a.n + 50 > soft:
        sys.exit(f"open-files limit {soft} is too low for {a.n} connections; split over several processes")

    # hard bound on total run time
    budget = int(a.n / max(a.rate, 1) + a.hold + 120)
    signal.signal(signal.SIGALRM, lambda *_: sys.exit("idleconns: time budget exceeded"))
    signal.alarm(budget)

    res = {"target": f"{a.host}:{a.port}", "n": a.n, "request": a.request, "hold_s": a.hold}
    if a.pid:
        res["rss_kb_before"], res["pss_kb_before"] = tree_mem_kb(a.pid)
        res["rss_anon_kb_before"] = ANON[0]
    res["slab_kb_before"] = meminfo_kb("Slab")
    res["tcp_sockstat_before"] = sockstat()

    req = f"GET {a.path} HTTP/1.1\r\nHost: {a.host}:{a.port}\r\nUser-Agent: idleconns\r\n\r\n".encode()
    inline = a.request and a.inline
    ok = bad = 0
    socks, failed = [], 0
    t0 = time.monotonic()
    for i in range(a.n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(5)
        if a.sources > 1:
            s.bind((f"127.0.0.{1 + i % a.sources}", 0))
        try:
            s.connect((a.host, a.port))
            socks.append(s)
            if inline:
                try:
                    s.sendall(req)
                    if read_response(s):
                        ok += 1
                    else:
                        bad += 1
                except OSError:
                    bad += 1
        except OSError:
            failed += 1
            s.close()
        due = t0 + (i + 1) / a.rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
    res["connected"] = len(socks)
    res["connect_failed"] = failed
    res["connect_s"] = round(time.monotonic() - t0, 2)

    if inline:
        res["request_mode"] = "inline"
        res["responses_200"] = ok
        res["responses_bad"] = bad
    elif a.request:
        res["request_mode"] = "burst"
        sel = selectors.DefaultSelector()
        sent_fail = 0
        for s in socks:
            s.setblocking(False)
            try:
                s.send(req)
                sel.register(s, selectors.EVENT_READ, bytearray())
            except OSError:
                sent_fail += 1
        ok = bad = 0
        pending = len(sel.get_map())
        deadline = time.monotonic() + 30
        while pending and time.monotonic() < deadline:
            for key, _ in sel.select(timeout=1):
                buf = key.data
                try:
                    chunk = key.fileobj.recv(65536)
                except BlockingIOError:
                    continue
                except OSError:
                    chunk = b""
                if chunk:
                    buf += chunk
                head, sep, body = bytes(buf).partition(b"\r\n\r\n")
                done = False
                if sep:
                    clen = 0
                    for line in head.split(b"\r\n")[1:]:
                        k, _, v = line.partition(b":")
                        if k.strip().lower() == b"content-length":
                            clen = int(v.strip())
                    done = len(body) >= clen
                if done or not chunk:
                    if done and head.startswith(b"HTTP/1.1 200"):
                        ok += 1
                    else:
                        bad += 1
                    sel.unregister(key.fileobj)
                    pending -= 1
        sel.close()
        res["responses_200"] = ok
        res["responses_bad"] = bad + sent_fail + pending

    # RSS once a second through the hold: its median is the level the process holds the
    # connections at; its max shows any transient (a JVM compiling code the hold runs first).
    samples = []
    hold_end = time.monotonic() + a.hold
    while (left := hold_end - time.monotonic()) > 0:
        time.sleep(min(1.0, left))
        if a.pid:
            samples.append(tree_mem_kb(a.pid)[0])
    if samples:
        res["rss_kb_hold_series"] = list(samples)
        samples.sort()
        res["rss_kb_hold_median"] = samples[len(samples) // 2]
        res["rss_kb_hold_max"] = samples[-1]
        res["rss_kb_hold_samples"] = len(samples)

    if a.pid:
        res["rss_kb_held"], res["pss_kb_held"] = tree_mem_kb(a.pid)
        res["rss_anon_kb_held"] = ANON[0]
    res["slab_kb_held"] = meminfo_kb("Slab")
    res["tcp_sockstat_held"] = sockstat()

    # how many are still open after the hold (peer close shows as readable EOF)
    sel = selectors.DefaultSelector()
    for s in socks:
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    closed = 0
    for key, _ in sel.select(timeout=0.5):
        try:
            if key.fileobj.recv(1, socket.MSG_PEEK) == b"":
                closed += 1
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    sel.close()
    res["alive_after_hold"] = len(socks) - closed

    for s in socks:
        s.close()

    n = max(len(socks), 1)
    if a.pid:
        res["rss_kb_per_conn"] = round((res["rss_kb_held"] - res["rss_kb_before"]) / n, 2)
        if samples:
            res["rss_kb_per_conn_median"] = round((res["rss_kb_hold_median"] - res["rss_kb_before"]) / n, 2)
        res["pss_kb_per_conn"] = round((res["pss_kb_held"] - res["pss_kb_before"]) / n, 2)
    res["slab_kb_per_client_conn"] = round((res["slab_kb_held"] - res["slab_kb_before"]) / n, 2)

    if a.json:
        print(json.dumps(res))
    else:
        for k, v in res.items():
            print(f"{k:24s} {v}")


if __name__ == "__main__":
    main()
