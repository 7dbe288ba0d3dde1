package com.licenceshop.projector.readmodel;

import com.licenceshop.servicedefaults.JdbcTransactions;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Plain JDBC transactions on the pool. The projector manages its transactions by hand: a batch, its retry
 * after a deadlock and the rebuild's long swap transaction do not fit declarative boundaries.
 */
@Singleton
public final class SalesDatabase {

    private static final int ATTEMPTS = 5;

    private final DataSource dataSource;

    SalesDatabase(DataSource dataSource) {
        // the injected DataSource hands out the connection of the current Micronaut transaction; we want our own
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /**
     * Runs the work in one transaction. Deadlocks and serialization failures between concurrent batches are
     * retried: the work is idempotent by the inbox, and a retry starts from a clean snapshot.
     */
    public <T> T inTransaction(JdbcTransactions.Work<T> work) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, JdbcTransactions.RetryRule.onConflict(ATTEMPTS), work);
    }

    /**
     * True for failures of the data, not of the database: constraint violations and bad values (SQLSTATE
     * classes 22 and 23). Applying the same event again would fail again.
     */
    public static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }
}
