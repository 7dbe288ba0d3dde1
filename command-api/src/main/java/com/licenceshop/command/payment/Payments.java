package com.licenceshop.command.payment;

import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.servicedefaults.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the shopper and the staff do with a payment (ADR 13): pay by card (a checkout at the provider, then the
 * {@code PaymentRequested}), record a bank transfer, refund; and how a payment looks from outside. The order's
 * controller checks who may ask; this class what is allowed now.
 */
@Singleton
public class Payments {

    private static final Logger LOG = LoggerFactory.getLogger(Payments.class);
    private static final int MAX_ATTEMPTS_PER_CALL = 3;

    /** The payment step as GET /api/orders/{id} shows it. */
    @Serdeable
    @Schema(description = "the order's payment (ADR 13); absent while the shop issues keys at placement")
    public record PaymentView(
            @Schema(allowableValues = {"CARD", "INVOICE"}) String method,

            @Schema(
                    allowableValues = {
                        "PLACED",
                        "AWAITING_PAYMENT",
                        "PAID",
                        "KEYS_ISSUED",
                        "EXPIRED",
                        "REFUNDING",
                        "REFUNDED"
                    })
            String status,

            @Schema(description = "the provider's hosted page of the newest checkout (card, while unpaid)") @Nullable
            String checkoutUrl,

            @Schema(
                    type = "object",
                    implementation = InvoiceView.class,
                    description = "the invoice (INVOICE, once issued)")
            @Nullable
            InvoiceView invoice,

            @Schema(description = "gross still owed, in cents")
            long outstandingCents,

            @Schema(description = "received beyond the gross (invoice), in cents, to be sent back")
            long overpaidCents,

            @Schema(description = "declined card attempts") int failures,

            @Schema(description = "the newest decline's reason") @Nullable
            String lastFailure,

            @Schema(description = "whether POST /api/orders/{id}/checkout may be called now")
            boolean canPay) {}

    @Serdeable
    @Schema(description = "an invoice with what was received for it")
    public record InvoiceView(
            String number,
            LocalDate issueDate,
            LocalDate dueDate,
            long netCents,
            int vatRateBasisPoints,
            long vatCents,
            long grossCents,
            long receivedCents,
            String currency) {}

    /** The answer to a checkout: where to send the shopper. */
    @Serdeable
    @Schema(name = "Checkout")
    public record CheckoutView(UUID orderId, int attempt, String checkoutUrl, boolean created) {}

    /** An invoice after a transfer was recorded. */
    @Serdeable
    @Schema(name = "InvoiceTransfers")
    public record TransferView(
            String invoiceNumber,
            UUID orderId,
            long grossCents,
            long receivedCents,
            long outstandingCents,
            long overpaidCents,
            String status) {}

    /** A payment for the ops console: waiting on the provider, or an invoice past its due date. */
    @Serdeable
    @Schema(name = "PaymentWaiting")
    public record Waiting(
            UUID orderId,
            String method,
            String status,
            Instant since,
            @Nullable String sessionId,
            @Nullable String invoiceNumber,
            @Nullable LocalDate dueDate,
            boolean overdue) {}

    private final PaymentProcesses processes;
    private final TransactionOperations<Connection> transactions;
    private final PaymentConfig config;
    private final PaymentPolicy policy;

    Payments(
            PaymentProcesses processes,
            TransactionOperations<Connection> transactions,
            PaymentConfig config,
            PaymentPolicy policy) {
        this.processes = processes;
        this.transactions = transactions;
        this.config = config;
        this.policy = policy;
    }

    public Optional<PaymentView> view(UUID orderId) {
        return processes.find(orderId).map(Payments::view);
    }

    private static PaymentView view(PaymentProcesses.Loaded loaded) {
        PaymentState s = loaded.state();
        Invoice i = s.invoice();
        InvoiceView invoice = i == null
                ? null
                : new InvoiceView(
                        i.number(),
                        i.issueDate(),
                        i.dueDate(),
                        i.netCents(),
                        i.vatRateBasisPoints(),
                        i.vatCents(),
                        i.grossCents(),
                        s.receivedCents(),
                        i.currency());
        boolean unpaid = s.status() == PaymentStatus.PLACED || s.status() == PaymentStatus.AWAITING_PAYMENT;
        long outstanding = !unpaid ? 0 : s.grossCents() > 0 ? s.outstandingCents() : 0;
        return new PaymentView(
                s.method().name(),
                s.status().name(),
                unpaid && s.method() == PaymentMethod.CARD ? loaded.checkoutUrl() : null,
                invoice,
                outstanding,
                s.overpaidCents(),
                s.failures(),
                loaded.lastFailure(),
                unpaid && s.method() == PaymentMethod.CARD);
    }

    /**
     * A checkout for the order: the open session of the newest attempt if it is still open, else a new attempt. The
     * provider is called first, outside any transaction: down → 503, nothing written; then {@code PaymentRequested}.
     */
    public CheckoutView checkout(UUID orderId, String successUrl, String cancelUrl, String correlationId) {
        CardProvider card = processes
                .provider()
                .orElseThrow(() -> Problems.exception(
                        ProblemType.UNAVAILABLE,
                        "Card payments are not configured (PAYMENT_PROVIDER_URL, PAYMENT_PROVIDER_SECRET_KEY)."));
        PaymentProcesses.Loaded loaded =
                processes.find(orderId).orElseThrow(() -> notPayable(orderId, "it has no payment to make"));
        PaymentState state = loaded.state();
        if (state.method() != PaymentMethod.CARD) {
            throw notPayable(orderId, "it is paid on invoice, by bank transfer");
        }
        try {
            CheckoutView open = stillOpen(card, loaded, orderId, correlationId);
            if (open != null) {
                return open;
            }
            requirePayable(orderId, state);
            return newCheckout(card, loaded, orderId, successUrl, cancelUrl, correlationId);
        } catch (CardProvider.Unavailable e) {
            LOG.warn("checkout of order {}: {}", orderId, e.getMessage());
            throw Problems.exception(
                    ProblemType.UNAVAILABLE,
                    "The card provider does not answer; nothing was charged or stored. Try again in a moment.");
        }
    }

    /** The newest attempt's session if the provider says it is still open; null when a new attempt is due. */
    @Nullable
    private CheckoutView stillOpen(
            CardProvider card, PaymentProcesses.Loaded loaded, UUID orderId, String correlationId)
            throws CardProvider.Unavailable {
        PaymentState state = loaded.state();
        if (state.attempt() <= 0
                || loaded.latestAttemptFailed()
                || loaded.checkoutUrl() == null
                || state.status() != PaymentStatus.AWAITING_PAYMENT) {
            return null;
        }
        Trigger now = card.retrieve(state.sessionId());
        if (now instanceof Trigger.CheckoutStillOpen) {
            return new CheckoutView(orderId, state.attempt(), loaded.checkoutUrl(), false);
        }
        if (now instanceof Trigger.CardPaid) {
            // paid, the webhook not here yet: apply what the provider says instead of a second checkout
            processes.applyNow(orderId, now, PaymentProcesses.Context.of(correlationId));
            throw notPayable(orderId, "it is paid");
        }
        return null;
    }

    /** A session for the next attempt, recorded with {@code PaymentRequested}. */
    private CheckoutView newCheckout(
            CardProvider card,
            PaymentProcesses.Loaded loaded,
            UUID orderId,
            String successUrl,
            String cancelUrl,
            String correlationId)
            throws CardProvider.Unavailable {
        PaymentState state = loaded.state();
        long gross = processes.process().cardGross(state);
        long vat = gross - state.netCents();
        Instant expiresAt = new DeadlineSchedule(policy).checkoutExpiresAt(state.placedAt(), processes.now());
        int attempt = state.attempt() + 1;
        for (int tries = 0; tries < MAX_ATTEMPTS_PER_CALL; tries++, attempt++) {
            CardProvider.Checkout checkout = card.createCheckout(new CardProvider.CheckoutRequest(
                    orderId,
                    attempt,
                    loaded.placed().customerEmail(),
                    state.currency(),
                    loaded.placed().lines(),
                    vat,
                    policy.vatRateBasisPoints(),
                    gross,
                    expiresAt,
                    successUrl,
                    cancelUrl));
            if (!"open".equals(checkout.status())) {
                // this attempt's session (an earlier call's, same idempotency key) is over: the next attempt
                continue;
            }
            var applied = processes
                    .applyNow(
                            orderId,
                            new Trigger.CheckoutCreated(attempt, checkout.sessionId(), gross, expiresAt),
                            new PaymentProcesses.Context(correlationId, null, checkout.url()))
                    .orElseThrow(() -> notPayable(orderId, "it has no payment to make"));
            if (applied.decision().refusal() != null) {
                throw notPayable(
                        orderId,
                        "it is " + applied.state().status().name().toLowerCase().replace('_', ' '));
            }
            return new CheckoutView(orderId, attempt, checkout.url(), true);
        }
        throw Problems.exception(ProblemType.UNAVAILABLE, "The card provider gave no open checkout; try again.");
    }

    private static void requirePayable(UUID orderId, PaymentState state) {
        if (state.status() != PaymentStatus.PLACED && state.status() != PaymentStatus.AWAITING_PAYMENT) {
            throw notPayable(
                    orderId, "it is " + state.status().name().toLowerCase().replace('_', ' '));
        }
    }

    private static ProblemException notPayable(UUID orderId, String why) {
        return Problems.exception(
                ProblemType.ORDER_NOT_PAYABLE, "Order " + orderId + " cannot be paid now: " + why + ".");
    }

    /** Staff refund the whole order (card: through the provider, after this commit). */
    public Optional<PaymentView> refund(UUID orderId, String staff, String correlationId) {
        var applied = processes.applyNow(
                orderId, new Trigger.RefundAsked(staff), new PaymentProcesses.Context(correlationId, staff, null));
        if (applied.isEmpty()) {
            return Optional.empty();
        }
        String refusal = applied.get().decision().refusal();
        if (PaymentProcess.NOT_PAID.equals(refusal)) {
            throw Problems.exception(
                    ProblemType.ORDER_NOT_PAID, "Order " + orderId + " is not paid; there is nothing to refund.");
        }
        if (PaymentProcess.ALREADY_REFUNDED.equals(refusal)) {
            throw Problems.exception(
                    ProblemType.ALREADY_REFUNDED, "Order " + orderId + " is refunded already (or being refunded).");
        }
        return view(orderId);
    }

    /** Staff record a bank transfer for an invoice. Empty: no such invoice. */
    public Optional<TransferView> recordTransfer(
            String invoiceNumber, String reference, long amountCents, String staff, String correlationId) {
        Optional<UUID> order = orderOfInvoice(invoiceNumber);
        if (order.isEmpty()) {
            return Optional.empty();
        }
        var applied = processes
                .applyNow(
                        order.get(),
                        new Trigger.TransferReceived(reference, amountCents),
                        new PaymentProcesses.Context(correlationId, staff, null))
                .orElseThrow();
        String refusal = applied.decision().refusal();
        if (PaymentProcess.TRANSFER_ALREADY_RECORDED.equals(refusal)) {
            throw Problems.exception(
                    ProblemType.TRANSFER_ALREADY_RECORDED,
                    "The transfer " + reference + " is recorded for invoice " + invoiceNumber
                            + " already; nothing was added.");
        }
        if (refusal != null) {
            throw Problems.exception(ProblemType.INVALID_REQUEST, "The transfer cannot be recorded: " + refusal + ".");
        }
        PaymentState s = applied.state();
        return Optional.of(new TransferView(
                invoiceNumber,
                order.get(),
                s.grossCents(),
                s.receivedCents(),
                s.outstandingCents(),
                s.overpaidCents(),
                s.status().name()));
    }

    private Optional<UUID> orderOfInvoice(String invoiceNumber) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection()
                    .prepareStatement("SELECT order_id FROM commands.invoices WHERE invoice_number = ?")) {
                query.setString(1, invoiceNumber);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getObject(1, UUID.class)) : Optional.<UUID>empty();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read the invoice", e);
            }
        });
    }

    /** Payments waiting on the provider or the shopper (card), and invoices unpaid, overdue first. */
    public List<Waiting> waiting(LocalDate today, int limit) {
        return transactions.executeRead(status -> {
            try (PreparedStatement query = status.getConnection().prepareStatement("""
                    SELECT p.order_id, p.method, p.status, p.updated_at, p.session_id, i.invoice_number, i.due_date
                    FROM commands.payment_processes p LEFT JOIN commands.invoices i ON i.order_id = p.order_id
                    WHERE p.status IN ('PLACED', 'AWAITING_PAYMENT', 'REFUNDING')
                    ORDER BY (i.due_date IS NOT NULL AND i.due_date < ?) DESC, p.updated_at LIMIT ?""")) {
                query.setObject(1, today);
                query.setInt(2, limit);
                List<Waiting> waiting = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        LocalDate due = rows.getObject(7, LocalDate.class);
                        waiting.add(new Waiting(
                                rows.getObject(1, UUID.class),
                                rows.getString(2),
                                rows.getString(3),
                                rows.getTimestamp(4).toInstant(),
                                rows.getString(5),
                                rows.getString(6),
                                due,
                                due != null && due.isBefore(today)));
                    }
                }
                return waiting;
            } catch (SQLException e) {
                throw new IllegalStateException("cannot list the payments", e);
            }
        });
    }

    boolean required() {
        return config.required();
    }
}
