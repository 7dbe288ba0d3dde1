package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** A card was declined in {@code attempt}. Not terminal: the shopper may pay again until the payment deadline. */
@Serdeable
public record PaymentFailed(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        int attempt,
        String code,
        @Nullable String message)
        implements ShopEvent {

    @Creator
    public PaymentFailed {}
}
