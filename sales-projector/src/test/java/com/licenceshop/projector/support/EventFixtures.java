package com.licenceshop.projector.support;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ProductAdded;
import com.licenceshop.events.ProductChanged;
import com.licenceshop.events.ProductRetired;
import com.licenceshop.events.SalesPeriodClosed;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Events as the command API would store them: increasing sequences, the catalog's prices. */
public final class EventFixtures {

    public enum Licence {
        STARTER("Starter", 50_000),
        PROFESSIONAL("Professional", 150_000),
        ENTERPRISE("Enterprise", 500_000);

        final String title;
        final long priceCents;

        Licence(String title, long priceCents) {
            this.title = title;
            this.priceCents = priceCents;
        }

        public long priceCents() {
            return priceCents;
        }
    }

    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    private final AtomicLong sequence = new AtomicLong();

    public long nextSequence() {
        return sequence.incrementAndGet();
    }

    public OrderPlaced anOrderOf(Licence licence, int quantity) {
        return anOrderOf(List.of(line(licence, quantity)));
    }

    public OrderPlaced anOrderOf(List<OrderLine> lines) {
        long seq = nextSequence();
        Instant at = START.plus(seq * 7, ChronoUnit.SECONDS);
        long total = lines.stream().mapToLong(OrderLine::lineTotalCents).sum();
        return new OrderPlaced(
                UUID.randomUUID(), seq, at, UUID.randomUUID(), "buyer" + seq + "@example.test", "EUR", lines, total);
    }

    /** An OrderPlaced v2: one licence key per line, carrying the line's quantity as its seats. */
    public OrderPlaced anOrderWithKeysOf(List<OrderLine> lines) {
        OrderPlaced order = anOrderOf(lines);
        List<LicenceKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            keys.add(new LicenceKey(
                    i + 1, lines.get(i).sku(), lines.get(i).quantity(), "key-" + order.orderId() + "-" + (i + 1)));
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

    /** The revocation of the order's keys, as the cancel writes it (right after the OrderCancelled). */
    public LicenceRevoked aRevocationOf(OrderPlaced order) {
        long seq = nextSequence();
        return new LicenceRevoked(
                UUID.randomUUID(),
                seq,
                START.plus(seq * 7, ChronoUnit.SECONDS),
                order.orderId(),
                "order cancelled",
                order.licences());
    }

    /** The revocation of the keys a paid order got (a refund, an expired invoice with early keys). */
    public LicenceRevoked aRevocationOf(com.licenceshop.events.LicencesIssued keys) {
        long seq = nextSequence();
        return new LicenceRevoked(UUID.randomUUID(), seq, at(seq), keys.orderId(), "order refunded", keys.licences());
    }

    public OrderCancelled aCancellationOf(OrderPlaced order) {
        long seq = nextSequence();
        return new OrderCancelled(
                UUID.randomUUID(),
                seq,
                START.plus(seq * 7, ChronoUnit.SECONDS),
                order.orderId(),
                order.sequence(),
                order.occurredAt(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents());
    }

    public SalesPeriodClosed aPeriodClose() {
        long seq = nextSequence();
        return new SalesPeriodClosed(
                UUID.randomUUID(), seq, START.plus(seq * 7, ChronoUnit.SECONDS), "sales@example.test");
    }

    public ProductAdded aProductAdded(String sku, String name, long priceCents) {
        long seq = nextSequence();
        return new ProductAdded(UUID.randomUUID(), seq, at(seq), sku, name, null, priceCents, "EUR", null);
    }

    public ProductChanged aProductChanged(String sku, String name, long priceCents, long version) {
        long seq = nextSequence();
        return new ProductChanged(UUID.randomUUID(), seq, at(seq), sku, name, null, priceCents, "EUR", version, null);
    }

    public ProductRetired aProductRetired(String sku, long version) {
        long seq = nextSequence();
        return new ProductRetired(UUID.randomUUID(), seq, START.plus(seq * 7, ChronoUnit.SECONDS), sku, version);
    }

    // the payment process (ADR 13); gross = net + 19 % VAT

    /** An OrderPlaced v3: no keys, they follow the payment. */
    public OrderPlaced anUnpaidOrderOf(List<OrderLine> lines, String paymentMethod) {
        OrderPlaced order = anOrderOf(lines);
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
                "token",
                paymentMethod);
    }

    public static long gross(OrderPlaced order) {
        return order.totalCents() + (order.totalCents() * 1900 + 5_000) / 10_000;
    }

    private Instant at(long seq) {
        return START.plus(seq * 7, ChronoUnit.SECONDS);
    }

    public com.licenceshop.events.PaymentRequested aCheckoutFor(OrderPlaced order, int attempt) {
        long seq = nextSequence();
        return new com.licenceshop.events.PaymentRequested(
                UUID.randomUUID(),
                seq,
                at(seq),
                order.orderId(),
                "CARD",
                attempt,
                "stripe",
                "cs_test_" + seq,
                "http://provider/c/pay/cs_test_" + seq,
                gross(order),
                "EUR",
                at(seq).plusSeconds(3600));
    }

    public com.licenceshop.events.PaymentFailed aDeclineOf(OrderPlaced order, int attempt) {
        long seq = nextSequence();
        return new com.licenceshop.events.PaymentFailed(
                UUID.randomUUID(), seq, at(seq), order.orderId(), attempt, "card_declined", "Your card was declined.");
    }

    public com.licenceshop.events.InvoiceIssued anInvoiceFor(OrderPlaced order) {
        long seq = nextSequence();
        long vat = gross(order) - order.totalCents();
        return new com.licenceshop.events.InvoiceIssued(
                UUID.randomUUID(),
                seq,
                at(seq),
                order.orderId(),
                "2026-" + String.format("%06d", seq),
                java.time.LocalDate.of(2026, 3, 2),
                java.time.LocalDate.of(2026, 3, 16),
                order.totalCents(),
                1900,
                vat,
                gross(order),
                "EUR",
                order.customerEmail(),
                "Buyer GmbH",
                "Street 1\n10115 Berlin",
                order.lines());
    }

    public com.licenceshop.events.TransferRecorded aTransferFor(
            OrderPlaced order, String invoiceNumber, long amount, long receivedSoFar) {
        long seq = nextSequence();
        return new com.licenceshop.events.TransferRecorded(
                UUID.randomUUID(),
                seq,
                at(seq),
                order.orderId(),
                invoiceNumber,
                "ref-" + seq,
                amount,
                receivedSoFar,
                gross(order),
                "EUR",
                "sales");
    }

    public com.licenceshop.events.PaymentSucceeded aPaymentOf(OrderPlaced order, String method) {
        long seq = nextSequence();
        return new com.licenceshop.events.PaymentSucceeded(
                UUID.randomUUID(), seq, at(seq), order.orderId(), method, gross(order), "EUR", "pi_" + seq);
    }

    public com.licenceshop.events.LicencesIssued theKeysOf(OrderPlaced order) {
        long seq = nextSequence();
        List<LicenceKey> keys = new java.util.ArrayList<>();
        for (int i = 0; i < order.lines().size(); i++) {
            keys.add(new LicenceKey(
                    i + 1,
                    order.lines().get(i).sku(),
                    order.lines().get(i).quantity(),
                    "key-" + order.orderId() + "-" + (i + 1)));
        }
        return new com.licenceshop.events.LicencesIssued(
                UUID.randomUUID(),
                seq,
                at(seq),
                order.orderId(),
                order.customerEmail(),
                "EUR",
                order.lines(),
                order.totalCents(),
                keys,
                "token",
                null);
    }

    public com.licenceshop.events.PaymentExpired anExpiryOf(OrderPlaced order) {
        long seq = nextSequence();
        return new com.licenceshop.events.PaymentExpired(
                UUID.randomUUID(), seq, at(seq), order.orderId(), "payment-expired");
    }

    public com.licenceshop.events.OrderRefunded aRefundOf(OrderPlaced order) {
        long seq = nextSequence();
        return new com.licenceshop.events.OrderRefunded(
                UUID.randomUUID(),
                seq,
                at(seq),
                order.orderId(),
                order.customerEmail(),
                gross(order),
                "EUR",
                "re_" + seq,
                order.occurredAt(),
                order.lines(),
                order.totalCents());
    }

    /** A line of a licence that is not one of the seeded three, under the name it had when ordered. */
    public static OrderLine line(String sku, String name, long priceCents, int quantity) {
        return new OrderLine(sku, name, quantity, priceCents, priceCents * quantity);
    }

    public static OrderLine line(Licence licence, int quantity) {
        return new OrderLine(
                licence.name(), licence.title, quantity, licence.priceCents, licence.priceCents * quantity);
    }
}
