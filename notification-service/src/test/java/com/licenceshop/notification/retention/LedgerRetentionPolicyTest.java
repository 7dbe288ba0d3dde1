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
    void rowsCreatedMoreThanTheRetentionAgoMayGo() {
        assertThat(policy.forgetBefore(NOW)).isEqualTo(NOW.minus(Duration.ofDays(180)));
    }

    @Test
    void anEventWhoseRowMayBeGoneIsNeverMailedDespiteSkew() {
        Instant rowCreated = policy.forgetBefore(NOW).minusMillis(1);
        Instant occurredOnAClockFiftyMinutesAhead = rowCreated.plus(Duration.ofMinutes(50));
        assertThat(policy.tooOldToMail(rowCreated, NOW)).isTrue();
        assertThat(policy.tooOldToMail(occurredOnAClockFiftyMinutesAhead, NOW)).isTrue();
    }

    @Test
    void anEventYoungerThanTheRetentionMinusTheClockMarginIsMailed() {
        assertThat(policy.tooOldToMail(NOW.minus(Duration.ofDays(179)), NOW)).isFalse();
        assertThat(policy.tooOldToMail(NOW, NOW)).isFalse();
    }

    @Test
    void aRetentionUnderADayIsRefused() {
        assertThatThrownBy(() -> new LedgerRetentionPolicy(Duration.ofHours(2)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
