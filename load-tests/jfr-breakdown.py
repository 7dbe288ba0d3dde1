#!/usr/bin/env python3
"""jfr-breakdown.py FILE.jfr: where the command API's CPU samples go, by part of the write path.
Each jdk.ExecutionSample is put in the first category whose pattern matches a frame, from the top of the stack."""
import json, subprocess, sys, collections
CATEGORIES = [  # (category, substrings of a frame's class.method), first match from the top of the stack wins
    ("logging", ["ch.qos.logback", "org.slf4j"]),
    ("JDBC round-trips (pgjdbc, Hikari)", ["org.postgresql", "com.zaxxer.hikari"]),
    ("NOTIFY/relay + AMQP publish", ["com.licenceshop.command.outbox", "com.rabbitmq"]),
    ("request fingerprint (SHA-256)", ["RequestFingerprint", "sun.security.provider"]),
    ("validation + pricing", ["OrderRequestValidation", "Pricing", "catalog.Catalog"]),
    ("event JSON (codec)", ["com.licenceshop.events"]),
    ("JSON (serde/Jackson)", ["io.micronaut.serde", "com.fasterxml.jackson", "io.micronaut.json"]),
    ("group commit / order code", ["com.licenceshop.command.order", "com.licenceshop.command.idempotency"]),
    ("HTTP (Netty, Micronaut HTTP, routing)", ["io.netty", "io.micronaut.http", "io.micronaut.web", "io.micronaut.core", "io.micronaut.context", "io.micronaut.inject", "io.micronaut.runtime", "reactor."]),
    ("metrics", ["io.micrometer"]),
    ("JVM/GC/other JDK", ["java.", "jdk.", "sun."]),
]
out = subprocess.run(["jfr", "print", "--json", "--events", "jdk.ExecutionSample", sys.argv[1]], capture_output=True, text=True, check=True).stdout
events = json.loads(out)["recording"]["events"]
counts = collections.Counter()
for e in events:
    frames = [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"] for f in e["values"]["stackTrace"]["frames"]]
    cat = "other"
    for frame in frames:
        hit = next((c for c, pats in CATEGORIES if any(p in frame for p in pats)), None)
        if hit and hit != "JVM/GC/other JDK":
            cat = hit; break
        if hit and cat == "other":
            cat = hit
    counts[cat] += 1
total = sum(counts.values())
print(f"{total} samples")
for cat, n in counts.most_common():
    print(f"| {cat} | {100.0 * n / total:.1f} % |")
