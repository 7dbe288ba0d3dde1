package com.licenceshop.command.outbox;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.TraceHeaders;
import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The one writer of the event store, inside the caller's transaction, so an event commits or rolls back with the
 * change it describes. The store is also the outbox: {@link OutboxRelay} publishes what commits.
 *
 * <p>An append is three steps: the horizon lock, the sequences, then one statement that inserts the events and
 * notifies the relay. {@link #append} sends them in two round trips; a writer with round trips of its own (the order
 * batch) sends {@link #LOCK_HORIZON} and {@link #ALLOCATE} inside its own and passes its rows to {@link #insert}.
 */
@Singleton
public class EventStore {

    /**
     * Writers hold this advisory lock shared from allocating a sequence until they commit; the feed takes it
     * exclusively for an instant to learn a horizon below which no sequence can still commit (see README).
     */
    public static final long HORIZON_LOCK = 7_310_597_110_001L;

    /** The first statement of every writer; statements of its own may follow in the same round trip. */
    public static final String LOCK_HORIZON = "SELECT pg_advisory_xact_lock_shared(" + HORIZON_LOCK + ")";

    /** Allocates sequences (one parameter: how many); only after {@link #LOCK_HORIZON}. Read by {@link Sequences}. */
    public static final String ALLOCATE = "SELECT nextval('commands.event_sequence') FROM generate_series(1, ?)";

    // one statement whatever the number of events: the V50 trigger fills the outbox once per statement
    private static final String INSERT = """
            WITH e AS (
              INSERT INTO commands.events (sequence, event_id, type, schema_version, aggregate_id, occurred_at, correlation_id, payload,
                                           traceparent, tracestate)
              SELECT s, id, ty, v, a, oa, c, CAST(p AS jsonb), tp, ts
              FROM unnest(?::bigint[], ?::uuid[], ?::text[], ?::integer[], ?::text[], ?::timestamptz[], ?::text[], ?::text[],
                          ?::text[], ?::text[]) AS t(s, id, ty, v, a, oa, c, p, tp, ts)
            )""";

    private final EventCodec codec;

    EventStore(EventCodec codec) {
        this.codec = codec;
    }

    /** Builds an event from the id and sequence the store allocates. */
    @FunctionalInterface
    public interface EventFactory<E extends ShopEvent> {
        E create(UUID eventId, long sequence);
    }

    /** An event built on an allocated sequence, with what its row stores beside the JSON. */
    public record Entry(
            ShopEvent event, String aggregateId, @Nullable String correlationId, TraceHeaders.Stored trace) {}

    /**
     * Writes of the caller that go into the events' statement: its common table expressions ({@code , name AS (…)}
     * each), and the binding of their parameters.
     */
    public record Alongside(String ctes, Binding binding) {

        public static final Alongside NOTHING = new Alongside("", (statement, first) -> first);

        @FunctionalInterface
        public interface Binding {
            /** Binds the parameters of the expressions from {@code first} on; returns the next free index. */
            int bind(PreparedStatement statement, int first) throws SQLException;
        }
    }

    /** The sequences {@link #ALLOCATE} returned, handed out in order to the events of the transaction. */
    public static final class Sequences {

        private final long[] values;
        private int next;

        private Sequences(long[] values) {
            this.values = values;
        }

        public static Sequences read(ResultSet rows, int count) throws SQLException {
            try (rows) {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    rows.next();
                    values[i] = rows.getLong(1);
                }
                return new Sequences(values);
            }
        }

        /** The next event: a new id and the next sequence, so the stored JSON carries both. */
        public <E extends ShopEvent> E next(EventFactory<E> factory) {
            return factory.create(UUID.randomUUID(), values[next++]);
        }
    }

    /** Appends one event: the lock and its sequence in one round trip, the row and the NOTIFY in another. */
    public <E extends ShopEvent> E append(
            Connection connection, String aggregateId, String correlationId, EventFactory<E> factory)
            throws SQLException {
        return appendAll(connection, aggregateId, correlationId, List.of(factory))
                .get(0);
    }

    /** Appends the events of one step in order, in the same two round trips as one event; none: no round trip. */
    public <E extends ShopEvent> List<E> appendAll(
            Connection connection,
            String aggregateId,
            String correlationId,
            List<? extends EventFactory<? extends E>> factories)
            throws SQLException {
        if (factories.isEmpty()) {
            return List.of();
        }
        // the request's span (Micronaut propagates it to the blocking thread), so the events continue its trace
        TraceHeaders.Stored trace = TraceHeaders.store(Context.current());
        Sequences sequences = reserve(connection, factories.size());
        List<E> appended = new ArrayList<>(factories.size());
        List<Entry> entries = new ArrayList<>(factories.size());
        for (EventFactory<? extends E> factory : factories) {
            E event = sequences.next(factory);
            appended.add(event);
            entries.add(new Entry(event, aggregateId, correlationId, trace));
        }
        insert(connection, entries, Alongside.NOTHING);
        return appended;
    }

    /** Takes the horizon lock and allocates {@code count} sequences: one round trip. */
    static Sequences reserve(Connection connection, int count) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(LOCK_HORIZON + ";" + ALLOCATE)) {
            statement.setInt(1, count);
            statement.execute();
            statement.getMoreResults();
            return Sequences.read(statement.getResultSet(), count);
        }
    }

    /**
     * Inserts events built on sequences allocated in this transaction, with {@code alongside} in the same statement,
     * and notifies the relay (delivered on commit only): one round trip.
     */
    public void insert(Connection connection, List<Entry> entries, Alongside alongside) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(INSERT + alongside.ctes() + "\nSELECT pg_notify(?, '')")) {
            int next = UnnestColumns.of(connection, entries)
                    .bigint(entry -> entry.event().sequence())
                    .uuid(entry -> entry.event().eventId())
                    .text(entry -> entry.event().eventType().typeName())
                    .integer(entry -> entry.event().eventType().versionOf(entry.event()))
                    .text(Entry::aggregateId)
                    .timestamptz(entry -> entry.event().occurredAt())
                    .text(Entry::correlationId)
                    .text(entry -> codec.encodeToString(entry.event()))
                    .text(entry -> entry.trace().traceparent())
                    .text(entry -> entry.trace().tracestate())
                    .bindTo(statement, 1);
            next = alongside.binding().bind(statement, next);
            statement.setString(next, Topology.outboxChannel());
            statement.executeQuery().close();
        }
    }
}
