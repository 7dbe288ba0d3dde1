package com.licenceshop.projector.live;

import java.time.Duration;
import java.util.Optional;

/**
 * When a batch whose database is unreachable is tried again: after 100 ms, doubling up to 5 s, for at most
 * {@code holdFor} in all; then the batch is put back at the tail of the queue (see {@link BatchProjector}).
 * Pure: the caller says how long it has waited, from its clock.
 */
record OutageSchedule(Duration holdFor) {

    static final Duration FIRST_WAIT = Duration.ofMillis(100);
    static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    /** The wait before try {@code attempt + 1} (the first failed try is attempt 1), or empty: stop holding. */
    Optional<Duration> waitAfter(int attempt, Duration heldSoFar) {
        Duration left = holdFor.minus(heldSoFar);
        if (left.isNegative() || left.isZero()) {
            return Optional.empty();
        }
        Duration backoff = FIRST_WAIT.multipliedBy(1L << Math.min(attempt - 1, 16));
        Duration wait = backoff.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : backoff;
        return Optional.of(wait.compareTo(left) > 0 ? left : wait);
    }
}
