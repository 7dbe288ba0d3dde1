package com.licenceshop.command.outbox;

import com.licenceshop.events.EventCodec;
import com.licenceshop.events.EventType;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.servicedefaults.TraceHeaders;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.UUID;

/**
 * Appends events to the event store, inside the caller's transaction, so the event commits or rolls back
 * with the change it describes. The store is also the outbox: {@link OutboxRelay} publishes what commits.
 */
@Singleton
public class EventStore {

    /**
     * Writers hold this advisory lock shared from allocating a sequence until they commit; the feed takes it
     * exclusively for an instant to learn a horizon below which no sequence can still commit (see README).
     */
    public static final long HORIZON_LOCK = 7_310_597_110_001L;

    private final EventCodec codec;

    EventStore(EventCodec codec) {
        this.codec = codec;
    }

    /** Builds an event from the id and sequence the store allocates. */
    @FunctionalInterface
    public interface EventFactory<E extends ShopEvent> {
        E create(UUID eventId, long sequence);
    }

    /**
     * Allocates the next sequence first, so the stored JSON carries it, then inserts the row and notifies the
     * relay (delivered on commit only).
     */
    public <E extends ShopEvent> E append(
            Connection connection, String aggregateId, String correlationId, EventFactory<E> factory)
            throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_xact_lock_shared(?)")) {
            lock.setLong(1, HORIZON_LOCK);
            lock.execute();
        }
        long sequence;
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('commands.event_sequence')");
                ResultSet row = next.executeQuery()) {
            row.next();
            sequence = row.getLong(1);
        }
        E event = factory.create(UUID.randomUUID(), sequence);
        EventType type = event.eventType();
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.events
                    (sequence, event_id, type, schema_version, aggregate_id, occurred_at, correlation_id, payload,
                     traceparent, tracestate)
                VALUES (?, ?, ?, ?, ?, ?, ?, CAST(? AS jsonb), ?, ?)""")) {
            // the request's span (Micronaut propagates it to the blocking thread), so the event continues its trace
            TraceHeaders.Stored trace = TraceHeaders.store(Context.current());
            insert.setLong(1, sequence);
            insert.setObject(2, event.eventId());
            insert.setString(3, type.typeName());
            insert.setInt(4, type.versionOf(event));
            insert.setString(5, aggregateId);
            insert.setTimestamp(6, Timestamp.from(event.occurredAt()));
            insert.setString(7, correlationId);
            insert.setString(8, codec.encodeToString(event));
            insert.setString(9, trace.traceparent());
            insert.setString(10, trace.tracestate());
            insert.executeUpdate();
        }
        try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
            notify.setString(1, Topology.outboxChannel());
            notify.execute();
        }
        return event;
    }
}
