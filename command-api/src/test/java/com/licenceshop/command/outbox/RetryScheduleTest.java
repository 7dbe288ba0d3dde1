package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    final RetrySchedule schedule = new RetrySchedule(Duration.ofMillis(200), Duration.ofSeconds(5));
    final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void theWaitDoublesWithEveryFailureUpToTheMaximum() {
        assertThat(schedule.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(schedule.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(schedule.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(schedule.delayAfter(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(schedule.delayAfter(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(schedule.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noFailureMeansNoWait() {
        assertThat(schedule.delayAfter(0)).isZero();
    }

    @Test
    void aScheduleNeedsAPositiveStartBelowItsMaximum() {
        assertThatThrownBy(() -> new RetrySchedule(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetrySchedule(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void afterAFailureTheRelayWaitsBeforeTryingAgain() {
        Backoff backoff = Backoff.none().failed(now, schedule);

        assertThat(backoff.failures()).isEqualTo(1);
        assertThat(backoff.isDue(now)).isFalse();
        assertThat(backoff.remaining(now)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.isDue(now.plusMillis(199))).isFalse();
        assertThat(backoff.isDue(now.plusMillis(200))).isTrue();
        assertThat(backoff.remaining(now.plusSeconds(1))).isZero();
    }

    @Test
    void consecutiveFailuresWaitLongerEachTime() {
        Backoff first = Backoff.none().failed(now, schedule);
        Instant retriedAt = first.nextAttemptAt();
        Backoff second = first.failed(retriedAt, schedule);

        assertThat(second.failures()).isEqualTo(2);
        assertThat(second.nextAttemptAt()).isEqualTo(retriedAt.plusMillis(400));
    }

    @Test
    void withoutFailuresTheRelayMayPublishAtOnce() {
        assertThat(Backoff.none().isDue(now)).isTrue();
        assertThat(Backoff.none().remaining(now)).isZero();
    }
}
