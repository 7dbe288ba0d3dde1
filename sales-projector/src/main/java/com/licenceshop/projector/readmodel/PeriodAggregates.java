package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.SalesDelta;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The per-period pre-aggregates the views read ({@code period_totals}, {@code period_products},
 * {@code period_minutes}): a batch's delta, summed in memory, is added with one upsert per table.
 */
final class PeriodAggregates {

    private PeriodAggregates() {}

    static void add(Connection connection, ModelTables tables, SalesDelta delta) throws SQLException {
        addTotals(connection, tables, nonZero(delta.totals(), SalesDelta.Totals::isZero));
        addProducts(connection, tables, nonZero(delta.products(), SalesDelta.ProductFigures::isZero));
        addMinutes(connection, tables, nonZero(delta.minutes(), SalesDelta.MinuteFigures::isZero));
    }

    private static <K, V> List<Map.Entry<K, V>> nonZero(Map<K, V> figures, Predicate<V> isZero) {
        return figures.entrySet().stream()
                .filter(e -> !isZero.test(e.getValue()))
                .toList();
    }

    private static void addTotals(
            Connection connection, ModelTables tables, List<Map.Entry<Long, SalesDelta.Totals>> totals)
            throws SQLException {
        if (totals.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO " + tables.periodTotals()
                        + " AS t (period_start, orders, licences, revenue_cents) SELECT * FROM unnest(?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[]) "
                        + "ON CONFLICT (period_start) DO UPDATE SET orders = t.orders + EXCLUDED.orders, "
                        + "licences = t.licences + EXCLUDED.licences, revenue_cents = t.revenue_cents + EXCLUDED.revenue_cents")) {
            UnnestColumns.of(connection, totals)
                    .bigint(e -> e.getKey())
                    .bigint(e -> e.getValue().orders())
                    .bigint(e -> e.getValue().licences())
                    .bigint(e -> e.getValue().revenueCents())
                    .bindTo(upsert);
            upsert.executeUpdate();
        }
    }

    private static void addProducts(
            Connection connection,
            ModelTables tables,
            List<Map.Entry<SalesDelta.ProductKey, SalesDelta.ProductFigures>> products)
            throws SQLException {
        if (products.isEmpty()) {
            return;
        }
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
            UnnestColumns.of(connection, products)
                    .bigint(e -> e.getKey().periodStart())
                    .text(e -> e.getKey().sku())
                    .text(e -> e.getValue().name())
                    .bigint(e -> e.getValue().orders())
                    .bigint(e -> e.getValue().licences())
                    .bigint(e -> e.getValue().revenueCents())
                    .bigint(e -> e.getValue().seatsIssued())
                    .bigint(e -> e.getValue().seatsRevoked())
                    .bindTo(upsert);
            upsert.executeUpdate();
        }
    }

    private static void addMinutes(
            Connection connection,
            ModelTables tables,
            List<Map.Entry<SalesDelta.MinuteKey, SalesDelta.MinuteFigures>> minutes)
            throws SQLException {
        if (minutes.isEmpty()) {
            return;
        }
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + tables.periodMinutes()
                + " AS m (period_start, minute, orders, revenue_cents) "
                + "SELECT u.period_start, u.minute::timestamptz, u.orders, u.revenue_cents "
                + "FROM unnest(?::bigint[], ?::text[], ?::bigint[], ?::bigint[]) AS u(period_start, minute, orders, revenue_cents) "
                + "ON CONFLICT (period_start, minute) DO UPDATE SET orders = m.orders + EXCLUDED.orders, "
                + "revenue_cents = m.revenue_cents + EXCLUDED.revenue_cents")) {
            UnnestColumns.of(connection, minutes)
                    .bigint(e -> e.getKey().periodStart())
                    .text(e -> e.getKey().minute().toString())
                    .bigint(e -> e.getValue().orders())
                    .bigint(e -> e.getValue().revenueCents())
                    .bindTo(upsert);
            upsert.executeUpdate();
        }
    }
}
