package com.licenceshop.command.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The payment process manager's decisions (ADR 13): given where an order's payment stands and what happened, which
 * events follow and what must be done. Pure: the adapters load the state, call {@link #decide}, append the events
 * and run the effects in one transaction (provider calls after commit). Anything that arrives twice, late or out of
 * order meets a state that has moved on and decides nothing.
 */
public final class PaymentProcess {

    static final String NOT_PAYABLE = "order-not-payable";
    static final String NOT_PAID = "order-not-paid";
    static final String ALREADY_REFUNDED = "already-refunded";
    static final String AMOUNT_MISMATCH = "amount-mismatch";
    static final String TRANSFER_ALREADY_RECORDED = "transfer-already-recorded";
    static final String NOT_AN_INVOICE = "not-an-invoice-order";
    static final String NO_INVOICE_YET = "no-invoice-yet";
    static final String AMOUNT_NOT_POSITIVE = "amount-not-positive";

    private final PaymentPolicy policy;
    private final DeadlineSchedule schedule;

    public PaymentProcess(PaymentPolicy policy) {
        this.policy = policy;
        this.schedule = new DeadlineSchedule(policy);
    }

    /** What a card order costs at the provider: its net total plus VAT at the configured rate. */
    public long cardGross(PaymentState state) {
        return state.netCents() + Invoice.vatOf(state.netCents(), policy.vatRateBasisPoints());
    }

    public Decision decide(PaymentState state, Trigger trigger, Instant now) {
        if (trigger instanceof Trigger.CheckoutCreated c) {
            return checkoutCreated(state, c, now);
        }
        if (trigger instanceof Trigger.InvoiceCreated i) {
            return invoiceCreated(state, i.invoice(), now);
        }
        if (trigger instanceof Trigger.CardPaid p) {
            return cardPaid(state, p, now);
        }
        if (trigger instanceof Trigger.CardDeclined d) {
            return state.status() == PaymentStatus.AWAITING_PAYMENT
                    ? Decision.of(
                            List.of(new PaymentEvent.Failed(state.attempt(), d.code(), d.message(), now)), List.of())
                    : Decision.none();
        }
        if (trigger instanceof Trigger.CheckoutStillOpen) {
            return state.status() == PaymentStatus.AWAITING_PAYMENT && state.method() == PaymentMethod.CARD
                    ? Decision.of(List.of(), List.of(schedule.reconcile(state.requestedAt(), now)))
                    : Decision.none();
        }
        if (trigger instanceof Trigger.CheckoutExpired) {
            // the shopper may open a new checkout until the order's own deadline; nothing to record
            return Decision.none();
        }
        if (trigger instanceof Trigger.DeadlineReached d) {
            return deadline(state, d.kind(), now);
        }
        if (trigger instanceof Trigger.TransferReceived t) {
            return transfer(state, t, now);
        }
        if (trigger instanceof Trigger.RefundAsked r) {
            return refundAsked(state, r, now);
        }
        if (trigger instanceof Trigger.RefundConfirmed r) {
            return state.status() == PaymentStatus.REFUNDING
                    ? Decision.of(
                            List.of(new PaymentEvent.Refunded(r.amountCents(), r.refundId(), now)),
                            List.of(new Effect.CancelDeadlines(), new Effect.RevokeLicences("refunded")))
                    : Decision.none();
        }
        throw new IllegalArgumentException("unknown trigger " + trigger);
    }

    private Decision checkoutCreated(PaymentState state, Trigger.CheckoutCreated c, Instant now) {
        boolean open = state.method() == PaymentMethod.CARD
                && (state.status() == PaymentStatus.PLACED || state.status() == PaymentStatus.AWAITING_PAYMENT);
        if (!open) {
            return Decision.refused(NOT_PAYABLE, new Effect.ExpireCheckoutAtProvider(c.sessionId()));
        }
        if (c.attempt() <= state.attempt()) {
            return c.sessionId().equals(state.sessionId())
                    ? Decision.none()
                    : Decision.refused(NOT_PAYABLE, new Effect.ExpireCheckoutAtProvider(c.sessionId()));
        }
        List<Effect> effects = new ArrayList<>();
        if (state.status() == PaymentStatus.PLACED) {
            effects.add(schedule.paymentDue(state.placedAt()));
        }
        if (state.sessionId() != null) {
            effects.add(new Effect.ExpireCheckoutAtProvider(state.sessionId()));
        }
        effects.add(schedule.reconcile(now, now));
        return Decision.of(
                List.of(new PaymentEvent.CheckoutRequested(
                        c.attempt(), c.sessionId(), c.grossCents(), c.expiresAt(), now)),
                effects);
    }

    private Decision invoiceCreated(PaymentState state, Invoice invoice, Instant now) {
        if (state.method() != PaymentMethod.INVOICE || state.status() != PaymentStatus.PLACED) {
            return Decision.none();
        }
        List<PaymentEvent> events = new ArrayList<>(List.of(new PaymentEvent.InvoiceIssued(invoice, now)));
        List<Effect> effects = new ArrayList<>(schedule.invoice(invoice));
        if (state.keysBeforePayment() && !state.keysIssued()) {
            events.add(new PaymentEvent.LicencesIssued(now));
            effects.add(new Effect.SignLicenceKeys());
        }
        return Decision.of(events, effects);
    }

    private Decision cardPaid(PaymentState state, Trigger.CardPaid p, Instant now) {
        if (p.amountCents() != cardGross(state) || !p.currency().equalsIgnoreCase(state.currency())) {
            return Decision.refused(AMOUNT_MISMATCH);
        }
        switch (state.status()) {
            case PLACED, AWAITING_PAYMENT -> {
                List<PaymentEvent> events = new ArrayList<>();
                events.add(new PaymentEvent.Succeeded(p.amountCents(), state.currency(), p.paymentIntentId(), now));
                List<Effect> effects = new ArrayList<>(List.of(new Effect.CancelDeadlines()));
                if (!state.keysIssued()) {
                    events.add(new PaymentEvent.LicencesIssued(now));
                    effects.add(new Effect.SignLicenceKeys());
                }
                return Decision.of(events, effects);
            }
            case EXPIRED -> {
                // paid in the last moment, heard of after the order expired: no keys for a cancelled order, money back
                return Decision.of(
                        List.of(),
                        List.of(new Effect.RefundAtProvider(
                                p.paymentIntentId(), p.amountCents(), "refund-late-" + p.paymentIntentId())));
            }
            default -> {
                if (state.providerPaymentId() != null
                        && !state.providerPaymentId().equals(p.paymentIntentId())) {
                    // a second session of the same order was paid as well: that payment goes back
                    return Decision.of(
                            List.of(),
                            List.of(new Effect.RefundAtProvider(
                                    p.paymentIntentId(), p.amountCents(), "refund-duplicate-" + p.paymentIntentId())));
                }
                return Decision.none();
            }
        }
    }

    private Decision deadline(PaymentState state, DeadlineKind kind, Instant now) {
        boolean awaiting = state.status() == PaymentStatus.AWAITING_PAYMENT;
        switch (kind) {
            case PAYMENT_DUE -> {
                if (state.method() != PaymentMethod.CARD || !(awaiting || state.status() == PaymentStatus.PLACED)) {
                    return Decision.none();
                }
                List<Effect> effects = new ArrayList<>(
                        List.of(new Effect.CancelDeadlines(), new Effect.CancelOrder("payment-expired")));
                if (state.sessionId() != null) {
                    effects.add(new Effect.ExpireCheckoutAtProvider(state.sessionId()));
                }
                return Decision.of(List.of(new PaymentEvent.Expired("payment-expired", now)), effects);
            }
            case RECONCILE -> {
                return awaiting && state.sessionId() != null
                        ? Decision.of(List.of(), List.of(new Effect.ReconcileWithProvider(state.sessionId())))
                        : Decision.none();
            }
            case INVOICE_REMINDER, INVOICE_OVERDUE -> {
                return awaiting && state.invoice() != null && state.outstandingCents() > 0
                        ? Decision.of(
                                List.of(new PaymentEvent.Reminded(
                                        kind, state.invoice().dueDate(), state.outstandingCents(), now)),
                                List.of())
                        : Decision.none();
            }
            case INVOICE_GRACE_END -> {
                return awaiting && state.invoice() != null && state.outstandingCents() > 0
                        ? Decision.of(
                                List.of(new PaymentEvent.Expired("invoice-unpaid", now)),
                                List.of(new Effect.CancelDeadlines(), new Effect.CancelOrder("invoice-unpaid")))
                        : Decision.none();
            }
            case REFUND_RETRY -> {
                return state.status() == PaymentStatus.REFUNDING && state.method() == PaymentMethod.CARD
                        ? Decision.of(List.of(), List.of(refundAtProvider(state), schedule.refundRetry(now)))
                        : Decision.none();
            }
            case ISSUE_INVOICE -> {
                // the adapter takes the number and decides InvoiceCreated; the deadline alone decides nothing
                return Decision.none();
            }
            default -> throw new IllegalArgumentException("unknown deadline " + kind);
        }
    }

    private Decision transfer(PaymentState state, Trigger.TransferReceived t, Instant now) {
        if (state.method() != PaymentMethod.INVOICE) {
            return Decision.refused(NOT_AN_INVOICE);
        }
        if (t.amountCents() <= 0) {
            return Decision.refused(AMOUNT_NOT_POSITIVE);
        }
        if (state.invoice() == null) {
            return Decision.refused(NO_INVOICE_YET);
        }
        if (state.transferReferences().contains(t.reference())) {
            return Decision.refused(TRANSFER_ALREADY_RECORDED);
        }
        List<PaymentEvent> events =
                new ArrayList<>(List.of(new PaymentEvent.TransferRecorded(t.reference(), t.amountCents(), now)));
        List<Effect> effects = new ArrayList<>();
        long received = state.receivedCents() + t.amountCents();
        if (state.status() == PaymentStatus.AWAITING_PAYMENT && received >= state.grossCents()) {
            events.add(new PaymentEvent.Succeeded(received, state.currency(), "transfer:" + t.reference(), now));
            effects.add(new Effect.CancelDeadlines());
            if (!state.keysIssued()) {
                events.add(new PaymentEvent.LicencesIssued(now));
                effects.add(new Effect.SignLicenceKeys());
            }
        }
        // paid already, expired or refunded: recorded and shown as overpayment for staff to send back
        return Decision.of(events, effects);
    }

    private Decision refundAsked(PaymentState state, Trigger.RefundAsked r, Instant now) {
        if (state.status() == PaymentStatus.REFUNDING || state.status() == PaymentStatus.REFUNDED) {
            return Decision.refused(ALREADY_REFUNDED);
        }
        if (!state.status().paid()) {
            return Decision.refused(NOT_PAID);
        }
        PaymentEvent.RefundRequested requested = new PaymentEvent.RefundRequested(r.requestedBy(), now);
        if (state.method() == PaymentMethod.CARD) {
            return Decision.of(List.of(requested), List.of(refundAtProvider(state), schedule.refundRetry(now)));
        }
        // invoice: staff send the money back by transfer themselves; recorded as refunded at once
        return Decision.of(
                List.of(requested, new PaymentEvent.Refunded(state.receivedCents(), "transfer-back", now)),
                List.of(new Effect.CancelDeadlines(), new Effect.RevokeLicences("refunded")));
    }

    private Effect.RefundAtProvider refundAtProvider(PaymentState state) {
        return new Effect.RefundAtProvider(
                state.providerPaymentId(), state.receivedCents(), "refund-" + state.orderId());
    }
}
