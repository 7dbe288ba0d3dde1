package com.licenceshop.notification.ledger;

import com.licenceshop.servicedefaults.JdbcTransactions;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Forgets finished mails (SENT or FAILED; a PENDING one may be in flight) created before a cutoff, in batches
 * that each commit on their own, so no delivery waits long behind them. Which cutoff is safe is
 * {@code retention}'s business.
 */
@Singleton
public class ExpiredMails {

    private static final int BATCH = 5_000;

    private final DataSource dataSource;

    ExpiredMails(DataSource dataSource) {
        // plain pool connections, outside Micronaut's transactions
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /** @return the rows deleted (those of the batches that committed, if a later one fails, are gone too) */
    public long deleteFinishedCreatedBefore(Instant cutoff) {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTransactions.autoCommit(connection);
            long deleted = 0;
            int batch;
            do {
                try (PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM notifications.mails WHERE event_id IN "
                                + "(SELECT event_id FROM notifications.mails WHERE status IN ('SENT', 'FAILED') AND created_at < ? LIMIT "
                                + BATCH + ")")) {
                    delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                    batch = delete.executeUpdate();
                    deleted += batch;
                }
            } while (batch == BATCH);
            return deleted;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot delete the mails finished before " + cutoff, e);
        }
    }
}
