package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales staff closed the current sales period. Orders whose placement sequence is greater belong to the next
 * period, whatever order the events arrive in.
 */
@Serdeable
public record SalesPeriodClosed(UUID eventId, long sequence, Instant occurredAt, String closedBy)
        implements ShopEvent {}
