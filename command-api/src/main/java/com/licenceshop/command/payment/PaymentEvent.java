package com.licenceshop.command.payment;

import java.time.Instant;
import java.time.LocalDate;

/**
 * What happened to an order's payment, in the order it was recorded: the process's own history, from which
 * {@link PaymentState} is folded. Each maps to one published event of shop-events (ADR 13, docs/contracts.md).
 */
public sealed interface PaymentEvent {

    /** OrderPlaced v3: the net total of the order lines; gross comes with the request or invoice. */
    record Placed(
            String orderId, PaymentMethod method, long netCents, String currency, Instant at, boolean keysBeforePayment)
            implements PaymentEvent {}

    /** PaymentRequested (card): the checkout session of this attempt. */
    record CheckoutRequested(int attempt, String sessionId, long grossCents, Instant expiresAt, Instant at)
            implements PaymentEvent {}

    /** InvoiceIssued: the invoice's number and amounts, fixed from now on. */
    record InvoiceIssued(Invoice invoice, Instant at) implements PaymentEvent {}

    /** PaymentFailed: a declined card; the shopper may try again until the payment deadline. */
    record Failed(int attempt, String code, String message, Instant at) implements PaymentEvent {}

    /** TransferRecorded: money that arrived for an invoice, by its bank reference. */
    record TransferRecorded(String reference, long amountCents, Instant at) implements PaymentEvent {}

    /** PaymentSucceeded. */
    record Succeeded(long amountCents, String currency, String providerPaymentId, Instant at) implements PaymentEvent {}

    /** LicencesIssued: the keys exist from now on (signed by the adapter in the same transaction). */
    record LicencesIssued(Instant at) implements PaymentEvent {}

    /** PaymentReminded: a reminder mail for an invoice, before or after its due date. */
    record Reminded(DeadlineKind kind, LocalDate dueDate, long outstandingCents, Instant at) implements PaymentEvent {}

    /** PaymentExpired: unpaid by the deadline; the order is cancelled with it. */
    record Expired(String reason, Instant at) implements PaymentEvent {}

    /** RefundRequested: staff asked; guards against a second refund while the provider works. */
    record RefundRequested(String requestedBy, Instant at) implements PaymentEvent {}

    /** OrderRefunded: the money went back; the keys are revoked with it. */
    record Refunded(long amountCents, String providerRefundId, Instant at) implements PaymentEvent {}
}
