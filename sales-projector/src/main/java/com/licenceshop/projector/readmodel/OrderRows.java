package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.OrderChange;
import com.licenceshop.projector.projection.OrderFigures;
import com.licenceshop.projector.projection.OrderState;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
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
        // one entry per order: its figures (the placement's if seen: only it carries the issued seats) and the
        // union of what this batch saw of it
        Map<UUID, OrderFigures> figures = new HashMap<>();
        Map<UUID, OrderState> seen = new HashMap<>();
        for (SalesChange change : applied) {
            if (change instanceof OrderChange order) {
                if (order.kind() == OrderChange.Kind.PLACED) {
                    figures.put(order.order().orderId(), order.order());
                } else {
                    figures.putIfAbsent(order.order().orderId(), order.order());
                }
                seen.merge(order.order().orderId(), OrderState.UNSEEN.with(order.kind()), OrderState::union);
            }
        }
        if (figures.isEmpty()) {
            return;
        }
        Set<UUID> inserted;
        Map<UUID, OrderState> before;
        if (copy) {
            // in sequence order an order's placement comes first, so only orders this chunk saw cancelled but
            // not placed can exist already
            before = lockedStates(
                    connection,
                    tables,
                    figures.keySet().stream()
                            .filter(id -> !seen.get(id).placed())
                            .toList());
            inserted = new HashSet<>(figures.keySet());
            inserted.removeAll(before.keySet());
            copyOrders(connection, tables, inserted, figures, seen, now);
        } else {
            inserted = insertNewOrders(connection, tables, figures, seen, now);
            before = lockedStates(
                    connection,
                    tables,
                    figures.keySet().stream()
                            .filter(id -> !inserted.contains(id))
                            .toList());
        }
        for (UUID id : inserted) {
            OrderFigures order = figures.get(id);
            long period = periods.periodOf(order.placedSequence());
            delta.add(order, period, seen.get(id).weight());
            delta.issue(order, period, seen.get(id).issuedWeight());
        }
        Map<UUID, OrderState> changed = new TreeMap<>();
        before.forEach((id, was) -> {
            OrderState after = was.union(seen.get(id));
            if (!after.equals(was)) {
                OrderFigures order = figures.get(id);
                long period = periods.periodOf(order.placedSequence());
                delta.add(order, period, after.weight() - was.weight());
                delta.issue(order, period, after.issuedWeight() - was.issuedWeight());
                changed.put(id, after);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        // a row a cancellation created gets the placement's lines when the placement comes: they carry the issued
        // seats, which a later period close must move (null: keep the lines)
        String[] lines = changed.keySet().stream()
                .map(id -> !before.get(id).placed() && seen.get(id).placed()
                        ? StoredLine.text(figures.get(id).lines())
                        : null)
                .toArray(String[]::new);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.orders()
                + " o SET placed = u.placed, cancelled = u.cancelled, lines = COALESCE(u.lines, o.lines), counted_at = ?::timestamptz "
                + "FROM unnest(?::uuid[], ?::boolean[], ?::boolean[], ?::text[]) AS u(order_id, placed, cancelled, lines) "
                + "WHERE o.order_id = u.order_id")) {
            update.setObject(1, now);
            update.setArray(2, connection.createArrayOf("uuid", changed.keySet().toArray(UUID[]::new)));
            update.setArray(
                    3,
                    connection.createArrayOf(
                            "boolean",
                            changed.values().stream().map(OrderState::placed).toArray(Boolean[]::new)));
            update.setArray(
                    4,
                    connection.createArrayOf(
                            "boolean",
                            changed.values().stream().map(OrderState::cancelled).toArray(Boolean[]::new)));
            update.setArray(5, connection.createArrayOf("text", lines));
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
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getObject(1, UUID.class), new OrderState(rows.getBoolean(2), rows.getBoolean(3)));
                }
            }
        }
        return states;
    }

    private static void copyOrders(
            Connection connection,
            ModelTables tables,
            Set<UUID> ids,
            Map<UUID, OrderFigures> figures,
            Map<UUID, OrderState> seen,
            OffsetDateTime now)
            throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        String nowText = now.toString();
        for (UUID id : ids) {
            OrderFigures order = figures.get(id);
            OrderState state = seen.get(id);
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
            Connection connection,
            ModelTables tables,
            Map<UUID, OrderFigures> figures,
            Map<UUID, OrderState> seen,
            OffsetDateTime now)
            throws SQLException {
        int n = figures.size();
        // sorted, so concurrent batches insert (and lock) in the same order
        List<OrderFigures> sorted = figures.values().stream()
                .sorted(Comparator.comparing(OrderFigures::orderId))
                .toList();
        UUID[] ids = new UUID[n];
        Long[] sequences = new Long[n];
        String[] placedAt = new String[n];
        String[] currencies = new String[n];
        Long[] licences = new Long[n];
        Long[] totals = new Long[n];
        String[] lines = new String[n];
        Boolean[] placed = new Boolean[n];
        Boolean[] cancelled = new Boolean[n];
        int i = 0;
        for (OrderFigures order : sorted) {
            OrderState state = seen.get(order.orderId());
            ids[i] = order.orderId();
            sequences[i] = order.placedSequence();
            placedAt[i] = order.placedAt().toString();
            currencies[i] = order.currency();
            licences[i] = order.licences();
            totals[i] = order.totalCents();
            lines[i] = StoredLine.text(order.lines());
            placed[i] = state.placed();
            cancelled[i] = state.cancelled();
            i++;
        }
        Set<UUID> inserted = new HashSet<>();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.orders()
                + " (order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled, counted_at) "
                + "SELECT u.order_id, u.placed_sequence, u.placed_at::timestamptz, u.currency, u.licences, u.total_cents, "
                + "u.lines, u.placed, u.cancelled, ?::timestamptz "
                + "FROM unnest(?::uuid[], ?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::text[], ?::boolean[], ?::boolean[]) "
                + "AS u(order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled) "
                + "ON CONFLICT (order_id) DO NOTHING RETURNING order_id")) {
            insert.setObject(1, now);
            insert.setArray(2, connection.createArrayOf("uuid", ids));
            insert.setArray(3, connection.createArrayOf("bigint", sequences));
            insert.setArray(4, connection.createArrayOf("text", placedAt));
            insert.setArray(5, connection.createArrayOf("text", currencies));
            insert.setArray(6, connection.createArrayOf("bigint", licences));
            insert.setArray(7, connection.createArrayOf("bigint", totals));
            insert.setArray(8, connection.createArrayOf("text", lines));
            insert.setArray(9, connection.createArrayOf("boolean", placed));
            insert.setArray(10, connection.createArrayOf("boolean", cancelled));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getObject(1, UUID.class));
                }
            }
        }
        return inserted;
    }
}
