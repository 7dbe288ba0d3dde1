package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.ExponentialBackoff;
import com.licenceshop.servicedefaults.LogContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes committed events in sequence order, in batches with publisher confirms, and marks them published only
 * after the confirm: a crash in between publishes them again with the same event ids, so delivery is at least once
 * and consumers deduplicate by event id. Leadership, wake-ups, outages: README, "How a purchase is stored and
 * published".
 */
@Singleton
public class OutboxRelay implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final RelayLeadership leadership;
    private final OutboxStore store;
    private final EventPublisher publisher;
    private final RelayConfig config;
    private final Clock clock;
    private final ExponentialBackoff schedule;
    private final Timer latency;
    private final Counter publishedCounter;
    private final Counter failures;
    private final AtomicLong published = new AtomicLong();
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final Object lifecycle = new Object();

    private volatile boolean running;
    private volatile String lastError;
    private volatile int consecutiveFailures;
    private Thread thread;

    // confined to the relay thread
    private OutboxWakeUps wakeUps;
    private Backoff brokerBackoff = Backoff.none();
    private Backoff databaseBackoff = Backoff.none();

    OutboxRelay(
            RelayConnections connections,
            OutboxStore store,
            EventPublisher publisher,
            RelayConfig config,
            Clock clock,
            MeterRegistry meters) {
        this.leadership = new RelayLeadership(connections);
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.clock = clock;
        this.schedule = new ExponentialBackoff(config.initialBackoff(), config.maxBackoff());
        this.latency = Timer.builder("shop.outbox.publish.latency")
                .description("Time from an event's commit to the broker's confirm")
                .publishPercentileHistogram()
                .register(meters);
        this.publishedCounter = Counter.builder("shop.outbox.published")
                .description("Events published and confirmed")
                .register(meters);
        this.failures = Counter.builder("shop.outbox.publish.failures")
                .description("Batches the broker did not confirm")
                .register(meters);
        Gauge.builder("shop.outbox.relay.active", leadership, lead -> lead.isActive() ? 1 : 0)
                .description("1 while this replica is the active relay")
                .register(meters);
    }

    @Override
    public void onApplicationEvent(StartupEvent event) {
        if (config.enabled()) {
            start();
        }
    }

    void start() {
        synchronized (lifecycle) {
            if (thread != null) {
                return;
            }
            running = true;
            thread = new Thread(this::run, "outbox-relay");
            thread.setDaemon(true);
            thread.start();
        }
    }

    @PreDestroy
    void stop() {
        Thread relayThread;
        synchronized (lifecycle) {
            running = false;
            stopSignal.countDown();
            relayThread = thread;
        }
        if (relayThread == null) {
            return;
        }
        try {
            relayThread.join(config.pollInterval()
                    .plus(config.confirmTimeout())
                    .plusSeconds(1)
                    .toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (relayThread.isAlive()) {
            LOG.warn("relay did not stop in time; closing its connection");
            leadership.stepDown();
        }
    }

    /** True while this replica holds the relay lock and publishes. */
    public boolean isActive() {
        return leadership.isActive();
    }

    /** Events this replica published (and the broker confirmed) since it started. */
    public long publishedCount() {
        return published.get();
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public String lastError() {
        return lastError;
    }

    private void run() {
        LOG.info("outbox relay started (batch size {}, poll interval {})", config.batchSize(), config.pollInterval());
        while (running) {
            try {
                step();
            } catch (Exception e) {
                // lost the database, or failed between publishing and stamping: start over from a clean
                // connection; unstamped rows are published again
                lastError = e.toString();
                dropConnection();
                databaseBackoff = databaseBackoff.failed(clock.instant(), schedule);
                LOG.warn("relay failed ({}), retrying in {}", e.toString(), databaseBackoff.remaining(clock.instant()));
                idle(databaseBackoff.remaining(clock.instant()));
            }
        }
        dropConnection();
        LOG.info("outbox relay stopped");
    }

    private void step() throws SQLException {
        if (!leadership.isConnected()) {
            wakeUps = OutboxWakeUps.listenOn(leadership.connect());
            databaseBackoff = Backoff.none();
        }
        if (!leadership.tryToLead()) {
            awaitNotification(config.pollInterval());
            return;
        }
        Instant now = clock.instant();
        if (!brokerBackoff.isDue(now)) {
            awaitNotification(brokerBackoff.remaining(now));
            return;
        }
        if (!relayBatch()) {
            awaitNotification(config.pollInterval());
        }
    }

    /** Publishes one batch; returns true if more rows may be waiting. */
    private boolean relayBatch() throws SQLException {
        List<OutboxRow> rows = store.unpublished(leadership.connection(), config.batchSize());
        if (rows.isEmpty()) {
            return false;
        }
        try {
            publisher.publish(rows);
        } catch (EventPublisher.PublishException e) {
            brokerBackoff = brokerBackoff.failed(clock.instant(), schedule);
            consecutiveFailures = brokerBackoff.failures();
            lastError = e.getMessage();
            failures.increment();
            LOG.warn(
                    "could not publish {} events from sequence {} (failure {} in a row), next try in {}: {}",
                    rows.size(),
                    rows.get(0).sequence(),
                    brokerBackoff.failures(),
                    brokerBackoff.remaining(clock.instant()),
                    e.getMessage());
            store.recordFailure(leadership.connection(), rows, e.getMessage());
            return false;
        }
        Instant confirmedAt = clock.instant();
        store.markPublished(leadership.connection(), rows);
        if (brokerBackoff.failures() > 0) {
            LOG.info("broker reachable again after {} failed attempts", brokerBackoff.failures());
        }
        brokerBackoff = Backoff.none();
        consecutiveFailures = 0;
        lastError = null;
        for (OutboxRow row : rows) {
            latency.record(Duration.between(row.occurredAt(), confirmedAt));
            try (var log = LogContext.with("eventId", row.eventId()).and("correlationId", row.correlationId())) {
                LOG.debug("published {} sequence {}", row.type(), row.sequence());
            }
        }
        publishedCounter.increment(rows.size());
        published.addAndGet(rows.size());
        LOG.info(
                "published {} events, sequences {}..{}",
                rows.size(),
                rows.get(0).sequence(),
                rows.get(rows.size() - 1).sequence());
        return rows.size() == config.batchSize();
    }

    private void awaitNotification(Duration timeout) throws SQLException {
        if (running) {
            wakeUps.await(timeout);
        }
    }

    private void idle(Duration duration) {
        try {
            stopSignal.await(Math.max(1, duration.toMillis()), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void dropConnection() {
        wakeUps = null;
        leadership.stepDown();
    }
}
