package com.licenceshop.command.payment;

import com.licenceshop.command.licence.LicenceIssuer;
import com.licenceshop.command.licence.Revocations;
import com.licenceshop.command.outbox.EventStore;
import com.licenceshop.events.EventCodec;
import com.licenceshop.events.InvoiceIssued;
import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.LicenceRevoked;
import com.licenceshop.events.LicencesIssued;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.OrderRefunded;
import com.licenceshop.events.PaymentExpired;
import com.licenceshop.events.PaymentFailed;
import com.licenceshop.events.PaymentReminded;
import com.licenceshop.events.PaymentRequested;
import com.licenceshop.events.PaymentSucceeded;
import com.licenceshop.events.RefundRequested;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.TransferRecorded;
import com.licenceshop.servicedefaults.UnnestColumns;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The payment process's store (ADR 13): every transition locks the order's {@code payment_processes} row, folds the
 * order's events into its {@link PaymentState}, lets the pure {@link PaymentProcess} decide, appends the decided
 * events through the {@link EventStore} (the outbox) and runs the decision's effects — all in the caller's
 * transaction. The provider calls among the effects run only after the commit ({@link #afterCommit}); each of them
 * comes back as one more trigger, in a transaction of its own.
 */
@Singleton
public class PaymentProcesses {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentProcesses.class);

    /** The event types the process folds; the others of the order (OrderCancelled, LicenceRevoked) are not its own. */
    static final String[] TYPES = {
        "OrderPlaced",
        "PaymentRequested",
        "InvoiceIssued",
        "PaymentFailed",
        "TransferRecorded",
        "PaymentSucceeded",
        "LicencesIssued",
        "PaymentReminded",
        "PaymentExpired",
        "RefundRequested",
        "OrderRefunded"
    };

    static final String BEFORE_DUE = "BEFORE_DUE";
    static final String OVERDUE = "OVERDUE";

    /** An order's process as loaded: the fold, and what the published events need besides. */
    record Loaded(
            PaymentState state,
            OrderPlaced placed,
            List<LicenceKey> keys,
            Set<Integer> failedAttempts,
            @Nullable String company,
            @Nullable String billingAddress,
            @Nullable String checkoutUrl,
            @Nullable String lastFailure) {

        boolean latestAttemptFailed() {
            return failedAttempts.contains(state.attempt());
        }
    }

    /** Who or what asks, for the events' correlation and {@code recordedBy}; the hosted page of a new checkout. */
    record Context(
            String correlationId,
            @Nullable String actor,
            @Nullable String checkoutUrl) {
        static Context of(String correlationId) {
            return new Context(correlationId, null, null);
        }
    }

    /** What a trigger did: the decision, and the provider calls to make once the transaction committed. */
    record Applied(Decision decision, PaymentState state, List<Effect> afterCommit) {}

    private final PaymentProcess process;
    private final PaymentPolicy policy;
    private final EventStore events;
    private final EventCodec codec;
    private final LicenceIssuer licences;
    private final Revocations revocations;
    private final OrderCancellation cancelling;
    private final TransactionOperations<Connection> transactions;
    private final Optional<CardProvider> provider;
    private final Clock clock;

    PaymentProcesses(
            PaymentProcess process,
            PaymentPolicy policy,
            EventStore events,
            EventCodec codec,
            LicenceIssuer licences,
            Revocations revocations,
            OrderCancellation cancelling,
            TransactionOperations<Connection> transactions,
            Optional<CardProvider> provider,
            Clock clock) {
        this.process = process;
        this.policy = policy;
        this.events = events;
        this.codec = codec;
        this.licences = licences;
        this.revocations = revocations;
        this.cancelling = cancelling;
        this.transactions = transactions;
        this.provider = provider;
        this.clock = clock;
    }

    PaymentProcess process() {
        return process;
    }

    Optional<CardProvider> provider() {
        return provider;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The order's process now, without a lock (a view; decisions load it again under the lock). */
    Optional<Loaded> find(UUID orderId) {
        return transactions.executeRead(status -> {
            try {
                return load(status.getConnection(), orderId, false);
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the payment process", e);
            }
        });
    }

    /** Applies {@code trigger} in a transaction of its own, then the provider calls. Empty: no process for that order. */
    Optional<Applied> applyNow(UUID orderId, Trigger trigger, Context context) {
        Optional<Applied> applied = transactions.executeWrite(status -> {
            try {
                return apply(status.getConnection(), orderId, trigger, context);
            } catch (SQLException e) {
                throw new IllegalStateException(
                        "cannot apply " + trigger.getClass().getSimpleName(), e);
            }
        });
        applied.ifPresent(a -> afterCommit(orderId, a.afterCommit(), context));
        return applied;
    }

    /**
     * Inside the caller's transaction: lock, fold, decide, append, run the in-transaction effects. The caller commits
     * and then runs {@link Applied#afterCommit()} through {@link #afterCommit}.
     */
    Optional<Applied> apply(Connection tx, UUID orderId, Trigger trigger, Context context) throws SQLException {
        Optional<Loaded> found = load(tx, orderId, true);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Loaded loaded = found.get();
        Instant now = now();
        Trigger effective = trigger;
        if (trigger instanceof Trigger.DeadlineReached d && d.kind() == DeadlineKind.ISSUE_INVOICE) {
            if (loaded.state().method() != PaymentMethod.INVOICE
                    || loaded.state().status() != PaymentStatus.PLACED) {
                return Optional.of(new Applied(Decision.none(), loaded.state(), List.of()));
            }
            effective = new Trigger.InvoiceCreated(issueInvoice(tx, loaded, now));
        }
        if (effective instanceof Trigger.CardPaid paid
                && !loaded.state().status().paid()
                && orderCancelled(tx, orderId)) {
            return Optional.of(refundPaidAfterCancel(loaded, paid, orderId));
        }
        Decision decision = process.decide(loaded.state(), effective, now);
        Appended appended = appendEvents(tx, loaded, decision, context, orderId);
        List<Effect> afterCommit = runEffects(tx, orderId, decision.effects(), appended.keys(), context, now);
        if (!decision.events().isEmpty()) {
            updateRow(tx, orderId, appended, context, now);
        }
        log(orderId, trigger, decision, appended.state());
        return Optional.of(new Applied(decision, appended.state(), afterCommit));
    }

    /** The fold after the decision's events, the order's keys and the newest checkout session among them. */
    private record Appended(
            PaymentState state,
            List<LicenceKey> keys,
            @Nullable String sessionId) {}

    /** The buyer cancelled the order, then paid on a checkout still open: no keys for a cancelled order, money back. */
    private static Applied refundPaidAfterCancel(Loaded loaded, Trigger.CardPaid paid, UUID orderId) {
        LOG.warn("order {}: paid after it was cancelled; refunding {}", orderId, paid.paymentIntentId());
        return new Applied(
                Decision.none(),
                loaded.state(),
                List.of(new Effect.RefundAtProvider(
                        paid.paymentIntentId(), paid.amountCents(), "refund-cancelled-" + paid.paymentIntentId())));
    }

    /** Appends each event of the decision as its published event, folding it into the state. */
    private Appended appendEvents(Connection tx, Loaded loaded, Decision decision, Context context, UUID orderId)
            throws SQLException {
        PaymentState state = loaded.state();
        List<LicenceKey> keys = loaded.keys();
        String sessionId = null;
        List<EventStore.EventFactory<ShopEvent>> factories = new ArrayList<>();
        for (PaymentEvent event : decision.events()) {
            PaymentState before = state;
            state = state.apply(event);
            factories.add(published(loaded, before, state, event, context, orderId));
            if (event instanceof PaymentEvent.CheckoutRequested r) {
                sessionId = r.sessionId();
            }
        }
        // one append for the step's events: PaymentSucceeded and LicencesIssued share their round trips
        for (ShopEvent appended : events.appendAll(tx, orderId.toString(), context.correlationId(), factories)) {
            if (appended instanceof LicencesIssued issued) {
                keys = issued.licences();
            }
        }
        return new Appended(state, keys, sessionId);
    }

    /** Runs the effects that belong in the transaction; returns the provider calls, made after the commit. */
    private List<Effect> runEffects(
            Connection tx, UUID orderId, List<Effect> effects, List<LicenceKey> keys, Context context, Instant now)
            throws SQLException {
        List<Effect> afterCommit = new ArrayList<>();
        for (Effect effect : effects) {
            if (effect instanceof Effect.ScheduleDeadline s) {
                DeadlineClaims.scheduleOnce(tx, orderId, s.kind(), s.dueAt());
            } else if (effect instanceof Effect.CancelDeadlines) {
                DeadlineClaims.cancelAll(tx, orderId, now);
            } else if (effect instanceof Effect.CancelOrder) {
                cancelling.cancelUnpaid(tx, orderId, context.correlationId());
            } else if (effect instanceof Effect.RevokeLicences r && !keys.isEmpty()) {
                LicenceRevoked revoked = events.append(
                        tx,
                        orderId.toString(),
                        context.correlationId(),
                        (id, sequence) -> new LicenceRevoked(id, sequence, now, orderId, r.reason(), keys));
                revocations.record(tx, revoked);
            } else if (effect instanceof Effect.ReconcileWithProvider
                    || effect instanceof Effect.RefundAtProvider
                    || effect instanceof Effect.ExpireCheckoutAtProvider) {
                afterCommit.add(effect);
            }
            // SignLicenceKeys: the keys were signed with the LicencesIssued event above
        }
        return afterCommit;
    }

    /** The row's cache of the fold: status, version and the newest checkout. */
    private static void updateRow(Connection tx, UUID orderId, Appended appended, Context context, Instant now)
            throws SQLException {
        String sessionId = appended.sessionId();
        try (PreparedStatement update = tx.prepareStatement("""
                UPDATE commands.payment_processes SET status = ?, version = version + 1,
                    session_id = COALESCE(?, session_id), checkout_url = COALESCE(?, checkout_url), updated_at = ?
                WHERE order_id = ?""")) {
            update.setString(1, appended.state().status().name());
            update.setString(2, sessionId);
            update.setString(3, sessionId == null ? null : context.checkoutUrl());
            update.setTimestamp(4, Timestamp.from(now));
            update.setObject(5, orderId);
            update.executeUpdate();
        }
    }

    private static void log(UUID orderId, Trigger trigger, Decision decision, PaymentState state) {
        if (decision.refusal() != null) {
            LOG.info(
                    "payment of order {}: {} refused ({})",
                    orderId,
                    trigger.getClass().getSimpleName(),
                    decision.refusal());
        } else if (!decision.events().isEmpty()) {
            LOG.info(
                    "payment of order {}: {} -> {} ({} event(s))",
                    orderId,
                    trigger.getClass().getSimpleName(),
                    state.status(),
                    decision.events().size());
        }
    }

    /** The provider calls of a committed decision; what each finds is applied as one more trigger. */
    void afterCommit(UUID orderId, List<Effect> effects, Context context) {
        for (Effect effect : effects) {
            if (provider.isEmpty()) {
                LOG.warn("order {}: no card provider configured, {} not done", orderId, effect);
                continue;
            }
            CardProvider card = provider.get();
            try {
                if (effect instanceof Effect.ReconcileWithProvider r) {
                    applyNow(orderId, card.retrieve(r.sessionId()), context);
                } else if (effect instanceof Effect.RefundAtProvider r) {
                    String refundId = card.refund(orderId, r.paymentIntentId(), r.amountCents(), r.idempotencyKey());
                    applyNow(orderId, new Trigger.RefundConfirmed(refundId, r.amountCents()), context);
                } else if (effect instanceof Effect.ExpireCheckoutAtProvider e) {
                    card.expire(e.sessionId());
                }
            } catch (CardProvider.Unavailable e) {
                // a deadline asks again: RECONCILE (below), REFUND_RETRY, PAYMENT_DUE
                LOG.warn("order {}: {}", orderId, e.getMessage());
                if (effect instanceof Effect.ReconcileWithProvider r) {
                    applyNow(orderId, new Trigger.CheckoutStillOpen(r.sessionId()), context);
                }
            }
        }
    }

    private static boolean orderCancelled(Connection tx, UUID orderId) throws SQLException {
        try (PreparedStatement query = tx.prepareStatement("SELECT status FROM commands.orders WHERE id = ?")) {
            query.setObject(1, orderId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() && "CANCELLED".equals(row.getString(1));
            }
        }
    }

    /** The invoice's gapless number from the year's counter, in this transaction; its row in commands.invoices. */
    private Invoice issueInvoice(Connection tx, Loaded loaded, Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, policy.zone());
        String number = InvoiceNumbers.next(tx, today.getYear());
        Invoice invoice = Invoice.of(
                number,
                loaded.state().netCents(),
                policy.vatRateBasisPoints(),
                loaded.state().currency(),
                today,
                policy.paymentTermsDays());
        try (PreparedStatement insert = tx.prepareStatement("""
                INSERT INTO commands.invoices (invoice_number, order_id, year, running_number, issue_date, due_date,
                    net_cents, vat_rate_bp, vat_cents, gross_cents, currency, issued_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            insert.setString(1, number);
            insert.setObject(2, loaded.placed().orderId());
            insert.setInt(3, today.getYear());
            insert.setLong(4, Long.parseLong(number.substring(5)));
            insert.setObject(5, invoice.issueDate());
            insert.setObject(6, invoice.dueDate());
            insert.setLong(7, invoice.netCents());
            insert.setInt(8, invoice.vatRateBasisPoints());
            insert.setLong(9, invoice.vatCents());
            insert.setLong(10, invoice.grossCents());
            insert.setString(11, invoice.currency());
            insert.setTimestamp(12, Timestamp.from(now));
            insert.executeUpdate();
        }
        return invoice;
    }

    /** The published event of {@code event}, made once the store gives it its id and sequence. */
    private EventStore.EventFactory<ShopEvent> published(
            Loaded loaded, PaymentState before, PaymentState after, PaymentEvent event, Context context, UUID orderId) {
        OrderPlaced order = loaded.placed();
        if (event instanceof PaymentEvent.CheckoutRequested r) {
            return paymentRequested(r, order, context, orderId);
        }
        if (event instanceof PaymentEvent.InvoiceIssued i) {
            return invoiceIssued(i, loaded, orderId);
        }
        if (event instanceof PaymentEvent.Failed f) {
            return (id, seq) -> new PaymentFailed(id, seq, f.at(), orderId, f.attempt(), f.code(), f.message());
        }
        if (event instanceof PaymentEvent.TransferRecorded t) {
            return transferRecorded(t, after, order, context, orderId);
        }
        if (event instanceof PaymentEvent.Succeeded s) {
            return paymentSucceeded(s, before, orderId);
        }
        if (event instanceof PaymentEvent.LicencesIssued l) {
            return licencesIssued(l, after, order, orderId);
        }
        if (event instanceof PaymentEvent.Reminded r) {
            return paymentReminded(r, before, order, orderId);
        }
        if (event instanceof PaymentEvent.Expired e) {
            return (id, seq) -> new PaymentExpired(id, seq, e.at(), orderId, e.reason());
        }
        if (event instanceof PaymentEvent.RefundRequested r) {
            return (id, seq) -> new RefundRequested(id, seq, r.at(), orderId, r.requestedBy());
        }
        if (event instanceof PaymentEvent.Refunded r) {
            return orderRefunded(r, order, orderId);
        }
        throw new IllegalArgumentException("no published event for " + event);
    }

    private static EventStore.EventFactory<ShopEvent> paymentRequested(
            PaymentEvent.CheckoutRequested r, OrderPlaced order, Context context, UUID orderId) {
        return (id, seq) -> new PaymentRequested(
                id,
                seq,
                r.at(),
                orderId,
                PaymentMethod.CARD.name(),
                r.attempt(),
                "stripe",
                r.sessionId(),
                context.checkoutUrl(),
                r.grossCents(),
                order.currency(),
                r.expiresAt());
    }

    private static EventStore.EventFactory<ShopEvent> invoiceIssued(
            PaymentEvent.InvoiceIssued i, Loaded loaded, UUID orderId) {
        Invoice v = i.invoice();
        OrderPlaced order = loaded.placed();
        return (id, seq) -> new InvoiceIssued(
                id,
                seq,
                i.at(),
                orderId,
                v.number(),
                v.issueDate(),
                v.dueDate(),
                v.netCents(),
                v.vatRateBasisPoints(),
                v.vatCents(),
                v.grossCents(),
                v.currency(),
                order.customerEmail(),
                loaded.company(),
                loaded.billingAddress(),
                order.lines());
    }

    private static EventStore.EventFactory<ShopEvent> transferRecorded(
            PaymentEvent.TransferRecorded t, PaymentState after, OrderPlaced order, Context context, UUID orderId) {
        return (id, seq) -> new TransferRecorded(
                id,
                seq,
                t.at(),
                orderId,
                after.invoice().number(),
                t.reference(),
                t.amountCents(),
                after.receivedCents(),
                after.grossCents(),
                order.currency(),
                context.actor());
    }

    private static EventStore.EventFactory<ShopEvent> paymentSucceeded(
            PaymentEvent.Succeeded s, PaymentState before, UUID orderId) {
        return (id, seq) -> new PaymentSucceeded(
                id, seq, s.at(), orderId, before.method().name(), s.amountCents(), s.currency(), s.providerPaymentId());
    }

    private EventStore.EventFactory<ShopEvent> licencesIssued(
            PaymentEvent.LicencesIssued l, PaymentState after, OrderPlaced order, UUID orderId) {
        // signed now, once: the event keeps them, a later read never signs again (ADR 7); issued at the payment's time
        List<LicenceKey> keys = licences.issue(order.lines(), l.at());
        return (id, seq) -> new LicencesIssued(
                id,
                seq,
                l.at(),
                orderId,
                order.customerEmail(),
                order.currency(),
                order.lines(),
                order.totalCents(),
                keys,
                order.accessToken(),
                // keys before payment (ADR 13): the mail asks for the invoice instead of thanking for it
                after.status().paid() || after.invoice() == null
                        ? null
                        : after.invoice().number());
    }

    private static EventStore.EventFactory<ShopEvent> paymentReminded(
            PaymentEvent.Reminded r, PaymentState before, OrderPlaced order, UUID orderId) {
        return (id, seq) -> new PaymentReminded(
                id,
                seq,
                r.at(),
                orderId,
                before.invoice().number(),
                r.kind() == DeadlineKind.INVOICE_REMINDER ? BEFORE_DUE : OVERDUE,
                r.dueDate(),
                r.outstandingCents(),
                order.currency(),
                order.customerEmail());
    }

    private static EventStore.EventFactory<ShopEvent> orderRefunded(
            PaymentEvent.Refunded r, OrderPlaced order, UUID orderId) {
        return (id, seq) -> new OrderRefunded(
                id,
                seq,
                r.at(),
                orderId,
                order.customerEmail(),
                r.amountCents(),
                order.currency(),
                r.providerRefundId(),
                order.occurredAt(),
                order.lines(),
                order.totalCents());
    }

    /** The row (locked with {@code forUpdate}) and the order's payment history, folded. */
    private Optional<Loaded> load(Connection tx, UUID orderId, boolean forUpdate) throws SQLException {
        String company;
        String address;
        String checkoutUrl;
        boolean keysBeforePayment;
        try (PreparedStatement row = tx.prepareStatement("""
                SELECT company, billing_address, checkout_url, keys_before_payment FROM commands.payment_processes WHERE order_id = ?""" + (forUpdate ? " FOR UPDATE" : ""))) {
            row.setObject(1, orderId);
            try (ResultSet found = row.executeQuery()) {
                if (!found.next()) {
                    return Optional.empty();
                }
                company = found.getString(1);
                address = found.getString(2);
                checkoutUrl = found.getString(3);
                keysBeforePayment = found.getBoolean(4);
            }
        }
        // within one order the row lock serialises writers, so sequence order is the order they committed in
        List<PaymentEvent> history = new ArrayList<>();
        OrderPlaced placed = null;
        List<LicenceKey> keys = List.of();
        Set<Integer> failed = new HashSet<>();
        String lastFailure = null;
        try (PreparedStatement query = tx.prepareStatement("""
                SELECT payload FROM commands.events WHERE aggregate_id = ? AND type = ANY (?) ORDER BY sequence""")) {
            query.setString(1, orderId.toString());
            UnnestColumns.of(tx, List.of(TYPES)).text(type -> type).bindTo(query, 2);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ShopEvent event = codec.decode(rows.getString(1).getBytes(StandardCharsets.UTF_8));
                    if (event instanceof OrderPlaced p) {
                        placed = p;
                    } else if (event instanceof LicencesIssued l) {
                        keys = l.licences();
                    } else if (event instanceof PaymentFailed f) {
                        failed.add(f.attempt());
                        lastFailure = f.message() != null ? f.message() : f.code();
                    }
                    history.add(PaymentHistory.of(event, keysBeforePayment));
                }
            }
        }
        if (placed == null) {
            throw new IllegalStateException("payment process of order " + orderId + " without its OrderPlaced");
        }
        return Optional.of(new Loaded(
                PaymentState.from(history),
                placed,
                keys,
                Set.copyOf(failed),
                company,
                address,
                checkoutUrl,
                lastFailure));
    }
}
