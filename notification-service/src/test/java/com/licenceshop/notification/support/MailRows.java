package com.licenceshop.notification.support;

import com.licenceshop.servicedefaults.UnnestColumns;
import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The test's read of the ledger {@code notifications.mails}. */
public final class MailRows {

    public record Row(
            UUID eventId,
            UUID orderId,
            String kind,
            String recipient,
            String status,
            int attempts,
            String lastError,
            String messageId,
            Instant sentAt) {}

    private final TestServers.Database database;

    public MailRows(TestServers.Database database) {
        this.database = database;
    }

    public Optional<Row> of(UUID eventId) {
        try (Connection db = database.connect();
                var query = db.prepareStatement("""
                     SELECT event_id, order_id, kind, recipient, status, attempts, last_error, message_id, sent_at
                       FROM notifications.mails WHERE event_id = ?""")) {
            query.setObject(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Timestamp sentAt = row.getTimestamp("sent_at");
                return Optional.of(new Row(
                        row.getObject("event_id", UUID.class),
                        row.getObject("order_id", UUID.class),
                        row.getString("kind"),
                        row.getString("recipient"),
                        row.getString("status"),
                        row.getInt("attempts"),
                        row.getString("last_error"),
                        row.getString("message_id"),
                        sentAt == null ? null : sentAt.toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many of these events' mails are SENT: one query, for tests with many events. */
    public int sentOf(java.util.Collection<UUID> eventIds) {
        try (Connection db = database.connect();
                var query = db.prepareStatement(
                        "SELECT count(*) FROM notifications.mails WHERE status = 'SENT' AND event_id = ANY(?)")) {
            UnnestColumns.of(db, eventIds).uuid(id -> id).bindTo(query);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public String statusOf(UUID eventId) {
        return of(eventId).map(Row::status).orElse("NONE");
    }
}
