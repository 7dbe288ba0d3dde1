package com.licenceshop.command.payment;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

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
            return change(c -> {
                c.status = PaymentStatus.AWAITING_PAYMENT;
                c.attempt = r.attempt();
                c.sessionId = r.sessionId();
                c.grossCents = r.grossCents();
                c.requestedAt = r.at();
            });
        }
        if (event instanceof PaymentEvent.InvoiceIssued i) {
            return change(c -> {
                c.status = PaymentStatus.AWAITING_PAYMENT;
                c.grossCents = i.invoice().grossCents();
                c.requestedAt = i.at();
                c.invoice = i.invoice();
            });
        }
        if (event instanceof PaymentEvent.Failed) {
            return change(c -> c.failures = failures + 1);
        }
        if (event instanceof PaymentEvent.TransferRecorded t) {
            Set<String> refs = new TreeSet<>(transferReferences);
            refs.add(t.reference());
            return change(c -> {
                c.receivedCents = receivedCents + t.amountCents();
                c.transferReferences = Set.copyOf(refs);
            });
        }
        if (event instanceof PaymentEvent.Succeeded s) {
            return change(c -> {
                c.status = keysIssued ? PaymentStatus.KEYS_ISSUED : PaymentStatus.PAID;
                c.receivedCents = method == PaymentMethod.CARD ? s.amountCents() : receivedCents;
                c.providerPaymentId = s.providerPaymentId();
            });
        }
        if (event instanceof PaymentEvent.LicencesIssued) {
            return change(c -> {
                c.status = status == PaymentStatus.PAID ? PaymentStatus.KEYS_ISSUED : status;
                c.keysIssued = true;
            });
        }
        if (event instanceof PaymentEvent.Expired) {
            return change(c -> c.status = PaymentStatus.EXPIRED);
        }
        if (event instanceof PaymentEvent.RefundRequested) {
            return change(c -> c.status = PaymentStatus.REFUNDING);
        }
        if (event instanceof PaymentEvent.Refunded) {
            return change(c -> c.status = PaymentStatus.REFUNDED);
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

    /** This state with what {@code change} sets; the order's identity and what it was placed with stay. */
    private PaymentState change(Consumer<Changes> change) {
        Changes c = new Changes(this);
        change.accept(c);
        return new PaymentState(
                orderId,
                method,
                c.status,
                netCents,
                c.grossCents,
                currency,
                placedAt,
                keysBeforePayment,
                c.keysIssued,
                c.attempt,
                c.sessionId,
                c.requestedAt,
                c.failures,
                c.invoice,
                c.receivedCents,
                c.transferReferences,
                c.providerPaymentId);
    }

    /** What an event may change, starting from the state before it (one place that lists every such field). */
    private static final class Changes {
        PaymentStatus status;
        long grossCents;
        boolean keysIssued;
        int attempt;
        String sessionId;
        Instant requestedAt;
        int failures;
        Invoice invoice;
        long receivedCents;
        Set<String> transferReferences;
        String providerPaymentId;

        Changes(PaymentState before) {
            status = before.status;
            grossCents = before.grossCents;
            keysIssued = before.keysIssued;
            attempt = before.attempt;
            sessionId = before.sessionId;
            requestedAt = before.requestedAt;
            failures = before.failures;
            invoice = before.invoice;
            receivedCents = before.receivedCents;
            transferReferences = before.transferReferences;
            providerPaymentId = before.providerPaymentId;
        }
    }
}
