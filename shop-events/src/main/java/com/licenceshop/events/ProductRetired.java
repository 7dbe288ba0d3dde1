package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.UUID;

/** Sales staff retired a licence: no longer sold, but it stays in order history and in the sales figures. */
@Serdeable
public record ProductRetired(UUID eventId, long sequence, Instant occurredAt, String sku, long version)
        implements ShopEvent {
}
