package com.licenceshop.projector.readmodel;

import com.licenceshop.projector.projection.OrderChange;
import com.licenceshop.projector.projection.PaymentChange;
import com.licenceshop.projector.projection.SalesChange;
import com.licenceshop.servicedefaults.UnnestColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The {@code order_payments} rows (ADR 13): one per order that must be paid first. A batch's changes are merged per
 * order in memory and upserted with the same commutative, idempotent merge in SQL (maximum of amounts and attempts,
 * or of flags, first method and invoice number), in order id order, so concurrent batches lock rows in one order and
 * a repeated or late event changes nothing it should not.
 */
final class Payments {

    private static final String COLUMNS = "order_id, method, due_cents, received_cents, paid_cents, refunded_cents, "
            + "requested_attempt, failed_attempt, keys_issued, expired, refund_requested, invoice_number";

    private Payments() {}

    static void apply(Connection connection, ModelTables tables, List<SalesChange> applied) throws SQLException {
        Map<UUID, PaymentChange> byOrder = new TreeMap<>();
        for (SalesChange change : applied) {
            PaymentChange payment = change instanceof PaymentChange p
                    ? p
                    : change instanceof OrderChange order && order.paymentMethod() != null ? started(order) : null;
            if (payment != null) {
                byOrder.merge(payment.orderId(), payment, PaymentChange::merge);
            }
        }
        if (byOrder.isEmpty()) {
            return;
        }
        List<PaymentChange> rows = List.copyOf(byOrder.values());
        String table = tables.table("order_payments");
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + " AS t (" + COLUMNS + ") "
                + "SELECT * FROM unnest(?::uuid[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[], ?::bigint[], "
                + "?::int[], ?::int[], ?::boolean[], ?::boolean[], ?::boolean[], ?::text[]) "
                + "ON CONFLICT (order_id) DO UPDATE SET "
                + "method = COALESCE(t.method, EXCLUDED.method), "
                + "due_cents = GREATEST(t.due_cents, EXCLUDED.due_cents), "
                + "received_cents = GREATEST(t.received_cents, EXCLUDED.received_cents), "
                + "paid_cents = GREATEST(t.paid_cents, EXCLUDED.paid_cents), "
                + "refunded_cents = GREATEST(t.refunded_cents, EXCLUDED.refunded_cents), "
                + "requested_attempt = GREATEST(t.requested_attempt, EXCLUDED.requested_attempt), "
                + "failed_attempt = GREATEST(t.failed_attempt, EXCLUDED.failed_attempt), "
                + "keys_issued = t.keys_issued OR EXCLUDED.keys_issued, "
                + "expired = t.expired OR EXCLUDED.expired, "
                + "refund_requested = t.refund_requested OR EXCLUDED.refund_requested, "
                + "invoice_number = COALESCE(t.invoice_number, EXCLUDED.invoice_number)")) {
            UnnestColumns.of(connection, rows)
                    .uuid(PaymentChange::orderId)
                    .text(PaymentChange::method)
                    .bigint(PaymentChange::dueCents)
                    .bigint(PaymentChange::receivedCents)
                    .bigint(PaymentChange::paidCents)
                    .bigint(PaymentChange::refundedCents)
                    .integer(PaymentChange::requestedAttempt)
                    .integer(PaymentChange::failedAttempt)
                    .bool(PaymentChange::keysIssued)
                    .bool(PaymentChange::expired)
                    .bool(PaymentChange::refundRequested)
                    .text(PaymentChange::invoiceNumber)
                    .bindTo(upsert);
            upsert.executeUpdate();
        }
    }

    /** An OrderPlaced v3: the payment waits, for the net total until a checkout or an invoice names the gross. */
    private static PaymentChange started(OrderChange placed) {
        return new PaymentChange(
                placed.eventId(),
                placed.sequence(),
                placed.occurredAt(),
                placed.order().orderId(),
                placed.paymentMethod(),
                placed.order().totalCents(),
                0,
                0,
                0,
                0,
                0,
                false,
                false,
                false,
                null,
                Map.of());
    }
}
