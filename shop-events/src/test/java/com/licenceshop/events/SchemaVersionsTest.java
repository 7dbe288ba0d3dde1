package com.licenceshop.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class SchemaVersionsTest {

    @Test
    void theCurrentVersionAndEveryOlderOneAreRead() {
        int current = EventType.ORDER_PLACED.schemaVersion();

        assertEquals(Optional.empty(), SchemaVersions.unsupported("OrderPlaced", current));
        assertEquals(Optional.empty(), SchemaVersions.unsupported("OrderPlaced", 1));
        assertEquals(Optional.empty(), SchemaVersions.unsupported("OrderCancelled", "1"));
    }

    @Test
    void aNewerVersionIsRefusedWithTheReason() {
        int newer = EventType.ORDER_PLACED.schemaVersion() + 1;

        assertEquals(
                Optional.of("unsupported schema version " + newer + " of OrderPlaced: this service reads versions 1 to "
                        + (newer - 1)),
                SchemaVersions.unsupported("OrderPlaced", newer));
    }

    @Test
    void aMessageWithoutAVersionIsRefusedToo() {
        assertEquals(Optional.of("no x-shop-schema-version header"), SchemaVersions.unsupported("OrderPlaced", null));
    }

    @Test
    void aVersionThatIsNoNumberIsRefused() {
        assertTrue(SchemaVersions.unsupported("OrderCancelled", "v1").isPresent());
        assertTrue(SchemaVersions.unsupported("OrderCancelled", 0).isPresent());
    }

    @Test
    void anUnknownTypeIsLeftToTheDecoder() {
        assertFalse(SchemaVersions.unsupported("SomethingElse", 7).isPresent());
        assertFalse(SchemaVersions.unsupported(null, 2).isPresent());
    }

    @Test
    void aRefusalQuotesTheHeaderShortAndOnOneLine() {
        String reason = SchemaVersions.unsupported("OrderPlaced", "3\nforged log line " + "x".repeat(100))
                .orElseThrow();

        assertFalse(reason.contains("\n"));
        assertTrue(reason.length() < 120, reason);
    }
}
