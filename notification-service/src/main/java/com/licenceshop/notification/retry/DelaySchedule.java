package com.licenceshop.notification.retry;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The delays between send attempts of one mail: attempt 1, wait {@code delays[0]}, attempt 2, ... After the
 * attempt that follows the last delay the mail is given up (parked for ops).
 */
public record DelaySchedule(List<Duration> delays) {

    public DelaySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("a retry schedule needs at least one delay");
        }
        for (Duration delay : delays) {
            if (delay.isNegative() || delay.isZero() || delay.toMillis() == 0) {
                throw new IllegalArgumentException("retry delays must be at least 1ms, not " + delay);
            }
        }
    }

    public static DelaySchedule of(Duration... delays) {
        return new DelaySchedule(List.of(delays));
    }

    /** How many send attempts one mail gets before it is parked. */
    public int maxAttempts() {
        return delays.size() + 1;
    }

    /** The wait after {@code failedAttempts} failed attempts (1-based), or empty when the schedule is used up. */
    public Optional<Duration> delayAfter(int failedAttempts) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts starts at 1, was " + failedAttempts);
        }
        return failedAttempts <= delays.size() ? Optional.of(delays.get(failedAttempts - 1)) : Optional.empty();
    }

    /**
     * The wait for a delivery that found its mail held by another delivery, the {@code deferralsSoFar + 1}-th
     * time: it walks the schedule and stays at its last step (a hold ends with its delivery, so this is short).
     */
    public Duration deferral(int deferralsSoFar) {
        return delays.get(Math.min(Math.max(deferralsSoFar, 0), delays.size() - 1));
    }

    /** Every distinct delay: one delay queue each. */
    public Set<Duration> distinctDelays() {
        return new LinkedHashSet<>(delays);
    }
}
