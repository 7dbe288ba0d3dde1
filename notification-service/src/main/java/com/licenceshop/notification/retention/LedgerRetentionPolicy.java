package com.licenceshop.notification.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * How long the mail ledger remembers a mail, and what follows from forgetting it. The ledger row is what
 * stops a second mail for an event (redelivery, replay, re-drive); once it is gone, nothing would. So the
 * service forgets a row only when it also stops mailing events that old: a row goes when it was created
 * more than {@code keep} ago, and an event that occurred more than {@code keep} minus a clock-skew margin ago
 * is not mailed any more. Since an event occurs before its row is created (give or take the clocks of two
 * machines), every event whose row may be gone is refused.
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
