package com.licenceshop.command.idempotency;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The Idempotency-Key table. A key is claimed first thing in the command's transaction; the response is
 * stored in the same transaction, so a key exists exactly when its order does.
 */
@Singleton
public class IdempotencyKeys {

    private final TransactionOperations<Connection> transactions;

    IdempotencyKeys(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** A key's stored request fingerprint and the response given to it. */
    public record StoredResponse(String requestHash, UUID orderId, int status, String body) {}

    /**
     * Inserts the key unless it exists. If a concurrent transaction inserted it and has not committed yet,
     * PostgreSQL makes this insert wait for that transaction: a twin request therefore blocks until the first
     * one is done, then finds its response.
     *
     * @return true if this transaction owns the key now
     */
    public boolean claim(Connection connection, String key, String requestHash, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.idempotency_keys (key, request_hash, created_at) VALUES (?, ?, ?)
                ON CONFLICT (key) DO NOTHING""")) {
            insert.setString(1, key);
            insert.setString(2, requestHash);
            insert.setTimestamp(3, Timestamp.from(now));
            return insert.executeUpdate() == 1;
        }
    }

    public Optional<StoredResponse> find(Connection connection, String key) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                SELECT request_hash, order_id, response_status, response_body::text
                FROM commands.idempotency_keys WHERE key = ?""")) {
            query.setString(1, key);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new StoredResponse(
                        row.getString(1), row.getObject(2, UUID.class), row.getInt(3), row.getString(4)));
            }
        }
    }

    public void complete(Connection connection, String key, UUID orderId, int status, String body) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("""
                UPDATE commands.idempotency_keys SET order_id = ?, response_status = ?, response_body = CAST(? AS jsonb)
                WHERE key = ?""")) {
            update.setObject(1, orderId);
            update.setInt(2, status);
            update.setString(3, body);
            update.setString(4, key);
            update.executeUpdate();
        }
    }

    /** Deletes keys created before the cutoff; returns how many. */
    public int deleteCreatedBefore(Instant cutoff) {
        return transactions.executeWrite(status -> {
            try (PreparedStatement delete = status.getConnection()
                    .prepareStatement("DELETE FROM commands.idempotency_keys WHERE created_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(cutoff));
                return delete.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot delete old idempotency keys", e);
            }
        });
    }
}
