package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.UUID;

/** An order was placed or cancelled. */
public record OrderChange(UUID eventId, long sequence, Instant occurredAt, Kind kind, OrderFigures order)
        implements SalesChange {

    public enum Kind { PLACED, CANCELLED }
}
