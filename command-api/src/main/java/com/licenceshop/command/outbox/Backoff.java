package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.ExponentialBackoff;
import java.time.Duration;
import java.time.Instant;

/**
 * Where the relay stands after failures: how many in a row, and when it may try again. Immutable and pure;
 * the caller brings the time.
 */
public record Backoff(int failures, Instant nextAttemptAt) {

    public static Backoff none() {
        return new Backoff(0, Instant.MIN);
    }

    public Backoff failed(Instant now, ExponentialBackoff schedule) {
        int count = failures + 1;
        return new Backoff(count, now.plus(schedule.delayAfter(count)));
    }

    public boolean isDue(Instant now) {
        return !now.isBefore(nextAttemptAt);
    }

    public Duration remaining(Instant now) {
        return isDue(now) ? Duration.ZERO : Duration.between(now, nextAttemptAt);
    }
}
