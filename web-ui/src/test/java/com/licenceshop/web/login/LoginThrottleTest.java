package com.licenceshop.web.login;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(
            new LoginThrottleConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(15)), clock);
    private final LoginThrottle.Attempt aliceFromHere = new LoginThrottle.Attempt("alice", "10.0.0.1");

    @Test
    void failuresBelowTheLimitCostNothing() {
        fail(aliceFromHere, 2);

        assertThat(throttle.lockedFor(aliceFromHere)).isEmpty();
    }

    @Test
    void reachingTheLimitLocksThatUserFromThatAddressForAMinute() {
        fail(aliceFromHere, 3);

        assertThat(throttle.lockedFor(aliceFromHere)).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.lockedFor(aliceFromHere)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.lockedFor(aliceFromHere)).isEmpty();
    }

    @Test
    void eachFurtherFailureDoublesTheLockoutUpToTheCap() {
        assertThat(throttle.lockoutAfter(2)).isZero();
        assertThat(throttle.lockoutAfter(3)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.lockoutAfter(4)).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.lockoutAfter(6)).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.lockoutAfter(7)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockoutAfter(1_000)).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theSameUserFromAnotherAddressAndAnotherUserFromTheSameAddressAreNotLocked() {
        fail(aliceFromHere, 10);

        assertThat(throttle.lockedFor(new LoginThrottle.Attempt("alice", "10.0.0.2"))).isEmpty();
        assertThat(throttle.lockedFor(new LoginThrottle.Attempt("bob", "10.0.0.1"))).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheRecord() {
        fail(aliceFromHere, 2);
        throttle.succeeded(aliceFromHere);

        fail(aliceFromHere, 2);

        assertThat(throttle.lockedFor(aliceFromHere)).isEmpty();
    }

    @Test
    void aMaximumShorterThanTheFirstLockoutIsRefused() {
        assertThatThrownBy(() -> new LoginThrottleConfig(3, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-lockout");
    }

    private void fail(LoginThrottle.Attempt attempt, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(attempt);
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
