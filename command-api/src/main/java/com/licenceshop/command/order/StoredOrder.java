package com.licenceshop.command.order;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the orders table holds it, with the licence keys its OrderPlaced event carries. */
record StoredOrder(UUID id, String customerEmail, String currency, long totalCents, String status, Instant placedAt,
                   long placedSequence, Instant cancelledAt, List<OrderLine> lines, List<LicenceKey> licences) {

    static final String PLACED = "PLACED";
    static final String CANCELLED = "CANCELLED";

    boolean isCancelled() {
        return CANCELLED.equals(status);
    }
}
