package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.LicenceRevocation;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code licence_revocations} rows: the seats each revocation revoked, per licence, keyed by the revocation's
 * sequence. A row counts when it is inserted (set-once, like an order's flags, so a redelivery whose inbox row is
 * gone changes nothing), in the period of that sequence; a late period close moves it with a range scan.
 */
final class Revocations {

    private Revocations() {}

    static void apply(
            Connection connection, ModelTables tables, List<SalesChange> applied, SalesDelta delta, Periods periods)
            throws SQLException {
        List<Long> sequences = new ArrayList<>();
        List<String> skus = new ArrayList<>();
        List<Long> seats = new ArrayList<>();
        for (SalesChange change : applied) {
            if (change instanceof LicenceRevocation revocation) {
                for (Map.Entry<String, Long> sku : revocation.seatsBySku().entrySet()) {
                    sequences.add(revocation.sequence());
                    skus.add(sku.getKey());
                    seats.add(sku.getValue());
                }
            }
        }
        if (sequences.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.revocations()
                + " (sequence, sku, seats) SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[]) "
                + "ORDER BY 1, 2 ON CONFLICT (sequence, sku) DO NOTHING RETURNING sequence, sku, seats")) {
            insert.setArray(1, connection.createArrayOf("bigint", sequences.toArray(Long[]::new)));
            insert.setArray(2, connection.createArrayOf("text", skus.toArray(String[]::new)));
            insert.setArray(3, connection.createArrayOf("bigint", seats.toArray(Long[]::new)));
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    delta.revoke(rows.getString(2), rows.getLong(3), periods.periodOf(rows.getLong(1)), 1);
                }
            }
        }
    }

    /** A close at {@code closeSequence} arrived after revocations made after it: they move out of period {@code from}. */
    static void moveAfter(
            Connection connection, ModelTables tables, long closeSequence, long until, long from, SalesDelta delta)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT sku, seats FROM " + tables.revocations() + " WHERE sequence > ? AND sequence < ?")) {
            select.setLong(1, closeSequence);
            select.setLong(2, until);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    delta.moveRevoked(rows.getString(1), rows.getLong(2), from, closeSequence);
                }
            }
        }
    }
}
