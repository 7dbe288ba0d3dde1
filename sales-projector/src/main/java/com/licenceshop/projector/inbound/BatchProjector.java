package com.licenceshop.projector.inbound;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.MessageHeaders;
import com.licenceshop.events.SchemaVersions;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesProjection;
import com.licenceshop.projector.projection.UnappliableEventException;
import com.licenceshop.projector.readmodel.ApplyResult;
import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesDatabase;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import com.licenceshop.servicedefaults.AmqpHeaders;
import com.licenceshop.servicedefaults.DeadLetterQueue;
import com.licenceshop.servicedefaults.ExponentialBackoff;
import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.servicedefaults.TraceHeaders;
import com.rabbitmq.client.ShutdownSignalException;
import io.micronaut.messaging.exceptions.MessageAcknowledgementException;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies one channel's batch: the good events in one transaction, the bad ones parked with their reason, and one
 * {@code ack(multiple)} only after the commit. Each failure mode (poison, data error, database outage, anything else)
 * and why an outage must not count as a delivery: README, "Live projection".
 */
@Singleton
final class BatchProjector {

    private static final Logger LOG = LoggerFactory.getLogger(BatchProjector.class);
    /** One link per event of a batch (up to the prefetch of full messages: 500); application.yml raises the SDK's limit of 128 to match. */
    private static final int MAX_LINKS = ProjectorConsumer.MAX_BATCH;

    private static final Duration FIRST_WAIT = Duration.ofMillis(100);
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(5);

    private record Decoded(ReceivedDelivery delivery, SalesChange change) {}

    private final EventCodec codec;
    private final SalesDatabase database;
    private final SalesModelWriter writer;
    private final DeadLetterQueue deadLetters;
    private final ProjectionMetrics metrics;
    private final List<BatchObserver> observers;
    private final ExponentialBackoff outageBackoff = new ExponentialBackoff(FIRST_WAIT, LONGEST_WAIT);
    private final Duration holdFor;
    private final Clock clock;
    private final Tracer tracer;
    private final CountDownLatch stopping = new CountDownLatch(1);

    /** The database stayed unreachable for the whole time a batch may be held. */
    private static final class DatabaseUnavailableException extends SQLException {
        DatabaseUnavailableException(Duration heldFor, SQLException last) {
            super(
                    "database unreachable for " + heldFor.toMillis() + " ms: " + last.getMessage(),
                    last.getSQLState(),
                    last);
        }
    }

    BatchProjector(
            EventCodec codec,
            SalesDatabase database,
            SalesModelWriter writer,
            DeadLetterQueue deadLetters,
            ProjectionMetrics metrics,
            List<BatchObserver> observers,
            ProjectorConfig config,
            Clock clock,
            Tracer tracer) {
        this.tracer = tracer;
        this.codec = codec;
        this.database = database;
        this.writer = writer;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.observers = observers;
        this.holdFor = config.retryFor();
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        stopping.countDown(); // a batch waiting for the database stops waiting; the broker redelivers it
    }

    /**
     * Never throws: every outcome ends in an ack or a nack of the batch. The batch is one span of its own trace
     * with a LINK to each event's context (a batch has many parents, a span only one); the lines it logs carry
     * that span's ids, a line about one event (parking it) that event's trace id.
     */
    void project(List<ReceivedDelivery> batch) {
        Span span = batchSpan(batch);
        try (Scope ignored = span.makeCurrent()) {
            projectInSpan(batch);
        } finally {
            span.end();
        }
    }

    private Span batchSpan(List<ReceivedDelivery> batch) {
        var builder = tracer.spanBuilder("sales-projector process")
                .setNoParent()
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "rabbitmq")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.batch.message_count", (long) batch.size());
        TraceHeaders.links(batch.stream().map(d -> d.properties().getHeaders()).toList(), MAX_LINKS)
                .forEach(builder::addLink);
        return builder.startSpan();
    }

    private void projectInSpan(List<ReceivedDelivery> batch) {
        ReceivedDelivery last = batch.get(batch.size() - 1);
        try {
            List<Decoded> good = new ArrayList<>();
            List<DeadLetterQueue.Message> bad = new ArrayList<>();
            for (ReceivedDelivery delivery : batch) {
                try {
                    good.add(new Decoded(delivery, decode(delivery)));
                } catch (EventCodec.MalformedEventException
                        | UnappliableEventException
                        | UnsupportedSchemaVersionException e) {
                    bad.add(park(delivery, e));
                }
            }
            AppliedCounts outcome = applyAll(good, bad);
            deadLetters.park(bad);
            observers.forEach(o -> o.committedNotYetAcknowledged(batch.size()));
            last.acknowledgement().ack(true);
            metrics.batch(batch.size(), outcome.applied(), outcome.duplicates());
            metrics.deadLettered(bad.size());
            LOG.debug(
                    "batch of {}: {} applied, {} duplicates, {} dead-lettered",
                    batch.size(),
                    outcome.applied(),
                    outcome.duplicates(),
                    bad.size());
        } catch (DatabaseUnavailableException e) {
            putBack(batch, e);
        } catch (MessageAcknowledgementException | ShutdownSignalException e) {
            // the channel went away after the commit: the broker redelivers, the inbox skips what committed
            LOG.warn("could not acknowledge a batch of {}; it will be redelivered: {}", batch.size(), e.getMessage());
        } catch (SQLException | IOException | RuntimeException e) {
            LOG.error("batch of {} failed, requeueing it: {}", batch.size(), e.toString());
            requeue(last);
        }
    }

    private SalesChange decode(ReceivedDelivery delivery) {
        if (delivery.unreadable() != null) {
            throw new EventCodec.MalformedEventException(delivery.unreadable(), null);
        }
        // the version first: a body of another version may well parse, and must not be applied as this one
        Map<String, Object> headers = delivery.properties().getHeaders();
        Object version = headers == null ? null : headers.get(MessageHeaders.SCHEMA_VERSION);
        refuseUnsupported(delivery.properties().getType(), version);
        ShopEvent event = codec.decode(delivery.body());
        refuseUnsupported(EventType.of(event).typeName(), version);
        return SalesProjection.changeOf(event);
    }

    private static void refuseUnsupported(String typeName, Object version) {
        SchemaVersions.unsupported(typeName, version).ifPresent(reason -> {
            throw new UnsupportedSchemaVersionException(reason);
        });
    }

    /** Applies the good events; moves those that fail on their own to {@code bad}. */
    private AppliedCounts applyAll(List<Decoded> good, List<DeadLetterQueue.Message> bad) throws SQLException {
        if (good.isEmpty()) {
            return AppliedCounts.NONE;
        }
        try {
            return counts(applyWithRetry(good.stream().map(Decoded::change).toList()));
        } catch (SQLException | RuntimeException batchFailure) {
            if (batchFailure instanceof SQLException sql && !SalesDatabase.isDataError(sql)) {
                throw sql;
            }
            LOG.warn(
                    "batch of {} failed on its data, applying its events one by one: {}",
                    good.size(),
                    batchFailure.toString());
        }
        AppliedCounts total = AppliedCounts.NONE;
        for (Decoded one : good) {
            try {
                total = total.plus(counts(applyWithRetry(List.of(one.change()))));
            } catch (SQLException e) {
                if (!SalesDatabase.isDataError(e)) {
                    throw e;
                }
                bad.add(park(one.delivery(), e));
            } catch (RuntimeException e) {
                bad.add(park(one.delivery(), e));
            }
        }
        return total;
    }

    private AppliedCounts counts(ApplyResult result) {
        for (SalesChange change : result.applied()) {
            metrics.lag(change.occurredAt());
        }
        return new AppliedCounts(result.applied().size(), result.duplicates());
    }

    /** Tries again while the database is unreachable: after 100 ms, doubling up to 5 s, for at most {@code holdFor}. */
    private ApplyResult applyWithRetry(List<SalesChange> changes) throws SQLException {
        Instant since = null;
        for (int attempt = 1; ; attempt++) {
            try {
                return database.inTransaction(
                        c -> writer.apply(c, ModelTables.LIVE, changes, SalesModelWriter.Mode.LIVE));
            } catch (SQLException e) {
                if (SalesDatabase.isDataError(e)) {
                    throw e;
                }
                Instant now = clock.instant();
                since = since == null ? now : since;
                Duration held = Duration.between(since, now);
                Optional<Duration> wait = outageBackoff.delayAfter(attempt, holdFor.minus(held));
                if (wait.isEmpty()) {
                    throw new DatabaseUnavailableException(held, e);
                }
                LOG.warn(
                        "database unavailable ({}), trying again in {} ms",
                        e.getMessage(),
                        wait.get().toMillis());
                awaitOrStop(wait.get(), e);
            }
        }
    }

    private void awaitOrStop(Duration wait, SQLException cause) throws SQLException {
        try {
            if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new SQLException("stopping while the database is unreachable", "08000", cause);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the database", "08000", e);
        }
    }

    /**
     * The database stayed down: the batch goes back to the tail of the queue as new messages, which do not count
     * as failed deliveries; the originals are acknowledged once the broker confirmed the copies. If that fails
     * too, the batch is requeued (counted).
     */
    private void putBack(List<ReceivedDelivery> batch, DatabaseUnavailableException outage) {
        ReceivedDelivery last = batch.get(batch.size() - 1);
        try {
            deadLetters.putBack(batch.stream()
                    .map(d -> new DeadLetterQueue.Message(d.body(), d.properties(), outage.getMessage()))
                    .toList());
            last.acknowledgement().ack(true);
            LOG.warn("{}; put a batch of {} back at the tail of the queue", outage.getMessage(), batch.size());
        } catch (IOException | RuntimeException e) {
            LOG.error(
                    "{}, and could not put the batch of {} back ({}); requeueing it",
                    outage.getMessage(),
                    batch.size(),
                    e.toString());
            requeue(last);
        }
    }

    private DeadLetterQueue.Message park(ReceivedDelivery delivery, Exception cause) {
        String reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        Map<String, Object> headers = delivery.properties().getHeaders();
        try (var log = LogContext.with("eventId", delivery.properties().getMessageId())
                        .and(
                                "correlationId",
                                AmqpHeaders.string(delivery.properties(), MessageHeaders.CORRELATION_ID));
                // the event's own trace ids for this line (the scope puts the batch's back afterwards)
                var ignored = eventContext(headers).makeCurrent()) {
            LOG.warn("dead-lettering a message: {}", reason);
        }
        return new DeadLetterQueue.Message(delivery.body(), delivery.properties(), reason);
    }

    /** The event's own trace, for a line about that event rather than the batch; the batch's when it has none. */
    private static Context eventContext(Map<String, Object> headers) {
        SpanContext event = TraceHeaders.spanContext(headers);
        return event.isValid() ? Context.current().with(Span.wrap(event)) : Context.current();
    }

    private static void requeue(ReceivedDelivery last) {
        try {
            last.acknowledgement().nack(true, true);
        } catch (RuntimeException e) {
            LOG.warn("could not requeue; the broker redelivers when the channel closes: {}", e.getMessage());
        }
    }
}
