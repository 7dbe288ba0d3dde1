package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Products;
import com.licenceshop.command.licence.LicenceIssuer;
import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.payment.PaymentIntake;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.servicedefaults.ProblemException;
import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.UUID;

/**
 * Stores a batch of place-order commands inside the caller's transaction, in four round trips however big the
 * batch: (1) the feed-horizon lock and the catalog, (2) the Idempotency-Keys, their stored answers and the
 * sequences, (3) events, orders and lines as one statement of array parameters with the NOTIFY, (4) the
 * caller's commit. What becomes of each command is decided by the pure {@link OrderBatch}; the events are written
 * by the {@link EventStore}, with the orders and lines in its statement.
 */
@Singleton
class OrderBatchStore {

    /** What became of one command; exactly one of outcome / rejected is set. */
    record Stored(
            PendingOrder command,
            @Nullable PlacingOrders.Outcome outcome,
            @Nullable ProblemException rejected,
            @Nullable OrderPlaced placed) {

        static Stored of(OrderBatch.Decision decision, @Nullable OrderPlaced placed) {
            PendingOrder command = decision.command();
            if (decision instanceof OrderBatch.Rejected rejected) {
                return new Stored(command, null, rejected.reason(), null);
            }
            if (decision instanceof OrderBatch.Replayed replayed) {
                return new Stored(command, replayed.answer(), null, null);
            }
            return new Stored(
                    command, new PlacingOrders.Accepted(command.orderId(), false, command.accessToken()), null, placed);
        }
    }

    /** An accepted command and its event. */
    private record Placed(OrderBatch.Accepted accepted, OrderPlaced event) {}

    /** What the second round trip read: the batch's key rows after the claim, and its sequences. */
    private record Claimed(Map<String, OrderBatch.StoredKey> keys, EventStore.Sequences sequences) {}

    private record Line(UUID orderId, int lineNo, OrderLine line) {}

    private static final String ORDERS_AND_LINES = """
            , o AS (
              INSERT INTO commands.orders (id, customer_email, currency, total_cents, status, placed_at, placed_sequence)
              SELECT id, m, cur, tot, 'PLACED', ?, s
              FROM unnest(?::uuid[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS t(id, m, cur, tot, s)
            ), l AS (
              INSERT INTO commands.order_lines (order_id, line_no, sku, name, quantity, unit_price_cents, line_total_cents)
              SELECT id, n, sku, nm, q, up, lt
              FROM unnest(?::uuid[], ?::integer[], ?::text[], ?::text[], ?::integer[], ?::bigint[], ?::bigint[])
                AS t(id, n, sku, nm, q, up, lt)
            )""";

    private final EventStore events;
    private final LicenceIssuer licences;
    private final PaymentIntake payments;
    private volatile Catalog latest;

    OrderBatchStore(EventStore events, LicenceIssuer licences, PaymentIntake payments) {
        this.events = events;
        this.licences = licences;
        this.payments = payments;
    }

    List<Stored> write(Connection connection, List<PendingOrder> commands, Instant now) throws SQLException {
        Catalog catalog = lockHorizonAndReadCatalog(connection);
        latest = catalog;
        OrderBatch batch = OrderBatch.price(commands, catalog);
        Claimed claimed = claimKeysAndAllocate(connection, batch.claims(), batch.pricedCount(), now);
        List<Stored> stored = new ArrayList<>(commands.size());
        List<Placed> placed = new ArrayList<>();
        for (OrderBatch.Decision decision : batch.decide(claimed.keys())) {
            OrderPlaced event = null;
            if (decision instanceof OrderBatch.Accepted accepted) {
                event = event(accepted, claimed.sequences(), now);
                placed.add(new Placed(accepted, event));
            }
            stored.add(Stored.of(decision, event));
        }
        if (!placed.isEmpty()) {
            insert(connection, placed, now);
            startPayments(connection, placed, now);
        }
        return stored;
    }

    /** The catalog the latest batch read, or null before the first batch. */
    @Nullable
    Catalog latest() {
        return latest;
    }

    /**
     * The accepted order's event, signed here, after the key check: a replayed request gets the stored order, never
     * new keys; while payment is required none at all: the payment process signs them once the order is paid (ADR 13).
     */
    private OrderPlaced event(OrderBatch.Accepted accepted, EventStore.Sequences sequences, Instant now) {
        PendingOrder command = accepted.command();
        PricedOrder order = accepted.order();
        boolean gated = payments.required();
        return sequences.next((eventId, sequence) -> new OrderPlaced(
                eventId,
                sequence,
                now,
                command.orderId(),
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                gated ? List.of() : licences.issue(order.lines(), now),
                command.accessToken(),
                gated ? command.order().paymentMethod() : null));
    }

    private void startPayments(Connection connection, List<Placed> placed, Instant now) throws SQLException {
        if (!payments.required()) {
            return;
        }
        List<PaymentIntake.Started> started = new ArrayList<>(placed.size());
        for (Placed p : placed) {
            PlaceOrder order = p.accepted().command().order();
            started.add(new PaymentIntake.Started(
                    p.event().orderId(),
                    order.paymentMethod(),
                    order.company(),
                    order.billingAddress(),
                    p.accepted().keysBeforePayment()));
        }
        payments.start(connection, started, now);
    }

    private static Catalog lockHorizonAndReadCatalog(Connection connection) throws SQLException {
        // one round trip, two statements in order: writers hold the horizon lock shared until commit (see README)
        try (Statement statement = connection.createStatement()) {
            statement.execute(EventStore.LOCK_HORIZON + ";" + "SELECT " + Products.COLUMNS + " FROM commands.products");
            if (!statement.getMoreResults()) {
                throw new IllegalStateException("no catalog result");
            }
            try (ResultSet rows = statement.getResultSet()) {
                return Catalog.of(Products.read(rows));
            }
        }
    }

    /**
     * Inserts the keys not yet stored (a key a concurrent transaction holds makes this wait until that one
     * ends), reads every key of the batch as it now stands, and allocates {@code count} sequences: one round trip.
     */
    private static Claimed claimKeysAndAllocate(
            Connection connection, SortedMap<String, PendingOrder> claims, int count, Instant now) throws SQLException {
        if (claims.isEmpty()) {
            try (PreparedStatement next = connection.prepareStatement(EventStore.ALLOCATE)) {
                next.setInt(1, count);
                return new Claimed(Map.of(), EventStore.Sequences.read(next.executeQuery(), count));
            }
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO commands.idempotency_keys (key, request_hash, order_id, response_status, response_body, created_at)
                SELECT k, h, o, 202, CAST(b AS jsonb), ? FROM unnest(?::text[], ?::text[], ?::uuid[], ?::text[]) AS t(k, h, o, b)
                ON CONFLICT (key) DO NOTHING;
                SELECT k.key, k.request_hash, k.order_id, e.payload->>'accessToken' FROM commands.idempotency_keys k
                LEFT JOIN commands.orders o ON o.id = k.order_id LEFT JOIN commands.events e ON e.sequence = o.placed_sequence
                WHERE k.key = ANY(?);
                """ + EventStore.ALLOCATE)) {
            statement.setTimestamp(1, Timestamp.from(now));
            int next = UnnestColumns.of(connection, claims.values())
                    .text(PendingOrder::idempotencyKey)
                    .text(PendingOrder::fingerprint)
                    .uuid(PendingOrder::orderId)
                    .text(command ->
                            OrderAccepted.accepted(command.orderId(), null).toJson())
                    .bindTo(statement, 2);
            next = UnnestColumns.of(connection, claims.keySet())
                    .text(key -> key)
                    .bindTo(statement, next);
            statement.setInt(next, count);
            statement.execute();
            statement.getMoreResults();
            Map<String, OrderBatch.StoredKey> keys = new HashMap<>();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    keys.put(
                            rows.getString(1),
                            new OrderBatch.StoredKey(
                                    rows.getString(2), rows.getObject(3, UUID.class), rows.getString(4)));
                }
            }
            statement.getMoreResults();
            return new Claimed(keys, EventStore.Sequences.read(statement.getResultSet(), count));
        }
    }

    /** The events through the event store, with the orders and their lines in the same statement. */
    private void insert(Connection connection, List<Placed> placed, Instant now) throws SQLException {
        List<EventStore.Entry> entries = new ArrayList<>(placed.size());
        List<Line> lines = new ArrayList<>();
        for (Placed p : placed) {
            PendingOrder command = p.accepted().command();
            entries.add(new EventStore.Entry(
                    p.event(), command.orderId().toString(), command.correlationId(), command.trace()));
            int no = 0;
            for (OrderLine line : p.accepted().order().lines()) {
                lines.add(new Line(command.orderId(), ++no, line));
            }
        }
        events.insert(connection, entries, new EventStore.Alongside(ORDERS_AND_LINES, (statement, first) -> {
            statement.setTimestamp(first, Timestamp.from(now));
            int next = UnnestColumns.of(connection, placed)
                    .uuid(p -> p.event().orderId())
                    .text(p -> p.accepted().order().customerEmail())
                    .text(p -> p.accepted().order().currency())
                    .bigint(p -> p.accepted().order().totalCents())
                    .bigint(p -> p.event().sequence())
                    .bindTo(statement, first + 1);
            return UnnestColumns.of(connection, lines)
                    .uuid(Line::orderId)
                    .integer(Line::lineNo)
                    .text(l -> l.line().sku())
                    .text(l -> l.line().name())
                    .integer(l -> l.line().quantity())
                    .bigint(l -> l.line().unitPriceCents())
                    .bigint(l -> l.line().lineTotalCents())
                    .bindTo(statement, next);
        }));
    }
}
