package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A paid order's money went back (whole order). Written with {@link LicenceRevoked} in the same transaction. It
 * repeats the buyer, the lines and the placement time, so revenue can be corrected per period and licence, and the
 * refund mail sent, without having seen the placement. {@code amountCents}: what was paid back (gross).
 */
@Serdeable
public record OrderRefunded(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String customerEmail,
        long amountCents,
        String currency,
        @Nullable String providerRefundId,
        Instant placedAt,
        List<OrderLine> lines,
        long totalCents)
        implements ShopEvent {

    @Creator
    public OrderRefunded {
        lines = List.copyOf(lines);
    }
}
