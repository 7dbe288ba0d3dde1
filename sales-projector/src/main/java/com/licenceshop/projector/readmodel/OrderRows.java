package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.OrderFigures;
import com.licenceshop.projector.projection.OrderState;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import com.licenceshop.projector.projection.SeenOrders;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code orders} rows of a batch: one row per order with the union of the events seen of it (a flag each),
 * inserted or updated under its row lock; the change of its {@code placed - cancelled} goes into the delta, and its
 * issued seats once its placement is seen.
 */
final class OrderRows {

    private OrderRows() {}

    /** {@code copy}: a rebuild's first pass, where new orders are loaded with COPY (see {@link SalesModelWriter.Mode#BULK}). */
    static void apply(
            Connection connection,
            ModelTables tables,
            List<SalesChange> applied,
            SalesDelta delta,
            Periods periods,
            OffsetDateTime now,
            boolean copy)
            throws SQLException {
        SeenOrders orders = SeenOrders.of(applied);
        if (orders.isEmpty()) {
            return;
        }
        Set<UUID> inserted;
        Map<UUID, OrderState> before;
        if (copy) {
            before = lockedStates(connection, tables, orders.notSeenPlaced());
            inserted = new HashSet<>(orders.ids());
            inserted.removeAll(before.keySet());
            copyOrders(connection, tables, inserted, orders, now);
        } else {
            inserted = insertNewOrders(connection, tables, orders, now);
            before = lockedStates(
                    connection,
                    tables,
                    orders.ids().stream().filter(id -> !inserted.contains(id)).toList());
        }
        orders.countNew(inserted, periods, delta);
        update(connection, tables, orders.updatesOf(before, periods, delta), now);
    }

    private static void update(
            Connection connection, ModelTables tables, List<SeenOrders.Update> updates, OffsetDateTime now)
            throws SQLException {
        if (updates.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.orders()
                + " o SET placed = u.placed, cancelled = u.cancelled, lines = COALESCE(u.lines, o.lines), counted_at = ?::timestamptz "
                + "FROM unnest(?::uuid[], ?::boolean[], ?::boolean[], ?::text[]) AS u(order_id, placed, cancelled, lines) "
                + "WHERE o.order_id = u.order_id")) {
            update.setObject(1, now);
            UnnestColumns.of(connection, updates)
                    .uuid(SeenOrders.Update::orderId)
                    .bool(u -> u.state().placed())
                    .bool(u -> u.state().cancelled())
                    .text(u -> u.placementLines() == null ? null : StoredLine.text(u.placementLines()))
                    .bindTo(update, 2);
            update.executeUpdate();
        }
    }

    /** The states of the orders that exist among {@code ids}, row-locked until the transaction ends. */
    private static Map<UUID, OrderState> lockedStates(Connection connection, ModelTables tables, List<UUID> ids)
            throws SQLException {
        Map<UUID, OrderState> states = new TreeMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, placed, cancelled FROM "
                + tables.orders() + " WHERE order_id = ANY(?::uuid[]) ORDER BY order_id FOR UPDATE")) {
            UnnestColumns.of(connection, ids).uuid(id -> id).bindTo(select);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getObject(1, UUID.class), new OrderState(rows.getBoolean(2), rows.getBoolean(3)));
                }
            }
        }
        return states;
    }

    private static void copyOrders(
            Connection connection, ModelTables tables, Set<UUID> ids, SeenOrders orders, OffsetDateTime now)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        String nowText = now.toString();
        for (UUID id : ids) {
            OrderFigures order = orders.figures(id);
            OrderState state = orders.seen(id);
            rows.field(id)
                    .field(order.placedSequence())
                    .field(order.placedAt())
                    .field(order.currency())
                    .field(order.licences())
                    .field(order.totalCents())
                    .field(StoredLine.text(order.lines()))
                    .field(state.placed())
                    .field(state.cancelled())
                    .field(nowText)
                    .endRow();
        }
        rows.copyInto(
                connection,
                tables.orders()
                        + " (order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled, counted_at)");
    }

    /**
     * Inserts orders not in the model yet, already in their final state for this batch, and returns their ids.
     * An order inserted by a concurrent batch makes this statement wait for it and then skip it (it is then
     * handled as existing, under its row lock).
     */
    private static Set<UUID> insertNewOrders(
            Connection connection, ModelTables tables, SeenOrders orders, OffsetDateTime now) throws SQLException {
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.orders()
                + " (order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled, counted_at) "
                + "SELECT u.order_id, u.placed_sequence, u.placed_at::timestamptz, u.currency, u.licences, u.total_cents, "
                + "u.lines, u.placed, u.cancelled, ?::timestamptz "
                + "FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::boolean[], ?::boolean[]) "
                + "AS u(order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled) "
                + "ON CONFLICT (order_id) DO NOTHING RETURNING order_id")) {
            insert.setObject(1, now);
            UnnestColumns.of(connection, orders.byOrderId())
                    .uuid(OrderFigures::orderId)
                    .bigint(OrderFigures::placedSequence)
                    .text(order -> order.placedAt().toString())
                    .text(OrderFigures::currency)
                    .bigint(OrderFigures::licences)
                    .bigint(OrderFigures::totalCents)
                    .text(order -> StoredLine.text(order.lines()))
                    .bool(order -> orders.seen(order.orderId()).placed())
                    .bool(order -> orders.seen(order.orderId()).cancelled())
                    .bindTo(insert, 2);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }
}
