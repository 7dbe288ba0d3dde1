package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The signed licence keys of a paid order (one per line, as {@code OrderPlaced} v2 carried them). It repeats the
 * buyer, the lines and the access token, so the confirmation mail with the keys needs nothing else, whatever
 * arrived first. {@code unpaidInvoice}: the invoice still to be paid when the keys go out before payment (a licence
 * with keys before payment, ADR 13); absent when the order is paid.
 */
@Serdeable
public record LicencesIssued(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String customerEmail,
        String currency,
        List<OrderLine> lines,
        long totalCents,
        List<LicenceKey> licences,
        @Nullable String accessToken,
        @Nullable String unpaidInvoice)
        implements ShopEvent {

    @Creator
    public LicencesIssued {
        lines = List.copyOf(lines);
        licences = List.copyOf(licences);
    }

    public int seats() {
        return licences.stream().mapToInt(LicenceKey::seats).sum();
    }
}
