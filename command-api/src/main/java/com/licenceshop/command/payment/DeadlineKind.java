package com.licenceshop.command.payment;

/** The durable deadlines of a payment (table payment_deadlines, ADR 13). */
public enum DeadlineKind {
    /** card: the order expires unpaid (reconciled with the provider first) */
    PAYMENT_DUE,
    /** card: no word from the provider yet, ask it */
    RECONCILE,
    /** invoice: a reminder a few days before the due date */
    INVOICE_REMINDER,
    /** invoice: a reminder after the due date */
    INVOICE_OVERDUE,
    /** invoice: unpaid after the grace period, the order is cancelled */
    INVOICE_GRACE_END,
    /** card refund: the provider did not answer, try again */
    REFUND_RETRY,
    /** invoice: take the invoice's number and issue it, in a transaction of its own right after the order's batch */
    ISSUE_INVOICE
}
