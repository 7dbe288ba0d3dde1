package com.licenceshop.command.licence;

import com.licenceshop.events.LicenceRevoked;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** The licence_revocations table: one row per order whose keys are revoked, keyed by its LicenceRevoked event. */
@Singleton
public class Revocations {

    /** A revoked order's keys, as the revocation list shows them. */
    @Serdeable
    record Revocation(UUID orderId, long sequence, Instant revokedAt, String reason, List<String> keys) {
    }

    private final TransactionOperations<Connection> transactions;

    Revocations(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** In the caller's transaction: the one that appended {@code revoked}. */
    public void record(Connection connection, LicenceRevoked revoked) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.licence_revocations (order_id, revoked_sequence, revoked_at, reason, licence_keys)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (order_id) DO NOTHING""")) {
            insert.setObject(1, revoked.orderId());
            insert.setLong(2, revoked.sequence());
            insert.setTimestamp(3, Timestamp.from(revoked.occurredAt()));
            insert.setString(4, revoked.reason());
            insert.setArray(5, connection.createArrayOf("text",
                    revoked.licences().stream().map(k -> k.key()).toArray(String[]::new)));
            insert.executeUpdate();
        }
    }

    boolean isRevoked(UUID orderId) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement(
                    "SELECT 1 FROM commands.licence_revocations WHERE order_id = ?")) {
                query.setObject(1, orderId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the revocations", e);
            }
        });
    }

    /** Revocations with {@code after < sequence <= upTo}, in sequence order, at most {@code limit}. */
    List<Revocation> between(long after, long upTo, int limit) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT order_id, revoked_sequence, revoked_at, reason, licence_keys FROM commands.licence_revocations
                    WHERE revoked_sequence > ? AND revoked_sequence <= ? ORDER BY revoked_sequence LIMIT ?""")) {
                query.setLong(1, after);
                query.setLong(2, upTo);
                query.setInt(3, limit);
                List<Revocation> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Revocation(rows.getObject(1, UUID.class), rows.getLong(2),
                                rows.getTimestamp(3).toInstant(), rows.getString(4),
                                Arrays.asList((String[]) rows.getArray(5).getArray())));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the revocations", e);
            }
        });
    }
}
