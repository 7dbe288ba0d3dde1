package com.licenceshop.notification.retry;

import static java.time.Duration.ofMinutes;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DelayScheduleTest {

    private final DelaySchedule schedule =
            DelaySchedule.of(ofSeconds(1), ofSeconds(5), ofSeconds(30), ofMinutes(2), ofMinutes(10));
    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(schedule, Clock.fixed(now, ZoneOffset.UTC));

    @Test
    void eachFailedAttemptWaitsTheNextStepOfTheSchedule() {
        assertThat(schedule.delayAfter(1)).contains(ofSeconds(1));
        assertThat(schedule.delayAfter(2)).contains(ofSeconds(5));
        assertThat(schedule.delayAfter(5)).contains(ofMinutes(10));
    }

    @Test
    void theAttemptAfterTheLastStepIsTheLast() {
        assertThat(schedule.maxAttempts()).isEqualTo(6);
        assertThat(schedule.delayAfter(6)).isEmpty();
        assertThat(policy.afterFailedAttempt(6)).isEqualTo(new RetryDecision.GiveUp(6));
    }

    @Test
    void aRetryIsDueOneDelayFromNowByTheInjectedClock() {
        assertThat(policy.afterFailedAttempt(3))
                .isEqualTo(new RetryDecision.Retry(3, ofSeconds(30), now.plusSeconds(30)));
    }

    @Test
    void aDeliveryFindingItsMailClaimedBacksOffToTheLastStep() {
        assertThat(List.of(policy.deferral(0), policy.deferral(1), policy.deferral(4), policy.deferral(40)))
                .containsExactly(ofSeconds(1), ofSeconds(5), ofMinutes(10), ofMinutes(10));
    }

    @Test
    void repeatedDelaysShareOneDelayQueue() {
        assertThat(DelaySchedule.of(ofSeconds(1), ofSeconds(1), ofSeconds(5)).distinctDelays())
                .containsExactly(ofSeconds(1), ofSeconds(5));
    }

    @Test
    void aScheduleNeedsPositiveDelays() {
        assertThatThrownBy(() -> new DelaySchedule(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelaySchedule.of(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DelaySchedule.of(ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }
}
