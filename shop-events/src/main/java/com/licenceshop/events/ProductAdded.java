package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales staff added a licence to the catalog; it is on sale from now on, at version 1. {@code changedBy}: the staff
 * member (the login name of web-ui's token; optional, added within version 1, absent in older events).
 */
@Serdeable
public record ProductAdded(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        String sku,
        String name,
        @Nullable String description,
        long unitPriceCents,
        String currency,
        @Nullable String changedBy)
        implements ShopEvent {

    @Creator
    public ProductAdded {}

    /** The version a product has once added. */
    public static final long FIRST_VERSION = 1;
}
