package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales staff changed a licence: its values as they are now, and the product's new {@code version}. Orders
 * placed before keep the price they were placed at; a reader keeps the values of the highest version it saw.
 * {@code changedBy}: the staff member (optional, absent in older events).
 */
@Serdeable
public record ProductChanged(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        String sku,
        String name,
        @Nullable String description,
        long unitPriceCents,
        String currency,
        long version,
        @Nullable String changedBy)
        implements ShopEvent {

    @Creator
    public ProductChanged {}
}
