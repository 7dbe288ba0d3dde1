#!/usr/bin/env python3
"""Samples the shop's PostgreSQL connections per process while ./shop up runs: for each service (by the pid in
.shop/pids), how many connections it holds and how many are busy (pg_stat_activity state not idle), every
INTERVAL seconds for SECONDS seconds; prints the peak of each. Usage: sample.py SECONDS [INTERVAL]"""
import os, re, subprocess, sys, time, collections

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
pids = {}
for f in os.listdir(os.path.join(root, ".shop", "pids")):
    pids[open(os.path.join(root, ".shop", "pids", f)).read().strip()] = f[:-4]

def sample():
    out = subprocess.run(["ss", "-tnpH", "dport = :5432"], capture_output=True, text=True).stdout
    port_of = {}
    for line in out.splitlines():
        m = re.search(r"\S+:(\d+)\s+\S+:5432\s+users:\(\(\"[^\"]*\",pid=(\d+)", line)
        if m and m.group(2) in pids:
            port_of[int(m.group(1))] = pids[m.group(2)]
    rows = subprocess.run(["psql", "-h", "localhost", "-U", "postgres", "-qtAX", "-F", " ", "-c",
                           "select client_port, coalesce(state,'') from pg_stat_activity where client_port is not null"],
                          capture_output=True, text=True).stdout
    held, busy = collections.Counter(), collections.Counter()
    for row in rows.splitlines():
        port, _, state = row.partition(" ")
        svc = port_of.get(int(port))
        if svc:
            held[svc] += 1
            if state not in ("idle", ""):
                busy[svc] += 1
    return held, busy

seconds = float(sys.argv[1]); interval = float(sys.argv[2]) if len(sys.argv) > 2 else 0.5
peak_held, peak_busy, total_peak = collections.Counter(), collections.Counter(), 0
end = time.time() + seconds
while time.time() < end:
    held, busy = sample()
    for s in held: peak_held[s] = max(peak_held[s], held[s])
    for s in busy: peak_busy[s] = max(peak_busy[s], busy[s])
    total_peak = max(total_peak, sum(held.values()))
    time.sleep(interval)
for s in sorted(set(pids.values())):
    print(f"{s:22} held peak {peak_held[s]:3}  busy peak {peak_busy[s]:3}")
print(f"{'all':22} held peak {total_peak:3}")
