package com.licenceshop.command.payment;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires due payment deadlines (ADR 13) on every instance: claimed with {@code FOR UPDATE SKIP LOCKED} and marked fired
 * in the transaction that decides them, so each fires once across instances. A card order's session is asked about
 * first, so a lost webhook completes the order instead of letting it expire.
 */
@Context
@Requires(property = "shop.payment.deadlines-enabled", notEquals = "false")
class DeadlineScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadlineScheduler.class);
    private static final int BATCH = 50;

    private final PaymentProcesses processes;
    private final TransactionOperations<Connection> transactions;
    private final ScheduledExecutorService timer;

    DeadlineScheduler(
            PaymentProcesses processes, TransactionOperations<Connection> transactions, PaymentConfig config) {
        this.processes = processes;
        this.transactions = transactions;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "payment-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        long poll = config.deadlinePoll().toMillis();
        timer.scheduleWithFixedDelay(this::pollSafely, poll, poll, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException e) {
            // the database away, say: the next poll tries again; nothing was marked fired
            LOG.warn("payment deadlines not fired this time: {}", e.toString());
        }
    }

    /** One poll: reconcile the card payments about to expire, then fire what is due. @return deadlines fired */
    int poll() {
        Instant now = processes.now();
        reconcileBeforeExpiry(now);
        int fired = 0;
        int batch;
        do {
            batch = fireDue(now);
            fired += batch;
        } while (batch == BATCH);
        return fired;
    }

    private void reconcileBeforeExpiry(Instant now) {
        if (processes.provider().isEmpty()) {
            return;
        }
        for (Pending pending : pendingCardPaymentsDue(now)) {
            try {
                Trigger found = processes.provider().get().retrieve(pending.sessionId());
                if (found instanceof Trigger.CardPaid) {
                    LOG.info(
                            "order {}: paid at the provider, no webhook heard; applying it before the payment deadline",
                            pending.orderId());
                    processes.applyNow(
                            pending.orderId(), found, PaymentProcesses.Context.of("deadline-" + UUID.randomUUID()));
                }
            } catch (CardProvider.Unavailable e) {
                LOG.warn(
                        "order {}: cannot reconcile before the payment deadline: {}",
                        pending.orderId(),
                        e.getMessage());
            }
        }
    }

    private record Pending(UUID orderId, String sessionId) {}

    private List<Pending> pendingCardPaymentsDue(Instant now) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT d.order_id, p.session_id FROM commands.payment_deadlines d
                    JOIN commands.payment_processes p ON p.order_id = d.order_id
                    WHERE d.kind = 'PAYMENT_DUE' AND d.fired_at IS NULL AND d.cancelled_at IS NULL AND d.due_at <= ?
                      AND p.status = 'AWAITING_PAYMENT' AND p.session_id IS NOT NULL
                    LIMIT ?""")) {
                query.setTimestamp(1, Timestamp.from(now));
                query.setInt(2, BATCH);
                List<Pending> pending = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        pending.add(new Pending(rows.getObject(1, UUID.class), rows.getString(2)));
                    }
                }
                return pending;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the pending card payments", e);
            }
        });
    }

    /** One transaction: claim up to a batch, decide each, mark each fired, commit; then the provider calls. */
    int fireDue(Instant now) {
        record Done(UUID orderId, PaymentProcesses.Applied applied) {}
        String correlationId = "deadline-" + UUID.randomUUID();
        PaymentProcesses.Context context = PaymentProcesses.Context.of(correlationId);
        List<Done> done = new ArrayList<>();
        int claimed = transactions.executeWrite(status -> {
            Connection tx = status.getConnection();
            try {
                List<DeadlineClaims.Due> due = DeadlineClaims.claimDue(tx, now, BATCH);
                for (DeadlineClaims.Due deadline : due) {
                    Savepoint savepoint = tx.setSavepoint();
                    try {
                        var applied = processes.apply(
                                tx, deadline.orderId(), new Trigger.DeadlineReached(deadline.kind()), context);
                        DeadlineClaims.fired(tx, deadline.id(), now);
                        tx.releaseSavepoint(savepoint);
                        applied.ifPresent(a -> done.add(new Done(deadline.orderId(), a)));
                    } catch (SQLException | RuntimeException e) {
                        // this one stays due and is tried again next poll; the others of the batch go on
                        tx.rollback(savepoint);
                        LOG.error(
                                "deadline {} {} of order {} failed, stays due",
                                deadline.id(),
                                deadline.kind(),
                                deadline.orderId(),
                                e);
                    }
                }
                return due.size();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot fire the payment deadlines", e);
            }
        });
        for (Done d : done) {
            processes.afterCommit(d.orderId(), d.applied().afterCommit(), context);
        }
        return claimed;
    }
}
