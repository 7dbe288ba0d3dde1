package com.licenceshop.servicedefaults;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed ops logins by client address: after {@link #FREE_FAILURES} failures in a row an address is refused without
 * a check for 1 s, then 2, 4 … up to {@link #LONGEST_LOCK}; a success clears it. Turns thousands of guesses a second
 * into a few a minute. At most {@link #MAX_ADDRESSES} are remembered (the oldest locks go first). Plain Java.
 */
final class FailedLogins {

    static final int FREE_FAILURES = 5;
    static final Duration LONGEST_LOCK = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private record Failures(int count, Instant lockedUntil) {}

    private final Clock clock;
    private final Map<String, Failures> byAddress = new ConcurrentHashMap<>();

    FailedLogins(Clock clock) {
        this.clock = clock;
    }

    /** True while {@code address} must wait: its login is refused unchecked. */
    boolean locked(String address) {
        Failures failures = byAddress.get(address);
        return failures != null && clock.instant().isBefore(failures.lockedUntil());
    }

    void failed(String address) {
        Instant now = clock.instant();
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.values().removeIf(f -> !now.isBefore(f.lockedUntil()));
        }
        byAddress.compute(address, (a, before) -> {
            int count = before == null ? 1 : before.count() + 1;
            if (count < FREE_FAILURES) {
                return new Failures(count, Instant.MIN);
            }
            long seconds = Math.min(LONGEST_LOCK.toSeconds(), 1L << Math.min(count - FREE_FAILURES, 20));
            return new Failures(count, now.plusSeconds(seconds));
        });
    }

    void succeeded(String address) {
        byAddress.remove(address);
    }
}
