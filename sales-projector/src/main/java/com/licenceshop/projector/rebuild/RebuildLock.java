package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.readmodel.SalesDatabase;
import com.licenceshop.servicedefaults.JdbcTransactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One rebuild at a time, across instances: a transaction-scoped advisory lock, so it ends with the rebuild however the
 * connection is given back (a session lock on a pooled connection outlived it and refused every later rebuild).
 */
final class RebuildLock implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RebuildLock.class);

    private final Connection connection;

    private RebuildLock(Connection connection) {
        this.connection = connection;
    }

    static RebuildLock acquire(SalesDatabase database)
            throws SQLException, RebuildSalesProjection.AlreadyRunningException {
        Connection connection = database.connect();
        RebuildLock lock = new RebuildLock(connection);
        try {
            JdbcTransactions.begin(connection);
            try (PreparedStatement tryLock = connection.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                tryLock.setLong(1, ModelLocks.REBUILD);
                try (ResultSet row = tryLock.executeQuery()) {
                    row.next();
                    if (row.getBoolean(1)) {
                        return lock;
                    }
                }
            }
        } catch (SQLException e) {
            lock.close();
            throw e;
        }
        lock.close();
        throw new RebuildSalesProjection.AlreadyRunningException();
    }

    /** Ends the lock's transaction, which releases the lock, and gives the connection back. */
    @Override
    public void close() {
        try (connection) {
            JdbcTransactions.end(connection);
        } catch (SQLException e) {
            LOG.warn("could not give the rebuild lock's connection back: {}", e.getMessage());
        }
    }
}
