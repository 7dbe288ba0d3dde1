package com.licenceshop.command.payment;

import com.licenceshop.events.InvoiceIssued;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.OrderRefunded;
import com.licenceshop.events.PaymentExpired;
import com.licenceshop.events.PaymentFailed;
import com.licenceshop.events.PaymentReminded;
import com.licenceshop.events.PaymentRequested;
import com.licenceshop.events.PaymentSucceeded;
import com.licenceshop.events.RefundRequested;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.TransferRecorded;

/** The published events of an order read back as the process's own history (1:1, ADR 13). */
final class PaymentHistory {

    private PaymentHistory() {}

    /**
     * @param keysBeforePayment the order's copy of the catalog setting, taken at placement (the process row): what
     *     {@code OrderPlaced} does not carry
     */
    static PaymentEvent of(ShopEvent event, boolean keysBeforePayment) {
        if (event instanceof OrderPlaced p) {
            return new PaymentEvent.Placed(
                    p.orderId().toString(),
                    PaymentMethod.valueOf(p.paymentMethod()),
                    p.totalCents(),
                    p.currency(),
                    p.occurredAt(),
                    keysBeforePayment);
        }
        if (event instanceof PaymentRequested r) {
            return new PaymentEvent.CheckoutRequested(
                    r.attempt(), r.checkoutSessionId(), r.grossCents(), r.expiresAt(), r.occurredAt());
        }
        if (event instanceof InvoiceIssued i) {
            return new PaymentEvent.InvoiceIssued(
                    new Invoice(
                            i.invoiceNumber(),
                            i.netCents(),
                            i.vatRateBasisPoints(),
                            i.vatCents(),
                            i.grossCents(),
                            i.currency(),
                            i.issueDate(),
                            i.dueDate()),
                    i.occurredAt());
        }
        if (event instanceof PaymentFailed f) {
            return new PaymentEvent.Failed(f.attempt(), f.code(), f.message(), f.occurredAt());
        }
        if (event instanceof TransferRecorded t) {
            return new PaymentEvent.TransferRecorded(t.reference(), t.amountCents(), t.occurredAt());
        }
        if (event instanceof PaymentSucceeded s) {
            return new PaymentEvent.Succeeded(s.amountCents(), s.currency(), s.providerPaymentId(), s.occurredAt());
        }
        if (event instanceof LicencesIssued l) {
            return new PaymentEvent.LicencesIssued(l.occurredAt());
        }
        if (event instanceof PaymentReminded r) {
            return new PaymentEvent.Reminded(
                    PaymentProcesses.BEFORE_DUE.equals(r.kind())
                            ? DeadlineKind.INVOICE_REMINDER
                            : DeadlineKind.INVOICE_OVERDUE,
                    r.dueDate(),
                    r.outstandingCents(),
                    r.occurredAt());
        }
        if (event instanceof PaymentExpired e) {
            return new PaymentEvent.Expired(e.reason(), e.occurredAt());
        }
        if (event instanceof RefundRequested r) {
            return new PaymentEvent.RefundRequested(r.requestedBy(), r.occurredAt());
        }
        if (event instanceof OrderRefunded r) {
            return new PaymentEvent.Refunded(r.amountCents(), r.providerRefundId(), r.occurredAt());
        }
        throw new IllegalArgumentException(
                "not a payment event: " + event.eventType().typeName());
    }
}
