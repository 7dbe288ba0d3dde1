package com.licenceshop.command.payment;

import com.licenceshop.command.problem.ProblemResponses;
import com.licenceshop.command.problem.ProblemType;
import com.licenceshop.command.problem.Problems;
import com.licenceshop.command.system.CorrelationIds;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The card provider's webhook (ADR 13). The signature is the authentication: missing, forged or stale is a 400 and
 * nothing stored. The event's inbox row and its trigger commit together, so a redelivery is applied once and a crash
 * between leaves neither, for the provider's retry to find new.
 */
@Controller("/api/payments/webhook")
@Tag(name = "payments")
class PaymentWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final Optional<WebhookVerification> verification;
    private final TransactionOperations<Connection> transactions;
    private final PaymentProcesses processes;
    private final Clock clock;

    PaymentWebhookController(
            Optional<WebhookVerification> verification,
            TransactionOperations<Connection> transactions,
            PaymentProcesses processes,
            Clock clock) {
        this.verification = verification;
        this.transactions = transactions;
        this.processes = processes;
        this.clock = clock;
    }

    @Post
    @Consumes(MediaType.ALL)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Operation(
            summary = "The card provider's signed webhook (Stripe-Signature); 400 if the signature does not verify",
            description =
                    "The signature is the credential: no login. A provider event seen before is answered 200 again "
                            + "(duplicate: true) and changes nothing; one naming no order of this shop is recorded and harmless.")
    @ApiResponse(
            responseCode = "200",
            description = "The event was recorded now (duplicate: false) or before (duplicate: true)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = "object")))
    @ProblemResponses.BadRequest
    @ProblemResponses.Unavailable
    HttpResponse<Map<String, Object>> receive(
            HttpRequest<?> request,
            @Nullable @Body String payload,
            @Nullable @Header("Stripe-Signature") String signature) {
        if (verification.isEmpty()) {
            throw Problems.exception(
                    ProblemType.UNAVAILABLE, "card payments are not configured (PAYMENT_WEBHOOK_SECRET)");
        }
        WebhookVerification.Outcome outcome = verification.get().verify(payload, signature);
        if (outcome instanceof WebhookVerification.Rejected rejected) {
            LOG.warn("payment webhook rejected: {}", rejected.reason());
            throw Problems.exception(ProblemType.INVALID_REQUEST, "the webhook's signature does not verify");
        }
        var event = ((WebhookVerification.Verified) outcome).event();
        Optional<ProviderEvents.ForOrder> forOrder = ProviderEvents.toTrigger(event);
        UUID orderId = forOrder.map(f -> uuidOrNull(f.orderId())).orElse(null);
        PaymentProcesses.Context context = PaymentProcesses.Context.of(CorrelationIds.of(request));
        Received received = transactions.executeWrite(status -> {
            try {
                Connection tx = status.getConnection();
                if (!WebhookInbox.firstTime(tx, event.getId(), event.getType(), orderId, clock.instant())) {
                    return new Received(false, Optional.empty());
                }
                return new Received(
                        true,
                        orderId == null
                                ? Optional.empty()
                                : processes.apply(tx, orderId, forOrder.get().trigger(), context));
            } catch (SQLException e) {
                throw new IllegalStateException("cannot record the provider event", e);
            }
        });
        LOG.info(
                "payment webhook {} {} for order {}: {}",
                event.getType(),
                event.getId(),
                orderId,
                !received.first()
                        ? "seen before, ignored"
                        : received.applied().isEmpty() ? "recorded, no payment of ours" : "recorded and applied");
        received.applied().ifPresent(a -> processes.afterCommit(orderId, a.afterCommit(), context));
        return HttpResponse.ok(Map.of("received", event.getId(), "duplicate", !received.first()));
    }

    private record Received(boolean first, Optional<PaymentProcesses.Applied> applied) {}

    private static UUID uuidOrNull(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null; // not one of our order ids: recorded, harmless
        }
    }
}
