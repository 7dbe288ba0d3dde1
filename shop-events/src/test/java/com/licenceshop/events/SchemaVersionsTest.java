package com.licenceshop.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SchemaVersionsTest {

    @Test
    void theCurrentVersionAndEveryOlderOneAreRead() {
        int current = EventType.ORDER_PLACED.schemaVersion();

        assertThat(SchemaVersions.unsupported("OrderPlaced", current)).isEmpty();
        assertThat(SchemaVersions.unsupported("OrderPlaced", 1)).isEmpty();
        assertThat(SchemaVersions.unsupported("OrderCancelled", "1")).isEmpty();
    }

    @Test
    void aNewerVersionIsRefusedWithTheReason() {
        int newer = EventType.ORDER_PLACED.schemaVersion() + 1;

        assertThat(SchemaVersions.unsupported("OrderPlaced", newer)).contains("unsupported schema version " + newer
                + " of OrderPlaced: this service reads versions 1 to " + (newer - 1));
    }

    @Test
    void aMessageWithoutAVersionIsRefusedToo() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", null)).contains("no x-shop-schema-version header");
    }

    @Test
    void aVersionThatIsNoNumberIsRefused() {
        assertThat(SchemaVersions.unsupported("OrderCancelled", "v1")).isPresent();
        assertThat(SchemaVersions.unsupported("OrderCancelled", 0)).isPresent();
    }

    @Test
    void anUnknownTypeIsLeftToTheDecoder() {
        assertThat(SchemaVersions.unsupported("SomethingElse", 7)).isEmpty();
        assertThat(SchemaVersions.unsupported(null, 2)).isEmpty();
    }

    @Test
    void whatARefusalQuotesFromTheHeaderIsShortAndOnOneLine() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", "3\nforged log line " + "x".repeat(100)).orElseThrow())
                .doesNotContain("\n")
                .hasSizeLessThan(120);
    }
}
