package com.licenceshop.projector.projection;

import com.licenceshop.events.InvoiceIssued;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.OrderRefunded;
import com.licenceshop.events.PaymentExpired;
import com.licenceshop.events.PaymentFailed;
import com.licenceshop.events.PaymentReminded;
import com.licenceshop.events.PaymentRequested;
import com.licenceshop.events.PaymentSucceeded;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ProductChanged;
import com.licenceshop.events.ProductRetired;
import com.licenceshop.events.RefundRequested;
import com.licenceshop.events.SalesPeriodClosed;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.TransferRecorded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Turns an event of the published language into the change it makes to the sales figures, after checking
 * that the figures are complete and consistent. An event that fails the check is dead-lettered, never
 * half-applied.
 */
public final class SalesProjection {

    private SalesProjection() {}

    /** @throws UnappliableEventException if the event lacks figures or contradicts itself */
    public static SalesChange changeOf(ShopEvent event) {
        require(event.sequence() > 0, "sequence must be positive");
        if (event instanceof OrderPlaced placed) {
            return placement(placed);
        }
        if (event instanceof OrderCancelled cancelled) {
            return cancellation(cancelled);
        }
        if (event instanceof LicenceRevoked revoked) {
            return revocation(revoked);
        }
        if (event instanceof SalesPeriodClosed closed) {
            return new PeriodClose(closed.eventId(), closed.sequence(), closed.occurredAt());
        }
        if (event instanceof ProductAdded added) {
            return named(added, added.sku(), added.name(), ProductAdded.FIRST_VERSION);
        }
        if (event instanceof ProductChanged changed) {
            require(
                    changed.version() > ProductAdded.FIRST_VERSION,
                    "a change has a version above " + ProductAdded.FIRST_VERSION);
            return named(changed, changed.sku(), changed.name(), changed.version());
        }
        if (event instanceof ProductRetired retired) {
            return new NoFigures(retired.eventId(), retired.sequence(), retired.occurredAt());
        }
        PaymentChange payment = payment(event);
        if (payment != null) {
            return payment;
        }
        throw new UnappliableEventException(
                "unknown event type " + event.getClass().getSimpleName());
    }

    private static OrderChange placement(OrderPlaced placed) {
        OrderFigures order = figures(
                placed.orderId(),
                placed.sequence(),
                placed.occurredAt(),
                placed.currency(),
                placed.lines(),
                placed.totalCents(),
                placed.licences());
        // v3 (ADR 13): booked like any order; it also starts the order's payment row
        return new OrderChange(
                placed.eventId(),
                placed.sequence(),
                placed.occurredAt(),
                OrderChange.Kind.PLACED,
                order,
                placed.paymentMethod());
    }

    private static OrderChange cancellation(OrderCancelled cancelled) {
        require(
                cancelled.placedSequence() > 0 && cancelled.placedSequence() < cancelled.sequence(),
                "placedSequence must be positive and before the cancellation");
        require(cancelled.placedAt() != null, "placedAt is missing");
        OrderFigures order = figures(
                cancelled.orderId(),
                cancelled.placedSequence(),
                cancelled.placedAt(),
                cancelled.currency(),
                cancelled.lines(),
                cancelled.totalCents(),
                List.of());
        return new OrderChange(
                cancelled.eventId(), cancelled.sequence(), cancelled.occurredAt(), OrderChange.Kind.CANCELLED, order);
    }

    /** The payment events of ADR 13, what is due and what came in, then {@link #afterPayment}; null for others. */
    private static PaymentChange payment(ShopEvent event) {
        if (event instanceof PaymentRequested requested) {
            require(requested.grossCents() >= 0, "grossCents must not be negative");
            return PaymentChange.of(event, requested.orderId())
                    .method(requested.method())
                    .due(requested.grossCents())
                    .requested(Math.max(1, requested.attempt()))
                    .build();
        }
        if (event instanceof InvoiceIssued invoice) {
            require(invoice.invoiceNumber() != null && !invoice.invoiceNumber().isBlank(), "invoiceNumber is missing");
            require(invoice.grossCents() == invoice.netCents() + invoice.vatCents(), "grossCents is not net + VAT");
            return PaymentChange.of(event, invoice.orderId())
                    .method("INVOICE")
                    .due(invoice.grossCents())
                    .invoiced(invoice.invoiceNumber())
                    .build();
        }
        if (event instanceof PaymentFailed failed) {
            return PaymentChange.of(event, failed.orderId())
                    .method("CARD")
                    .failed(Math.max(1, failed.attempt()))
                    .build();
        }
        if (event instanceof TransferRecorded transfer) {
            require(transfer.amountCents() > 0, "a transfer must be positive");
            return PaymentChange.of(event, transfer.orderId())
                    .method("INVOICE")
                    .received(transfer.receivedCents())
                    .due(transfer.grossCents())
                    .invoiced(transfer.invoiceNumber())
                    .build();
        }
        if (event instanceof PaymentSucceeded succeeded) {
            require(succeeded.amountCents() > 0, "a payment must be positive");
            return PaymentChange.of(event, succeeded.orderId())
                    .method(succeeded.method())
                    .paid(succeeded.amountCents())
                    .build();
        }
        return afterPayment(event);
    }

    /** What follows a payment or its absence: keys, expiry, refunds, reminders; null for any other event. */
    private static PaymentChange afterPayment(ShopEvent event) {
        if (event instanceof LicencesIssued issued) {
            return PaymentChange.of(event, issued.orderId())
                    .keysIssued(seatsBySku(issued.licences(), "issued"))
                    .build();
        }
        if (event instanceof PaymentExpired expired) {
            return PaymentChange.of(event, expired.orderId()).expired().build();
        }
        if (event instanceof RefundRequested refund) {
            return PaymentChange.of(event, refund.orderId()).refundRequested().build();
        }
        if (event instanceof OrderRefunded refunded) {
            require(refunded.amountCents() > 0, "a refund must be positive");
            return PaymentChange.of(event, refunded.orderId())
                    .refunded(refunded.amountCents())
                    .refundRequested()
                    .build();
        }
        if (event instanceof PaymentReminded reminded) {
            return PaymentChange.of(event, reminded.orderId()).build();
        }
        return null;
    }

    private static ProductNamed named(ShopEvent event, String sku, String name, long version) {
        require(sku != null && !sku.isBlank(), "sku is missing");
        require(name != null && !name.isBlank(), "name is missing");
        return new ProductNamed(event.eventId(), event.sequence(), event.occurredAt(), sku, name, version);
    }

    private static LicenceRevocation revocation(LicenceRevoked revoked) {
        require(revoked.orderId() != null, "orderId is missing");
        return new LicenceRevocation(
                revoked.eventId(),
                revoked.sequence(),
                revoked.occurredAt(),
                revoked.orderId(),
                seatsBySku(revoked.licences(), "revoked"));
    }

    /** The seats of some licence keys per licence (sku); {@code what}: "issued" or "revoked", for the message. */
    private static Map<String, Long> seatsBySku(List<LicenceKey> keys, String what) {
        Map<String, Long> seats = new TreeMap<>();
        for (LicenceKey key : keys) {
            require(key.sku() != null && !key.sku().isBlank(), "a " + what + " licence key without sku");
            require(key.seats() > 0, "seats of the " + what + " key for " + key.sku() + " must be positive");
            seats.merge(key.sku(), (long) key.seats(), Long::sum);
        }
        return seats;
    }

    /** {@code keys}: the placement's licence keys (one per line, carrying its seats); none for v1 and cancellations. */
    private static OrderFigures figures(
            UUID orderId,
            long placedSequence,
            Instant placedAt,
            String currency,
            List<OrderLine> lines,
            long totalCents,
            List<LicenceKey> keys) {
        require(orderId != null, "orderId is missing");
        require(currency != null && !currency.isBlank(), "currency is missing");
        require(lines != null && !lines.isEmpty(), "an order needs at least one line");
        long sum = 0;
        for (OrderLine line : lines) {
            require(line.sku() != null && !line.sku().isBlank(), "a line without sku");
            require(line.quantity() > 0, "quantity of " + line.sku() + " must be positive");
            require(line.lineTotalCents() >= 0, "line total of " + line.sku() + " must not be negative");
            sum += line.lineTotalCents();
        }
        require(sum == totalCents, "totalCents " + totalCents + " is not the sum of the lines " + sum);
        int[] seats = new int[lines.size()];
        for (LicenceKey key : keys) {
            require(
                    key.line() >= 1 && key.line() <= lines.size(),
                    "licence key for line " + key.line() + " of " + lines.size());
            require(
                    lines.get(key.line() - 1).sku().equals(key.sku()),
                    "licence key of line " + key.line() + " is for " + key.sku() + ", the line for "
                            + lines.get(key.line() - 1).sku());
            require(key.seats() > 0, "seats of the key for " + key.sku() + " must be positive");
            seats[key.line() - 1] += key.seats();
        }
        List<LineFigures> figures = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            OrderLine l = lines.get(i);
            figures.add(new LineFigures(
                    l.sku(), l.name() == null ? l.sku() : l.name(), l.quantity(), l.lineTotalCents(), seats[i]));
        }
        return new OrderFigures(orderId, placedSequence, placedAt, currency, figures, totalCents);
    }

    private static void require(boolean condition, String reason) {
        if (!condition) {
            throw new UnappliableEventException(reason);
        }
    }
}
