package com.licenceshop.command.order;

import com.licenceshop.command.licence.Revocations;
import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.command.payment.OrderCancellation;
import com.licenceshop.command.payment.PaymentStatus;
import com.licenceshop.command.payment.ProcessLock;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.OrderCancelled;
import com.licenceshop.servicedefaults.LogContext;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels an order: the status change, the {@code OrderCancelled} event and, if it has licence keys, their
 * revocation ({@code LicenceRevoked} and the revocation row) in one transaction. The order row
 * is locked first, so of two concurrent cancels one records the event and the other sees it cancelled.
 */
@Singleton
class CancellingOrders implements OrderCancellation {

    private static final Logger LOG = LoggerFactory.getLogger(CancellingOrders.class);

    private final TransactionOperations<Connection> transactions;
    private final OrderStore orders;
    private final EventStore events;
    private final Revocations revocations;
    private final Clock clock;

    CancellingOrders(
            TransactionOperations<Connection> transactions,
            OrderStore orders,
            EventStore events,
            Revocations revocations,
            Clock clock) {
        this.revocations = revocations;
        this.transactions = transactions;
        this.orders = orders;
        this.events = events;
        this.clock = clock;
    }

    /** What the buyer's (or ops') cancel did. */
    enum Outcome {
        CANCELLED,
        /** no such order, or {@code allowed} refused it: not told apart */
        NOT_FOUND,
        /** paid or being refunded: a paid order is refunded by sales staff, never cancelled without its money */
        PAID
    }

    Outcome cancel(UUID orderId, Predicate<StoredOrder> allowed, String correlationId) {
        return transactions.executeWrite(status -> {
            try (var log = LogContext.with("orderId", orderId)) {
                Connection tx = status.getConnection();
                Optional<PaymentStatus> payment = ProcessLock.lock(tx, orderId);
                Optional<StoredOrder> found = orders.find(tx, orderId, true).filter(allowed);
                if (found.isEmpty()) {
                    return Outcome.NOT_FOUND;
                }
                if (payment.filter(CancellingOrders::paid).isPresent()) {
                    LOG.info("order is {}: not cancelled", payment.get());
                    return Outcome.PAID;
                }
                cancel(tx, found.get(), correlationId);
                return Outcome.CANCELLED;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot cancel the order", e);
            }
        });
    }

    private static boolean paid(PaymentStatus status) {
        return status == PaymentStatus.PAID || status == PaymentStatus.KEYS_ISSUED || status == PaymentStatus.REFUNDING;
    }

    /**
     * The payment process's cancel (an unpaid order expired, ADR 13), inside its transaction: the same events as
     * the buyer's cancel; an order cancelled before stays as it is.
     */
    @Override
    public void cancelUnpaid(Connection connection, UUID orderId, String correlationId) throws SQLException {
        Optional<StoredOrder> found = orders.find(connection, orderId, true);
        if (found.isPresent()) {
            cancel(connection, found.get(), correlationId);
        }
    }

    /** Records the cancel of an order read and locked in this transaction; one cancelled before stays as it is. */
    private void cancel(Connection connection, StoredOrder order, String correlationId) throws SQLException {
        if (order.isCancelled()) {
            LOG.info("order already cancelled; nothing to record");
            return;
        }
        UUID orderId = order.id();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        OrderCancelled cancelled = events.append(
                connection,
                orderId.toString(),
                correlationId,
                (eventId, sequence) -> new OrderCancelled(
                        eventId,
                        sequence,
                        now,
                        orderId,
                        order.placedSequence(),
                        order.placedAt(),
                        order.customerEmail(),
                        order.currency(),
                        order.lines(),
                        order.totalCents()));
        orders.markCancelled(connection, orderId, now, cancelled.sequence());
        if (!order.licences().isEmpty()) {
            LicenceRevoked revoked = events.append(
                    connection,
                    orderId.toString(),
                    correlationId,
                    (eventId, sequence) ->
                            new LicenceRevoked(eventId, sequence, now, orderId, "order cancelled", order.licences()));
            revocations.record(connection, revoked);
        }
        try (var log = LogContext.with("eventId", cancelled.eventId())) {
            LOG.info("order cancelled, sequence {}", cancelled.sequence());
        }
    }
}
