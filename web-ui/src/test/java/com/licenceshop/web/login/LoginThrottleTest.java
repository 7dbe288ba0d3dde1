package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-23T09:00:00Z"));
    private final LoginThrottle throttle =
            new LoginThrottle(new LoginThrottleConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(15)), clock);
    private final LoginThrottle.Attempt aliceFromHere = new LoginThrottle.Attempt("alice", "10.0.0.1");

    @Test
    void attemptsUpToTheLimitAreChecked() {
        assertThat(attempts(aliceFromHere, 3)).allMatch(Optional::isEmpty);
    }

    @Test
    void afterTheLimitThatUserFromThatAddressWaitsAMinute() {
        attempts(aliceFromHere, 3);

        assertThat(throttle.begin(aliceFromHere)).contains(Duration.ofMinutes(1));
        clock.advance(Duration.ofSeconds(59));
        assertThat(throttle.begin(aliceFromHere)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.begin(aliceFromHere)).isEmpty();
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
    void aLockoutHoldsOneUserAtOneAddressOnly() {
        attempts(aliceFromHere, 10);

        assertThat(throttle.begin(new LoginThrottle.Attempt("alice", "10.0.0.2")))
                .isEmpty();
        assertThat(throttle.begin(new LoginThrottle.Attempt("bob", "10.0.0.1"))).isEmpty();
    }

    @Test
    void aSuccessfulLoginClearsTheCount() {
        attempts(aliceFromHere, 2);
        throttle.succeeded(aliceFromHere);

        assertThat(attempts(aliceFromHere, 3)).allMatch(Optional::isEmpty);
    }

    @Test
    void guessesSentInParallelGetNoMoreChecksThanTheLimit() throws Exception {
        int guesses = 20;
        var start = new CountDownLatch(1);
        var executor = Executors.newFixedThreadPool(guesses);
        try {
            List<Future<Optional<Duration>>> results = new ArrayList<>();
            for (int i = 0; i < guesses; i++) {
                results.add(executor.submit(() -> {
                    start.await();
                    return throttle.begin(aliceFromHere);
                }));
            }
            start.countDown();
            int checked = 0;
            for (var result : results) {
                checked += result.get(10, TimeUnit.SECONDS).isEmpty() ? 1 : 0;
            }
            assertThat(checked).isEqualTo(3);
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void manyNamesCannotGrowMemoryPastItsBoundAndLockoutsAreKept() {
        var bounded = new LoginThrottle(
                new LoginThrottleConfig(3, Duration.ofMinutes(1), Duration.ofMinutes(15)), clock, 1_000);
        for (int i = 0; i < 3; i++) {
            bounded.begin(aliceFromHere);
        }

        for (int i = 0; i < 50_000; i++) {
            bounded.begin(new LoginThrottle.Attempt("guess-" + i, "10.0.0." + (i % 250)));
            assertThat(bounded.tracked()).isLessThanOrEqualTo(1_000);
        }

        assertThat(bounded.begin(aliceFromHere)).isPresent();
    }

    @Test
    void withOnlyLockoutsLeftNewNamesAreRefusedAndNoLockoutForgotten() {
        var bounded =
                new LoginThrottle(new LoginThrottleConfig(1, Duration.ofMinutes(1), Duration.ofMinutes(15)), clock, 10);
        for (int i = 0; i < 10; i++) {
            bounded.begin(new LoginThrottle.Attempt("locked-" + i, "10.0.0.1")); // one failure locks here
        }

        assertThat(bounded.begin(new LoginThrottle.Attempt("newcomer", "10.0.0.2")))
                .isPresent();
        assertThat(bounded.tracked()).isEqualTo(10);
        clock.advance(Duration.ofMinutes(20));
        assertThat(bounded.begin(new LoginThrottle.Attempt("newcomer", "10.0.0.2")))
                .isEmpty();
    }

    @Test
    void aMaximumShorterThanTheFirstLockoutIsRefused() {
        assertThatThrownBy(() -> new LoginThrottleConfig(3, Duration.ofMinutes(5), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("max-lockout");
    }

    /** Attempts whose passwords turn out wrong (or are still being checked). */
    private List<Optional<Duration>> attempts(LoginThrottle.Attempt attempt, int times) {
        List<Optional<Duration>> waits = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            waits.add(throttle.begin(attempt));
        }
        return waits;
    }
}
