package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * What a payment event (ADR 13) says about its order's payment, as values that merge commutatively and
 * idempotently with what the model has: amounts and attempts by their maximum, flags by or, the method and the
 * invoice number by the first known. So the order's payment row ends the same whatever the order of arrival.
 * Amounts are gross cents; zero, false and null say nothing.
 */
public record PaymentChange(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String method,
        long dueCents,
        long receivedCents,
        long paidCents,
        long refundedCents,
        int requestedAttempt,
        int failedAttempt,
        boolean keysIssued,
        boolean expired,
        boolean refundRequested,
        String invoiceNumber)
        implements SalesChange {

    static PaymentChange of(com.licenceshop.events.ShopEvent event, UUID orderId) {
        return new PaymentChange(
                event.eventId(),
                event.sequence(),
                event.occurredAt(),
                orderId,
                null,
                0,
                0,
                0,
                0,
                0,
                0,
                false,
                false,
                false,
                null);
    }

    PaymentChange method(String value) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                value,
                dueCents,
                receivedCents,
                paidCents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange due(long cents) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                cents,
                receivedCents,
                paidCents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange requested(int attempt) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                paidCents,
                refundedCents,
                attempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange invoiced(String number) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                paidCents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                number);
    }

    PaymentChange failed(int attempt) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                paidCents,
                refundedCents,
                requestedAttempt,
                attempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange received(long cents) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                cents,
                paidCents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange paid(long cents) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                cents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange refunded(long cents) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                paidCents,
                cents,
                requestedAttempt,
                failedAttempt,
                keysIssued,
                expired,
                refundRequested,
                invoiceNumber);
    }

    PaymentChange flags(boolean keys, boolean expiredNow, boolean refundAsked) {
        return new PaymentChange(
                eventId,
                sequence,
                occurredAt,
                orderId,
                method,
                dueCents,
                receivedCents,
                paidCents,
                refundedCents,
                requestedAttempt,
                failedAttempt,
                keysIssued || keys,
                expired || expiredNow,
                refundRequested || refundAsked,
                invoiceNumber);
    }

    /** Two changes of the same order in one batch, as one (the same merge the database does). */
    public PaymentChange merge(PaymentChange other) {
        return new PaymentChange(
                eventId,
                Math.max(sequence, other.sequence),
                occurredAt,
                orderId,
                method != null ? method : other.method,
                Math.max(dueCents, other.dueCents),
                Math.max(receivedCents, other.receivedCents),
                Math.max(paidCents, other.paidCents),
                Math.max(refundedCents, other.refundedCents),
                Math.max(requestedAttempt, other.requestedAttempt),
                Math.max(failedAttempt, other.failedAttempt),
                keysIssued || other.keysIssued,
                expired || other.expired,
                refundRequested || other.refundRequested,
                invoiceNumber != null ? invoiceNumber : other.invoiceNumber);
    }
}
