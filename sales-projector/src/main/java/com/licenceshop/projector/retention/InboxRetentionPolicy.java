package com.licenceshop.projector.retention;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Which inbox rows may go: older than {@code keep}, and older than a running rebuild's start by {@code margin} (wider
 * than the minute the rebuild looks back into the live inbox). Why the model needs no older rows: README, "Retention".
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
