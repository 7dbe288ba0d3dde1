package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * The order was not paid in time ({@code reason} {@code payment-expired} for a card, {@code invoice-unpaid} after
 * an invoice's grace period). Followed in the same transaction by {@link OrderCancelled} (and {@link LicenceRevoked}
 * if keys went out early).
 */
@Serdeable
public record PaymentExpired(UUID eventId, long sequence, Instant occurredAt, UUID orderId, String reason)
        implements ShopEvent {

    @Creator
    public PaymentExpired {}
}
