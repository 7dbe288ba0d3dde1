package com.licenceshop.command.order;

import static org.awaitility.Awaitility.await;

import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Holds the writers back so that commands pile up in the queue and are then stored as a few big batches:
 * the feed-horizon lock taken exclusively makes every writer wait at the start of its transaction.
 */
final class WriterGate implements AutoCloseable {

    private final Connection connection;

    private WriterGate(Connection connection) {
        this.connection = connection;
    }

    static WriterGate close(TestServers.Database database) throws SQLException {
        Connection connection = database.connect();
        connection.createStatement().execute("SELECT pg_advisory_lock(" + EventStore.HORIZON_LOCK + ")");
        return new WriterGate(connection);
    }

    /** Waits until {@code commands} were taken into batches or are queued behind them. */
    static void awaitWaiting(MeterRegistry meters, double batchedBefore, int commands) {
        await("commands waiting for the writers")
                .atMost(Duration.ofSeconds(30))
                .until(() -> meters.get("shop.orders.batch.size").summary().totalAmount()
                                - batchedBefore
                                + meters.get("shop.orders.queue.depth").gauge().value()
                        >= commands);
    }

    static double batched(MeterRegistry meters) {
        return meters.get("shop.orders.batch.size").summary().totalAmount();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
