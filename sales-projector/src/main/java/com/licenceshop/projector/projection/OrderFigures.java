package com.licenceshop.projector.projection;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What one order adds to the read model when it counts once. Placements and cancellations both carry it, so
 * whichever arrives first can record the order. Lines are merged per licence (an order counts once per
 * licence, however many lines name it).
 */
public record OrderFigures(
        UUID orderId,
        long placedSequence,
        Instant placedAt,
        String currency,
        List<LineFigures> lines,
        long totalCents) {

    public OrderFigures {
        lines = mergedBySku(lines);
    }

    /** Seats of the licence keys issued with the placement (0 if the figures come from a cancellation). */
    public long seatsIssued() {
        return lines.stream().mapToLong(LineFigures::seats).sum();
    }

    public long licences() {
        return lines.stream().mapToLong(LineFigures::quantity).sum();
    }

    /** The minute of placement, the key of the per-minute figures. */
    public Instant minute() {
        return placedAt.truncatedTo(ChronoUnit.MINUTES);
    }

    private static List<LineFigures> mergedBySku(List<LineFigures> lines) {
        Map<String, LineFigures> bySku = new LinkedHashMap<>();
        for (LineFigures line : lines) {
            bySku.merge(
                    line.sku(),
                    line,
                    (a, b) -> new LineFigures(
                            a.sku(),
                            a.name(),
                            a.quantity() + b.quantity(),
                            a.revenueCents() + b.revenueCents(),
                            a.seats() + b.seats()));
        }
        return List.copyOf(new ArrayList<>(bySku.values()));
    }
}
