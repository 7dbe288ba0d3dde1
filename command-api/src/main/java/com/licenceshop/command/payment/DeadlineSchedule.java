package com.licenceshop.command.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** When each deadline of an order falls due. Pure; the scheduler stores and fires them (ADR 13). */
public final class DeadlineSchedule {

    private final PaymentPolicy policy;

    public DeadlineSchedule(PaymentPolicy policy) {
        this.policy = policy;
    }

    /** A card order placed at {@code placedAt}: expires after the payment window. */
    public Effect.ScheduleDeadline paymentDue(Instant placedAt) {
        return new Effect.ScheduleDeadline(DeadlineKind.PAYMENT_DUE, placedAt.plus(policy.paymentWindow()));
    }

    /** The provider's checkout must expire no later than the order does, and Stripe wants 30 min to 24 h ahead. */
    public Instant checkoutExpiresAt(Instant placedAt, Instant now) {
        Instant due = placedAt.plus(policy.paymentWindow());
        Instant earliest = now.plus(Duration.ofMinutes(30)).plusSeconds(60);
        Instant latest = now.plus(Duration.ofHours(24)).minusSeconds(60);
        return due.isBefore(earliest) ? earliest : due.isAfter(latest) ? latest : due;
    }

    /**
     * The next look at the provider for a checkout requested at {@code requestedAt}: {@code reconcileAfter} after it
     * at first, then as long again as has passed (so the waits double), never more than {@code reconcileMax} apart.
     */
    public Effect.ScheduleDeadline reconcile(Instant requestedAt, Instant now) {
        Duration waited = Duration.between(requestedAt, now);
        if (waited.compareTo(policy.reconcileAfter()) < 0) {
            return new Effect.ScheduleDeadline(DeadlineKind.RECONCILE, requestedAt.plus(policy.reconcileAfter()));
        }
        return new Effect.ScheduleDeadline(DeadlineKind.RECONCILE, now.plus(min(waited, policy.reconcileMax())));
    }

    /** An invoice's reminders and its end: before the due date, after it, and after the grace period. */
    public List<Effect.ScheduleDeadline> invoice(Invoice invoice) {
        Instant due = invoice.dueDate().plusDays(1).atStartOfDay(policy.zone()).toInstant(); // due all day long
        return List.of(
                new Effect.ScheduleDeadline(DeadlineKind.INVOICE_REMINDER, due.minus(policy.reminderBefore())),
                new Effect.ScheduleDeadline(DeadlineKind.INVOICE_OVERDUE, due.plus(policy.overdueAfter())),
                new Effect.ScheduleDeadline(DeadlineKind.INVOICE_GRACE_END, due.plus(policy.grace())));
    }

    public Effect.ScheduleDeadline refundRetry(Instant now) {
        return new Effect.ScheduleDeadline(DeadlineKind.REFUND_RETRY, now.plus(policy.refundRetry()));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
