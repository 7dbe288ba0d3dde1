package com.licenceshop.notification.support;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events as the command API publishes them, priced from the catalog. */
public final class OrderFixtures {

    private static final AtomicLong SEQUENCE = new AtomicLong(1000);

    private OrderFixtures() {}

    public static OrderLine starter(int quantity) {
        return line("STARTER", "Starter", quantity, 50_000);
    }

    public static OrderLine professional(int quantity) {
        return line("PROFESSIONAL", "Professional", quantity, 150_000);
    }

    public static OrderLine enterprise(int quantity) {
        return line("ENTERPRISE", "Enterprise", quantity, 500_000);
    }

    public static OrderPlaced anOrderBy(String email, OrderLine... lines) {
        List<OrderLine> all = List.of(lines);
        return new OrderPlaced(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                UUID.randomUUID(),
                email,
                "EUR",
                all,
                all.stream().mapToLong(OrderLine::lineTotalCents).sum());
    }

    /** The order with a (made-up) licence key per line, as v2 of OrderPlaced carries them; the mail only shows them. */
    public static OrderPlaced withKeys(OrderPlaced order) {
        List<LicenceKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            keys.add(new LicenceKey(
                    i + 1, line.sku(), line.quantity(), "test." + order.orderId() + "-" + (i + 1) + ".c2lnbmF0dXJl"));
        }
        return new OrderPlaced(
                order.eventId(),
                order.sequence(),
                order.occurredAt(),
                order.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                keys);
    }

    /** The order with an access token, as command-api places it. */
    public static OrderPlaced withToken(OrderPlaced order, String token) {
        return new OrderPlaced(
                order.eventId(),
                order.sequence(),
                order.occurredAt(),
                order.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                order.licences(),
                token);
    }

    public static OrderCancelled theCancellationOf(OrderPlaced order) {
        return new OrderCancelled(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                order.orderId(),
                order.sequence(),
                order.occurredAt(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents());
    }

    // the payment process (ADR 13)

    /** OrderPlaced v3: keys follow the payment. */
    public static OrderPlaced awaitingPayment(OrderPlaced order, String method) {
        return new OrderPlaced(
                order.eventId(),
                order.sequence(),
                order.occurredAt(),
                order.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                List.of(),
                "tok_" + order.sequence(),
                method);
    }

    public static com.licenceshop.events.LicencesIssued theKeysOf(OrderPlaced order) {
        OrderPlaced keyed = withKeys(order);
        return new com.licenceshop.events.LicencesIssued(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                order.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                keyed.licences(),
                "tok_" + order.sequence(),
                null);
    }

    /** Net 19 % VAT, due in 14 days, for a company in Berlin. */
    public static com.licenceshop.events.InvoiceIssued theInvoiceOf(OrderPlaced order, String number) {
        long vat = (order.totalCents() * 1900 + 5_000) / 10_000;
        return new com.licenceshop.events.InvoiceIssued(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                order.orderId(),
                number,
                java.time.LocalDate.of(2026, 12, 7),
                java.time.LocalDate.of(2026, 12, 21),
                order.totalCents(),
                1900,
                vat,
                order.totalCents() + vat,
                order.currency(),
                order.customerEmail(),
                "Example GmbH",
                "Musterstraße 1\n10115 Berlin",
                order.lines());
    }

    public static com.licenceshop.events.PaymentReminded aReminderOf(
            OrderPlaced order, String number, String kind, long outstanding) {
        return new com.licenceshop.events.PaymentReminded(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                order.orderId(),
                number,
                kind,
                java.time.LocalDate.of(2026, 12, 21),
                outstanding,
                order.currency(),
                order.customerEmail());
    }

    public static com.licenceshop.events.OrderRefunded theRefundOf(OrderPlaced order, long amount) {
        return new com.licenceshop.events.OrderRefunded(
                UUID.randomUUID(),
                SEQUENCE.incrementAndGet(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS),
                order.orderId(),
                order.customerEmail(),
                amount,
                order.currency(),
                "re_1",
                order.occurredAt(),
                order.lines(),
                order.totalCents());
    }

    private static OrderLine line(String sku, String name, int quantity, long unitPriceCents) {
        return new OrderLine(sku, name, quantity, unitPriceCents, quantity * unitPriceCents);
    }
}
