package com.licenceshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();

    static OrderPlaced anOrderPlaced() {
        return new OrderPlaced(
                UUID.fromString("0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c"),
                42,
                Instant.parse("2026-11-23T10:15:30Z"),
                UUID.fromString("5d2c7a10-8e1f-4b0a-9c3d-2a7e1f0b6c5d"),
                "ada@example.com",
                "EUR",
                List.of(new OrderLine("PROFESSIONAL", "Professional", 2, 150_000, 300_000)),
                300_000);
    }

    @Test
    void orderPlacedEncodesToThePublishedV1Json() throws IOException {
        assertEquals(golden("order-placed-v1.json"), codec.encodeToString(anOrderPlaced()));
    }

    @Test
    void publishedV1JsonDecodesToTheSameOrderPlaced() throws IOException {
        ShopEvent decoded = codec.decode(golden("order-placed-v1.json").getBytes(StandardCharsets.UTF_8));
        assertEquals(anOrderPlaced(), decoded);
    }

    @Test
    void everyEventTypeSurvivesARoundTrip() {
        var placed = anOrderPlaced();
        var cancelled = new OrderCancelled(
                UUID.randomUUID(),
                43,
                Instant.parse("2026-11-23T10:16:00Z"),
                placed.orderId(),
                placed.sequence(),
                placed.occurredAt(),
                placed.customerEmail(),
                "EUR",
                placed.lines(),
                placed.totalCents());
        var closed = new SalesPeriodClosed(UUID.randomUUID(), 44, Instant.parse("2026-11-23T10:17:00Z"), "sales");
        var added = new ProductAdded(
                UUID.randomUUID(),
                45,
                Instant.parse("2026-11-23T10:18:00Z"),
                "TEAM",
                "Team",
                "Up to 10 users",
                90_000,
                "EUR",
                null);
        var changed = new ProductChanged(
                UUID.randomUUID(),
                46,
                Instant.parse("2026-11-23T10:19:00Z"),
                "TEAM",
                "Team Plus",
                null,
                95_000,
                "EUR",
                2,
                null);
        var retired = new ProductRetired(UUID.randomUUID(), 47, Instant.parse("2026-11-23T10:20:00Z"), "TEAM", 3);
        for (ShopEvent event : List.of(placed, cancelled, closed, added, changed, retired)) {
            assertEquals(event, codec.decode(codec.encode(event)));
        }
    }

    @Test
    void readersIgnorePropertiesAddedByNewerWriters() {
        String newer = """
                {"type":"SalesPeriodClosed","eventId":"0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c","sequence":7,
                 "occurredAt":"2026-11-23T10:15:30Z","closedBy":"sales","addedLater":{"x":1}}""";
        var event = codec.decode(newer.getBytes(StandardCharsets.UTF_8));
        assertInstanceOf(SalesPeriodClosed.class, event);
        assertEquals(7, event.sequence());
    }

    @Test
    void garbageIsAMalformedEvent() {
        assertThrows(
                EventCodec.MalformedEventException.class,
                () -> codec.decode("{not json".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                EventCodec.MalformedEventException.class,
                () -> codec.decode("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8)));
        assertThrows(
                EventCodec.MalformedEventException.class,
                () -> codec.decode("{\"type\":\"OrderPlaced\"}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void eachEventTypeKnowsItsRoutingKeyAndVersion() {
        assertEquals("order.placed", anOrderPlaced().eventType().routingKey());
        assertEquals(3, EventType.ofTypeName("OrderPlaced").schemaVersion());
        assertEquals("licence.revoked", EventType.ofTypeName("LicenceRevoked").routingKey());
        assertEquals("product.added", EventType.ofTypeName("ProductAdded").routingKey());
        assertEquals("product.changed", EventType.ofTypeName("ProductChanged").routingKey());
        assertEquals("product.retired", EventType.ofTypeName("ProductRetired").routingKey());
        assertEquals(1, EventType.PRODUCT_CHANGED.schemaVersion());
    }

    @Test
    void aProductChangedIsThePublishedV1Json() {
        var changed = new ProductChanged(
                UUID.fromString("0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c"),
                46,
                Instant.parse("2026-11-23T10:19:00Z"),
                "TEAM",
                "Team Plus",
                "Up to 20 users",
                95_000,
                "EUR",
                2,
                null);
        assertEquals(
                "{\"type\":\"ProductChanged\",\"eventId\":\"0b6f1f0e-3b1a-4c55-9d2a-6f1f0e3b1a4c\",\"sequence\":46,"
                        + "\"occurredAt\":\"2026-11-23T10:19:00Z\",\"sku\":\"TEAM\",\"name\":\"Team Plus\","
                        + "\"description\":\"Up to 20 users\",\"unitPriceCents\":95000,\"currency\":\"EUR\",\"version\":2}",
                codec.encodeToString(changed));
    }

    @Test
    void aReaderReadsEveryVersionUpToItsOwnButNoNewer() {
        org.junit.jupiter.api.Assertions.assertTrue(EventType.ORDER_PLACED.reads(1));
        org.junit.jupiter.api.Assertions.assertTrue(EventType.ORDER_PLACED.reads(2));
        org.junit.jupiter.api.Assertions.assertTrue(EventType.ORDER_PLACED.reads(3));
        org.junit.jupiter.api.Assertions.assertFalse(EventType.ORDER_PLACED.reads(4));
        org.junit.jupiter.api.Assertions.assertFalse(EventType.ORDER_PLACED.reads(0));
    }

    @Test
    void keysAndRevocationsRoundTripAndAVersionOneBodyHasNone() {
        var codec = new EventCodec();
        OrderPlaced v1 = anOrderPlaced();
        var keys = java.util.List.of(new LicenceKey(1, "PROFESSIONAL", 2, "k1.abc.def"));
        OrderPlaced v2 = new OrderPlaced(
                v1.eventId(),
                v1.sequence(),
                v1.occurredAt(),
                v1.orderId(),
                v1.customerEmail(),
                v1.currency(),
                v1.lines(),
                v1.totalCents(),
                keys);
        var revoked = new LicenceRevoked(
                java.util.UUID.randomUUID(), 9, v1.occurredAt(), v1.orderId(), "order cancelled", keys);

        assertEquals(v2, codec.decode(codec.encode(v2)));
        assertEquals(revoked, codec.decode(codec.encode(revoked)));
        assertEquals(java.util.List.of(), ((OrderPlaced) codec.decode(codec.encode(v1))).licences());
    }

    private static String golden(String name) throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("/golden/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }
}
