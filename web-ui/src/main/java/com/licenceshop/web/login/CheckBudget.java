package com.licenceshop.web.login;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many password checks each client address may start: a token bucket per address and kind of login, asked
 * before a check is queued, so one address cannot fill the queue that everyone's logins wait in. A check that
 * lets someone in gives its token back: a script that logs in with HTTP Basic on every call is never held up by
 * its own correct logins, only by wrong ones.
 */
@Singleton
final class CheckBudget {

    /** Which queue a login waits in: the login form's, or HTTP Basic's (scripts). */
    enum Kind {
        FORM,
        BASIC
    }

    private record Key(Kind kind, String address) {}

    private record Bucket(double tokens, Instant at) {}

    /** About 1 MB at most; addresses are bounded by what the network lets one reach us from. */
    static final int MAX_TRACKED = 10_000;

    private final int burst;
    private final Duration refill;
    private final Clock clock;
    private final int maxTracked;
    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();

    @Inject
    CheckBudget(
            @Value("${shop.login.budget.burst:10}") int burst,
            @Value("${shop.login.budget.refill:6s}") Duration refill,
            Clock clock) {
        this(burst, refill, clock, MAX_TRACKED);
    }

    /**
     * @param burst  checks an address may start at once
     * @param refill how long it takes to earn one more
     */
    CheckBudget(int burst, Duration refill, Clock clock, int maxTracked) {
        if (burst < 1 || refill.isNegative() || refill.isZero()) {
            throw new IllegalArgumentException("a check budget needs a burst of at least 1 and a positive refill time");
        }
        this.burst = burst;
        this.refill = refill;
        this.clock = clock;
        this.maxTracked = maxTracked;
    }

    /** Takes one check from the address's budget; false if it has none left right now. */
    boolean take(Kind kind, String address) {
        Instant now = clock.instant();
        Key key = new Key(kind, address);
        if (buckets.size() >= maxTracked && !buckets.containsKey(key)) {
            buckets.values().removeIf(bucket -> tokens(bucket, now) >= burst);
            if (buckets.size() >= maxTracked) {
                return false; // every tracked address is spending: a new one waits rather than an old one forgotten
            }
        }
        boolean[] taken = {false};
        buckets.compute(key, (k, bucket) -> {
            double tokens = bucket == null ? burst : tokens(bucket, now);
            if (tokens >= 1) {
                taken[0] = true;
                return new Bucket(tokens - 1, now);
            }
            return new Bucket(tokens, now);
        });
        return taken[0];
    }

    /** Gives a check back (it let a staff member in). */
    void giveBack(Kind kind, String address) {
        Instant now = clock.instant();
        buckets.computeIfPresent(
                new Key(kind, address), (k, bucket) -> new Bucket(Math.min(burst, tokens(bucket, now) + 1), now));
    }

    int tracked() {
        return buckets.size();
    }

    private double tokens(Bucket bucket, Instant now) {
        double earned = (double) Duration.between(bucket.at(), now).toNanos() / refill.toNanos();
        return Math.min(burst, bucket.tokens() + Math.max(0, earned));
    }
}
