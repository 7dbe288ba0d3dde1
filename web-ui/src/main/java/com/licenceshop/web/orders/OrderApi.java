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

    @Serdeable
    record Order(String orderId, String customerEmail, String currency, List<Line> lines, long totalCents,
                 String status, @Nullable Instant placedAt, @Nullable Instant cancelledAt,
                 @Nullable List<Licence> licences) {

        public Order {
            licences = licences == null ? List.of() : List.copyOf(licences);
        }

        int licenceCount() {
            return lines.stream().mapToInt(Line::quantity).sum();
        }

        boolean cancelled() {
            return "CANCELLED".equals(status);
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
