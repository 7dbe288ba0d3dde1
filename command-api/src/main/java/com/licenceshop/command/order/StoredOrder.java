package com.licenceshop.command.order;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the orders table holds it, with the licence keys, the access token and the trace context of its
 * OrderPlaced event.
 */
record StoredOrder(
        UUID id,
        String customerEmail,
        String currency,
        long totalCents,
        String status,
        Instant placedAt,
        long placedSequence,
        Instant cancelledAt,
        List<OrderLine> lines,
        List<LicenceKey> licences,
        @Nullable String traceparent,
        @Nullable String accessToken) {

    static final String PLACED = "PLACED";
    static final String CANCELLED = "CANCELLED";

    boolean isCancelled() {
        return CANCELLED.equals(status);
    }
}
