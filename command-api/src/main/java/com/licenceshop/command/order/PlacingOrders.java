package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Products;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.DatabaseFailures;
import com.licenceshop.servicedefaults.JdbcTransactions;
import com.licenceshop.servicedefaults.LogContext;
import com.licenceshop.servicedefaults.TraceLogs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Places priced orders by group commit. Commands wait in a bounded queue; a few writer threads each take
 * whatever waited while they were busy (up to {@code max-batch-size}; an idle writer wakes on the first
 * command, there is no batching timer) and store it in ONE transaction: keys, events, orders, lines, one
 * NOTIFY. Each command is answered only after its batch committed.
 *
 * <p>If a batch fails in the database for a reason other than a lost connection (a constraint, say), it is
 * stored again command by command, each under a savepoint, in one transaction: the good ones commit and get
 * their 202, each bad one gets its own error. A full queue is answered at once with 503 and Retry-After.
 */
// created with the context, so the writers (and their metrics) exist before the first order
@Context
class PlacingOrders {

    private static final Logger LOG = LoggerFactory.getLogger(PlacingOrders.class);

    private final DataSource dataSource;
    private final OrderBatchStore store;
    private final Products products;
    private final Clock clock;
    private final GroupCommitConfig config;
    private final BlockingQueue<PendingOrder> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final Counter accepted;
    private final Counter refused;
    private final DistributionSummary batchSizes;
    private volatile boolean running = true;

    PlacingOrders(
            DataSource dataSource,
            OrderBatchStore store,
            Products products,
            Clock clock,
            GroupCommitConfig config,
            MeterRegistry meters) {
        // connections of their own: a writer's transaction is its batch, not any request's
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.store = store;
        this.products = products;
        this.clock = clock;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueSize());
        this.accepted = Counter.builder("shop.orders.accepted")
                .description("Orders stored (replays not counted)")
                .register(meters);
        this.refused = Counter.builder("shop.orders.queue.full")
                .description("Orders refused with 503: queue full")
                .register(meters);
        this.batchSizes = DistributionSummary.builder("shop.orders.batch.size")
                .description("Commands stored per transaction")
                .register(meters);
        Gauge.builder("shop.orders.queue.depth", queue, BlockingQueue::size)
                .description("Place-order commands waiting for a writer")
                .register(meters);
        for (int i = 0; i < config.writers(); i++) {
            Thread writer = new Thread(this::write, "order-writer-" + i);
            writer.setDaemon(true);
            writers.add(writer);
            writer.start();
        }
    }

    sealed interface Outcome permits Accepted, KeyReused {}

    /**
     * The order is stored; {@code replayed} when an earlier request with the same key stored it. {@code accessToken}:
     * the order's (null for an order placed before there were tokens).
     */
    record Accepted(
            UUID orderId, boolean replayed, @Nullable String accessToken) implements Outcome {}

    /** The idempotency key belongs to a different request. */
    record KeyReused() implements Outcome {}

    /**
     * The catalog to validate requests against: the one the last batch read. It may be a moment old; that is
     * safe because every batch prices from the catalog it reads in its own transaction (a licence retired or
     * repriced since is refused or repriced there), and an unknown SKU is checked against {@link #currentCatalog()}.
     */
    Catalog catalog() {
        Catalog known = store.latest();
        return known != null ? known : products.catalog();
    }

    /** The catalog as the table has it now. */
    Catalog currentCatalog() {
        return products.catalog();
    }

    /** Completes once the command's batch committed (or failed); at once with 503 when the queue is full. */
    CompletableFuture<Outcome> place(
            PlaceOrder order, @Nullable String idempotencyKey, @Nullable String fingerprint, String correlationId) {
        PendingOrder command = PendingOrder.of(order, idempotencyKey, fingerprint, correlationId);
        if (!running || !queue.offer(command)) {
            refused.increment();
            return CompletableFuture.failedFuture(Problems.exception(
                    ProblemType.UNAVAILABLE, "Too many orders at once; nothing was stored. Retry in a moment."));
        }
        return command.answer();
    }

    private void write() {
        List<PendingOrder> batch = new ArrayList<>(config.maxBatchSize());
        while (running || !queue.isEmpty()) {
            try {
                // the timeout only lets a stopping writer notice; a command wakes the writer at once
                PendingOrder first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, config.maxBatchSize() - 1);
                store(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                LOG.error("order writer failed on a batch of {}", batch.size(), e);
                batch.forEach(command -> command.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    private void store(List<PendingOrder> batch) {
        batchSizes.record(batch.size());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        List<OrderBatchStore.Stored> stored;
        try {
            stored = inTransaction(connection -> store.write(connection, batch, now));
        } catch (SQLException e) {
            if (connectionLost(e)) {
                fail(batch, e);
                return;
            }
            LOG.warn("a batch of {} orders failed ({}); storing them one by one", batch.size(), e.toString());
            try {
                stored = inTransaction(connection -> oneByOne(connection, batch, now));
            } catch (SQLException again) {
                fail(batch, again);
                return;
            }
        }
        answer(stored);
    }

    /** Each command under its own savepoint: a failing one rolls back alone and keeps its error. */
    private List<OrderBatchStore.Stored> oneByOne(Connection connection, List<PendingOrder> batch, Instant now)
            throws SQLException {
        List<OrderBatchStore.Stored> stored = new ArrayList<>(batch.size());
        for (PendingOrder command : batch) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                stored.addAll(store.write(connection, List.of(command), now));
                connection.releaseSavepoint(savepoint);
            } catch (SQLException e) {
                if (connectionLost(e)) {
                    throw e;
                }
                connection.rollback(savepoint);
                try (var log = LogContext.with("correlationId", command.correlationId())) {
                    LOG.warn("order refused by the database: {}", e.toString());
                }
                stored.add(new OrderBatchStore.Stored(
                        command,
                        null,
                        Problems.exception(
                                ProblemType.INTERNAL,
                                "The database refused this order; nothing was stored. Quote the correlation id when you report it."),
                        null));
            }
        }
        return stored;
    }

    private void answer(List<OrderBatchStore.Stored> stored) {
        int placed = 0;
        for (OrderBatchStore.Stored s : stored) {
            if (s.placed() != null) {
                placed++;
                try (var log = LogContext.with("orderId", s.placed().orderId())
                        .and("eventId", s.placed().eventId())
                        .and("correlationId", s.command().correlationId())
                        // the writer thread is in no request: the ids of the request span the order came with
                        .and(TraceLogs.TRACE_ID, s.command().trace().traceId())
                        .and(TraceLogs.SPAN_ID, s.command().trace().spanId())) {
                    LOG.debug(
                            "order placed: {} lines, {} {} cents, sequence {}",
                            s.placed().lines().size(),
                            s.placed().totalCents(),
                            s.placed().currency(),
                            s.placed().sequence());
                }
            }
        }
        accepted.increment(placed);
        if (placed > 0 && LOG.isInfoEnabled()) {
            // one line per batch, naming the trace of each order in it: `grep <traceId>` finds a purchase here too,
            // without a line per order (README, "Group commit": measured cost)
            LOG.info(
                    "stored {} orders in one transaction ({} commands), traces {}",
                    placed,
                    stored.size(),
                    traceIds(stored));
        }
        for (OrderBatchStore.Stored s : stored) {
            if (s.rejected() != null) {
                s.command().answer().completeExceptionally(s.rejected());
            } else {
                s.command().answer().complete(s.outcome());
            }
        }
    }

    /** The trace ids of the placed orders, comma-separated (none: "-"), as the batch's log line names them. */
    static String traceIds(List<OrderBatchStore.Stored> stored) {
        StringBuilder ids = new StringBuilder(stored.size() * 33);
        for (OrderBatchStore.Stored s : stored) {
            String traceparent = s.placed() == null ? null : s.command().trace().traceparent();
            // traceparent is 00-<32 hex trace id>-<16 hex span id>-<flags> (W3C), checked when it was stored
            if (traceparent != null && traceparent.length() >= 35) {
                ids.append(ids.isEmpty() ? "" : ",").append(traceparent, 3, 35);
            }
        }
        return ids.isEmpty() ? "-" : ids.toString();
    }

    private static void fail(List<PendingOrder> batch, Exception e) {
        LOG.warn("a batch of {} orders could not be stored: {}", batch.size(), e.toString());
        batch.forEach(command -> command.answer().completeExceptionally(e));
    }

    private <T> T inTransaction(JdbcTransactions.Work<T> work) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, JdbcTransactions.RetryRule.never(), work);
    }

    private static boolean connectionLost(SQLException e) {
        // no SQLSTATE at all: the driver lost the connection before the server could say anything
        return e.getSQLState() == null || DatabaseFailures.connectionLost(e);
    }

    @PreDestroy
    void stop() {
        running = false;
        for (Thread writer : writers) {
            try {
                writer.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
