package com.licenceshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The payment events of ADR 13 as published: each pinned by a golden JSON file, read back to the same event. */
class PaymentEventsTest {

    private static final UUID EVENT = UUID.fromString("0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c");
    private static final UUID ORDER = UUID.fromString("5d2c7a10-8e1f-4b0a-9c3d-2a7e1f0b6c5d");
    private static final Instant AT = Instant.parse("2026-11-23T10:15:30Z");
    private static final List<OrderLine> LINES =
            List.of(new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000));
    private static final List<LicenceKey> KEYS = List.of(new LicenceKey(1, "PROFESSIONAL", 2, "k1.abc.def"));

    private final EventCodec codec = new EventCodec();

    /** One sample of each, by golden file name. */
    static Map<String, ShopEvent> samples() {
        Map<String, ShopEvent> samples = new LinkedHashMap<>();
        samples.put(
                "order-placed-v3.json",
                new OrderPlaced(
                        EVENT, 42, AT, ORDER, "ada@example.com", "EUR", LINES, 300_000, List.of(), "t0k-en_", "CARD"));
        samples.put(
                "payment-requested-v1.json",
                new PaymentRequested(
                        EVENT,
                        43,
                        AT,
                        ORDER,
                        "CARD",
                        1,
                        "stripe",
                        "cs_test_a1",
                        "https://pay.example.test/c/pay/cs_test_a1",
                        357_000,
                        "EUR",
                        Instant.parse("2026-11-23T11:15:30Z")));
        samples.put(
                "invoice-issued-v1.json",
                new InvoiceIssued(
                        EVENT,
                        43,
                        AT,
                        ORDER,
                        "2026-000042",
                        LocalDate.parse("2026-11-23"),
                        LocalDate.parse("2026-12-07"),
                        300_000,
                        1_900,
                        57_000,
                        357_000,
                        "EUR",
                        "ada@example.com",
                        "Lovelace Analytical Ltd",
                        "1 Engine Street\n10115 Berlin\nGermany",
                        LINES));
        samples.put(
                "payment-failed-v1.json",
                new PaymentFailed(EVENT, 44, AT, ORDER, 1, "card_declined", "Your card was declined."));
        samples.put(
                "transfer-recorded-v1.json",
                new TransferRecorded(
                        EVENT,
                        45,
                        AT,
                        ORDER,
                        "2026-000042",
                        "BANK-REF-1",
                        200_000,
                        200_000,
                        357_000,
                        "EUR",
                        "sam@sales"));
        samples.put(
                "payment-succeeded-v1.json",
                new PaymentSucceeded(EVENT, 46, AT, ORDER, "CARD", 357_000, "EUR", "pi_test_a1"));
        samples.put(
                "licences-issued-v1.json",
                new LicencesIssued(
                        EVENT, 47, AT, ORDER, "ada@example.com", "EUR", LINES, 300_000, KEYS, "t0k-en_", null));
        samples.put(
                "payment-reminded-v1.json",
                new PaymentReminded(
                        EVENT,
                        48,
                        AT,
                        ORDER,
                        "2026-000042",
                        "OVERDUE",
                        LocalDate.parse("2026-12-07"),
                        157_000,
                        "EUR",
                        "ada@example.com"));
        samples.put("payment-expired-v1.json", new PaymentExpired(EVENT, 49, AT, ORDER, "payment-expired"));
        samples.put("refund-requested-v1.json", new RefundRequested(EVENT, 50, AT, ORDER, "sam@sales"));
        samples.put(
                "order-refunded-v1.json",
                new OrderRefunded(
                        EVENT,
                        51,
                        AT,
                        ORDER,
                        "ada@example.com",
                        357_000,
                        "EUR",
                        "re_test_a1",
                        Instant.parse("2026-11-23T10:00:00Z"),
                        LINES,
                        300_000));
        return samples;
    }

    @Test
    void eachPaymentEventEncodesToItsPublishedJson() throws IOException {
        for (var sample : samples().entrySet()) {
            assertEquals(golden(sample.getKey()), codec.encodeToString(sample.getValue()), sample.getKey());
        }
    }

    @Test
    void eachPublishedJsonDecodesToTheSameEvent() throws IOException {
        for (var sample : samples().entrySet()) {
            assertEquals(
                    sample.getValue(),
                    codec.decode(golden(sample.getKey()).getBytes(StandardCharsets.UTF_8)),
                    sample.getKey());
        }
    }

    @Test
    void eachPaymentEventHasItsRoutingKeyAndVersionOne() {
        Map<String, String> keys = Map.of(
                "PaymentRequested",
                "payment.requested",
                "InvoiceIssued",
                "invoice.issued",
                "PaymentFailed",
                "payment.failed",
                "TransferRecorded",
                "payment.transfer-recorded",
                "PaymentSucceeded",
                "payment.succeeded",
                "LicencesIssued",
                "licence.issued",
                "PaymentReminded",
                "payment.reminded",
                "PaymentExpired",
                "payment.expired",
                "RefundRequested",
                "payment.refund-requested",
                "OrderRefunded",
                "order.refunded");
        keys.forEach((type, key) -> {
            assertEquals(key, EventType.ofTypeName(type).routingKey(), type);
            assertEquals(1, EventType.ofTypeName(type).schemaVersion(), type);
        });
        for (ShopEvent event : samples().values()) {
            assertNotNull(event.eventType());
        }
    }

    @Test
    void unpaidOrdersAreVersion3AndKeyedOnesStillVersion2() {
        OrderPlaced gated = (OrderPlaced) samples().get("order-placed-v3.json");
        OrderPlaced keyed =
                new OrderPlaced(EVENT, 42, AT, ORDER, "ada@example.com", "EUR", LINES, 300_000, KEYS, "t0k-en_");
        assertTrue(gated.awaitsPayment());
        assertFalse(keyed.awaitsPayment());
        assertEquals(3, EventType.ORDER_PLACED.versionOf(gated));
        assertEquals(2, EventType.ORDER_PLACED.versionOf(keyed));
        assertEquals(1, EventType.PAYMENT_SUCCEEDED.versionOf(samples().get("payment-succeeded-v1.json")));
    }

    @Test
    void keysBeforePaymentCarryTheirUnpaidInvoiceAndReadBackWithIt() {
        var early = new LicencesIssued(
                EVENT, 47, AT, ORDER, "ada@example.com", "EUR", LINES, 300_000, KEYS, "t0k-en_", "2026-000042");

        String json = codec.encodeToString(early);

        assertTrue(json.endsWith(",\"unpaidInvoice\":\"2026-000042\"}"), json);
        assertEquals(early, codec.decode(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aVersion2BodyReadsAsAnOrderNotAwaitingPayment() {
        String v2 = """
                {"type":"OrderPlaced","eventId":"0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c","sequence":42,"occurredAt":"2026-11-23T10:15:30Z",
                 "orderId":"5d2c7a10-8e1f-4b0a-9c3d-2a7e1f0b6c5d","customerEmail":"ada@example.com","currency":"EUR",
                 "lines":[{"sku":"PROFESSIONAL","name":"Professional","quantity":2,"unitPriceCents":150000,"lineTotalCents":300000}],
                 "totalCents":300000,"licences":[{"line":1,"sku":"PROFESSIONAL","seats":2,"key":"k1.abc.def"}]}""";
        OrderPlaced read = (OrderPlaced) codec.decode(v2.getBytes(StandardCharsets.UTF_8));
        assertFalse(read.awaitsPayment());
        assertEquals(KEYS, read.licences());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = PaymentEventsTest.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) {
                throw new IOException("no golden file " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
