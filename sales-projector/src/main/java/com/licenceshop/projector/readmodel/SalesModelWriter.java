package com.licenceshop.projector.readmodel;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.inbox.ProcessedEvents;
import com.licenceshop.projector.projection.LineFigures;
import com.licenceshop.projector.projection.OrderChange;
import com.licenceshop.projector.projection.OrderFigures;
import com.licenceshop.projector.projection.OrderState;
import com.licenceshop.projector.projection.PeriodClose;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Applies a batch of changes to one copy of the read model, inside the caller's transaction:
 * <ol>
 *   <li>record the event ids in the inbox; keep only those not seen before;</li>
 *   <li>apply period closes first: a close that arrives after orders placed later than it moves them;</li>
 *   <li>upsert one row per order with the union of the events seen (a flag each), read the previous state
 *       of orders that existed, and turn the change of {@code placed - cancelled} into a delta;</li>
 *   <li>add the delta, summed in memory, to the per-period aggregates (a handful of rows per batch);</li>
 *   <li>advance the position and, live, announce it with NOTIFY (delivered on commit).</li>
 * </ol>
 * Every step is a set-based statement over arrays, so the cost per batch barely depends on its size.
 */
@Singleton
public final class SalesModelWriter {

    public enum Mode {
        /** Concurrent batches of live instances: takes the model lock, deduplicates, announces the position. */
        LIVE(true, false, false),
        /** A rebuild's private copy, one writer: deduplicates like LIVE, no lock, no announcement. */
        SHADOW(false, false, false),
        /**
         * A rebuild's first pass: one writer, events in sequence order and none applied before, so event ids and
         * placed orders are loaded with COPY instead of upserts. If an order turns out to exist already, the
         * COPY fails (unique key) and the caller applies the chunk again with {@link #BULK_UPSERTING_ORDERS}.
         */
        BULK(false, true, true),
        /** Like BULK, but orders are upserted. */
        BULK_UPSERTING_ORDERS(false, true, false);

        private final boolean live;
        private final boolean copyEventIds;
        private final boolean copyOrders;

        Mode(boolean live, boolean copyEventIds, boolean copyOrders) {
            this.live = live;
            this.copyEventIds = copyEventIds;
            this.copyOrders = copyOrders;
        }
    }

    private static final Argument<List<StoredLine>> STORED_LINES = Argument.listOf(StoredLine.class);

    private final JsonMapper json;
    private final Clock clock;

    SalesModelWriter(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public ApplyResult apply(Connection connection, ModelTables tables, List<? extends SalesChange> changes, Mode mode) throws SQLException {
        Map<UUID, SalesChange> unique = new LinkedHashMap<>();
        changes.forEach(change -> unique.putIfAbsent(change.eventId(), change));
        boolean closesPeriod = unique.values().stream().anyMatch(PeriodClose.class::isInstance);
        if (mode.live) {
            lockModel(connection, closesPeriod);
        }
        Set<UUID> fresh;
        if (mode.copyEventIds) {
            ProcessedEvents.recordAllUnseen(connection, tables, List.copyOf(unique.values()));
            fresh = unique.keySet();
        } else {
            fresh = ProcessedEvents.recordNew(connection, tables, List.copyOf(unique.values()));
        }
        List<SalesChange> applied = unique.values().stream().filter(c -> fresh.contains(c.eventId())).toList();
        int duplicates = changes.size() - applied.size();
        if (applied.isEmpty()) {
            return new ApplyResult(applied, duplicates, -1);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        SalesDelta delta = new SalesDelta();
        Periods periods = closePeriods(connection, tables, applied, delta, loadPeriods(connection, tables));
        applyOrders(connection, tables, applied, delta, periods, now, mode);
        addToAggregates(connection, tables, delta);
        long position = advancePosition(connection, tables, applied, now);
        if (mode.live) {
            announce(connection, position);
        }
        return new ApplyResult(applied, duplicates, position);
    }

    private static void lockModel(Connection connection, boolean exclusive) throws SQLException {
        String sql = exclusive ? "SELECT pg_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock_shared(?)";
        try (PreparedStatement lock = connection.prepareStatement(sql)) {
            lock.setLong(1, ModelLocks.LIVE_MODEL);
            lock.execute();
        }
    }

    private static Periods loadPeriods(Connection connection, ModelTables tables) throws SQLException {
        List<Long> starts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT start_sequence FROM " + tables.periods());
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                starts.add(rows.getLong(1));
            }
        }
        return new Periods(starts);
    }

    /** Records new periods; moves orders placed after a close that the model had put in the period before it. */
    private Periods closePeriods(Connection connection, ModelTables tables, List<SalesChange> applied, SalesDelta delta,
                                 Periods periods) throws SQLException {
        List<PeriodClose> closes = applied.stream().filter(PeriodClose.class::isInstance).map(PeriodClose.class::cast)
                .sorted(Comparator.comparingLong(PeriodClose::sequence)).toList();
        for (PeriodClose close : closes) {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.periods()
                    + " (start_sequence, started_at, close_event_id) VALUES (?, ?::timestamptz, ?) ON CONFLICT (start_sequence) DO NOTHING")) {
                insert.setLong(1, close.sequence());
                insert.setObject(2, close.occurredAt().atOffset(ZoneOffset.UTC));
                insert.setObject(3, close.eventId());
                inserted = insert.executeUpdate();
            }
            if (inserted == 0) {
                continue;
            }
            long from = periods.periodOf(close.sequence());
            long until = periods.nextStartAfter(from).orElse(Long.MAX_VALUE);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT order_id, placed_sequence, placed_at, currency, total_cents, lines, placed, cancelled FROM "
                            + tables.orders() + " WHERE placed_sequence > ? AND placed_sequence < ? AND placed <> cancelled")) {
                select.setLong(1, close.sequence());
                select.setLong(2, until);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        OrderFigures order = new OrderFigures(rows.getObject(1, UUID.class), rows.getLong(2),
                                rows.getObject(3, OffsetDateTime.class).toInstant(), rows.getString(4),
                                readLines(rows.getString(6)), rows.getLong(5));
                        OrderState state = new OrderState(rows.getBoolean(7), rows.getBoolean(8));
                        delta.move(order, state.weight(), from, close.sequence());
                    }
                }
            }
            periods = periods.with(close.sequence());
        }
        return periods;
    }

    private void applyOrders(Connection connection, ModelTables tables, List<SalesChange> applied, SalesDelta delta,
                             Periods periods, OffsetDateTime now, Mode mode) throws SQLException {
        // one entry per order: its figures and the union of what this batch saw of it
        Map<UUID, OrderFigures> figures = new HashMap<>();
        Map<UUID, OrderState> seen = new HashMap<>();
        for (SalesChange change : applied) {
            if (change instanceof OrderChange order) {
                figures.putIfAbsent(order.order().orderId(), order.order());
                seen.merge(order.order().orderId(), OrderState.UNSEEN.with(order.kind()), OrderState::union);
            }
        }
        if (figures.isEmpty()) {
            return;
        }
        Set<UUID> inserted;
        Map<UUID, OrderState> before;
        if (mode.copyOrders) {
            // in sequence order an order's placement comes first, so only orders this chunk saw cancelled but
            // not placed can exist already
            before = lockedStates(connection, tables, figures.keySet().stream().filter(id -> !seen.get(id).placed()).toList());
            inserted = new HashSet<>(figures.keySet());
            inserted.removeAll(before.keySet());
            copyOrders(connection, tables, inserted, figures, seen, now);
        } else {
            inserted = insertNewOrders(connection, tables, figures, seen, now);
            before = lockedStates(connection, tables, figures.keySet().stream().filter(id -> !inserted.contains(id)).toList());
        }
        for (UUID id : inserted) {
            OrderFigures order = figures.get(id);
            delta.add(order, periods.periodOf(order.placedSequence()), seen.get(id).weight());
        }
        Map<UUID, OrderState> changed = new TreeMap<>();
        before.forEach((id, was) -> {
            OrderState after = was.union(seen.get(id));
            if (!after.equals(was)) {
                OrderFigures order = figures.get(id);
                delta.add(order, periods.periodOf(order.placedSequence()), after.weight() - was.weight());
                changed.put(id, after);
            }
        });
        if (changed.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.orders()
                + " o SET placed = u.placed, cancelled = u.cancelled, counted_at = ?::timestamptz "
                + "FROM unnest(?::uuid[], ?::boolean[], ?::boolean[]) AS u(order_id, placed, cancelled) WHERE o.order_id = u.order_id")) {
            update.setObject(1, now);
            update.setArray(2, connection.createArrayOf("uuid", changed.keySet().toArray(UUID[]::new)));
            update.setArray(3, connection.createArrayOf("boolean", changed.values().stream().map(OrderState::placed).toArray(Boolean[]::new)));
            update.setArray(4, connection.createArrayOf("boolean", changed.values().stream().map(OrderState::cancelled).toArray(Boolean[]::new)));
            update.executeUpdate();
        }
    }

    /** The states of the orders that exist among {@code ids}, row-locked until the transaction ends. */
    private static Map<UUID, OrderState> lockedStates(Connection connection, ModelTables tables, List<UUID> ids) throws SQLException {
        Map<UUID, OrderState> states = new TreeMap<>();
        if (ids.isEmpty()) {
            return states;
        }
        try (PreparedStatement select = connection.prepareStatement("SELECT order_id, placed, cancelled FROM " + tables.orders()
                + " WHERE order_id = ANY(?::uuid[]) ORDER BY order_id FOR UPDATE")) {
            select.setArray(1, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    states.put(rows.getObject(1, UUID.class), new OrderState(rows.getBoolean(2), rows.getBoolean(3)));
                }
            }
        }
        return states;
    }

    private void copyOrders(Connection connection, ModelTables tables, Set<UUID> ids, Map<UUID, OrderFigures> figures,
                            Map<UUID, OrderState> seen, OffsetDateTime now) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        String nowText = now.toString();
        for (UUID id : ids) {
            OrderFigures order = figures.get(id);
            OrderState state = seen.get(id);
            rows.field(id).field(order.placedSequence()).field(order.placedAt()).field(order.currency())
                    .field(order.licences()).field(order.totalCents()).field(writeLines(order.lines()))
                    .field(state.placed()).field(state.cancelled()).field(nowText).endRow();
        }
        rows.copyInto(connection, tables.orders()
                + " (order_id, placed_sequence, placed_at, currency, licences, total_cents, lines, placed, cancelled, counted_at)");
    }

    /**
     * Inserts orders not in the model yet, already in their final state for this batch, and returns their ids.
     * An order inserted by a concurrent batch makes this statement wait for it and then skip it (it is then
     * handled as existing, under its row lock).
     */
    private Set<UUID> insertNewOrders(Connection connection, ModelTables tables, Map<UUID, OrderFigures> figures,
                                      Map<UUID, OrderState> seen, OffsetDateTime now) throws SQLException {
        int n = figures.size();
        // sorted, so concurrent batches insert (and lock) in the same order
        List<OrderFigures> sorted = figures.values().stream().sorted(Comparator.comparing(OrderFigures::orderId)).toList();
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
            lines[i] = writeLines(order.lines());
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

    private static void addToAggregates(Connection connection, ModelTables tables, SalesDelta delta) throws SQLException {
        var totals = delta.totals().entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
        if (!totals.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.periodTotals()
                    + " AS t (period_start, orders, licences, revenue_cents) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                    + "ON CONFLICT (period_start) DO UPDATE SET orders = t.orders + EXCLUDED.orders, "
                    + "licences = t.licences + EXCLUDED.licences, revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents")) {
                upsert.setArray(1, connection.createArrayOf("bigint", totals.stream().map(Map.Entry::getKey).toArray(Long[]::new)));
                upsert.setArray(2, connection.createArrayOf("bigint", totals.stream().map(e -> e.getValue().orders()).toArray(Long[]::new)));
                upsert.setArray(3, connection.createArrayOf("bigint", totals.stream().map(e -> e.getValue().licences()).toArray(Long[]::new)));
                upsert.setArray(4, connection.createArrayOf("bigint", totals.stream().map(e -> e.getValue().revenueCents()).toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
        var products = delta.products().entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
        if (!products.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.periodProducts()
                    + " AS p (period_start, sku, name, orders, licences, revenue_cents) "
                    + "SELECT * FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                    + "ON CONFLICT (period_start, sku) DO UPDATE SET name = EXCLUDED.name, orders = p.orders + EXCLUDED.orders, "
                    + "licences = p.licences + EXCLUDED.licences, revenue_cents = p.revenue_cents + EXCLUDED.revenue_cents")) {
                upsert.setArray(1, connection.createArrayOf("bigint", products.stream().map(e -> e.getKey().periodStart()).toArray(Long[]::new)));
                upsert.setArray(2, connection.createArrayOf("text", products.stream().map(e -> e.getKey().sku()).toArray(String[]::new)));
                upsert.setArray(3, connection.createArrayOf("text", products.stream().map(e -> e.getValue().name()).toArray(String[]::new)));
                upsert.setArray(4, connection.createArrayOf("bigint", products.stream().map(e -> e.getValue().orders()).toArray(Long[]::new)));
                upsert.setArray(5, connection.createArrayOf("bigint", products.stream().map(e -> e.getValue().licences()).toArray(Long[]::new)));
                upsert.setArray(6, connection.createArrayOf("bigint", products.stream().map(e -> e.getValue().revenueCents()).toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
        var minutes = delta.minutes().entrySet().stream().filter(e -> !e.getValue().isZero()).toList();
        if (!minutes.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.periodMinutes()
                    + " AS m (period_start, minute, orders, revenue_cents) "
                    + "SELECT u.period_start, u.minute::timestamptz, u.orders, u.revenue_cents "
                    + "FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[]) AS u(period_start, minute, orders, revenue_cents) "
                    + "ON CONFLICT (period_start, minute) DO UPDATE SET orders = m.orders + EXCLUDED.orders, "
                    + "revenue_cents = m.revenue_cents + EXCLUDED.revenue_cents")) {
                upsert.setArray(1, connection.createArrayOf("bigint", minutes.stream().map(e -> e.getKey().periodStart()).toArray(Long[]::new)));
                upsert.setArray(2, connection.createArrayOf("text", minutes.stream().map(e -> e.getKey().minute().toString()).toArray(String[]::new)));
                upsert.setArray(3, connection.createArrayOf("bigint", minutes.stream().map(e -> e.getValue().orders()).toArray(Long[]::new)));
                upsert.setArray(4, connection.createArrayOf("bigint", minutes.stream().map(e -> e.getValue().revenueCents()).toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
    }

    private static long advancePosition(Connection connection, ModelTables tables, List<SalesChange> applied,
                                        OffsetDateTime now) throws SQLException {
        long maxSequence = applied.stream().mapToLong(SalesChange::sequence).max().orElseThrow();
        Instant newest = applied.stream().map(SalesChange::occurredAt).max(Comparator.naturalOrder()).orElseThrow();
        String currency = applied.stream().filter(OrderChange.class::isInstance).map(c -> ((OrderChange) c).order().currency())
                .findFirst().orElse(null);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + tables.position()
                + " SET position = GREATEST(position, ?), last_event_at = GREATEST(last_event_at, ?::timestamptz), "
                + "currency = COALESCE(?, currency), updated_at = ?::timestamptz RETURNING position")) {
            update.setLong(1, maxSequence);
            update.setObject(2, newest.atOffset(ZoneOffset.UTC));
            update.setString(3, currency);
            update.setObject(4, now);
            try (ResultSet rows = update.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Delivered to listeners only when the transaction commits, so the web UI never sees an uncommitted position. */
    public static void announce(Connection connection, long position) throws SQLException {
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            notify.setString(1, Topology.salesPositionChannel());
            notify.setString(2, Long.toString(position));
            notify.execute();
        }
    }

    /** JSON by hand: it runs once per order, also for a million orders in a rebuild. */
    static String writeLines(List<LineFigures> lines) {
        StringBuilder out = new StringBuilder(64 * lines.size());
        out.append('[');
        for (int i = 0; i < lines.size(); i++) {
            LineFigures line = lines.get(i);
            if (i > 0) {
                out.append(',');
            }
            out.append("{\"sku\":");
            jsonString(out, line.sku());
            out.append(",\"name\":");
            jsonString(out, line.name());
            out.append(",\"quantity\":").append(line.quantity()).append(",\"revenueCents\":").append(line.revenueCents()).append('}');
        }
        return out.append(']').toString();
    }

    private static void jsonString(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private List<LineFigures> readLines(String text) {
        try {
            return json.readValue(text, STORED_LINES).stream()
                    .map(l -> new LineFigures(l.sku(), l.name(), l.quantity(), l.revenueCents())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
