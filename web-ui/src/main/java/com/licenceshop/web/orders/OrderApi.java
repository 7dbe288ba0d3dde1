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
    record Checkout(String checkoutUrl) {
    }

    /**
     * The order's payment as command-api shows it (absent for orders placed without a payment step, which got
     * their keys at once). {@code status}: {@code PLACED}, {@code AWAITING_PAYMENT}, {@code PAID},
     * {@code KEYS_ISSUED}, {@code EXPIRED}, {@code REFUND_REQUESTED}, {@code REFUNDED}.
     */
    @Serdeable
    record Payment(@Nullable String method, @Nullable String status, @Nullable String checkoutUrl,
                   @Nullable Invoice invoice, @Nullable Long outstanding, @Nullable List<Failure> failures) {

        public Payment {
            failures = failures == null ? List.of() : List.copyOf(failures);
        }

        boolean byCard() {
            return !"INVOICE".equals(method);
        }

        /** Not paid yet and still payable: the page keeps asking command-api. */
        boolean pending() {
            return "PLACED".equals(status) || "AWAITING_PAYMENT".equals(status) || "PAID".equals(status)
                    || "REFUND_REQUESTED".equals(status);
        }

        boolean paid() {
            return "PAID".equals(status) || "KEYS_ISSUED".equals(status) || "REFUND_REQUESTED".equals(status)
                    || "REFUNDED".equals(status);
        }

        @Nullable
        Failure lastFailure() {
            return failures.isEmpty() ? null : failures.get(failures.size() - 1);
        }
    }

    @Serdeable
    record Invoice(@Nullable String number, @Nullable Long netCents, @Nullable Long vatCents, @Nullable Long grossCents,
                   @Nullable String dueDate) {
    }

    /** A declined card: the attempt, the provider's code and its message to the shopper. */
    @Serdeable
    record Failure(@Nullable Integer attempt, @Nullable String code, @Nullable String message) {
    }

    @Serdeable
    record Order(String orderId, String customerEmail, String currency, List<Line> lines, long totalCents,
                 String status, @Nullable Instant placedAt, @Nullable Instant cancelledAt,
                 @Nullable List<Licence> licences, @Nullable Payment payment) {

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
    record Line(String sku, String name, int quantity, long unitPriceCents, long lineTotalCents) {
    }

    /** One signed licence key: for {@code seats} seats of the licence on line {@code line}. */
    @Serdeable
    record Licence(int line, String sku, int seats, String key) {
    }

    @Serdeable
    record Cancelled(String orderId, @Nullable String status) {
    }
}
