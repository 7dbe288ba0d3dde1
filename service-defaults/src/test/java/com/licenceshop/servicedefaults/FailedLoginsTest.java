package com.licenceshop.servicedefaults;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailedLoginsTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T04:00:00Z"));
    private final FailedLogins logins = new FailedLogins(clock);

    @Test
    void fiveFailuresLockForASecondDoublingUpToAMinute() {
        for (int i = 0; i < FailedLogins.FREE_FAILURES - 1; i++) {
            logins.failed("10.0.0.7");
            assertThat(logins.locked("10.0.0.7")).isFalse();
        }
        logins.failed("10.0.0.7");
        assertThat(logins.locked("10.0.0.7")).isTrue();
        assertThat(logins.locked("10.0.0.8")).as("another address").isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(logins.locked("10.0.0.7")).isFalse();
        logins.failed("10.0.0.7");
        clock.advance(Duration.ofSeconds(1));
        assertThat(logins.locked("10.0.0.7")).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(logins.locked("10.0.0.7")).isFalse();

        for (int i = 0; i < 30; i++) {
            logins.failed("10.0.0.7");
        }
        clock.advance(FailedLogins.LONGEST_LOCK.minusMillis(1));
        assertThat(logins.locked("10.0.0.7")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(logins.locked("10.0.0.7")).isFalse();
    }

    @Test
    void aSuccessClearsTheFailures() {
        for (int i = 0; i < FailedLogins.FREE_FAILURES - 1; i++) {
            logins.failed("10.0.0.7");
        }
        logins.succeeded("10.0.0.7");
        logins.failed("10.0.0.7");

        assertThat(logins.locked("10.0.0.7")).isFalse();
    }
}
