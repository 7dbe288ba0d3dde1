package com.licenceshop.command.outbox;

import com.licenceshop.events.Topology;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.postgresql.PGConnection;

/**
 * Wakes the relay when an event commits: the relay's session LISTENs on the outbox channel, which every commit
 * of an event notifies. Without a notification a wait ends after its timeout, so polling stays the fallback.
 */
final class OutboxWakeUps {

    private final PGConnection session;

    private OutboxWakeUps(PGConnection session) {
        this.session = session;
    }

    static OutboxWakeUps listenOn(Connection connection) throws SQLException {
        try (Statement listen = connection.createStatement()) {
            listen.execute("LISTEN " + Topology.outboxChannel());
        }
        return new OutboxWakeUps(connection.unwrap(PGConnection.class));
    }

    /** Waits until a commit notifies the outbox channel, at most {@code timeout}. */
    void await(Duration timeout) throws SQLException {
        int millis = (int) Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        // 0 would mean "wait forever"; notifications that arrived meanwhile are returned at once
        session.getNotifications(millis);
    }
}
