package com.licenceshop.command.outbox;

import java.time.Duration;
import java.util.Objects;

/** Exponential backoff: {@code initial}, twice that, four times, ... never more than {@code max}. Pure. */
public record RetrySchedule(Duration initial, Duration max) {

    public RetrySchedule {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The wait after the given number of consecutive failures (1 = the first failure). */
    public Duration delayAfter(int failures) {
        if (failures <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failures - 1, 40);
        long millis = initial.toMillis();
        for (int i = 0; i < doublings && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
