package com.licenceshop.command.outbox;

import jakarta.inject.Singleton;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The outbox side of the event store: what is unpublished, and stamping rows once the broker confirmed. */
@Singleton
class OutboxStore {

    private static final int MAX_ERROR_LENGTH = 1000;

    List<OutboxRow> unpublished(Connection connection, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT sequence, event_id, type, schema_version, occurred_at, correlation_id, payload::text, traceparent, tracestate
                FROM commands.events WHERE published_at IS NULL ORDER BY sequence LIMIT ?""")) {
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

    void markPublished(Connection connection, List<OutboxRow> rows, Instant publishedAt) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.events SET published_at = ?, attempts = attempts + 1, last_error = NULL
                WHERE sequence = ANY(?)""")) {
            update.setTimestamp(1, Timestamp.from(publishedAt));
            update.setArray(2, sequences(connection, rows));
            update.executeUpdate();
        }
    }

    void recordFailure(Connection connection, List<OutboxRow> rows, String error) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.events SET attempts = attempts + 1, last_error = ?
                WHERE sequence = ANY(?) AND published_at IS NULL""")) {
            update.setString(1, error.length() > MAX_ERROR_LENGTH ? error.substring(0, MAX_ERROR_LENGTH) : error);
            update.setArray(2, sequences(connection, rows));
            update.executeUpdate();
        }
    }

    OutboxStatus status(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT (SELECT count(*) FROM commands.events WHERE published_at IS NULL),
                       (SELECT coalesce(max(sequence), 0) FROM commands.events),
                       (SELECT coalesce(max(sequence), 0) FROM (SELECT sequence FROM commands.events
                            WHERE published_at IS NOT NULL ORDER BY sequence DESC LIMIT 1) p),
                       (SELECT min(occurred_at) FROM commands.events WHERE published_at IS NULL),
                       (SELECT last_error FROM commands.events WHERE published_at IS NULL AND last_error IS NOT NULL
                            ORDER BY sequence LIMIT 1)""");
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
        try (PreparedStatement query =
                        connection.prepareStatement("SELECT count(*) FROM commands.events WHERE published_at IS NULL");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    private static Array sequences(Connection connection, List<OutboxRow> rows) throws SQLException {
        Long[] sequences = rows.stream().map(OutboxRow::sequence).toArray(Long[]::new);
        return connection.createArrayOf("bigint", sequences);
    }
}
