package com.licenceshop.notification.delivery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SchemaVersionsTest {

    @Test
    void theVersionThisServiceWasBuiltWithAndEveryOlderOneIsRead() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", 3)).isEmpty();
        assertThat(SchemaVersions.unsupported("OrderPlaced", 2)).isEmpty();
        assertThat(SchemaVersions.unsupported("OrderPlaced", 1)).isEmpty();
        assertThat(SchemaVersions.unsupported("OrderCancelled", "1")).isEmpty();
        assertThat(SchemaVersions.unsupported("ProductAdded", 1)).isEmpty();
        assertThat(SchemaVersions.unsupported("ProductRetired", 1)).isEmpty();
    }

    @Test
    void anyOtherVersionIsRefusedWithTheReason() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", 4))
                .contains("unsupported schema version 4 of OrderPlaced: this service reads versions 1 to 3");
        assertThat(SchemaVersions.unsupported("OrderPlaced", 0)).isPresent();
        assertThat(SchemaVersions.unsupported("OrderCancelled", "v1")).isPresent();
    }

    @Test
    void aMessageWithoutTheHeaderOrOfAnUnknownTypeIsLeftToTheDecoder() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", null)).isEmpty();
        assertThat(SchemaVersions.unsupported("SomethingElse", 7)).isEmpty();
        assertThat(SchemaVersions.unsupported(null, 2)).isEmpty();
    }

    @Test
    void whatARefusalQuotesFromTheHeaderIsShortAndOnOneLine() {
        assertThat(SchemaVersions.unsupported("OrderPlaced", "4\nforged log line " + "x".repeat(100)).orElseThrow())
                .doesNotContain("\n").hasSizeLessThan(120);
    }
}
