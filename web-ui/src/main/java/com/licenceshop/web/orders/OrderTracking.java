package com.licenceshop.web.orders;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * How far an order got downstream of the command API, from the read models the web UI may read
 * (docs/contracts.md): {@code sales.order_status} (counted by the projector) and {@code notifications.order_mails}.
 */
@Singleton
class OrderTracking {

    /** PostgreSQL's undefined_table: a service has not created its schema yet (first start). */
    private static final String UNDEFINED_TABLE = "42P01";

    private final DataSource dataSource;

    OrderTracking(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    record Tracking(Optional<Counted> counted, List<Mail> mails) {
        static Tracking nothingYet() {
            return new Tracking(Optional.empty(), List.of());
        }
    }

    record Counted(String status, Instant countedAt) {}

    record Mail(
            String kind,
            String status,
            int attempts,
            @Nullable String lastError,
            @Nullable Instant sentAt) {}

    Tracking track(UUID orderId) {
        try (Connection connection = dataSource.getConnection()) {
            return new Tracking(counted(connection, orderId), mails(connection, orderId));
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Tracking.nothingYet();
            }
            throw new IllegalStateException("cannot read the progress of order " + orderId + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Counted> counted(Connection connection, UUID orderId) throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement("SELECT status, counted_at FROM sales.order_status WHERE order_id = ?")) {
            statement.setObject(1, orderId);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new Counted(row.getString("status"), instant(row, "counted_at")))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            if (UNDEFINED_TABLE.equals(e.getSQLState())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static List<Mail> mails(Connection connection, UUID orderId) throws SQLException {
        List<Mail> mails = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT kind, status, attempts, last_error, sent_at FROM notifications.order_mails WHERE order_id = ? ORDER BY created_at")) {
            statement.setObject(1, orderId);
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    mails.add(new Mail(
                            row.getString("kind"),
                            row.getString("status"),
                            row.getInt("attempts"),
                            row.getString("last_error"),
                            instant(row, "sent_at")));
                }
            }
        } catch (SQLException e) {
            if (!UNDEFINED_TABLE.equals(e.getSQLState())) {
                throw e;
            }
        }
        return List.copyOf(mails);
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
