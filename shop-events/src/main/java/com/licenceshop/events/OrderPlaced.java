package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shopper bought licences. Prices are the catalog's at the time of purchase. */
@Serdeable
public record OrderPlaced(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String customerEmail,
        String currency,
        List<OrderLine> lines,
        long totalCents) implements ShopEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }

    public int licenceCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
