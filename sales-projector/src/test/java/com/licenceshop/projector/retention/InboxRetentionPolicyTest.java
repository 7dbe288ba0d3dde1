package com.licenceshop.projector.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InboxRetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final InboxRetentionPolicy policy = new InboxRetentionPolicy(Duration.ofDays(30), Duration.ofHours(1));

    @Test
    void withoutARebuildRowsOlderThanTheRetentionGo() {
        assertThat(policy.forgetBefore(NOW, Optional.empty())).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void aRebuildThatStartedRecentlyDoesNotChangeTheCutoff() {
        assertThat(policy.forgetBefore(NOW, Optional.of(NOW.minus(Duration.ofMinutes(10)))))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void aRebuildOutlastingTheRetentionKeepsRowsFromAnHourBeforeIt() {
        Instant started = NOW.minus(Duration.ofDays(31));
        assertThat(policy.forgetBefore(NOW, Optional.of(started))).isEqualTo(started.minus(Duration.ofHours(1)));
    }

    @Test
    void aRetentionShorterThanTheRebuildMarginIsRefused() {
        assertThatThrownBy(() -> new InboxRetentionPolicy(Duration.ofMinutes(30), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least");
    }
}
