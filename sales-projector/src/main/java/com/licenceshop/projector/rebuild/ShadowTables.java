package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.ProcessedEvents;
import com.licenceshop.projector.readmodel.SalesDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;

/** The DDL of the rebuild's new tables ({@link ModelTables#SHADOW}): create them, finish the first pass, drop them. */
final class ShadowTables {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowTables.class);
    /** Live batches committed shortly before the copy started are checked too (database clock). */
    private static final String CHECK_MARGIN = "1 minute";

    private ShadowTables() {
    }

    /** Drops what a failed rebuild may have left and creates empty tables like the live ones; returns the database's now. */
    /** {@code keepOrdersKey}: the orders' key from the start (a pass that upserts orders), else built after the pass. */
    static OffsetDateTime create(SalesDatabase database, boolean keepOrdersKey) throws SQLException {
        return database.inTransaction(c -> {
            try (Statement ddl = c.createStatement()) {
                for (String name : ModelTables.NAMES) {
                    ddl.execute("DROP TABLE IF EXISTS " + ModelTables.SHADOW.table(name));
                    ddl.execute("CREATE TABLE " + ModelTables.SHADOW.table(name) + " (LIKE " + ModelTables.LIVE.table(name) + " INCLUDING ALL)");
                    // autovacuum would otherwise vacuum and analyze the growing tables again and again during the
                    // load, on the cores the load needs; they are analyzed once when it is done
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " SET (autovacuum_enabled = false)");
                }
                // the first pass only appends to the new inbox (COPY); its key is built once afterwards, by sorting,
                // instead of a million random inserts into a growing index
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " DROP CONSTRAINT " + primaryKeyOf(c, ModelTables.SHADOW.inbox()));
                // the same for the orders' key (random UUIDs): COPY of 450,000 orders took 2.2-2.6 s with it,
                // 1.26 s without it plus 0.14 s to build it afterwards (the placed_sequence index, appended in
                // order, stays: a period close reads it)
                if (!keepOrdersKey) {
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.orders() + " DROP CONSTRAINT " + primaryKeyOf(c, ModelTables.SHADOW.orders()));
                }
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.periods() + " (start_sequence) VALUES (0)");
                ddl.execute("INSERT INTO " + ModelTables.SHADOW.position() + " (id, position, currency) VALUES (1, 0, 'EUR')");
                try (ResultSet now = ddl.executeQuery("SELECT now()")) {
                    now.next();
                    return now.getObject(1, OffsetDateTime.class);
                }
            }
        });
    }

    /**
     * After the first pass, in its transaction: the keys of the inbox and ({@code ordersToo}) of the orders. Fails
     * on a duplicate event id, which the event store cannot have (the rebuild then stops, live untouched),
     * or with {@link OrderPlacedTwiceException} (the caller copies again with upserts).
     */
    static void keyFirstPass(Connection c, boolean ordersToo) throws SQLException {
        try (Statement ddl = c.createStatement()) {
            ddl.execute("ALTER TABLE " + ModelTables.SHADOW.inbox() + " ADD PRIMARY KEY (event_id)");
            if (ordersToo) {
                try {
                    ddl.execute("ALTER TABLE " + ModelTables.SHADOW.orders() + " ADD PRIMARY KEY (order_id)");
                } catch (SQLException e) {
                    if ("23505".equals(e.getSQLState())) {
                        throw new OrderPlacedTwiceException(e);
                    }
                    throw e;
                }
            }
        }
    }

    /** After the first pass and its deferred changes, in its transaction: autovacuum back on, statistics. */
    static void finishFirstPass(Connection c) throws SQLException {
        try (Statement ddl = c.createStatement()) {
            for (String name : ModelTables.NAMES) {
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " RESET (autovacuum_enabled)");
                // statistics for the catch-up's queries now, and for the live queries after the swap
                ddl.execute("ANALYZE " + ModelTables.SHADOW.table(name));
            }
        }
    }

    /** Sequences of events the live inbox got since the copy began (less a margin) that the new inbox lacks. */
    static List<Long> missingLiveEvents(Connection c, OffsetDateTime copyStartedAt) throws SQLException {
        return ProcessedEvents.missingSequencesSince(c, ModelTables.LIVE, ModelTables.SHADOW, copyStartedAt, CHECK_MARGIN);
    }

    /** An order placed twice under two event ids in the first pass: the orders' key cannot be built. */
    static final class OrderPlacedTwiceException extends SQLException {
        OrderPlacedTwiceException(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause);
        }
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
