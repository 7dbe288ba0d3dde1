package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order was cancelled. It repeats what the order added ({@code placedSequence}, lines, total), so a
 * consumer can undo the placement without having seen it: a cancel may arrive before its placement.
 */
@Serdeable
public record OrderCancelled(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        long placedSequence,
        Instant placedAt,
        String customerEmail,
        String currency,
        List<OrderLine> lines,
        long totalCents)
        implements ShopEvent {

    public OrderCancelled {
        lines = List.copyOf(lines);
    }

    public int licenceCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
