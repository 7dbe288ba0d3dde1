package com.licenceshop.projector.rebuild;

import com.licenceshop.projector.readmodel.ModelTables;
import com.licenceshop.projector.readmodel.SalesModelWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The rebuild's last step: the new tables replace the live ones, in the caller's transaction. */
final class TableSwap {

    private TableSwap() {}

    /** Renames the new tables into place, re-creates the views on them and announces the position; the caller commits. */
    static long swap(Connection c) throws SQLException {
        try (Statement ddl = c.createStatement()) {
            lockViewsFirst(ddl);
            for (String name : ModelTables.NAMES) {
                ddl.execute("ALTER TABLE " + ModelTables.LIVE.table(name) + " RENAME TO retired_" + name);
                ddl.execute("ALTER TABLE " + ModelTables.SHADOW.table(name) + " RENAME TO " + name);
            }
            ddl.execute("SELECT " + ModelTables.SCHEMA + ".create_views()");
            for (String name : ModelTables.NAMES) {
                ddl.execute("DROP TABLE " + ModelTables.SCHEMA + ".retired_" + name);
            }
            renameIndexesToLiveNames(c);
            try (ResultSet row = ddl.executeQuery("SELECT position FROM " + ModelTables.LIVE.position())) {
                row.next();
                long position = row.getLong(1);
                SalesModelWriter.announce(c, position);
                return position;
            }
        }
    }

    /**
     * Readers lock a view before the tables under it; renaming the tables first and re-creating the views after
     * takes the same locks the other way round, and a reader caught in between deadlocked the swap. Locking the
     * views first (a view's lock covers the tables it reads) waits for those readers instead.
     */
    private static void lockViewsFirst(Statement ddl) throws SQLException {
        List<String> views = new ArrayList<>();
        try (ResultSet rows =
                ddl.executeQuery("SELECT format('%I.%I', schemaname, viewname) FROM pg_views WHERE schemaname = '"
                        + ModelTables.SCHEMA + "' ORDER BY viewname")) {
            while (rows.next()) {
                views.add(rows.getString(1));
            }
        }
        if (!views.isEmpty()) {
            ddl.execute("LOCK TABLE " + String.join(", ", views) + " IN ACCESS EXCLUSIVE MODE");
        }
    }

    /** {@code rebuild_orders_pkey} becomes {@code orders_pkey}, so the next rebuild's copies get the same names again. */
    private static void renameIndexesToLiveNames(Connection c) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (PreparedStatement select =
                c.prepareStatement("SELECT indexname FROM pg_indexes WHERE schemaname = ? AND indexname LIKE ?")) {
            select.setString(1, ModelTables.SCHEMA);
            select.setString(2, ModelTables.SHADOW.prefix().replace("_", "\\_") + "%");
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    indexes.add(rows.getString(1));
                }
            }
        }
        try (Statement ddl = c.createStatement()) {
            for (String index : indexes) {
                ddl.execute("ALTER INDEX " + ModelTables.SCHEMA + ".\"" + index + "\" RENAME TO \""
                        + index.substring(ModelTables.SHADOW.prefix().length()) + "\"");
            }
        }
    }
}
