package com.licenceshop.web.orders;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The command API's view of one order, and its cancel command (docs/contracts.md), both with the buyer's access
 * token (the command API answers 404 without the right one).
 */
@Client(id = "command-api")
interface OrderApi {

    String TOKEN = "Order-Token";

    /** Empty when the command API answers 404 (no such order, or not this token). */
    @Get("/api/orders/{orderId}")
    Optional<Order> order(@PathVariable UUID orderId, @Nullable @Header(TOKEN) String token);

    /** Null when the command API answers 404. */
    @Nullable
    @Post("/api/orders/{orderId}/cancel")
    Cancelled cancel(@PathVariable UUID orderId, @Nullable @Header(TOKEN) String token);

    /**
     * Starts (or retries) the card payment of the order (ADR 13): 201 with the provider's hosted checkout page;
     * 409 when the order cannot be paid (paid, cancelled, on invoice), 503 when the provider does not answer —
     * both as problem+json, thrown as {@code HttpClientResponseException}. Empty on 404.
     */
    @Post("/api/orders/{orderId}/checkout")
    Optional<Checkout> checkout(@PathVariable UUID orderId, @Nullable @Header(TOKEN) String token);

    @Serdeable
    record Checkout(String checkoutUrl) {}

    /**
     * The order's payment as command-api shows it (absent for orders placed without a payment step, which got
     * their keys at once). {@code status}: {@code PLACED}, {@code AWAITING_PAYMENT}, {@code PAID},
     * {@code KEYS_ISSUED}, {@code EXPIRED}, {@code REFUNDING}, {@code REFUNDED}; {@code canPay}: the checkout may be
     * (re)started now; {@code failures}: declined card attempts, the newest one's reason {@code lastFailure}.
     */
    @Serdeable
    record Payment(
            @Nullable String method,
            @Nullable String status,
            @Nullable String checkoutUrl,
            @Nullable Invoice invoice,
            long outstandingCents,
            long overpaidCents,
            int failures,
            @Nullable String lastFailure,
            boolean canPay) {

        boolean byCard() {
            return !"INVOICE".equals(method);
        }

        /** Not settled yet: the page keeps asking command-api. */
        boolean pending() {
            return "PLACED".equals(status)
                    || "AWAITING_PAYMENT".equals(status)
                    || "PAID".equals(status)
                    || "REFUNDING".equals(status);
        }

        boolean paid() {
            return "PAID".equals(status)
                    || "KEYS_ISSUED".equals(status)
                    || "REFUNDING".equals(status)
                    || "REFUNDED".equals(status);
        }
    }

    @Serdeable
    record Invoice(
            @Nullable String number,
            @Nullable String issueDate,
            @Nullable String dueDate,
            long netCents,
            int vatRateBasisPoints,
            long vatCents,
            long grossCents,
            long receivedCents,
            @Nullable String currency) {}

    @Serdeable
    record Order(
            String orderId,
            String customerEmail,
            String currency,
            List<Line> lines,
            long totalCents,
            String status,
            @Nullable Instant placedAt,
            @Nullable Instant cancelledAt,
            @Nullable List<Licence> licences,
            @Nullable Payment payment) {

        public Order {
            licences = licences == null ? List.of() : List.copyOf(licences);
        }

        int licenceCount() {
            return lines.stream().mapToInt(Line::quantity).sum();
        }

        boolean cancelled() {
            return "CANCELLED".equals(status);
        }

        /** Waits on a payment: its page re-reads the order from command-api until that is settled. */
        boolean paymentPending() {
            return payment != null && payment.pending() && !cancelled();
        }
    }

    @Serdeable
    record Line(String sku, String name, int quantity, long unitPriceCents, long lineTotalCents) {}

    /** One signed licence key: for {@code seats} seats of the licence on line {@code line}. */
    @Serdeable
    record Licence(int line, String sku, int seats, String key) {}

    @Serdeable
    record Cancelled(String orderId, @Nullable String status) {}
}
