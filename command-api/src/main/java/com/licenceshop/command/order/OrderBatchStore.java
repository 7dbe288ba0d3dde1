package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Product;
import com.licenceshop.command.catalog.Products;
import com.licenceshop.command.licence.LicenceIssuer;
import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.payment.PaymentIntake;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Array;
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
import java.util.TreeMap;
import java.util.UUID;

/**
 * Stores a batch of place-order commands inside the caller's transaction, in four round trips however big the
 * batch: (1) the feed-horizon lock and the catalog, (2) the Idempotency-Keys, their stored answers and the
 * sequences, (3) events, orders and lines as one statement of array parameters with the NOTIFY, (4) the
 * caller's commit.
 */
@Singleton
class OrderBatchStore {

    /** What became of one command; exactly one of outcome / rejected is set. */
    record Stored(
            PendingOrder command,
            @Nullable PlacingOrders.Outcome outcome,
            @Nullable ProblemException rejected,
            @Nullable OrderPlaced placed) {}

    private record StoredKey(
            String fingerprint, UUID orderId, @Nullable String accessToken) {}

    private static final EventType PLACED = EventType.ORDER_PLACED;

    private final EventCodec codec;
    private final LicenceIssuer licences;
    private final PaymentIntake payments;
    private volatile Catalog latest;

    OrderBatchStore(EventCodec codec, LicenceIssuer licences, PaymentIntake payments) {
        this.codec = codec;
        this.licences = licences;
        this.payments = payments;
    }

    List<Stored> write(Connection connection, List<PendingOrder> commands, Instant now) throws SQLException {
        Catalog catalog = lockHorizonAndReadCatalog(connection);
        latest = catalog;
        int n = commands.size();
        PricedOrder[] priced = new PricedOrder[n];
        ProblemException[] rejected = new ProblemException[n];
        // keys in sorted order, so two writers claiming overlapping keys lock them in the same order
        Map<String, PendingOrder> claims = new TreeMap<>();
        int pricedCount = 0;
        for (int i = 0; i < n; i++) {
            PendingOrder command = commands.get(i);
            try {
                priced[i] = Pricing.price(command.order(), catalog);
                pricedCount++;
            } catch (Pricing.NotOnSaleException e) {
                // validated against an older catalog; the licence was retired since
                rejected[i] = Problems.exception(
                        ProblemType.LICENCE_NOT_ON_SALE,
                        "The order names a licence that is no longer sold (" + e.getMessage()
                                + "); nothing was stored.");
                continue;
            } catch (IllegalArgumentException e) {
                // validated against an older catalog; the one in this transaction no longer sells a SKU
                rejected[i] =
                        Problems.exception(ProblemType.INVALID_ORDER, "The order cannot be priced: " + e.getMessage());
                continue;
            }
            if (command.idempotencyKey() != null) {
                claims.putIfAbsent(command.idempotencyKey(), command);
            }
        }
        Map<String, StoredKey> keys = new HashMap<>();
        long[] sequences = claimKeysAndAllocate(connection, claims, pricedCount, now, keys);

        List<Stored> result = new ArrayList<>(n);
        List<OrderPlaced> events = new ArrayList<>();
        List<PricedOrder> orders = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < n; i++) {
            PendingOrder command = commands.get(i);
            if (rejected[i] != null) {
                result.add(new Stored(command, null, rejected[i], null));
                continue;
            }
            if (command.idempotencyKey() != null) {
                StoredKey key = keys.get(command.idempotencyKey());
                if (key == null) {
                    throw new IllegalStateException("idempotency key vanished: " + command.idempotencyKey());
                }
                PlacingOrders.Outcome answer = KeyResolution.resolve(
                        command,
                        key.fingerprint(),
                        key.orderId(),
                        key.accessToken() != null ? key.accessToken() : tokenPlacedInThisBatch(claims, key.orderId()));
                if (answer != null) {
                    result.add(new Stored(command, answer, null, null));
                    continue;
                }
            }
            PricedOrder order = priced[i];
            // signed here, after the key check: a replayed request gets the stored order, never new keys; while payment
            // is required none at all: the payment process signs them once the order is paid (ADR 13)
            boolean gated = payments.required();
            OrderPlaced placed = new OrderPlaced(
                    UUID.randomUUID(),
                    sequences[next++],
                    now,
                    command.orderId(),
                    order.customerEmail(),
                    order.currency(),
                    order.lines(),
                    order.totalCents(),
                    gated ? List.of() : licences.issue(order.lines(), now),
                    command.accessToken(),
                    gated ? command.order().paymentMethod() : null);
            events.add(placed);
            orders.add(order);
            result.add(new Stored(
                    command,
                    new PlacingOrders.Accepted(command.orderId(), false, command.accessToken()),
                    null,
                    placed));
        }
        if (!events.isEmpty()) {
            insert(connection, result, orders, now);
            if (payments.required()) {
                List<PaymentIntake.Started> started = new ArrayList<>();
                for (Stored s : result) {
                    if (s.placed() != null) {
                        PlaceOrder o = s.command().order();
                        started.add(new PaymentIntake.Started(
                                s.placed().orderId(),
                                o.paymentMethod(),
                                o.company(),
                                o.billingAddress(),
                                keysBeforePayment(o.paymentMethod(), s.placed(), catalog)));
                    }
                }
                payments.start(connection, started, now);
            }
        }
        return result;
    }

    /**
     * Whether the order gets its keys with its invoice (ADR 13): only an invoice order, and only when every licence
     * in it allows that in the catalog this batch read; a card order always waits for its payment.
     */
    private static boolean keysBeforePayment(String method, OrderPlaced placed, Catalog catalog) {
        return "INVOICE".equals(method)
                && placed.lines().stream()
                        .allMatch(line -> catalog.find(line.sku())
                                .map(Product::keysBeforePayment)
                                .orElse(false));
    }

    /** A repeat of a key first used in this batch: the token of the command that places the order. */
    @Nullable
    private static String tokenPlacedInThisBatch(Map<String, PendingOrder> claims, UUID orderId) {
        return claims.values().stream()
                .filter(c -> c.orderId().equals(orderId))
                .map(PendingOrder::accessToken)
                .findFirst()
                .orElse(null);
    }

    /** The catalog the latest batch read, or null before the first batch. */
    @Nullable
    Catalog latest() {
        return latest;
    }

    private static Catalog lockHorizonAndReadCatalog(Connection connection) throws SQLException {
        // one round trip, two statements in order: writers hold the horizon lock shared until commit (see README)
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock_shared(" + EventStore.HORIZON_LOCK + ");" + "SELECT "
                    + Products.COLUMNS + " FROM commands.products");
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
    private static long[] claimKeysAndAllocate(
            Connection connection,
            Map<String, PendingOrder> claims,
            int count,
            Instant now,
            Map<String, StoredKey> keys)
            throws SQLException {
        String sequencesSql = "SELECT nextval('commands.event_sequence') FROM generate_series(1, ?)";
        if (claims.isEmpty()) {
            try (PreparedStatement next = connection.prepareStatement(sequencesSql)) {
                next.setInt(1, count);
                return sequences(next.executeQuery(), count);
            }
        }
        int k = claims.size();
        String[] key = new String[k];
        String[] fingerprint = new String[k];
        String[] orderId = new String[k];
        String[] body = new String[k];
        int i = 0;
        for (PendingOrder command : claims.values()) {
            key[i] = command.idempotencyKey();
            fingerprint[i] = command.fingerprint();
            orderId[i] = command.orderId().toString();
            body[i] = OrderAccepted.accepted(command.orderId(), null).toJson();
            i++;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO commands.idempotency_keys (key, request_hash, order_id, response_status, response_body, created_at)
                SELECT k, h, CAST(o AS uuid), 202, CAST(b AS jsonb), ? FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS t(k, h, o, b)
                ON CONFLICT (key) DO NOTHING;
                SELECT k.key, k.request_hash, k.order_id, e.payload->>'accessToken' FROM commands.idempotency_keys k
                LEFT JOIN commands.orders o ON o.id = k.order_id LEFT JOIN commands.events e ON e.sequence = o.placed_sequence
                WHERE k.key = ANY(?);
                """ + sequencesSql)) {
            Array keyArray = connection.createArrayOf("text", key);
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setArray(2, keyArray);
            statement.setArray(3, connection.createArrayOf("text", fingerprint));
            statement.setArray(4, connection.createArrayOf("text", orderId));
            statement.setArray(5, connection.createArrayOf("text", body));
            statement.setArray(6, keyArray);
            statement.setInt(7, count);
            statement.execute();
            statement.getMoreResults();
            try (ResultSet rows = statement.getResultSet()) {
                while (rows.next()) {
                    keys.put(
                            rows.getString(1),
                            new StoredKey(rows.getString(2), rows.getObject(3, UUID.class), rows.getString(4)));
                }
            }
            statement.getMoreResults();
            return sequences(statement.getResultSet(), count);
        }
    }

    private static long[] sequences(ResultSet rows, int count) throws SQLException {
        try (rows) {
            long[] sequences = new long[count];
            for (int i = 0; i < count; i++) {
                rows.next();
                sequences[i] = rows.getLong(1);
            }
            return sequences;
        }
    }

    private void insert(Connection connection, List<Stored> stored, List<PricedOrder> orders, Instant now)
            throws SQLException {
        int e = orders.size();
        Long[] sequence = new Long[e];
        String[] eventId = new String[e];
        String[] orderId = new String[e];
        String[] correlationId = new String[e];
        String[] traceparent = new String[e];
        String[] tracestate = new String[e];
        String[] payload = new String[e];
        String[] email = new String[e];
        String[] currency = new String[e];
        Long[] total = new Long[e];
        List<String> lineOrder = new ArrayList<>();
        List<Integer> lineNo = new ArrayList<>();
        List<String> sku = new ArrayList<>();
        List<String> name = new ArrayList<>();
        List<Integer> quantity = new ArrayList<>();
        List<Long> unitPrice = new ArrayList<>();
        List<Long> lineTotal = new ArrayList<>();
        int i = 0;
        // one version for the batch's events: the switch shop.payment.required makes all of them v2 or all v3
        int version = 1;
        for (Stored s : stored) {
            if (s.placed() == null) {
                continue;
            }
            OrderPlaced placed = s.placed();
            version = Math.max(version, PLACED.versionOf(placed));
            PricedOrder order = orders.get(i);
            sequence[i] = placed.sequence();
            eventId[i] = placed.eventId().toString();
            orderId[i] = placed.orderId().toString();
            correlationId[i] = s.command().correlationId();
            traceparent[i] = s.command().trace().traceparent();
            tracestate[i] = s.command().trace().tracestate();
            payload[i] = codec.encodeToString(placed);
            email[i] = order.customerEmail();
            currency[i] = order.currency();
            total[i] = order.totalCents();
            int no = 0;
            for (OrderLine line : order.lines()) {
                lineOrder.add(orderId[i]);
                lineNo.add(++no);
                sku.add(line.sku());
                name.add(line.name());
                quantity.add(line.quantity());
                unitPrice.add(line.unitPriceCents());
                lineTotal.add(line.lineTotalCents());
            }
            i++;
        }
        Array sequences = connection.createArrayOf("int8", sequence);
        Array orderIds = connection.createArrayOf("text", orderId);
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH e AS (
                  INSERT INTO commands.events (sequence, event_id, type, schema_version, aggregate_id, occurred_at, correlation_id, payload,
                                               traceparent, tracestate)
                  SELECT s, CAST(id AS uuid), ?, ?, a, ?, c, CAST(p AS jsonb), tp, ts
                  FROM unnest(?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) AS t(s, id, a, c, p, tp, ts)
                ), o AS (
                  INSERT INTO commands.orders (id, customer_email, currency, total_cents, status, placed_at, placed_sequence)
                  SELECT CAST(id AS uuid), m, cur, tot, 'PLACED', ?, s
                  FROM unnest(?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[]) AS t(id, m, cur, tot, s)
                ), l AS (
                  INSERT INTO commands.order_lines (order_id, line_no, sku, name, quantity, unit_price_cents, line_total_cents)
                  SELECT CAST(id AS uuid), n, sku, nm, q, up, lt
                  FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::int[], ?::bigint[], ?::bigint[]) AS t(id, n, sku, nm, q, up, lt)
                )
                SELECT pg_notify(?, '')""")) {
            Timestamp at = Timestamp.from(now);
            int p = 0;
            statement.setString(++p, PLACED.typeName());
            statement.setInt(++p, version);
            statement.setTimestamp(++p, at);
            statement.setArray(++p, sequences);
            statement.setArray(++p, connection.createArrayOf("text", eventId));
            statement.setArray(++p, orderIds);
            statement.setArray(++p, connection.createArrayOf("text", correlationId));
            statement.setArray(++p, connection.createArrayOf("text", payload));
            statement.setArray(++p, connection.createArrayOf("text", traceparent));
            statement.setArray(++p, connection.createArrayOf("text", tracestate));
            statement.setTimestamp(++p, at);
            statement.setArray(++p, orderIds);
            statement.setArray(++p, connection.createArrayOf("text", email));
            statement.setArray(++p, connection.createArrayOf("text", currency));
            statement.setArray(++p, connection.createArrayOf("int8", total));
            statement.setArray(++p, sequences);
            statement.setArray(++p, connection.createArrayOf("text", lineOrder.toArray(String[]::new)));
            statement.setArray(++p, connection.createArrayOf("int4", lineNo.toArray(Integer[]::new)));
            statement.setArray(++p, connection.createArrayOf("text", sku.toArray(String[]::new)));
            statement.setArray(++p, connection.createArrayOf("text", name.toArray(String[]::new)));
            statement.setArray(++p, connection.createArrayOf("int4", quantity.toArray(Integer[]::new)));
            statement.setArray(++p, connection.createArrayOf("int8", unitPrice.toArray(Long[]::new)));
            statement.setArray(++p, connection.createArrayOf("int8", lineTotal.toArray(Long[]::new)));
            statement.setString(++p, Topology.outboxChannel());
            statement.executeQuery().close();
        }
    }
}
