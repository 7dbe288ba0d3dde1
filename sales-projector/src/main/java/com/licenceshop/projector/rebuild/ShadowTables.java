package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.ProcessedEvents;
import com.licenceshop.projector.readmodel.SalesDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The DDL of the rebuild's new tables ({@link ModelTables#SHADOW}): create them, finish the first pass, drop them. */
final class ShadowTables {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowTables.class);
    /** Live batches committed shortly before the copy started are checked too (database clock). */
    private static final String CHECK_MARGIN = "1 minute";

    private ShadowTables() {}

    /** Drops what a failed rebuild may have left and creates empty tables like the live ones; returns the database's now. */
    static OffsetDateTime create(SalesDatabase database) throws SQLException {
        return database.inTransaction(c -> {
            try (Statement ddl = c.createStatement()) {
                for (String name : ModelTables.NAMES) {
                    ddl.execute("DROP TABLE IF EXISTS " + ModelTables.SHADOW.table(name));
                    ddl.execute("CREATE TABLE " + ModelTables.SHADOW.table(name) + " (LIKE "
                            + ModelTables.LIVE.table(name) + " INCLUDING ALL)");
                    // autovacuum would otherwise vacuum and analyze the growing tables again and again during the
                    // load, on the cores the load needs; they are analyzed once when it is done
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " SET (autovacuum_enabled = false)");
                }
                // the first pass only appends to the new inbox (COPY); its key is built once afterwards, by sorting,
                // instead of a million random inserts into a growing index
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " DROP CONSTRAINT "
                        + primaryKeyOf(c, ModelTables.SHADOW.inbox()));
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.periods() + " (start_sequence) VALUES (0)");
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.position()
                        + " (id, position, currency) VALUES (1, 0, 'EUR')");
                try (ResultSet now = ddl.executeQuery("SELECT now()")) {
                    now.next();
                    return now.getObject(1, OffsetDateTime.class);
                }
            }
        });
    }

    /** After the first pass, in its transaction: the inbox's key, autovacuum back on, statistics. */
    static void finishFirstPass(Connection c) throws SQLException {
        try (Statement ddl = c.createStatement()) {
            // fails on a duplicate event id, which the event store cannot have: the rebuild then stops, live untouched
            ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " ADD PRIMARY KEY (event_id)");
            for (String name : ModelTables.NAMES) {
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " RESET (autovacuum_enabled)");
                // statistics for the catch-up's queries now, and for the live queries after the swap
                ddl.execute("ANALYZE " + ModelTables.SHADOW.table(name));
            }
        }
    }

    /** Sequences of events the live inbox got since the copy began (less a margin) that the new inbox lacks. */
    static List<Long> missingLiveEvents(Connection c, OffsetDateTime copyStartedAt) throws SQLException {
        return ProcessedEvents.missingSequencesSince(
                c, ModelTables.LIVE, ModelTables.SHADOW, copyStartedAt, CHECK_MARGIN);
    }

    static void drop(SalesDatabase database) {
        try {
            database.inTransaction(c -> {
                try (Statement ddl = c.createStatement()) {
                    for (String name : ModelTables.NAMES) {
                        ddl.execute("DROP TABLE IF EXISTS " + ModelTables.SHADOW.table(name));
                    }
                }
                return null;
            });
        } catch (SQLException e) {
            LOG.warn("could not drop the failed rebuild's tables (the next rebuild does): {}", e.getMessage());
        }
    }

    private static String primaryKeyOf(Connection c, String table) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT conname FROM pg_constraint WHERE conrelid = ?::regclass AND contype = 'p'")) {
            select.setString(1, table);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new SQLException("no primary key on " + table);
                }
                return row.getString(1);
            }
        }
    }
}
