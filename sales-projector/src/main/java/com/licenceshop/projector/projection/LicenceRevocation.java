package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An order's licence keys were revoked: the seats revoked per licence (sku), counted from the revocation itself,
 * so it needs no placement seen first. They belong to the period of the revocation's own sequence.
 */
public record LicenceRevocation(
        UUID eventId, long sequence, Instant occurredAt, UUID orderId, Map<String, Long> seatsBySku)
        implements SalesChange {

    public LicenceRevocation {
        seatsBySku = Collections.unmodifiableSortedMap(new TreeMap<>(seatsBySku));
    }
}
