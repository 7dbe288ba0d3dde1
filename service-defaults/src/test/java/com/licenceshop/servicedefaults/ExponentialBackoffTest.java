package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ExponentialBackoffTest {

    private final ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    @Test
    void theWaitDoublesWithEveryFailureUpToTheMaximum() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMillis(3200));
        assertThat(backoff.delayAfter(6)).isEqualTo(Duration.ofSeconds(5));
        assertThat(backoff.delayAfter(1_000_000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void noFailureMeansNoWait() {
        assertThat(backoff.delayAfter(0)).isZero();
    }

    @Test
    void aBackoffNeedsAPositiveStartBelowItsMaximum() {
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExponentialBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theLastWaitEndsWhenTheTimeToKeepTryingEnds() {
        assertThat(backoff.delayAfter(3, Duration.ofMinutes(1))).contains(Duration.ofMillis(800));
        assertThat(backoff.delayAfter(60, Duration.ofSeconds(2))).contains(Duration.ofSeconds(2));
    }

    @Test
    void onceNoTimeIsLeftThereIsNoWaitButAStop() {
        assertThat(backoff.delayAfter(61, Duration.ZERO)).isEmpty();
        assertThat(backoff.delayAfter(62, Duration.ofMinutes(-1))).isEmpty();
    }
}
