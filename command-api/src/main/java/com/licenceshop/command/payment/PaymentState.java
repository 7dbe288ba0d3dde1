package com.licenceshop.command.payment;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** An order's payment process now: the fold of its {@link PaymentEvent}s, in the order they were recorded. */
public record PaymentState(
        String orderId,
        PaymentMethod method,
        PaymentStatus status,
        long netCents,
        long grossCents,
        String currency,
        Instant placedAt,
        boolean keysBeforePayment,
        boolean keysIssued,
        int attempt,
        String sessionId,
        Instant requestedAt,
        int failures,
        Invoice invoice,
        long receivedCents,
        Set<String> transferReferences,
        String providerPaymentId) {

    public static PaymentState from(List<PaymentEvent> history) {
        PaymentState state = null;
        for (PaymentEvent event : history) {
            state = state == null ? start(event) : state.apply(event);
        }
        if (state == null) {
            throw new IllegalArgumentException("a payment process starts with Placed");
        }
        return state;
    }

    private static PaymentState start(PaymentEvent first) {
        if (!(first instanceof PaymentEvent.Placed p)) {
            throw new IllegalArgumentException("a payment process starts with Placed, not " + first);
        }
        return new PaymentState(
                p.orderId(),
                p.method(),
                PaymentStatus.PLACED,
                p.netCents(),
                0,
                p.currency(),
                p.at(),
                p.keysBeforePayment(),
                false,
                0,
                null,
                null,
                0,
                null,
                0,
                Set.of(),
                null);
    }

    PaymentState apply(PaymentEvent event) {
        if (event instanceof PaymentEvent.CheckoutRequested r) {
            return with(PaymentStatus.AWAITING_PAYMENT).attempt(r.attempt(), r.sessionId(), r.grossCents(), r.at());
        }
        if (event instanceof PaymentEvent.InvoiceIssued i) {
            PaymentState s = with(PaymentStatus.AWAITING_PAYMENT);
            return new PaymentState(
                    orderId,
                    method,
                    s.status,
                    netCents,
                    i.invoice().grossCents(),
                    currency,
                    placedAt,
                    keysBeforePayment,
                    keysIssued,
                    attempt,
                    sessionId,
                    i.at(),
                    failures,
                    i.invoice(),
                    receivedCents,
                    transferReferences,
                    providerPaymentId);
        }
        if (event instanceof PaymentEvent.Failed) {
            return new PaymentState(
                    orderId,
                    method,
                    status,
                    netCents,
                    grossCents,
                    currency,
                    placedAt,
                    keysBeforePayment,
                    keysIssued,
                    attempt,
                    sessionId,
                    requestedAt,
                    failures + 1,
                    invoice,
                    receivedCents,
                    transferReferences,
                    providerPaymentId);
        }
        if (event instanceof PaymentEvent.TransferRecorded t) {
            Set<String> refs = new TreeSet<>(transferReferences);
            refs.add(t.reference());
            return new PaymentState(
                    orderId,
                    method,
                    status,
                    netCents,
                    grossCents,
                    currency,
                    placedAt,
                    keysBeforePayment,
                    keysIssued,
                    attempt,
                    sessionId,
                    requestedAt,
                    failures,
                    invoice,
                    receivedCents + t.amountCents(),
                    Set.copyOf(refs),
                    providerPaymentId);
        }
        if (event instanceof PaymentEvent.Succeeded s) {
            return new PaymentState(
                    orderId,
                    method,
                    keysIssued ? PaymentStatus.KEYS_ISSUED : PaymentStatus.PAID,
                    netCents,
                    grossCents,
                    currency,
                    placedAt,
                    keysBeforePayment,
                    keysIssued,
                    attempt,
                    sessionId,
                    requestedAt,
                    failures,
                    invoice,
                    method == PaymentMethod.CARD ? s.amountCents() : receivedCents,
                    transferReferences,
                    s.providerPaymentId());
        }
        if (event instanceof PaymentEvent.LicencesIssued) {
            return new PaymentState(
                    orderId,
                    method,
                    status == PaymentStatus.PAID ? PaymentStatus.KEYS_ISSUED : status,
                    netCents,
                    grossCents,
                    currency,
                    placedAt,
                    keysBeforePayment,
                    true,
                    attempt,
                    sessionId,
                    requestedAt,
                    failures,
                    invoice,
                    receivedCents,
                    transferReferences,
                    providerPaymentId);
        }
        if (event instanceof PaymentEvent.Expired) {
            return with(PaymentStatus.EXPIRED);
        }
        if (event instanceof PaymentEvent.RefundRequested) {
            return with(PaymentStatus.REFUNDING);
        }
        if (event instanceof PaymentEvent.Refunded) {
            return with(PaymentStatus.REFUNDED);
        }
        return this; // Reminded: a mail, no change of state
    }

    /** Money still owed (never negative) and money paid beyond the gross (overpayment). */
    public long outstandingCents() {
        return Math.max(0, grossCents - receivedCents);
    }

    public long overpaidCents() {
        return Math.max(0, receivedCents - grossCents);
    }

    private PaymentState with(PaymentStatus newStatus) {
        return new PaymentState(
                orderId,
                method,
                newStatus,
                netCents,
                grossCents,
                currency,
                placedAt,
                keysBeforePayment,
                keysIssued,
                attempt,
                sessionId,
                requestedAt,
                failures,
                invoice,
                receivedCents,
                transferReferences,
                providerPaymentId);
    }

    private PaymentState attempt(int newAttempt, String newSession, long gross, Instant at) {
        return new PaymentState(
                orderId,
                method,
                status,
                netCents,
                gross,
                currency,
                placedAt,
                keysBeforePayment,
                keysIssued,
                newAttempt,
                newSession,
                at,
                failures,
                invoice,
                receivedCents,
                transferReferences,
                providerPaymentId);
    }
}
