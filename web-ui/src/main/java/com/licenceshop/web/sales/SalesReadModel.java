package com.licenceshop.web.sales;

import com.licenceshop.servicedefaults.JdbcTransactions;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the projector's {@code sales.current_*} views; read-only, never written by the web UI. */
@Singleton
public class SalesReadModel {

    private final DataSource dataSource;

    SalesReadModel(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public SalesFigures current() {
        try {
            // one snapshot for the three views: totals, per licence and per minute agree with each other
            return JdbcTransactions.readOnlySnapshot(dataSource, connection -> {
                try (Statement statement = connection.createStatement()) {
                    return read(statement);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the sales views: " + e.getMessage(), e);
        }
    }

    private static SalesFigures read(Statement statement) throws SQLException {
        List<SalesFigures.LicenceFigures> perLicence = new ArrayList<>();
        try (ResultSet row = statement.executeQuery(
                "SELECT sku, name, orders, licences, revenue_cents, seats_issued, seats_revoked FROM sales.current_product_summary "
                        + "ORDER BY revenue_cents DESC, sku")) {
            while (row.next()) {
                perLicence.add(new SalesFigures.LicenceFigures(
                        row.getString("sku"),
                        row.getString("name"),
                        row.getLong("orders"),
                        row.getLong("licences"),
                        row.getLong("revenue_cents"),
                        row.getLong("seats_issued"),
                        row.getLong("seats_revoked")));
            }
        }
        List<SalesFigures.MinuteFigures> perMinute = new ArrayList<>();
        try (ResultSet row = statement.executeQuery(
                "SELECT minute, orders, revenue_cents FROM sales.current_minute_summary ORDER BY minute")) {
            while (row.next()) {
                perMinute.add(new SalesFigures.MinuteFigures(
                        instant(row, "minute"), row.getLong("orders"), row.getLong("revenue_cents")));
            }
        }
        SalesFigures.PaymentFigures payments = payments(statement);
        try (ResultSet row = statement.executeQuery(
                "SELECT period_start_sequence, period_started_at, orders, licences, revenue_cents, currency, "
                        + "position, last_event_at, updated_at FROM sales.current_summary")) {
            if (!row.next()) {
                return SalesFigures.none();
            }
            String currency = row.getString("currency");
            return new SalesFigures(
                    row.getLong("period_start_sequence"),
                    instant(row, "period_started_at"),
                    row.getLong("orders"),
                    row.getLong("licences"),
                    row.getLong("revenue_cents"),
                    currency == null ? SalesFigures.DEFAULT_CURRENCY : currency,
                    row.getLong("position"),
                    instant(row, "last_event_at"),
                    instant(row, "updated_at"),
                    List.copyOf(perLicence),
                    List.copyOf(perMinute),
                    payments);
        }
    }

    /** The payment figures (ADR 13); none while the projector has not created the view yet (an older projector). */
    private static SalesFigures.PaymentFigures payments(Statement statement) throws SQLException {
        try (ResultSet exists =
                statement.executeQuery("SELECT to_regclass('sales.current_payment_summary') IS NOT NULL")) {
            if (!exists.next() || !exists.getBoolean(1)) {
                return SalesFigures.PaymentFigures.NONE;
            }
        }
        try (ResultSet row =
                statement.executeQuery("SELECT booked_cents, paid_cents, outstanding_cents, refunded_cents, "
                        + "overpaid_cents, orders_awaiting_payment FROM sales.current_payment_summary")) {
            if (!row.next()) {
                return SalesFigures.PaymentFigures.NONE;
            }
            return new SalesFigures.PaymentFigures(
                    row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6));
        }
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp timestamp = row.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
