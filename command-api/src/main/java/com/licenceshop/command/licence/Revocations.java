package com.licenceshop.command.licence;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The revoked_licence_keys table: one row per revoked key, by its fingerprint (hex SHA-256 of the key text), so
 * what is public about a revocation names neither the order nor the key (ADR 0007).
 */
@Singleton
public class Revocations {

    /** One revocation (a cancel) as the public list shows it: the fingerprints of the keys it revoked. */
    @Serdeable
    record Revocation(long sequence, Instant revokedAt, String reason, List<String> fingerprints) {}

    private final TransactionOperations<Connection> transactions;

    Revocations(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    /** What a revocation list names for {@code key}: the lower-case hex SHA-256 of its text (as sent, trimmed). */
    public static String fingerprint(String key) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(key.trim().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** In the caller's transaction: the one that appended {@code revoked}. */
    public void record(Connection connection, LicenceRevoked revoked) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO commands.revoked_licence_keys (fingerprint, revoked_sequence, revoked_at, reason)
                VALUES (?, ?, ?, ?) ON CONFLICT (fingerprint) DO NOTHING""")) {
            for (LicenceKey key : revoked.licences()) {
                insert.setString(1, fingerprint(key.key()));
                insert.setLong(2, revoked.sequence());
                insert.setTimestamp(3, Timestamp.from(revoked.occurredAt()));
                insert.setString(4, revoked.reason());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    boolean isRevoked(String key) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT 1 FROM commands.revoked_licence_keys WHERE fingerprint = ?")) {
                query.setString(1, fingerprint(key));
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
                    SELECT revoked_sequence, min(revoked_at), min(reason), array_agg(fingerprint ORDER BY fingerprint)
                    FROM commands.revoked_licence_keys WHERE revoked_sequence > ? AND revoked_sequence <= ?
                    GROUP BY revoked_sequence ORDER BY revoked_sequence LIMIT ?""")) {
                query.setLong(1, after);
                query.setLong(2, upTo);
                query.setInt(3, limit);
                List<Revocation> found = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        found.add(new Revocation(
                                rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3), List.of((String[])
                                        rows.getArray(4).getArray())));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the revocations", e);
            }
        });
    }
}
