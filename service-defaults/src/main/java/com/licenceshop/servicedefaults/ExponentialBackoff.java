package com.licenceshop.servicedefaults;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The one exponential backoff: {@code initial}, twice that, four times, ... never more than {@code max}. The relay
 * waits this long for the broker, the projector for its database (within how long it may hold a batch). Pure.
 */
public record ExponentialBackoff(Duration initial, Duration max) {

    public ExponentialBackoff {
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

    /**
     * The wait after {@code failures} failures when {@code left} is what remains of the time one may keep trying: cut
     * to what remains, or empty once nothing does (stop trying).
     */
    public Optional<Duration> delayAfter(int failures, Duration left) {
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration delay = delayAfter(failures);
        return Optional.of(delay.compareTo(left) > 0 ? left : delay);
    }
}
