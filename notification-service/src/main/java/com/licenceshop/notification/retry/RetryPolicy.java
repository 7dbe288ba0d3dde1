package com.licenceshop.notification.retry;

import java.time.Clock;
import java.time.Duration;

/** Applies a {@link DelaySchedule}: plain Java, time from the injected clock. */
public final class RetryPolicy {

    private final DelaySchedule schedule;
    private final Clock clock;

    public RetryPolicy(DelaySchedule schedule, Clock clock) {
        this.schedule = schedule;
        this.clock = clock;
    }

    /** After the {@code failedAttempts}-th failed attempt (1-based) of a transient kind. */
    public RetryDecision afterFailedAttempt(int failedAttempts) {
        return schedule.delayAfter(failedAttempts)
                .<RetryDecision>map(delay -> new RetryDecision.Retry(
                        failedAttempts, delay, clock.instant().plus(delay)))
                .orElseGet(() -> new RetryDecision.GiveUp(failedAttempts));
    }

    /** How long a delivery waits that found its mail held by another delivery. */
    public Duration deferral(int deferralsSoFar) {
        return schedule.deferral(deferralsSoFar);
    }

    public DelaySchedule schedule() {
        return schedule;
    }
}
