package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.LicenceRevocation;
import com.licenceshop.projector.projection.PaymentChange;
import com.licenceshop.projector.projection.Periods;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.projector.projection.SalesDelta;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seats per licence that an event counts on its own, keyed by its sequence: those a revocation revoked
 * ({@code licence_revocations}) and those a paid order's {@code LicencesIssued} issued ({@code licence_issuances}).
 * A row counts when it is inserted (set-once, like an order's flags, so a redelivery whose inbox row is gone changes
 * nothing), in the period of that sequence; a late period close moves it with a range scan.
 */
final class LicenceSeats {

    private enum Kind {
        REVOKED("licence_revocations"),
        ISSUED("licence_issuances");

        private final String table;

        Kind(String table) {
            this.table = table;
        }

        Map<String, Long> of(SalesChange change) {
            if (this == REVOKED && change instanceof LicenceRevocation revocation) {
                return revocation.seatsBySku();
            }
            if (this == ISSUED && change instanceof PaymentChange payment) {
                return payment.seatsIssuedBySku();
            }
            return Map.of();
        }

        void count(SalesDelta delta, String sku, long seats, long periodStart) {
            if (this == REVOKED) {
                delta.revoke(sku, seats, periodStart, 1);
            } else {
                delta.issue(sku, seats, periodStart, 1);
            }
        }

        void move(SalesDelta delta, String sku, long seats, long from, long to) {
            if (this == REVOKED) {
                delta.moveRevoked(sku, seats, from, to);
            } else {
                delta.moveIssued(sku, seats, from, to);
            }
        }
    }

    /** One licence's seats counted by the event at {@code sequence}. */
    private record Seats(long sequence, String sku, long seats) {}

    private LicenceSeats() {}

    static void apply(
            Connection connection, ModelTables tables, List<SalesChange> applied, SalesDelta delta, Periods periods)
            throws SQLException {
        for (Kind kind : Kind.values()) {
            apply(connection, tables, applied, delta, periods, kind);
        }
    }

    private static void apply(
            Connection connection,
            ModelTables tables,
            List<SalesChange> applied,
            SalesDelta delta,
            Periods periods,
            Kind kind)
            throws SQLException {
        List<Seats> seats = new ArrayList<>();
        for (SalesChange change : applied) {
            for (Map.Entry<String, Long> sku : kind.of(change).entrySet()) {
                seats.add(new Seats(change.sequence(), sku.getKey(), sku.getValue()));
            }
        }
        if (seats.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tables.table(kind.table)
                + " (sequence, sku, seats) SELECT * FROM unnest(?::bigint[], ?::text[], ?::bigint[]) "
                + "ORDER BY 1, 2 ON CONFLICT (sequence, sku) DO NOTHING RETURNING sequence, sku, seats")) {
            UnnestColumns.of(connection, seats)
                    .bigint(Seats::sequence)
                    .text(Seats::sku)
                    .bigint(Seats::seats)
                    .bindTo(insert);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    kind.count(delta, rows.getString(2), rows.getLong(3), periods.periodOf(rows.getLong(1)));
                }
            }
        }
    }

    /** A close at {@code closeSequence} arrived after events counted after it: their seats move out of {@code from}. */
    static void moveAfter(
            Connection connection, ModelTables tables, long closeSequence, long until, long from, SalesDelta delta)
            throws SQLException {
        for (Kind kind : Kind.values()) {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT sku, seats FROM " + tables.table(kind.table) + " WHERE sequence > ? AND sequence < ?")) {
                select.setLong(1, closeSequence);
                select.setLong(2, until);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        kind.move(delta, rows.getString(1), rows.getLong(2), from, closeSequence);
                    }
                }
            }
        }
    }
}
