package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The licence keys of an order are revoked (the order was cancelled, in the same transaction). It repeats the
 * keys, so a consumer can count revoked seats without having seen the placement.
 */
@Serdeable
public record LicenceRevoked(
        UUID eventId, long sequence, Instant occurredAt, UUID orderId, String reason, List<LicenceKey> licences)
        implements ShopEvent {

    public LicenceRevoked {
        licences = List.copyOf(licences);
    }

    public int seats() {
        return licences.stream().mapToInt(LicenceKey::seats).sum();
    }
}
