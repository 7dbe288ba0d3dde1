package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/** Sales staff asked to refund a paid order; the provider's answer follows as {@link OrderRefunded}. */
@Serdeable
public record RefundRequested(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        @Nullable String requestedBy) implements ShopEvent {

    @Creator
    public RefundRequested {}
}
