package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.JdbcTransactions;
import com.licenceshop.servicedefaults.SessionConnections;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * The relay's own connection: outside the pool (a pooled session would keep the relay lock after {@code close()}), on
 * the session URL (a pooler in transaction mode holds neither the lock nor LISTEN), and bounded on both ends so a
 * silent partition cannot keep a lock nobody uses (README, "Silent partition").
 */
@Singleton
class RelayConnections {

    private final SessionConnections sessions;
    private final Duration timeout;

    RelayConnections(
            SessionConnections sessions,
            RelayConfig config,
            @Value("${shop.relay.database-timeout:30s}") Duration timeout) {
        this.sessions = sessions;
        this.timeout = timeout;
        Duration longestSilence =
                max(config.pollInterval(), config.maxBackoff()).plus(config.confirmTimeout());
        if (timeout.compareTo(longestSilence) <= 0) {
            throw new ConfigurationException(
                    "shop.relay.database-timeout (" + timeout + ") must be longer than the relay's"
                            + " longest silence towards the database, the longer of poll-interval and max-backoff plus confirm-timeout ("
                            + longestSilence + ")");
        }
    }

    Connection open() throws SQLException {
        Connection connection = connect();
        try {
            JdbcTransactions.autoCommit(connection);
            try (Statement session = connection.createStatement()) {
                long millis = timeout.toMillis();
                long seconds = Math.max(1, timeout.toSeconds());
                session.execute("SET idle_session_timeout = " + millis);
                session.execute("SET tcp_user_timeout = " + millis);
                session.execute("SET tcp_keepalives_idle = " + Math.max(1, seconds / 2));
                session.execute("SET tcp_keepalives_interval = " + Math.max(1, seconds / 6));
                session.execute("SET tcp_keepalives_count = 3");
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        long seconds = Math.max(1, timeout.toSeconds());
        properties.setProperty("socketTimeout", String.valueOf(seconds));
        properties.setProperty("connectTimeout", String.valueOf(seconds));
        properties.setProperty("loginTimeout", String.valueOf(seconds));
        properties.setProperty("tcpKeepAlive", "true");
        return sessions.open("outbox-relay", properties);
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
