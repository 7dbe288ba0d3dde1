package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.UnnestColumns;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The outbox side of the event store: {@code commands.outbox} lists the events not yet published (a trigger fills it
 * as events are inserted), and a row leaves it once the broker confirmed its event.
 */
@Singleton
class OutboxStore {

    private static final int MAX_ERROR_LENGTH = 1000;

    List<OutboxRow> unpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT e.sequence, e.event_id, e.type, e.schema_version, e.occurred_at, e.correlation_id, e.payload::text,
                       e.traceparent, e.tracestate
                FROM commands.outbox o JOIN commands.events e ON e.sequence = o.sequence
                ORDER BY o.sequence LIMIT ?""")) {
            query.setInt(1, limit);
            return rows(query);
        }
    }

    /** Events with {@code after < sequence <= upTo}, published or not, in sequence order, at most {@code limit}. */
    List<OutboxRow> range(Connection connection, long after, long upTo, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sequence, event_id, type, schema_version, occurred_at, correlation_id, payload::text, traceparent, tracestate
                FROM commands.events WHERE sequence > ? AND sequence <= ? ORDER BY sequence LIMIT ?""")) {
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, limit);
            return rows(query);
        }
    }

    long head(Connection connection) throws SQLException {
        try (PreparedStatement query =
                        connection.prepareStatement("SELECT coalesce(max(sequence), 0) FROM commands.events");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<OutboxRow> rows(PreparedStatement query) throws SQLException {
        try (ResultSet rows = query.executeQuery()) {
            List<OutboxRow> result = new ArrayList<>();
            while (rows.next()) {
                result.add(new OutboxRow(
                        rows.getLong(1),
                        rows.getObject(2, UUID.class),
                        rows.getString(3),
                        rows.getInt(4),
                        rows.getTimestamp(5).toInstant(),
                        rows.getString(6),
                        rows.getBytes(7),
                        rows.getString(8),
                        rows.getString(9)));
            }
            return result;
        }
    }

    void markPublished(Connection connection, List<OutboxRow> rows) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM commands.outbox WHERE sequence = ANY(?)")) {
            sequences(connection, rows).bindTo(delete, 1);
            delete.executeUpdate();
        }
    }

    void recordFailure(Connection connection, List<OutboxRow> rows, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.outbox SET attempts = attempts + 1, last_error = ?
                WHERE sequence = ANY(?)""")) {
            update.setString(1, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
            sequences(connection, rows).bindTo(update, 2);
            update.executeUpdate();
        }
    }

    OutboxStatus status(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM commands.outbox),
                       (SELECT coalesce(max(sequence), 0) FROM commands.events),
                       (SELECT coalesce(max(sequence), 0) FROM (SELECT e.sequence FROM commands.events e
                            WHERE NOT EXISTS (SELECT 1 FROM commands.outbox o WHERE o.sequence = e.sequence)
                            ORDER BY e.sequence DESC LIMIT 1) p),
                       (SELECT min(e.occurred_at) FROM commands.outbox o JOIN commands.events e ON e.sequence = o.sequence),
                       (SELECT last_error FROM commands.outbox WHERE last_error IS NOT NULL ORDER BY sequence LIMIT 1)""");
                ResultSet row = query.executeQuery()) {
            row.next();
            Timestamp oldest = row.getTimestamp(4);
            return new OutboxStatus(
                    row.getLong(1),
                    row.getLong(2),
                    row.getLong(3),
                    oldest == null ? null : oldest.toInstant(),
                    row.getString(5));
        }
    }

    long pending(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM commands.outbox");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static UnnestColumns<OutboxRow> sequences(Connection connection, List<OutboxRow> rows) throws SQLException {
        return UnnestColumns.of(connection, rows).bigint(OutboxRow::sequence);
    }
}
