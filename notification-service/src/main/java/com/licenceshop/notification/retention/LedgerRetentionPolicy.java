package com.licenceshop.notification.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the ledger remembers a mail: a row goes after {@code keep}, and an event older than {@code keep} minus a
 * clock-skew margin is not mailed any more, so no event whose row may be gone is mailed twice (README, "Retention").
 */
public record LedgerRetentionPolicy(Duration keep) {

    /** Clocks of the command API's and this service's machines may disagree by this much. */
    public static final Duration CLOCK_SKEW = Duration.ofHours(1);

    public LedgerRetentionPolicy {
        if (keep.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("the mail ledger must keep rows for at least a day, not " + keep);
        }
    }

    /** Sent or failed rows created before this instant may be deleted. */
    public Instant forgetBefore(Instant now) {
        return now.minus(keep);
    }

    /** Whether an event is too old to be mailed: its ledger row may already be forgotten. */
    public boolean tooOldToMail(Instant occurredAt, Instant now) {
        return occurredAt.isBefore(forgetBefore(now).plus(CLOCK_SKEW));
    }
}
