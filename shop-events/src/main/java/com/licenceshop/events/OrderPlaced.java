package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A shopper bought licences. Prices are the catalog's at the time of purchase. {@code licences} (schema v2)
 * are the signed keys, one per line; a v1 body has none. {@code accessToken} (optional, added within v2): the
 * order's access token, the buyer's proof for reading and cancelling the order, which only the buyer's answer and
 * confirmation mail carry (ADR 0007); absent for orders placed before it. {@code paymentMethod} (schema v3, ADR 13):
 * {@code CARD} or {@code INVOICE} when the order must be paid before its keys exist — then {@code licences} is empty
 * and the keys follow in {@link LicencesIssued}; absent when the keys were issued at placement (as in v2).
 */
@Serdeable
public record OrderPlaced(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String customerEmail,
        String currency,
        List<OrderLine> lines,
        long totalCents,
        @Nullable List<LicenceKey> licences,
        @Nullable String accessToken,
        @Nullable String paymentMethod)
        implements ShopEvent {

    @Creator
    public OrderPlaced {
        lines = List.copyOf(lines);
        licences = licences == null ? List.of() : List.copyOf(licences);
    }

    /** An order whose keys are issued at placement (no payment step). */
    public OrderPlaced(
            UUID eventId,
            long sequence,
            Instant occurredAt,
            UUID orderId,
            String customerEmail,
            String currency,
            List<OrderLine> lines,
            long totalCents,
            @Nullable List<LicenceKey> licences,
            @Nullable String accessToken) {
        this(
                eventId,
                sequence,
                occurredAt,
                orderId,
                customerEmail,
                currency,
                lines,
                totalCents,
                licences,
                accessToken,
                null);
    }

    /** An order without an access token. */
    public OrderPlaced(
            UUID eventId,
            long sequence,
            Instant occurredAt,
            UUID orderId,
            String customerEmail,
            String currency,
            List<OrderLine> lines,
            long totalCents,
            @Nullable List<LicenceKey> licences) {
        this(eventId, sequence, occurredAt, orderId, customerEmail, currency, lines, totalCents, licences, null);
    }

    /** An order without licence keys (as v1 bodies were). */
    public OrderPlaced(
            UUID eventId,
            long sequence,
            Instant occurredAt,
            UUID orderId,
            String customerEmail,
            String currency,
            List<OrderLine> lines,
            long totalCents) {
        this(eventId, sequence, occurredAt, orderId, customerEmail, currency, lines, totalCents, List.of());
    }

    /** Whether the keys wait for payment ({@link LicencesIssued}): a v3 order with a payment method. */
    public boolean awaitsPayment() {
        return paymentMethod != null;
    }

    public int licenceCount() {
        return lines.stream().mapToInt(OrderLine::quantity).sum();
    }
}
