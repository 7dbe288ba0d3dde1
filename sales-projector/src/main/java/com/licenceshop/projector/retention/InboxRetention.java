package com.licenceshop.projector.retention;

import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.servicedefaults.JdbcTransactions;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the inbox rows {@link InboxRetentionPolicy} lets go, in small batches (each its own short
 * transaction, so live batches never wait long). Every instance may run it; the delete is idempotent.
 */
@Singleton
class InboxRetention {

    private static final Logger LOG = LoggerFactory.getLogger(InboxRetention.class);
    private static final int BATCH = 10_000;
    /** the live inbox; after a rebuild's swap this name is the new one */
    private static final String INBOX = ModelTables.LIVE.inbox();

    private final DataSource dataSource;
    private final InboxRetentionPolicy policy;
    private final Clock clock;

    InboxRetention(DataSource dataSource, @Value("${shop.retention.inbox}") Duration keep, Clock clock) {
        // plain pool connections: each batch commits on its own, outside Micronaut's transactions
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.policy = new InboxRetentionPolicy(keep, InboxRetentionPolicy.REBUILD_MARGIN);
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${shop.retention.interval}", initialDelay = "5m")
    void scheduled() {
        try {
            deleteExpired();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("inbox retention failed, will try again: {}", e.toString());
        }
    }

    /** @return the rows deleted */
    long deleteExpired() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            JdbcTransactions.autoCommit(connection);
            Instant cutoff = policy.forgetBefore(clock.instant(), runningRebuildStartedAt(connection));
            long deleted = 0;
            int batch;
            do {
                try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + INBOX + " WHERE ctid IN "
                        + "(SELECT ctid FROM " + INBOX + " WHERE applied_at < ? LIMIT " + BATCH + ")")) {
                    delete.setObject(1, cutoff.atOffset(ZoneOffset.UTC));
                    batch = delete.executeUpdate();
                    deleted += batch;
                }
            } while (batch == BATCH);
            if (deleted > 0) {
                LOG.info("inbox retention: deleted {} rows applied before {}", deleted, cutoff);
            }
            return deleted;
        }
    }

    private static Optional<Instant> runningRebuildStartedAt(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                        "SELECT started_at FROM sales.rebuild_state WHERE state = 'RUNNING' AND started_at IS NOT NULL");
                ResultSet row = select.executeQuery()) {
            return row.next()
                    ? Optional.of(row.getObject(1, OffsetDateTime.class).toInstant())
                    : Optional.empty();
        }
    }
}
