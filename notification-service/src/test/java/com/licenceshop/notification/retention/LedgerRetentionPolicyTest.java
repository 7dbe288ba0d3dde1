package com.licenceshop.notification.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LedgerRetentionPolicyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final LedgerRetentionPolicy policy = new LedgerRetentionPolicy(Duration.ofDays(180));

    @Test
    void rows_created_more_than_the_retention_ago_may_go() {
        assertThat(policy.forgetBefore(NOW)).isEqualTo(NOW.minus(Duration.ofDays(180)));
    }

    @Test
    void every_event_whose_row_may_be_gone_is_too_old_to_mail_even_if_its_clock_was_ahead() {
        Instant rowCreated = policy.forgetBefore(NOW).minusMillis(1);
        Instant occurredOnAClockFiftyMinutesAhead = rowCreated.plus(Duration.ofMinutes(50));
        assertThat(policy.tooOldToMail(rowCreated, NOW)).isTrue();
        assertThat(policy.tooOldToMail(occurredOnAClockFiftyMinutesAhead, NOW)).isTrue();
    }

    @Test
    void an_event_younger_than_the_retention_minus_the_clock_margin_is_mailed() {
        assertThat(policy.tooOldToMail(NOW.minus(Duration.ofDays(179)), NOW)).isFalse();
        assertThat(policy.tooOldToMail(NOW, NOW)).isFalse();
    }

    @Test
    void a_retention_under_a_day_is_refused() {
        assertThatThrownBy(() -> new LedgerRetentionPolicy(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
