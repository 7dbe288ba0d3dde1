package com.licenceshop.projector.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which inbox rows may go. The read model is idempotent by itself: an order's row keeps a set-once flag per
 * event kind, a period is keyed by its start, so an event applied again (a redelivery, a replay) whose inbox
 * row is gone changes nothing. The inbox is the fast way to skip it, and a rebuild reads the live inbox for
 * the events applied since it started. So a row may go once it is older than {@code keep} and older than any
 * running rebuild by a safe margin.
 *
 * @param keep   how long rows stay (long enough for redeliveries and ops replays to take the fast path)
 * @param margin kept before a running rebuild's start; wider than the minute the rebuild looks back
 */
record InboxRetentionPolicy(Duration keep, Duration margin) {

    static final Duration REBUILD_MARGIN = Duration.ofHours(1);

    InboxRetentionPolicy {
        if (keep.compareTo(margin) < 0) {
            throw new IllegalArgumentException("inbox retention " + keep + " must be at least " + margin);
        }
    }

    /** Rows applied before this instant may be deleted. */
    Instant forgetBefore(Instant now, Optional<Instant> runningRebuildStartedAt) {
        Instant byAge = now.minus(keep);
        return runningRebuildStartedAt
                .map(start -> start.minus(margin))
                .filter(byAge::isAfter)
                .orElse(byAge);
    }
}
