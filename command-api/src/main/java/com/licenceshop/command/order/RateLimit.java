package com.licenceshop.command.order;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code perPeriod} at once, refilled evenly over {@code period}; at most {@code maxKeys}
 * buckets, idle full ones dropped first (dropped is the same as full); {@code perPeriod} 0 switches it off. Own code:
 * resilience4j has no keyed, evicting limiter and reads the system clock, and bucket4j is not on the mirror.
 */
final class RateLimit {

    /** {@code units}: a request costs {@code period} in nanoseconds, and each nanosecond adds {@code perPeriod}. */
    private record Bucket(long units, Instant at) {}

    private final int perPeriod;
    private final long periodNanos;
    private final int maxKeys;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimit(int perPeriod, Duration period, int maxKeys, Clock clock) {
        this.perPeriod = perPeriod;
        this.periodNanos = period.toNanos();
        this.maxKeys = maxKeys;
        this.clock = clock;
    }

    /** Takes a token for {@code key}: empty when there was one, else how long until there is. */
    Optional<Duration> take(String key) {
        if (perPeriod <= 0) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        long full = perPeriod * periodNanos;
        if (buckets.size() >= maxKeys) {
            buckets.values()
                    .removeIf(bucket -> Duration.between(bucket.at(), now).toNanos() >= periodNanos);
        }
        Duration[] wait = new Duration[1];
        buckets.compute(key, (k, before) -> {
            long units = before == null
                    ? full
                    : Math.min(
                            full,
                            before.units()
                                    + Math.min(
                                                    periodNanos,
                                                    Duration.between(before.at(), now)
                                                            .toNanos())
                                            * perPeriod);
            if (units >= periodNanos) {
                return new Bucket(units - periodNanos, now);
            }
            wait[0] = Duration.ofNanos((periodNanos - units + perPeriod - 1) / perPeriod);
            return new Bucket(units, now);
        });
        return Optional.ofNullable(wait[0]);
    }
}
