package com.licenceshop.command.order;

import com.licenceshop.command.idempotency.IdempotencyKeys;
import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.system.LogContext;
import com.licenceshop.events.OrderPlaced;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Places a priced order: in ONE transaction the idempotency key (if any), the order, its lines and the
 * {@code OrderPlaced} event row. Either all of it commits or none of it.
 */
@Singleton
class PlacingOrders {

    private static final Logger LOG = LoggerFactory.getLogger(PlacingOrders.class);

    private final TransactionOperations<Connection> transactions;
    private final OrderStore orders;
    private final EventStore events;
    private final IdempotencyKeys keys;
    private final Clock clock;
    private final Counter accepted;

    PlacingOrders(TransactionOperations<Connection> transactions, OrderStore orders, EventStore events,
                  IdempotencyKeys keys, Clock clock, MeterRegistry meters) {
        this.transactions = transactions;
        this.orders = orders;
        this.events = events;
        this.keys = keys;
        this.clock = clock;
        this.accepted = Counter.builder("shop.orders.accepted").description("Orders stored (replays not counted)")
                .register(meters);
    }

    sealed interface Outcome permits Accepted, KeyReused {
    }

    /** The order is stored; {@code replayed} when an earlier request with the same key stored it. */
    record Accepted(UUID orderId, boolean replayed) implements Outcome {
    }

    /** The idempotency key belongs to a different request. */
    record KeyReused() implements Outcome {
    }

    Outcome place(PricedOrder order, @Nullable String idempotencyKey, String fingerprint, String correlationId) {
        Outcome outcome = transactions.executeWrite(status -> {
            try {
                return place(status.getConnection(), order, idempotencyKey, fingerprint, correlationId);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot store the order", e);
            }
        });
        if (outcome instanceof Accepted a && !a.replayed()) {
            accepted.increment();
        }
        return outcome;
    }

    private Outcome place(Connection connection, PricedOrder order, @Nullable String key, String fingerprint,
                          String correlationId) throws SQLException {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (key != null && !keys.claim(connection, key, fingerprint, now)) {
            var stored = keys.find(connection, key)
                    .orElseThrow(() -> new IllegalStateException("idempotency key vanished: " + key));
            if (!stored.requestHash().equals(fingerprint)) {
                LOG.info("idempotency key reused with a different request");
                return new KeyReused();
            }
            try (var log = LogContext.with("orderId", stored.orderId())) {
                LOG.info("repeated request, answering with the stored response");
            }
            return new Accepted(stored.orderId(), true);
        }
        UUID orderId = UUID.randomUUID();
        try (var log = LogContext.with("orderId", orderId)) {
            OrderPlaced placed = events.append(connection, orderId.toString(), correlationId, (eventId, sequence) ->
                    new OrderPlaced(eventId, sequence, now, orderId, order.customerEmail(), order.currency(),
                            order.lines(), order.totalCents()));
            orders.insert(connection, orderId, order, now, placed.sequence());
            if (key != null) {
                keys.complete(connection, key, orderId, 202, OrderAccepted.accepted(orderId).toJson());
            }
            try (var eventLog = LogContext.with("eventId", placed.eventId())) {
                LOG.info("order placed: {} lines, {} {} cents, sequence {}", order.lines().size(), order.totalCents(),
                        order.currency(), placed.sequence());
            }
            return new Accepted(orderId, false);
        }
    }
}
