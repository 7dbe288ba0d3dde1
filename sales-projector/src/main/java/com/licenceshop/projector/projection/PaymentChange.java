package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * What a payment event (ADR 13) says about its order's payment, as values that merge commutatively and idempotently
 * (README, "Payments"), so the payment row ends the same whatever the order of arrival. Amounts are gross cents; zero,
 * false and null say nothing. {@code seatsIssuedBySku} is set by {@code LicencesIssued} only.
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
        String invoiceNumber,
        Map<String, Long> seatsIssuedBySku)
        implements SalesChange {

    public PaymentChange {
        seatsIssuedBySku = Collections.unmodifiableSortedMap(new TreeMap<>(seatsIssuedBySku));
    }

    static Builder of(com.licenceshop.events.ShopEvent event, UUID orderId) {
        return new Builder(event, orderId);
    }

    /** One payment event's facts, each set at most once; what is not set says nothing. */
    static final class Builder {
        private final com.licenceshop.events.ShopEvent event;
        private final UUID orderId;
        private String method;
        private long dueCents;
        private long receivedCents;
        private long paidCents;
        private long refundedCents;
        private int requestedAttempt;
        private int failedAttempt;
        private boolean keysIssued;
        private boolean expired;
        private boolean refundRequested;
        private String invoiceNumber;
        private final Map<String, Long> seatsIssuedBySku = new TreeMap<>();

        private Builder(com.licenceshop.events.ShopEvent event, UUID orderId) {
            this.event = event;
            this.orderId = orderId;
        }

        Builder method(String value) {
            method = value;
            return this;
        }

        Builder due(long cents) {
            dueCents = cents;
            return this;
        }

        Builder requested(int attempt) {
            requestedAttempt = attempt;
            return this;
        }

        Builder invoiced(String number) {
            invoiceNumber = number;
            return this;
        }

        Builder failed(int attempt) {
            failedAttempt = attempt;
            return this;
        }

        Builder received(long cents) {
            receivedCents = cents;
            return this;
        }

        Builder paid(long cents) {
            paidCents = cents;
            return this;
        }

        Builder refunded(long cents) {
            refundedCents = cents;
            return this;
        }

        Builder keysIssued(Map<String, Long> seatsBySku) {
            keysIssued = true;
            seatsIssuedBySku.putAll(seatsBySku);
            return this;
        }

        Builder expired() {
            expired = true;
            return this;
        }

        Builder refundRequested() {
            refundRequested = true;
            return this;
        }

        PaymentChange build() {
            return new PaymentChange(
                    event.eventId(),
                    event.sequence(),
                    event.occurredAt(),
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
                    invoiceNumber,
                    seatsIssuedBySku);
        }
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
                invoiceNumber != null ? invoiceNumber : other.invoiceNumber,
                seatsIssuedBySku.isEmpty() ? other.seatsIssuedBySku : seatsIssuedBySku);
    }
}
