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
    void without_a_rebuild_rows_older_than_the_retention_go() {
        assertThat(policy.forgetBefore(NOW, Optional.empty())).isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void a_rebuild_that_started_recently_does_not_change_the_cutoff() {
        assertThat(policy.forgetBefore(NOW, Optional.of(NOW.minus(Duration.ofMinutes(10)))))
                .isEqualTo(Instant.parse("2026-11-01T12:00:00Z"));
    }

    @Test
    void a_rebuild_running_longer_than_the_retention_keeps_every_row_from_an_hour_before_its_start() {
        Instant started = NOW.minus(Duration.ofDays(31));
        assertThat(policy.forgetBefore(NOW, Optional.of(started))).isEqualTo(started.minus(Duration.ofHours(1)));
    }

    @Test
    void a_retention_shorter_than_the_rebuild_margin_is_refused() {
        assertThatThrownBy(() -> new InboxRetentionPolicy(Duration.ofMinutes(30), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least");
    }
}
