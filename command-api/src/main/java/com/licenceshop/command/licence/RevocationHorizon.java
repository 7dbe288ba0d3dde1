package com.licenceshop.command.licence;

import com.licenceshop.command.feed.EventFeed;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed horizon the anonymous revocation list is cut at, shared by every caller. Computing it takes the order
 * writers' horizon lock exclusively (EventFeed#horizon), so a request never does: a value older than
 * {@link #MAX_AGE} is refreshed by one background task while callers get the last one. Only the first call of an
 * instance computes it itself. An older horizon is still a correct cut, just a moment behind.
 */
@Singleton
class RevocationHorizon {

    static final Duration MAX_AGE = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(RevocationHorizon.class);

    private record Known(long horizon, Instant at) {}

    private final EventFeed feed;
    private final Clock clock;
    private final ExecutorService blocking;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    private volatile Known known;

    RevocationHorizon(EventFeed feed, Clock clock, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.feed = feed;
        this.clock = clock;
        this.blocking = blocking;
    }

    long horizon() throws SQLException {
        Known current = known;
        if (current == null) {
            synchronized (this) {
                if (known == null) {
                    known = compute();
                }
                return known.horizon();
            }
        }
        if (current.at().plus(MAX_AGE).isBefore(clock.instant()) && refreshing.compareAndSet(false, true)) {
            blocking.execute(this::refresh);
        }
        return current.horizon();
    }

    private void refresh() {
        try {
            known = compute();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("cannot refresh the revocation list's horizon: {}", e.getMessage());
        } finally {
            refreshing.set(false);
        }
    }

    private Known compute() throws SQLException {
        Instant at = clock.instant();
        return new Known(feed.horizon(), at);
    }
}
