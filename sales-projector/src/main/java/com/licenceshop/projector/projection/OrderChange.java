package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * An order was placed or cancelled. {@code paymentMethod}: set for a placement that must be paid first
 * (OrderPlaced v3, ADR 13), which also starts the order's payment row.
 */
public record OrderChange(
        UUID eventId, long sequence, Instant occurredAt, Kind kind, OrderFigures order, String paymentMethod)
        implements SalesChange {

    public OrderChange(UUID eventId, long sequence, Instant occurredAt, Kind kind, OrderFigures order) {
        this(eventId, sequence, occurredAt, kind, order, null);
    }

    public enum Kind {
        PLACED,
        CANCELLED
    }
}
