#!/usr/bin/env python3
"""CPU time per component of the running shop, from /proc (see load-tests/README.md, "Cost per purchase").

  cost.py snapshot STATE_DIR PG_PORT          one JSON line: CPU seconds per component, now
  cost.py report BEFORE AFTER PURCHASES GEN_NAME GEN_CPU_S RECEIVER
                                             the markdown table: CPU ms per purchase of each component
  cost.py idle BEFORE AFTER SECONDS          the cores each component used while the shop was idle

A component is a process tree: its root's utime+stime plus cutime+cstime (children it reaped, e.g. PostgreSQL
backends that ended), plus the same of every live descendant, so nothing is counted twice and a backend that
ends inside the window still counts. PostgreSQL is the postmaster listening on PG_PORT with all its children,
RabbitMQ the beam.smp tree, the services and the SMTP receiver their pid files under STATE_DIR/pids.
"""
import json
import os
import subprocess
import sys

HZ = os.sysconf("SC_CLK_TCK")
SHOP = ["command-api", "sales-projector", "notification-service", "web-ui", "postgresql", "rabbitmq"]


def processes():
    """pid -> (ppid, comm, cpu ticks of itself and its reaped children)"""
    procs = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.index("(") + 1:stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2:].split()
        # fields[0] is state (field 3): utime, stime, cutime, cstime are fields 14-17
        procs[int(entry)] = (int(fields[1]), comm, sum(int(x) for x in fields[11:15]))
    return procs


def tree_ticks(procs, root):
    if root not in procs:
        return None
    children = {}
    for pid, (ppid, _, _) in procs.items():
        children.setdefault(ppid, []).append(pid)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += procs[pid][2]
        todo.extend(children.get(pid, []))
    return total


def postmaster(port, procs):
    try:
        out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True).stdout
        for part in out.split("pid=")[1:]:
            pid = int(part.split(",")[0])
            while pid in procs and procs.get(procs[pid][0], (0, ""))[1] == "postgres":
                pid = procs[pid][0]
            return pid
    except (OSError, ValueError):
        pass
    roots = [p for p, (pp, c, _) in procs.items() if c == "postgres" and procs.get(pp, (0, ""))[1] != "postgres"]
    return roots[0] if len(roots) == 1 else None


def snapshot(state, port):
    procs = processes()
    roots = {}
    for name in ["command-api", "sales-projector", "notification-service", "web-ui", "mail-sink", "payment-provider"]:
        try:
            with open(os.path.join(state, "pids", f"{name}.pid")) as f:
                roots[name] = int(f.read().strip())
        except (OSError, ValueError):
            pass
    roots["postgresql"] = postmaster(port, procs)
    beams = [p for p, (pp, c, _) in procs.items() if c == "beam.smp"]
    roots["rabbitmq"] = beams[0] if beams else None
    with open("/proc/stat") as f:
        cpu = [int(x) for x in f.readline().split()[1:]]
    out = {name: (tree_ticks(procs, pid) / HZ if pid and tree_ticks(procs, pid) is not None else None)
           for name, pid in roots.items()}
    out["machine busy"] = (sum(cpu) - cpu[3] - cpu[4]) / HZ   # all but idle and iowait
    out["machine total"] = sum(cpu) / HZ
    print(json.dumps(out))


def report(before_file, after_file, purchases, gen_name, gen_cpu, receiver):
    with open(before_file) as f:
        before = json.load(f)
    with open(after_file) as f:
        after = json.load(f)
    n = int(purchases)

    def delta(name):
        if before.get(name) is None or after.get(name) is None:
            return None
        return after[name] - before[name]

    def row(label, seconds):
        ms = "–" if seconds is None or n == 0 else f"{1000.0 * seconds / n:.3f}"
        sec = "–" if seconds is None else f"{seconds:.1f}"
        return f"| {label} | {sec} | {ms} |"

    lines = [f"| component | CPU s | CPU ms per purchase ({n} purchases) |", "|---|---|---|"]
    shop = 0.0
    for name in SHOP:
        d = delta(name)
        shop += d or 0.0
        lines.append(row(name, d))
    lines.append(row("**the shop's own processes**", shop).replace(f"| {shop:.1f} |", f"| **{shop:.1f}** |"))
    lines.append(row(f"SMTP receiver ({receiver})", delta("mail-sink")))
    # the card provider is an outside party (Stripe in production): apart, like the SMTP receiver (ADR 13)
    lines.append(row("card provider (local payment-provider)", delta("payment-provider")))
    gen = float(gen_cpu)
    lines.append(row(f"load generator ({gen_name})", gen))
    busy = delta("machine busy")
    known = shop + (delta("mail-sink") or 0.0) + (delta("payment-provider") or 0.0) + gen
    lines.append(row("everything else on the machine", max(0.0, busy - known) if busy is not None else None))
    wall = delta("machine total") / os.cpu_count() if delta("machine total") else 0
    lines.append("")
    lines.append(f"window {wall:.1f} s on {os.cpu_count()} cores: machine busy {100.0 * busy / (wall * os.cpu_count()):.0f} %"
                 if wall else "")
    print("\n".join(lines))
    # machine-readable line for the summary (median over runs)
    figures = {name: (1000.0 * delta(name) / n if delta(name) is not None and n else None) for name in SHOP}
    figures["shop"] = 1000.0 * shop / n if n else None
    figures["receiver"] = 1000.0 * delta("mail-sink") / n if n and delta("mail-sink") is not None else None
    figures["provider"] = 1000.0 * delta("payment-provider") / n if n and delta("payment-provider") is not None else None
    figures["generator"] = 1000.0 * gen / n if n else None
    print("<!-- cost " + json.dumps(figures) + " -->")


def idle(before_file, after_file, seconds):
    """cores each component used while the shop did nothing"""
    with open(before_file) as f:
        before = json.load(f)
    with open(after_file) as f:
        after = json.load(f)
    cores = {name: (after[name] - before[name]) / float(seconds) for name in SHOP + ["mail-sink", "payment-provider"]
             if before.get(name) is not None and after.get(name) is not None}
    cores["shop"] = sum(cores.get(name, 0.0) for name in SHOP)
    print("| component | cores |\n|---|---|")
    for name in SHOP + ["shop"]:
        if name in cores:
            print(f"| {name} | {cores[name]:.3f} |")
    print("<!-- idle " + json.dumps(cores) + " -->")


if __name__ == "__main__":
    if sys.argv[1] == "idle":
        idle(*sys.argv[2:5])
    elif sys.argv[1] == "snapshot":
        snapshot(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "report":
        report(*sys.argv[2:8])
    else:
        sys.exit(__doc__)
