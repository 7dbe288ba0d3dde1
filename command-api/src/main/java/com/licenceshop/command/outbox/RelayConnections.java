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
 * Opens the relay's own connection: not from the pool (it holds the relay lock for as long as the relay is
 * active, and a pooled session would keep the lock after {@code close()}), on the session URL ({@link SessionConnections}:
 * never through a pooler in transaction mode, where neither the lock nor LISTEN would hold) with the pool's login, and
 * with bounds on both ends, so a silent network partition (no RST) cannot keep a lock nobody uses.
 * <ul>
 *   <li>Client: socket, connect and login timeouts of {@code database-timeout}, and TCP keepalive. A read that
 *       gets no answer fails, the relay drops the connection and reconnects, as after any database failure.
 *       LISTEN waits set their own, shorter timeout per wait (the driver restores this one after it).</li>
 *   <li>Server: the session ends when its client is silent for {@code database-timeout}
 *       ({@code idle_session_timeout}; a healthy relay speaks at least every {@code poll-interval} or
 *       {@code max-backoff}, plus a confirm round), and TCP keepalive/user timeouts detect a dead peer. With the
 *       session goes the advisory lock, and a standby replica takes over.</li>
 * </ul>
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
