package com.licenceshop.command.payment;

import java.time.Instant;

/** What the adapter does besides appending the decided events; all but the provider calls in the same transaction. */
public sealed interface Effect {

    record ScheduleDeadline(DeadlineKind kind, Instant dueAt) implements Effect {}

    /** Every open deadline of the order: it is settled. */
    record CancelDeadlines() implements Effect {}

    /** Sign the order's keys and append LicencesIssued with them (the decision already holds the event). */
    record SignLicenceKeys() implements Effect {}

    /** Cancel the order (OrderCancelled, and LicenceRevoked if keys went out early). */
    record CancelOrder(String reason) implements Effect {}

    /** Revoke the order's licence keys (LicenceRevoked, as a cancel does). */
    record RevokeLicences(String reason) implements Effect {}

    /** After commit: ask the provider about this session (reconciliation). */
    record ReconcileWithProvider(String sessionId) implements Effect {}

    /** After commit: refund at the provider, idempotently under this key. */
    record RefundAtProvider(String paymentIntentId, long amountCents, String idempotencyKey) implements Effect {}

    /** After commit: close a session nobody should pay any more. */
    record ExpireCheckoutAtProvider(String sessionId) implements Effect {}
}
