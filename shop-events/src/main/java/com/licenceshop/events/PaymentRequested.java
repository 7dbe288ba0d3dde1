package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * A card payment was requested: the shop opened a checkout session at the provider for this {@code attempt}
 * (1, 2, … — a retry after a decline or an expired session is a new attempt). {@code checkoutUrl}: the provider's
 * hosted page the shopper pays on; {@code grossCents}: net plus VAT, what the card is charged.
 */
@Serdeable
public record PaymentRequested(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String method,
        int attempt,
        String provider,
        String checkoutSessionId,
        @Nullable String checkoutUrl,
        long grossCents,
        String currency,
        Instant expiresAt)
        implements ShopEvent {

    @Creator
    public PaymentRequested {}
}
