package com.licenceshop.web.login;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down password guessing: a lockout per user name and address, doubling up to {@code maxLockout}. Keyed by both,
 * so nobody can lock a colleague out from elsewhere; per instance, which PBKDF2's cost keeps harmless (README).
 */
@Singleton
final class LoginThrottle {

    /** Who is trying: the user name typed and the client's address. */
    record Attempt(String username, String address) {}

    /** Until the limit, {@code lockedUntil} is the time of the last failure (a lockout of zero). */
    private record Record(int failures, Instant lockedUntil) {}

    /** About 2 MB at most (user names are at most 64 characters, see {@link StaffAuthentication}). */
    static final int MAX_TRACKED = 10_000;

    private final LoginThrottleConfig config;
    private final Clock clock;
    private final int maxTracked;
    private final Map<Attempt, Record> records = new ConcurrentHashMap<>();

    @Inject
    LoginThrottle(LoginThrottleConfig config, Clock clock) {
        this(config, clock, MAX_TRACKED);
    }

    LoginThrottle(LoginThrottleConfig config, Clock clock, int maxTracked) {
        this.config = config;
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /**
     * Starts an attempt: empty if its password may be checked now, else how long it must still wait. An
     * attempt counts as failed until {@link #succeeded} says otherwise, so guesses sent in parallel cannot all
     * slip past the limit while their passwords are being checked.
     */
    Optional<Duration> begin(Attempt attempt) {
        Instant now = clock.instant();
        if (records.size() >= maxTracked && !records.containsKey(attempt)) {
            makeRoom(now);
            if (records.size() >= maxTracked) {
                // only lockouts left, and each took several password checks: refusing is cheaper than forgetting
                return Optional.of(config.firstLockout());
            }
        }
        Duration[] wait = {null};
        records.compute(attempt, (key, record) -> {
            if (record != null && record.lockedUntil().isAfter(now)) {
                wait[0] = Duration.between(now, record.lockedUntil());
                return record;
            }
            int failures = record == null ? 1 : record.failures() + 1;
            return new Record(failures, now.plus(lockoutAfter(failures)));
        });
        return Optional.ofNullable(wait[0]);
    }

    void succeeded(Attempt attempt) {
        records.remove(attempt);
    }

    /** The lockout that follows the given number of consecutive failures: none, then 1, 2, 4 … up to the cap. */
    Duration lockoutAfter(int failures) {
        int beyondLimit = failures - config.failuresBeforeLockout();
        if (beyondLimit < 0) {
            return Duration.ZERO;
        }
        Duration lockout = config.firstLockout();
        for (int i = 0; i < beyondLimit && lockout.compareTo(config.maxLockout()) < 0; i++) {
            lockout = lockout.multipliedBy(2);
        }
        return lockout.compareTo(config.maxLockout()) > 0 ? config.maxLockout() : lockout;
    }

    /** How many attempts are remembered (bounded by {@link #MAX_TRACKED}). */
    int tracked() {
        return records.size();
    }

    /**
     * First forgets records whose lockout ended a full maximum lockout ago, then, if that was not enough, every
     * record not locked right now: forgetting those gives a guesser back at most the free attempts, and filling
     * the table to get there costs thousands of password checks.
     */
    private void makeRoom(Instant now) {
        Instant horizon = now.minus(config.maxLockout());
        records.values().removeIf(record -> record.lockedUntil().isBefore(horizon));
        if (records.size() >= maxTracked) {
            records.values().removeIf(record -> !record.lockedUntil().isAfter(now));
        }
    }
}
