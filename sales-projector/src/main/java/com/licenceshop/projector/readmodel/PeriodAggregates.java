package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.SalesDelta;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;

/**
 * The per-period pre-aggregates the views read ({@code period_totals}, {@code period_products},
 * {@code period_minutes}): a batch's delta, summed in memory, is added with one upsert per table.
 */
final class PeriodAggregates {

    private PeriodAggregates() {}

    static void add(Connection connection, ModelTables tables, SalesDelta delta) throws SQLException {
        var totals = delta.totals().entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .toList();
        if (!totals.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO " + tables.periodTotals()
                            + " AS t (period_start, orders, licences, revenue_cents) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                            + "ON CONFLICT (period_start) DO UPDATE SET orders = t.orders + EXCLUDED.orders, "
                            + "licences = t.licences + EXCLUDED.licences, revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents")) {
                upsert.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint", totals.stream().map(Map.Entry::getKey).toArray(Long[]::new)));
                upsert.setArray(
                        2,
                        connection.createArrayOf(
                                "bigint",
                                totals.stream().map(e -> e.getValue().orders()).toArray(Long[]::new)));
                upsert.setArray(
                        3,
                        connection.createArrayOf(
                                "bigint",
                                totals.stream()
                                        .map(e -> e.getValue().licences())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        4,
                        connection.createArrayOf(
                                "bigint",
                                totals.stream()
                                        .map(e -> e.getValue().revenueCents())
                                        .toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
        var products = delta.products().entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .toList();
        if (!products.isEmpty()) {
            // a revocation knows no name (null): a row it creates is named by its sku until an order names it
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT INTO " + tables.periodProducts()
                            + " AS p (period_start, sku, name, orders, licences, revenue_cents, seats_issued, seats_revoked) "
                            + "SELECT u.period_start, u.sku, COALESCE(u.name, u.sku), u.orders, u.licences, u.revenue_cents, u.seats_issued, u.seats_revoked "
                            + "FROM unnest(?::bigint[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                            + "AS u(period_start, sku, name, orders, licences, revenue_cents, seats_issued, seats_revoked) "
                            + "ON CONFLICT (period_start, sku) DO UPDATE SET name = COALESCE(NULLIF(EXCLUDED.name, EXCLUDED.sku), p.name), "
                            + "orders = p.orders + EXCLUDED.orders, licences = p.licences + EXCLUDED.licences, "
                            + "revenue_cents = p.revenue_cents + EXCLUDED.revenue_cents, "
                            + "seats_issued = p.seats_issued + EXCLUDED.seats_issued, seats_revoked = p.seats_revoked + EXCLUDED.seats_revoked")) {
                upsert.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getKey().periodStart())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        2,
                        connection.createArrayOf(
                                "text",
                                products.stream().map(e -> e.getKey().sku()).toArray(String[]::new)));
                upsert.setArray(
                        3,
                        connection.createArrayOf(
                                "text",
                                products.stream().map(e -> e.getValue().name()).toArray(String[]::new)));
                upsert.setArray(
                        4,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getValue().orders())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        5,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getValue().licences())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        6,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getValue().revenueCents())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        7,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getValue().seatsIssued())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        8,
                        connection.createArrayOf(
                                "bigint",
                                products.stream()
                                        .map(e -> e.getValue().seatsRevoked())
                                        .toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
        var minutes = delta.minutes().entrySet().stream()
                .filter(e -> !e.getValue().isZero())
                .toList();
        if (!minutes.isEmpty()) {
            try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.periodMinutes()
                    + " AS m (period_start, minute, orders, revenue_cents) "
                    + "SELECT u.period_start, u.minute::timestamptz, u.orders, u.revenue_cents "
                    + "FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[]) AS u(period_start, minute, orders, revenue_cents) "
                    + "ON CONFLICT (period_start, minute) DO UPDATE SET orders = m.orders + EXCLUDED.orders, "
                    + "revenue_cents = m.revenue_cents + EXCLUDED.revenue_cents")) {
                upsert.setArray(
                        1,
                        connection.createArrayOf(
                                "bigint",
                                minutes.stream()
                                        .map(e -> e.getKey().periodStart())
                                        .toArray(Long[]::new)));
                upsert.setArray(
                        2,
                        connection.createArrayOf(
                                "text",
                                minutes.stream()
                                        .map(e -> e.getKey().minute().toString())
                                        .toArray(String[]::new)));
                upsert.setArray(
                        3,
                        connection.createArrayOf(
                                "bigint",
                                minutes.stream().map(e -> e.getValue().orders()).toArray(Long[]::new)));
                upsert.setArray(
                        4,
                        connection.createArrayOf(
                                "bigint",
                                minutes.stream()
                                        .map(e -> e.getValue().revenueCents())
                                        .toArray(Long[]::new)));
                upsert.executeUpdate();
            }
        }
    }
}
