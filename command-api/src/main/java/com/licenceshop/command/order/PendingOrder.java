package com.licenceshop.command.order;

import com.licenceshop.servicedefaults.TraceHeaders;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.context.Context;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * A validated place-order command waiting for its batch. {@code orderId} and {@code accessToken} are chosen up
 * front: they are the order's if this command turns out to be the first with its Idempotency-Key (or has none).
 */
record PendingOrder(
        UUID orderId,
        String accessToken,
        PlaceOrder order,
        @Nullable String idempotencyKey,
        @Nullable String fingerprint,
        String correlationId,
        TraceHeaders.Stored trace,
        CompletableFuture<PlacingOrders.Outcome> answer) {

    /** Taken on the request's thread: {@code trace} is the request span's context, stored with the event. */
    static PendingOrder of(PlaceOrder order, @Nullable String key, @Nullable String fingerprint, String correlationId) {
        return new PendingOrder(
                UUID.randomUUID(),
                OrderAccess.newToken(),
                order,
                key,
                fingerprint,
                correlationId,
                TraceHeaders.store(Context.current()),
                new CompletableFuture<>());
    }
}
