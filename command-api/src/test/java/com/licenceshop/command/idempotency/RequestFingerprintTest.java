package com.licenceshop.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    @Test
    void theSameRequestHasTheSameFingerprint() {
        assertThat(RequestFingerprint.of(List.of("ada@example.com", "STARTER", "1")))
                .isEqualTo(RequestFingerprint.of(List.of("ada@example.com", "STARTER", "1")))
                .hasSize(64);
    }

    @Test
    void aDifferentRequestHasADifferentFingerprint() {
        assertThat(RequestFingerprint.of(List.of("ada@example.com", "STARTER", "1")))
                .isNotEqualTo(RequestFingerprint.of(List.of("ada@example.com", "STARTER", "2")));
    }

    @Test
    void partsCannotCollideByConcatenation() {
        assertThat(RequestFingerprint.of(List.of("ab", "c"))).isNotEqualTo(RequestFingerprint.of(List.of("a", "bc")));
    }

    @Test
    void aKeyIsOneTo255VisibleAsciiCharacters() {
        assertThat(RequestFingerprint.isValidKey("3f1c2a52-7c1e-4b8e-9a52-0c8e1b0f7d11"))
                .isTrue();
        assertThat(RequestFingerprint.isValidKey("k".repeat(255))).isTrue();
        assertThat(RequestFingerprint.isValidKey("k".repeat(256))).isFalse();
        assertThat(RequestFingerprint.isValidKey("")).isFalse();
        assertThat(RequestFingerprint.isValidKey("with space")).isFalse();
        assertThat(RequestFingerprint.isValidKey("schlüssel")).isFalse();
    }

    @Test
    void keysAreKeptAtLeastADay() {
        assertThat(new IdempotencyConfig(Duration.ofHours(24), Duration.ofHours(1)).retention())
                .isEqualTo(Duration.ofHours(24));
        assertThatThrownBy(() -> new IdempotencyConfig(Duration.ofHours(23), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least");
    }
}
