#!/usr/bin/env python3
"""median.py COST_FILE: the median CPU ms per purchase of each component over the runs of each model, from the
'#### <model>, run ...' sections and their '<!-- cost {...} -->' lines that load.sh collects."""
import json
import re
import statistics
import sys

ORDER = [("command-api", "command-api"), ("sales-projector", "sales-projector"),
         ("notification-service", "notification-service"), ("web-ui", "web-ui"), ("postgresql", "PostgreSQL (all backends)"),
         ("rabbitmq", "RabbitMQ (beam.smp)"), ("shop", "**the shop's own processes**"),
         ("receiver", "SMTP receiver"), ("provider", "card provider (local payment-provider)"), ("generator", "load generator")]
runs = {}
model = None
for line in open(sys.argv[1]):
    heading = re.match(r"#### (.+?), run ", line)
    if heading:
        model = heading.group(1)
    cost = re.match(r"<!-- cost (.*) -->", line)
    if cost and model:
        runs.setdefault(model, []).append(json.loads(cost.group(1)))
models = list(runs)
print("| component | " + " | ".join(f"{m} ({len(runs[m])} runs)" for m in models) + " |")
print("|---|" + "---|" * len(models))
for key, label in ORDER:
    cells = []
    for m in models:
        values = [r[key] for r in runs[m] if r.get(key) is not None]
        cells.append(f"{statistics.median(values):.3f}" if values else "–")
    print(f"| {label} | " + " | ".join(cells) + " |")
