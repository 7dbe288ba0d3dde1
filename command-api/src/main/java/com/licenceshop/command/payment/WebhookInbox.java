package com.licenceshop.command.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/** The provider's event ids seen (commands.provider_events): a redelivered webhook is recognised by its id. */
final class WebhookInbox {

    private WebhookInbox() {}

    /** @return false if this provider event was recorded before (a redelivery: apply nothing) */
    static boolean firstTime(Connection tx, String eventId, String type, UUID orderId, Instant now)
            throws SQLException {
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO commands.provider_events (event_id, type, order_id, received_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""")) {
            insert.setString(1, eventId);
            insert.setString(2, type);
            insert.setObject(3, orderId);
            insert.setTimestamp(4, Timestamp.from(now));
            return insert.executeUpdate() == 1;
        }
    }
}
