package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.servicedefaults.ExponentialBackoff;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class BackoffTest {

    final ExponentialBackoff schedule = new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));
    final Instant now = Instant.parse("2026-11-23T10:00:00Z");

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
