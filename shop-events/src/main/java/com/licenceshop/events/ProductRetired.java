package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales staff retired a licence: no longer sold, but it stays in order history and in the sales figures.
 * {@code changedBy}: the staff member (optional, absent in older events).
 */
@Serdeable
public record ProductRetired(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        String sku,
        long version,
        @Nullable String changedBy) implements ShopEvent {

    @Creator
    public ProductRetired {}

    /** Without the staff member (as events before {@code changedBy} were). */
    public ProductRetired(UUID eventId, long sequence, Instant occurredAt, String sku, long version) {
        this(eventId, sequence, occurredAt, sku, version, null);
    }
}
