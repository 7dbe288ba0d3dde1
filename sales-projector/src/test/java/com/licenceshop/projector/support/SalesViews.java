package com.licenceshop.projector.support;

import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the relations the web UI reads (docs/contracts.md), as a test sees them. */
public final class SalesViews {

    public record Summary(
            long periodStartSequence, long orders, long licences, long revenueCents, String currency, long position) {}

    /** Everything the web UI can see, comparable between two databases. */
    public record Snapshot(
            Summary summary,
            List<String> products,
            List<String> seats,
            List<String> minutes,
            List<String> orders,
            List<String> allPeriods,
            String payments) {}

    private final TestServers.Database database;

    public SalesViews(TestServers.Database database) {
        this.database = database;
    }

    public Summary summary() {
        try (Connection c = database.connect();
                ResultSet row = c.createStatement()
                        .executeQuery(
                                "SELECT period_start_sequence, orders, licences, revenue_cents, currency, position FROM sales.current_summary")) {
            if (!row.next()) {
                throw new AssertionError("sales.current_summary has no row");
            }
            Summary summary = new Summary(
                    row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getString(5), row.getLong(6));
            if (row.next()) {
                throw new AssertionError("sales.current_summary has more than one row");
            }
            return summary;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public List<String> products() {
        return rows(
                "SELECT sku || ' ' || name || ' orders=' || orders || ' licences=' || licences || ' revenue=' || revenue_cents "
                        + "FROM sales.current_product_summary ORDER BY sku");
    }

    /** Seats of the licence keys per licence, current period. */
    public List<String> seats() {
        return rows("SELECT sku || ' issued=' || seats_issued || ' revoked=' || seats_revoked "
                + "FROM sales.current_product_summary ORDER BY sku");
    }

    public List<String> minutes() {
        return rows(
                "SELECT to_char(minute AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') || ' orders=' || orders || ' revenue=' || revenue_cents "
                        + "FROM sales.current_minute_summary ORDER BY minute");
    }

    public List<String> orderStatuses() {
        return rows(
                "SELECT order_id || ' ' || status || ' ' || coalesce(payment_status, '-') FROM sales.order_status ORDER BY order_id");
    }

    /** The payment figures of the current period (ADR 13): booked, paid, outstanding, refunded, overpaid, awaiting. */
    public String payments() {
        return rows("SELECT 'booked=' || booked_cents || ' paid=' || paid_cents || ' outstanding=' || outstanding_cents "
                        + "|| ' refunded=' || refunded_cents || ' overpaid=' || overpaid_cents || ' awaiting=' || orders_awaiting_payment "
                        + "FROM sales.current_payment_summary")
                .get(0);
    }

    public String paymentStatusOf(java.util.UUID orderId) {
        List<String> rows = rows(
                "SELECT coalesce(payment_status, 'none') FROM sales.order_status WHERE order_id = '" + orderId + "'");
        return rows.isEmpty() ? null : rows.get(0);
    }

    public String statusOf(java.util.UUID orderId) {
        List<String> rows = rows("SELECT status FROM sales.order_status WHERE order_id = '" + orderId + "'");
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Waits until the inbox holds {@code size} events: everything published before them has been applied. */
    public void awaitInboxSize(long size) {
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(20))
                .until(() -> inboxSize() == size);
    }

    public long inboxSize() {
        return Long.parseLong(rows("SELECT count(*) FROM sales.inbox").get(0));
    }

    /** All periods' totals: what the model has counted, whichever period is current. */
    public List<String> periodTotals() {
        return rows(
                "SELECT period_start || ' orders=' || orders || ' licences=' || licences || ' revenue=' || revenue_cents "
                        + "FROM sales.period_totals WHERE orders <> 0 OR licences <> 0 OR revenue_cents <> 0 ORDER BY period_start");
    }

    /** Tables of the live model with storage options set (a rebuild turns autovacuum off while it loads). */
    public List<String> liveTablesWithOptions() {
        return rows("SELECT c.relname || ' ' || array_to_string(c.reloptions, ',') FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'sales' AND c.relkind = 'r' "
                + "AND c.reloptions IS NOT NULL ORDER BY c.relname");
    }

    public Snapshot snapshot() {
        return new Snapshot(summary(), products(), seats(), minutes(), orderStatuses(), periodTotals(), payments());
    }

    private List<String> rows(String sql) {
        try (Connection c = database.connect();
                ResultSet rows = c.createStatement().executeQuery(sql)) {
            List<String> result = new ArrayList<>();
            while (rows.next()) {
                result.add(rows.getString(1));
            }
            return result;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
