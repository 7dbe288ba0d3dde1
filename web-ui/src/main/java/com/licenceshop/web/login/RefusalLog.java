package com.licenceshop.web.login;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log of logins refused without a password check (over budget, locked out, queue full, absurd name): the
 * first refusal from an address is logged at once, the further ones from there are counted and logged as one
 * line when the interval is over. A flood of bogus logins then writes two lines a minute per address instead of
 * one per request.
 */
@Singleton
final class RefusalLog {

    private static final Logger LOG = LoggerFactory.getLogger(RefusalLog.class);
    /** Refusals from addresses beyond this many are counted together, so the table stays small. */
    static final int MAX_TRACKED = 10_000;

    static final String OTHERS = "other addresses";

    private record Window(Instant start, int more, String lastReason) {}

    private final Duration interval;
    private final Clock clock;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    @Inject
    RefusalLog(@Value("${shop.login.refusal-log-interval:1m}") Duration interval, Clock clock) {
        this.interval = interval;
        this.clock = clock;
    }

    void refused(String address, String reason) {
        Instant now = clock.instant();
        String key = windows.size() >= MAX_TRACKED && !windows.containsKey(address) ? OTHERS : address;
        Window[] closed = {null};
        boolean[] first = {false};
        windows.compute(key, (k, window) -> {
            if (window != null && now.isBefore(window.start().plus(interval))) {
                return new Window(window.start(), window.more() + 1, reason);
            }
            closed[0] = window;
            first[0] = true;
            return new Window(now, 0, reason);
        });
        report(key, closed[0]);
        if (first[0]) {
            LOG.warn(
                    "staff login refused from {}: {} (further refusals from there are counted for {} s)",
                    key,
                    reason,
                    interval.toSeconds());
        }
    }

    /** Logs the counts of the intervals that are over. */
    @Scheduled(fixedDelay = "${shop.login.refusal-log-interval:1m}")
    void flush() {
        Instant now = clock.instant();
        for (String address : windows.keySet()) {
            Window[] closed = {null};
            windows.computeIfPresent(address, (k, window) -> {
                if (now.isBefore(window.start().plus(interval))) {
                    return window;
                }
                closed[0] = window;
                return null;
            });
            report(address, closed[0]);
        }
    }

    private void report(String address, Window closed) {
        if (closed != null && closed.more() > 0) {
            LOG.warn(
                    "staff login refused from {}: {} more times in {} s since {} (last: {})",
                    address,
                    closed.more(),
                    interval.toSeconds(),
                    closed.start(),
                    closed.lastReason());
        }
    }
}
