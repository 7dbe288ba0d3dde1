package com.licenceshop.projector.rebuild;

import java.time.Duration;
import java.time.Instant;

/** Rate and ETA of a running rebuild from what it has done so far. */
final class RebuildProgress {

    private final Instant startedAt;
    private final Long total;
    private long done;
    private String phase = "COPYING";

    RebuildProgress(Instant startedAt, Long total) {
        this.startedAt = startedAt;
        this.total = total;
    }

    void add(long events) {
        done += events;
    }

    void phase(String phase) {
        this.phase = phase;
    }

    RebuildStatus running(Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toNanos() / 1e9);
        double rate = done / seconds;
        Long shownTotal = total == null ? null : Math.max(total, done);
        Long etaSeconds = null;
        Instant eta = null;
        if (shownTotal != null && rate > 0) {
            etaSeconds = (long) Math.ceil((shownTotal - done) / rate);
            eta = now.plusSeconds(etaSeconds);
        }
        return new RebuildStatus(
                "RUNNING", phase, done, shownTotal, round(rate), eta, etaSeconds, startedAt, null, null);
    }

    RebuildStatus finished(Instant now) {
        double seconds = Math.max(0.001, Duration.between(startedAt, now).toNanos() / 1e9);
        return new RebuildStatus("FINISHED", null, done, done, round(done / seconds), now, 0L, startedAt, now, null);
    }

    RebuildStatus failed(Instant now, String error) {
        RebuildStatus running = running(now);
        return new RebuildStatus(
                "FAILED", phase, done, running.total(), running.eventsPerSecond(), null, null, startedAt, now, error);
    }

    long done() {
        return done;
    }

    private static double round(double rate) {
        return Math.round(rate * 10) / 10.0;
    }
}
