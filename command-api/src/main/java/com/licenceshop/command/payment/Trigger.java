package com.licenceshop.command.payment;

/** What asks the process to move: the provider (webhook or reconciliation), a deadline, staff, the shopper. */
public sealed interface Trigger {

    /** The provider made a checkout session for this attempt (the adapter called it first). */
    record CheckoutCreated(int attempt, String sessionId, long grossCents, java.time.Instant expiresAt)
            implements Trigger {}

    /** The invoice got its number (the adapter took it from the year's counter in this transaction). */
    record InvoiceCreated(Invoice invoice) implements Trigger {}

    /** checkout.session.completed with payment_status=paid, from a webhook or found by reconciliation. */
    record CardPaid(String sessionId, String paymentIntentId, long amountCents, String currency) implements Trigger {}

    /** payment_intent.payment_failed. */
    record CardDeclined(String code, String message) implements Trigger {}

    /** checkout.session.expired. */
    record CheckoutExpired(String sessionId) implements Trigger {}

    /** Reconciliation found the session still open (nothing to do but look again later). */
    record CheckoutStillOpen(String sessionId) implements Trigger {}

    record DeadlineReached(DeadlineKind kind) implements Trigger {}

    /** Staff recorded a bank transfer for the order's invoice. */
    record TransferReceived(String reference, long amountCents) implements Trigger {}

    record RefundAsked(String requestedBy) implements Trigger {}

    /** The provider refunded (its answer, or refund.created); for an invoice: staff sent the money back. */
    record RefundConfirmed(String refundId, long amountCents) implements Trigger {}
}
