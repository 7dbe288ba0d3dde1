#!/usr/bin/env python3
"""jfr-top.py FILE.jfr: where a service's CPU samples go (load.sh with LOAD_PROFILE=1 writes the files).
Prints the share of jdk.ExecutionSample by area (the first frame from the top that names a known library or
the shop's own code), the hottest methods by self time, and the shop's own methods that lead to the samples."""
import collections
import json
import subprocess
import sys

AREAS = [  # (area, prefixes of a frame's class), first match from the top of the stack wins
    ("logging", ["ch.qos.logback", "org.slf4j"]),
    ("JDBC (pgjdbc, Hikari)", ["org.postgresql", "com.zaxxer.hikari"]),
    ("AMQP client", ["com.rabbitmq"]),
    ("mail (Jakarta Mail, Angus)", ["jakarta.mail", "org.eclipse.angus", "com.sun.mail", "jakarta.activation"]),
    ("templates (Handlebars)", ["com.github.jknack"]),
    ("JSON (serde, Jackson)", ["io.micronaut.serde", "com.fasterxml.jackson", "io.micronaut.json"]),
    ("tracing (OpenTelemetry)", ["io.opentelemetry", "io.micronaut.tracing"]),
    ("metrics (Micrometer)", ["io.micrometer", "io.micronaut.configuration.metrics"]),
    ("security", ["io.micronaut.security"]),
    ("HTTP (Netty, Micronaut)", ["io.netty", "io.micronaut", "reactor."]),
    ("crypto", ["org.bouncycastle", "sun.security", "com.sun.crypto"]),
    ("shop code", ["com.licenceshop"]),
]


def area(frames):
    for frame in frames:
        for name, prefixes in AREAS:
            if any(frame.startswith(p) for p in prefixes):
                return name
    return "JVM/JDK (GC, JIT, threads, java.*)"


out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]],
                     capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
areas, top, shop = collections.Counter(), collections.Counter(), collections.Counter()
for e in events:
    stack = e["values"].get("stackTrace") or {"frames": []}
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in stack["frames"]]
    if not frames:
        continue
    areas[area(frames)] += 1
    top[frames[0]] += 1
    own = next((f for f in frames if f.startswith("com.licenceshop")), None)
    if own:
        shop[own] += 1
total = sum(areas.values()) or 1
print(f"{total} samples (jdk.ExecutionSample, Java threads only; GC and JIT threads are not sampled)")
print("\n| area | share |\n|---|---|")
for name, n in areas.most_common():
    print(f"| {name} | {100.0 * n / total:.1f} % |")
print("\nhottest methods (self):")
for name, n in top.most_common(25):
    print(f"  {100.0 * n / total:5.1f} %  {name}")
print("\nthe shop's own method nearest the top (inclusive):")
for name, n in shop.most_common(20):
    print(f"  {100.0 * n / total:5.1f} %  {name}")
