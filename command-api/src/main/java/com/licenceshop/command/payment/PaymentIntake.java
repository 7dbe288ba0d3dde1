package com.licenceshop.command.payment;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Where an order's payment process starts (ADR 13): in the order intake's batch transaction, one
 * {@code payment_processes} row per order ({@code PLACED}) and its first deadline — a card order's
 * {@code PAYMENT_DUE}; an invoice order's {@code ISSUE_INVOICE}, due at once, so the invoice gets its gapless number in
 * a short transaction of its own (never in the batch, which would serialise every batch on the year's counter).
 */
@Singleton
public class PaymentIntake {

    /** {@code keysBeforePayment}: an invoice order whose licences all allow it (the catalog at placement). */
    public record Started(
            UUID orderId,
            String method,
            @Nullable String company,
            @Nullable String billingAddress,
            boolean keysBeforePayment) {}

    private final PaymentConfig config;

    PaymentIntake(PaymentConfig config) {
        this.config = config;
    }

    /** Whether orders wait for their payment (shop.payment.required); off, keys are issued at placement. */
    public boolean required() {
        return config.required();
    }

    public void start(Connection tx, List<Started> orders, Instant now) throws SQLException {
        if (orders.isEmpty()) {
            return;
        }
        try (PreparedStatement process = tx.prepareStatement("""
                INSERT INTO commands.payment_processes (order_id, method, status, version, company, billing_address, updated_at,
                    keys_before_payment)
                VALUES (?, ?, 'PLACED', 0, ?, ?, ?, ?)""");
                PreparedStatement deadline = tx.prepareStatement(
                        "INSERT INTO commands.payment_deadlines (order_id, kind, due_at) VALUES (?, ?, ?)")) {
            Timestamp at = Timestamp.from(now);
            for (Started order : orders) {
                process.setObject(1, order.orderId());
                process.setString(2, order.method());
                process.setString(3, order.company());
                process.setString(4, order.billingAddress());
                process.setTimestamp(5, at);
                process.setBoolean(6, order.keysBeforePayment());
                process.addBatch();
                boolean card = PaymentMethod.CARD.name().equals(order.method());
                deadline.setObject(1, order.orderId());
                deadline.setString(2, (card ? DeadlineKind.PAYMENT_DUE : DeadlineKind.ISSUE_INVOICE).name());
                deadline.setTimestamp(3, card ? Timestamp.from(now.plus(config.paymentWindow())) : at);
                deadline.addBatch();
            }
            process.executeBatch();
            deadline.executeBatch();
        }
    }
}
