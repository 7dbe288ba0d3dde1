package com.licenceshop.command.order;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The orders and order_lines tables; every method runs in the caller's transaction. */
@Singleton
class OrderStore {

    private final EventCodec codec;

    OrderStore(EventCodec codec) {
        this.codec = codec;
    }

    void insert(Connection connection, UUID orderId, PricedOrder order, Instant placedAt, long placedSequence)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.orders (id, customer_email, currency, total_cents, status, placed_at, placed_sequence)
                VALUES (?, ?, ?, ?, 'PLACED', ?, ?)""")) {
            insert.setObject(1, orderId);
            insert.setString(2, order.customerEmail());
            insert.setString(3, order.currency());
            insert.setLong(4, order.totalCents());
            insert.setTimestamp(5, Timestamp.from(placedAt));
            insert.setLong(6, placedSequence);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.order_lines (order_id, line_no, sku, name, quantity, unit_price_cents, line_total_cents)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
            int lineNo = 0;
            for (OrderLine line : order.lines()) {
                insert.setObject(1, orderId);
                insert.setInt(2, ++lineNo);
                insert.setString(3, line.sku());
                insert.setString(4, line.name());
                insert.setInt(5, line.quantity());
                insert.setLong(6, line.unitPriceCents());
                insert.setLong(7, line.lineTotalCents());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** @param forUpdate lock the row until the transaction ends (serialises concurrent cancels) */
    Optional<StoredOrder> find(Connection connection, UUID orderId, boolean forUpdate) throws SQLException {
        String sql = """
                SELECT id, customer_email, currency, total_cents, status, placed_at, placed_sequence, cancelled_at,
                       (SELECT traceparent FROM commands.events WHERE sequence = placed_sequence)
                FROM commands.orders WHERE id = ?""" + (forUpdate ? " FOR UPDATE" : "");
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp cancelledAt = row.getTimestamp(8);
                long placedSequence = row.getLong(7);
                Optional<OrderPlaced> placed = placedEvent(connection, placedSequence);
                return Optional.of(new StoredOrder(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        row.getLong(4),
                        row.getString(5),
                        row.getTimestamp(6).toInstant(),
                        placedSequence,
                        cancelledAt == null ? null : cancelledAt.toInstant(),
                        lines(connection, orderId),
                        licences(connection, orderId, placed),
                        row.getString(9),
                        placed.map(OrderPlaced::accessToken).orElse(null)));
            }
        }
    }

    void markCancelled(Connection connection, UUID orderId, Instant cancelledAt, long cancelledSequence)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.orders SET status = 'CANCELLED', cancelled_at = ?, cancelled_sequence = ? WHERE id = ?""")) {
            update.setTimestamp(1, Timestamp.from(cancelledAt));
            update.setLong(2, cancelledSequence);
            update.setObject(3, orderId);
            update.executeUpdate();
        }
    }

    /** An order that waited for its payment has its keys in LicencesIssued (ADR 13), the others in OrderPlaced. */
    private List<LicenceKey> licences(Connection connection, UUID orderId, Optional<OrderPlaced> placed)
            throws SQLException {
        if (placed.isEmpty() || !placed.get().awaitsPayment()) {
            return placed.map(OrderPlaced::licences).orElse(List.of());
        }
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT payload FROM commands.events WHERE aggregate_id = ? AND type = 'LicencesIssued'
                ORDER BY sequence LIMIT 1""")) {
            query.setString(1, orderId.toString());
            try (ResultSet row = query.executeQuery()) {
                return row.next()
                                && codec.decode(row.getString(1).getBytes(StandardCharsets.UTF_8))
                                        instanceof LicencesIssued issued
                        ? issued.licences()
                        : List.of();
            }
        }
    }

    /** The keys and the access token are recorded once, in the OrderPlaced event: read back, never made again. */
    private Optional<OrderPlaced> placedEvent(Connection connection, long placedSequence) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT payload FROM commands.events WHERE sequence = ?")) {
            query.setLong(1, placedSequence);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                ShopEvent event = codec.decode(row.getString(1).getBytes(StandardCharsets.UTF_8));
                return event instanceof OrderPlaced placed ? Optional.of(placed) : Optional.empty();
            }
        }
    }

    private static List<OrderLine> lines(Connection connection, UUID orderId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sku, name, quantity, unit_price_cents, line_total_cents
                FROM commands.order_lines WHERE order_id = ? ORDER BY line_no""")) {
            query.setObject(1, orderId);
            try (ResultSet rows = query.executeQuery()) {
                List<OrderLine> lines = new ArrayList<>();
                while (rows.next()) {
                    lines.add(new OrderLine(
                            rows.getString(1), rows.getString(2), rows.getInt(3), rows.getLong(4), rows.getLong(5)));
                }
                return lines;
            }
        }
    }
}
