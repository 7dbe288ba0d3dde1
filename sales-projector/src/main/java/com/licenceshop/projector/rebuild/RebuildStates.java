package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.readmodel.SalesDatabase;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** The rebuild's progress in {@code sales.rebuild_state}, so every instance can answer {@code GET /ops/rebuild}. */
@Singleton
final class RebuildStates {

    private final SalesDatabase database;

    RebuildStates(SalesDatabase database) {
        this.database = database;
    }

    void save(RebuildStatus status) throws SQLException {
        try (Connection c = database.connect();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE sales.rebuild_state SET state = ?, phase = ?, done = ?, total = ?, events_per_second = ?, eta = ?, "
                                + "started_at = ?, finished_at = ?, error = ?, updated_at = now() WHERE id = 1")) {
            update.setString(1, status.state());
            update.setString(2, status.phase());
            update.setLong(3, status.done());
            setLong(update, 4, status.total());
            if (status.eventsPerSecond() == null) {
                update.setNull(5, Types.DOUBLE);
            } else {
                update.setDouble(5, status.eventsPerSecond());
            }
            update.setObject(6, utc(status.eta()));
            update.setObject(7, utc(status.startedAt()));
            update.setObject(8, utc(status.finishedAt()));
            update.setString(9, status.error());
            update.executeUpdate();
        }
    }

    /**
     * The saved status; a rebuild saved as running whose instance is gone (nobody holds the rebuild lock) is
     * reported as failed.
     */
    RebuildStatus load(Instant now) throws SQLException {
        RebuildStatus saved;
        try (Connection c = database.connect();
                ResultSet row = c.createStatement()
                        .executeQuery(
                                "SELECT state, phase, done, total, events_per_second, eta, started_at, finished_at, error FROM sales.rebuild_state WHERE id = 1")) {
            row.next();
            Instant eta = instant(row, 6);
            saved = new RebuildStatus(
                    row.getString(1),
                    row.getString(2),
                    row.getLong(3),
                    (Long) row.getObject(4),
                    (Double) row.getObject(5),
                    eta,
                    eta == null ? null : Math.max(0, eta.getEpochSecond() - now.getEpochSecond()),
                    instant(row, 7),
                    instant(row, 8),
                    row.getString(9));
        }
        if ("RUNNING".equals(saved.state()) && nobodyRebuilds()) {
            return new RebuildStatus(
                    "FAILED",
                    saved.phase(),
                    saved.done(),
                    saved.total(),
                    saved.eventsPerSecond(),
                    null,
                    null,
                    saved.startedAt(),
                    null,
                    "abandoned: the instance that ran it stopped");
        }
        return saved;
    }

    /** Tries the rebuild lock in a transaction that ends at once: nobody rebuilds if it was free. */
    private boolean nobodyRebuilds() throws SQLException {
        return database.inTransaction(c -> {
            try (PreparedStatement lock = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
                lock.setLong(1, ModelLocks.REBUILD);
                try (ResultSet row = lock.executeQuery()) {
                    row.next();
                    return row.getBoolean(1);
                }
            }
        });
    }

    private static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
