package com.licenceshop.command.outbox;

import com.licenceshop.servicedefaults.JdbcTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replica is the active relay: the one whose own session holds the relay's advisory lock, so the lead ends with
 * the session and a standby takes over. Used by the relay thread only, except {@link #stepDown()}, which
 * {@link OutboxRelay#stop()} may call to close a connection the relay thread is stuck on.
 */
final class RelayLeadership {

    /** Advisory lock key of the active relay (per database). */
    static final long RELAY_LOCK = 7_310_597_110_002L;

    private static final Logger LOG = LoggerFactory.getLogger(RelayLeadership.class);

    private final RelayConnections connections;
    private final Object connectionLock = new Object();
    private volatile boolean active;
    private Connection connection;

    RelayLeadership(RelayConnections connections) {
        this.connections = connections;
    }

    boolean isConnected() {
        return connection != null;
    }

    /** Opens the session; the lock is not taken yet. */
    Connection connect() throws SQLException {
        Connection fresh = connections.open();
        try {
            JdbcTransactions.autoCommit(fresh);
        } catch (SQLException e) {
            fresh.close();
            throw e;
        }
        connection = fresh;
        return fresh;
    }

    /** The open session (the relay reads and stamps the outbox on it). */
    Connection connection() {
        return connection;
    }

    /** True while this replica holds the relay lock and publishes. */
    boolean isActive() {
        return active;
    }

    /** Takes the lock if nobody holds it; true if this replica is (now) the active relay. Never blocks. */
    boolean tryToLead() throws SQLException {
        if (active) {
            return true;
        }
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            lock.setLong(1, RELAY_LOCK);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                if (!row.getBoolean(1)) {
                    return false;
                }
            }
        }
        active = true;
        LOG.info("this replica is now the active outbox relay");
        return true;
    }

    /**
     * Gives up the lock and closes the session (its own connection, not the pool's: the session ends, and the
     * lock with it). The explicit UNLISTEN and unlock matter only where {@code close()} hands the connection back
     * to a pool we do not know.
     */
    void stepDown() {
        Connection old;
        boolean wasActive;
        synchronized (connectionLock) {
            wasActive = active;
            active = false;
            old = connection;
            connection = null;
        }
        if (old == null) {
            return;
        }
        try {
            try (Statement unlock = old.createStatement()) {
                unlock.execute("UNLISTEN *");
                unlock.execute("SELECT pg_advisory_unlock_all()");
            }
        } catch (SQLException e) {
            LOG.debug(
                    "could not release the relay lock (the connection is gone, and the lock with it): {}",
                    e.toString());
        }
        try {
            old.close();
        } catch (Exception e) {
            LOG.debug("closing the relay connection: {}", e.toString());
        }
        if (wasActive) {
            LOG.info("this replica is no longer the active outbox relay");
        }
    }
}
