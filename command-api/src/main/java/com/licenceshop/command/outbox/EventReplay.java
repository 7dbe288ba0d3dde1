package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.ConfirmedPublisher;
import com.licenceshop.servicedefaults.ConfirmedPublisher.ConfirmingChannel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-delivers a range of stored events to ONE consumer queue, marked {@code x-shop-replay: true}: straight to
 * the queue through the default exchange (routing key = queue name), so no other consumer sees them. Same
 * messages as the relay sends ({@link EventMessages}), in sequence order, in relay-sized batches with
 * publisher confirms. It does not touch {@code commands.outbox}: the relay is not involved.
 */
@Singleton
public class EventReplay {

    private static final Logger LOG = LoggerFactory.getLogger(EventReplay.class);
    /** The default exchange routes by queue name. */
    private static final String DEFAULT_EXCHANGE = "";

    private final TransactionOperations<Connection> transactions;
    private final OutboxStore store;
    private final ConfirmedPublisher publisher;
    private final RelayConfig config;
    private final MeterRegistry meters;
    private final PublishSpans spans;

    EventReplay(
            TransactionOperations<Connection> transactions,
            OutboxStore store,
            ConfirmedPublisher publisher,
            RelayConfig config,
            MeterRegistry meters,
            PublishSpans spans) {
        this.spans = spans;
        this.transactions = transactions;
        this.store = store;
        this.publisher = publisher;
        this.config = config;
        this.meters = meters;
    }

    /** Why a replay stopped; events before the failure may have been delivered (consumers deduplicate). */
    public static final class ReplayException extends Exception {
        private final boolean queueMissing;

        ReplayException(String message, boolean queueMissing, Throwable cause) {
            super(message, cause);
            this.queueMissing = queueMissing;
        }

        /** True if the queue does not exist (the consumer never started in this namespace). */
        public boolean queueMissing() {
            return queueMissing;
        }
    }

    /** The highest sequence stored so far (0 when the store is empty). */
    public long headSequence() {
        return read(connection -> store.head(connection));
    }

    /** Publishes the events with {@code after < sequence <= upTo} to {@code queue}; returns how many. */
    public long replay(String queue, long after, long upTo) throws ReplayException {
        ConfirmingChannel channel = null;
        long replayed = 0;
        try {
            channel = publisher.open(config.confirmTimeout(), ConfirmedPublisher.Unroutable.IS_DROPPED);
            try {
                // without this, the default exchange would drop every message for a missing queue, confirmed
                channel.amqp().queueDeclarePassive(queue);
            } catch (IOException e) {
                throw new ReplayException("queue " + queue + " does not exist", true, e);
            }
            long position = after;
            while (position < upTo) {
                long from = position;
                List<OutboxRow> rows = read(connection -> store.range(connection, from, upTo, config.batchSize()));
                if (rows.isEmpty()) {
                    break;
                }
                EventMessages.publishConfirmed(channel, DEFAULT_EXCHANGE, row -> queue, rows, true, spans);
                replayed += rows.size();
                position = rows.get(rows.size() - 1).sequence();
            }
        } catch (ReplayException e) {
            throw e;
        } catch (Exception e) {
            // IOException (nack, no confirm in time, interrupted), ShutdownSignalException (connection gone)
            throw new ReplayException("broker failed after " + replayed + " events: " + e.getMessage(), false, e);
        } finally {
            meters.counter("shop.replay.events", "queue", queue).increment(replayed);
            if (channel != null) {
                // a confirm-mode channel (or one the broker closed) does not go back into the pool for reuse
                channel.discard();
            }
        }
        LOG.info("replayed {} events with sequences {}..{} to queue {}", replayed, after + 1, upTo, queue);
        return replayed;
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    private <T> T read(Query<T> query) {
        return transactions.executeRead(status -> {
            try {
                return query.run(status.getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the event store", e);
            }
        });
    }
}
