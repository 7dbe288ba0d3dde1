package com.licenceshop.servicedefaults;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a service opens a JDBC transaction of its own (where Micronaut's {@code TransactionOperations} does not
 * fit: set-based batches, streams, locks held across a send). Services do not call {@code setAutoCommit},
 * {@code commit} or {@code rollback} themselves (ArchitectureRules).
 */
public final class JdbcTransactions {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcTransactions.class);

    private JdbcTransactions() {}

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Which failures start the whole work over on a fresh connection, after how many attempts. */
    @FunctionalInterface
    public interface RetryRule {

        boolean retry(SQLException failure, int attempt);

        /** A failure ends the work. */
        static RetryRule never() {
            return (failure, attempt) -> false;
        }

        /** A deadlock or serialization failure is retried up to {@code attempts} in all: work that is safe to repeat. */
        static RetryRule onConflict(int attempts) {
            return (failure, attempt) -> attempt < attempts && DatabaseFailures.conflict(failure);
        }
    }

    /** Runs the work in one transaction on a connection from the pool: committed on return, rolled back on a throw. */
    public static <T> T inTransaction(DataSource pool, RetryRule retry, Work<T> work) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = pool.getConnection()) {
                return inTransaction(connection, work);
            } catch (SQLException e) {
                if (!retry.retry(e, attempt)) {
                    throw e;
                }
                LOG.info("retrying a transaction after SQLSTATE {} (attempt {})", e.getSQLState(), attempt);
            }
        }
    }

    /** Runs the work in one transaction on the caller's connection, and leaves it in auto-commit again. */
    public static <T> T inTransaction(Connection connection, Work<T> work) throws SQLException {
        begin(connection);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        } finally {
            restoreAutoCommit(connection);
        }
    }

    /**
     * A consistent read-only snapshot (REPEATABLE READ): several queries that must agree with each other. Rolled back
     * at the end, as nothing was written.
     */
    public static <T> T readOnlySnapshot(DataSource pool, Work<T> work) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            begin(connection);
            try {
                return work.run(connection);
            } finally {
                rollbackQuietly(connection);
            }
        }
    }

    /**
     * Opens a transaction that outlives one call (a lock held across a send, a streaming cursor); the caller ends it
     * with {@link #end} or {@link #commit}.
     */
    public static Connection begin(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        return connection;
    }

    /** Commits what {@link #begin} opened. */
    public static void commit(Connection connection) throws SQLException {
        connection.commit();
    }

    /** Undoes what the transaction {@link #begin} opened did so far; it stays open for more work. */
    public static void rollback(Connection connection) throws SQLException {
        connection.rollback();
    }

    /**
     * Ends what {@link #begin} opened without keeping anything (releasing its transaction locks). A broken connection
     * is left to the pool, which discards it; its session and locks are gone with it.
     */
    public static void end(Connection connection) {
        rollbackQuietly(connection);
    }

    /** A connection whose statements commit one by one (a session connection: LISTEN, session locks, housekeeping). */
    public static Connection autoCommit(Connection connection) throws SQLException {
        connection.setAutoCommit(true);
        return connection;
    }

    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            LOG.debug("could not restore auto-commit ({}); the pool discards the connection", e.getMessage());
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("could not roll back ({}); the pool discards the connection", e.getMessage());
        }
    }
}
