#!/usr/bin/env python3
"""open-model.py BASE_URL RATE SECONDS RUN HTML: the open model, light on CPU (see load-tests/README.md).

Purchase i is due at start + i/RATE and goes out then on an idle keep-alive connection, or on a new one when none
is idle (connections are unbounded), whether or not earlier purchases were answered. Latency counts from when it
was due, so a slow answer never hides the ones queued behind it (no coordinated omission). Prints one line
"OPEN-RESULT requests ok p50 p95 p99 max errors" (ms) and writes an HTML page with the latency and throughput
over time (HTML). Python's asyncio on raw HTTP/1.1: a fraction of a JVM generator's CPU per request."""
import asyncio
import collections
import json
import sys
import time
import urllib.parse

SKUS = ["STARTER", "PROFESSIONAL", "ENTERPRISE"]


class Connection(asyncio.Protocol):
    """One keep-alive HTTP/1.1 connection with at most one purchase in flight; callbacks, no task per request."""

    def __init__(self, gen):
        self.gen, self.transport, self.buffer, self.due = gen, None, b"", None

    def connection_made(self, transport):
        self.transport = transport

    def send(self, request, due):
        self.due = due
        self.transport.write(request)

    def data_received(self, data):
        self.buffer += data
        head_end = self.buffer.find(b"\r\n\r\n")
        if head_end < 0:
            return
        head = self.buffer[:head_end].decode("latin-1").split("\r\n")
        length = next((int(h.split(":", 1)[1]) for h in head[1:] if h.lower().startswith("content-length:")), 0)
        if len(self.buffer) < head_end + 4 + length:
            return
        self.buffer = self.buffer[head_end + 4 + length:]
        close = any(h.lower().startswith("connection:") and "close" in h.lower() for h in head[1:])
        self.gen.answered(self, int(head[0].split()[1]), self.due, reusable=not close)
        if close:
            self.transport.close()

    def connection_lost(self, exc):
        if self.due is not None:
            self.gen.failed(self, type(exc).__name__ if exc else "ConnectionClosed", self.due)


class Generator:
    def __init__(self, base, rate, seconds, run):
        url = urllib.parse.urlsplit(base)
        self.host, self.port = url.hostname, url.port or 80
        self.rate, self.seconds, self.run = rate, seconds, run
        self.idle = []
        self.latencies = []          # (second since start, ms)
        self.errors = collections.Counter()
        self.ok = 0
        self.requests = 0
        self.outstanding = 0
        self.start = 0.0
        self.done = None             # resolved when the last purchase was answered after all were sent
        self.all_sent = False

    def request(self, n):
        body = json.dumps({"customerEmail": f"load-{self.run}-{n}@example.com",
                           "items": [{"sku": SKUS[n % 3], "quantity": 1 + n % 3}]}, separators=(",", ":")).encode()
        return (f"POST /api/orders HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nContent-Type: application/json\r\n"
                f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode() + body

    def settle(self, due):
        self.latencies.append((due - self.start, (time.monotonic() - due) * 1000.0))
        self.outstanding -= 1
        if self.outstanding == 0 and self.all_sent and not self.done.done():
            self.done.set_result(None)

    def answered(self, conn, status, due, reusable):
        conn.due = None
        if status == 202:
            self.ok += 1
        else:
            self.errors[f"status {status}"] += 1
        if reusable:
            self.idle.append(conn)
        self.settle(due)

    def failed(self, conn, error, due):
        conn.due = None
        if conn in self.idle:
            self.idle.remove(conn)
        self.errors[error] += 1
        self.settle(due)

    async def fire(self, n, due):
        """Sends purchase n, already counted as outstanding, on an idle connection or a new one."""
        request = self.request(n)
        while self.idle:
            conn = self.idle.pop()
            if not conn.transport.is_closing():
                conn.send(request, due)
                return
        try:
            _, conn = await asyncio.get_running_loop().create_connection(lambda: Connection(self), self.host, self.port)
            conn.send(request, due)
        except OSError as e:
            self.errors[type(e).__name__] += 1
            self.settle(due)

    async def main(self):
        loop = asyncio.get_running_loop()
        self.done = loop.create_future()
        self.start = time.monotonic()
        total = int(self.rate * self.seconds)
        n = 0
        while n < total:
            now = time.monotonic()
            # every purchase that is due goes out now; new connections are opened in tasks of their own
            while n < total and self.start + n / self.rate <= now:
                n += 1
                due = self.start + (n - 1) / self.rate
                if self.idle:
                    self.requests += 1
                    self.outstanding += 1
                    conn = self.idle.pop()
                    if conn.transport.is_closing():
                        self.requests -= 1
                        self.outstanding -= 1
                        n -= 1
                        continue
                    conn.send(self.request(n), due)
                else:
                    self.requests += 1
                    self.outstanding += 1
                    asyncio.ensure_future(self.fire(n, due))
            await asyncio.sleep(max(0.0, self.start + n / self.rate - time.monotonic()))
        self.all_sent = True
        if self.outstanding:
            await self.done
        for conn in self.idle:
            conn.transport.close()


def percentile(sorted_values, p):
    if not sorted_values:
        return 0.0
    return sorted_values[min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1)]


def page(gen, path):
    per_second = collections.defaultdict(list)
    for second, ms in gen.latencies:
        per_second[int(second)].append(ms)
    seconds = sorted(per_second)
    series = {"p50": [], "p99": [], "max": []}
    for s in seconds:
        values = sorted(per_second[s])
        series["p50"].append(percentile(values, 50))
        series["p99"].append(percentile(values, 99))
        series["max"].append(values[-1])
    top = max([1.0] + series["max"])
    w, h = 900, 300
    colors = {"p50": "#2b7", "p99": "#e80", "max": "#c33"}
    lines = []
    for name, values in series.items():
        points = " ".join(f"{40 + i * (w - 60) / max(1, len(values) - 1):.1f},{h - 30 - v / top * (h - 60):.1f}"
                          for i, v in enumerate(values))
        lines.append(f'<polyline fill="none" stroke="{colors[name]}" stroke-width="2" points="{points}"/>')
    legend = " ".join(f'<span style="color:{c}">■ {n}</span>' for n, c in colors.items())
    with open(path, "w") as f:
        f.write(f"""<!doctype html><meta charset="utf-8"><title>open model {gen.rate}/s, run {gen.run}</title>
<h1>Open model: {gen.rate} purchases/s for {gen.seconds} s (run {gen.run})</h1>
<p>{gen.requests} requests, {gen.ok} accepted, errors {dict(gen.errors) or 'none'}. Latency per second of schedule, ms
(top of the chart = {top:.0f} ms). {legend}</p>
<svg width="{w}" height="{h}" style="border:1px solid #ccc">{''.join(lines)}
<text x="5" y="20">{top:.0f} ms</text><text x="5" y="{h - 35}">0</text><text x="{w - 60}" y="{h - 10}">{len(seconds)} s</text></svg>
""")


if __name__ == "__main__":
    base, rate, seconds, run, html = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4], sys.argv[5]
    gen = Generator(base, rate, seconds, run)
    asyncio.run(gen.main())
    values = sorted(ms for _, ms in gen.latencies)
    errors = ";".join(f"{k}: {v}" for k, v in gen.errors.items()).replace(" ", "_") or "none"
    page(gen, html)
    print(f"OPEN-RESULT {gen.requests} {gen.ok} {percentile(values, 50):.1f} {percentile(values, 95):.1f} "
          f"{percentile(values, 99):.1f} {values[-1] if values else 0:.1f} {errors}")
