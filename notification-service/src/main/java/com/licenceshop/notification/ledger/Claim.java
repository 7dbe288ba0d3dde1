package com.licenceshop.notification.ledger;

import java.time.Instant;

/** What a delivery found when it tried to take an event's mail for sending. */
public sealed interface Claim {

    /**
     * This delivery holds the mail and may send it; {@code attempts} counts this attempt. Close the hold after
     * the outcome is recorded: until then no other delivery can take the mail.
     */
    record Claimed(int attempts, MailLedger.Hold hold) implements Claim {}

    /** Sent before: send nothing. */
    record AlreadySent(String messageId, Instant sentAt) implements Claim {}

    /** Given up before and parked; a plain redelivery does not revive it, a re-drive does. */
    record AlreadyFailed(String lastError) implements Claim {}

    /** Another delivery holds the mail right now: look again later. */
    record Busy() implements Claim {}
}
