package com.licenceshop.projector.readmodel;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.projection.OrderChange;
import com.licenceshop.projector.projection.OrderFigures;
import com.licenceshop.projector.projection.OrderState;
import com.licenceshop.projector.projection.PeriodClose;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Applies a batch of changes to one copy of the read model, inside the caller's transaction:
 * <ol>
 *   <li>record the event ids in the inbox; keep only those not seen before;</li>
 *   <li>apply period closes first: a close that arrives after orders placed later than it moves them;</li>
 *   <li>upsert one row per order with the union of the events seen (a flag each), read the previous state
 *       of orders that existed, and turn the change of {@code placed - cancelled} into a delta;</li>
 *   <li>record the seats revocations revoke and paid orders' keys issue ({@link LicenceSeats}), once each, in the period of their sequence;</li>
 *   <li>merge the payment events into each order's payment row ({@link Payments}, ADR 13);</li>
 *   <li>add the delta, summed in memory, to the per-period aggregates (a handful of rows per batch);</li>
 *   <li>keep each licence's name of the highest version seen ({@link ProductNames});</li>
 *   <li>advance the position and, live, announce it with NOTIFY (delivered on commit).</li>
 * </ol>
 * Every step is a set-based statement over arrays, so the cost per batch barely depends on its size. The
 * orders are {@link OrderRows}, the aggregates {@link PeriodAggregates}.
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

    private final JsonMapper json;
    private final Clock clock;

    SalesModelWriter(JsonMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    public ApplyResult apply(Connection connection, ModelTables tables, List<? extends SalesChange> changes, Mode mode)
            throws SQLException {
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
        List<SalesChange> applied = unique.values().stream()
                .filter(c -> fresh.contains(c.eventId()))
                .toList();
        int duplicates = changes.size() - applied.size();
        if (applied.isEmpty()) {
            return new ApplyResult(applied, duplicates, -1);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        SalesDelta delta = new SalesDelta();
        Periods periods = closePeriods(connection, tables, applied, delta, loadPeriods(connection, tables));
        OrderRows.apply(connection, tables, applied, delta, periods, now, mode.copyOrders);
        LicenceSeats.apply(connection, tables, applied, delta, periods);
        Payments.apply(connection, tables, applied);
        PeriodAggregates.add(connection, tables, delta);
        ProductNames.apply(connection, tables, applied);
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

    /**
     * Records new periods; moves orders placed (and revocations made) after a close that the model had put in the
     * period before it. Every such order moves, also one placed and cancelled: its issued seats stay counted.
     */
    private Periods closePeriods(
            Connection connection, ModelTables tables, List<SalesChange> applied, SalesDelta delta, Periods periods)
            throws SQLException {
        List<PeriodClose> closes = applied.stream()
                .filter(PeriodClose.class::isInstance)
                .map(PeriodClose.class::cast)
                .sorted(Comparator.comparingLong(PeriodClose::sequence))
                .toList();
        for (PeriodClose close : closes) {
            int inserted;
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + tables.periods()
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
                            + tables.orders() + " WHERE placed_sequence > ? AND placed_sequence < ?")) {
                select.setLong(1, close.sequence());
                select.setLong(2, until);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        OrderFigures order = new OrderFigures(
                                rows.getObject(1, UUID.class),
                                rows.getLong(2),
                                rows.getObject(3, OffsetDateTime.class).toInstant(),
                                rows.getString(4),
                                StoredLine.parse(json, rows.getString(6)),
                                rows.getLong(5));
                        OrderState state = new OrderState(rows.getBoolean(7), rows.getBoolean(8));
                        delta.move(order, state, from, close.sequence());
                    }
                }
            }
            LicenceSeats.moveAfter(connection, tables, close.sequence(), until, from, delta);
            periods = periods.with(close.sequence());
        }
        return periods;
    }

    private static long advancePosition(
            Connection connection, ModelTables tables, List<SalesChange> applied, OffsetDateTime now)
            throws SQLException {
        long maxSequence =
                applied.stream().mapToLong(SalesChange::sequence).max().orElseThrow();
        Instant newest = applied.stream()
                .map(SalesChange::occurredAt)
                .max(Comparator.naturalOrder())
                .orElseThrow();
        String currency = applied.stream()
                .filter(OrderChange.class::isInstance)
                .map(c -> ((OrderChange) c).order().currency())
                .findFirst()
                .orElse(null);
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
}
