package com.licenceshop.web.support;

import com.licenceshop.testsupport.TestServers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database holding the relations of docs/contracts.md that the web UI reads
 * ({@code src/test/resources/contract/*.sql}), and ways to write what the projector and notifier would.
 */
public final class ContractDatabase {

    private final TestServers.Database database;

    private ContractDatabase(TestServers.Database database) {
        this.database = database;
    }

    public static ContractDatabase create() {
        var contract = new ContractDatabase(TestServers.freshDatabase());
        contract.run(resource("/contract/sales.sql"));
        contract.run(resource("/contract/notifications.sql"));
        return contract;
    }

    public Map<String, String> micronautProperties() {
        return database.micronautProperties();
    }

    public void summary(
            long orders, long licences, long revenueCents, long position, Instant lastEventAt, Instant updatedAt) {
        run("DELETE FROM sales.current_summary");
        update(
                "INSERT INTO sales.current_summary (period_start_sequence, period_started_at, orders, licences, "
                        + "revenue_cents, currency, position, last_event_at, updated_at) VALUES (0, NULL, ?, ?, ?, 'EUR', ?, ?, ?)",
                orders,
                licences,
                revenueCents,
                position,
                ts(lastEventAt),
                ts(updatedAt));
    }

    public void licence(String sku, String name, long orders, long licences, long revenueCents) {
        licence(sku, name, orders, licences, revenueCents, 0, 0);
    }

    public void licence(
            String sku,
            String name,
            long orders,
            long licences,
            long revenueCents,
            long seatsIssued,
            long seatsRevoked) {
        update("DELETE FROM sales.current_product_summary WHERE sku = ?", sku);
        update(
                "INSERT INTO sales.current_product_summary (sku, name, orders, licences, revenue_cents, seats_issued, "
                        + "seats_revoked) VALUES (?, ?, ?, ?, ?, ?, ?)",
                sku,
                name,
                orders,
                licences,
                revenueCents,
                seatsIssued,
                seatsRevoked);
    }

    /** The one row of the payment figures (ADR 13). */
    public void payments(long booked, long paid, long outstanding, long refunded, long overpaid, long awaiting) {
        run("DELETE FROM sales.current_payment_summary");
        update(
                "INSERT INTO sales.current_payment_summary VALUES (?, ?, ?, ?, ?, ?)",
                booked,
                paid,
                outstanding,
                refunded,
                overpaid,
                awaiting);
    }

    public void minute(Instant minute, long orders, long revenueCents) {
        update(
                "INSERT INTO sales.current_minute_summary (minute, orders, revenue_cents) VALUES (?, ?, ?)",
                ts(minute),
                orders,
                revenueCents);
    }

    public void counted(UUID orderId, String status, Instant countedAt) {
        update("DELETE FROM sales.order_status WHERE order_id = ?", orderId);
        update(
                "INSERT INTO sales.order_status (order_id, status, counted_at) VALUES (?, ?, ?)",
                orderId,
                status,
                ts(countedAt));
    }

    public void mail(UUID orderId, String kind, String status, Instant at) {
        update(
                "INSERT INTO notifications.order_mails (order_id, kind, status, attempts, last_error, sent_at, created_at) "
                        + "VALUES (?, ?, ?, 1, NULL, ?, ?)",
                orderId,
                kind,
                status,
                "SENT".equals(status) ? ts(at) : null,
                ts(at));
    }

    /** {@code NOTIFY channel, 'payload'}: delivered to listeners when this statement's transaction commits. */
    public void notify(String channel, String payload) {
        update("SELECT pg_notify(?, ?)", channel, payload);
    }

    public void run(String sql) {
        try (Connection connection = database.connect();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public void update(String sql, Object... parameters) {
        try (Connection connection = database.connect();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static String resource(String path) {
        try (InputStream in = ContractDatabase.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
