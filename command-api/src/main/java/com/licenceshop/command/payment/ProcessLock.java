package com.licenceshop.command.payment;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;

/**
 * The lock every payment step takes first, the order's process row, for the order's own cancel: taken in the same
 * order (process, then order), the two cannot deadlock, and a payment cannot land between the cancel's check and
 * its commit.
 */
public final class ProcessLock {

    private ProcessLock() {}

    /** Locks the order's payment process, if it has one, and returns its status. */
    public static Optional<PaymentStatus> lock(Connection tx, UUID orderId) throws SQLException {
        try (PreparedStatement row =
                tx.prepareStatement("SELECT status FROM commands.payment_processes WHERE order_id = ? FOR UPDATE")) {
            row.setObject(1, orderId);
            try (ResultSet found = row.executeQuery()) {
                return found.next() ? Optional.of(PaymentStatus.valueOf(found.getString(1))) : Optional.empty();
            }
        }
    }
}
