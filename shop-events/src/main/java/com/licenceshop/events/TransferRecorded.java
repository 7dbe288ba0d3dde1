package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.UUID;

/**
 * Sales staff recorded a bank transfer for an invoice ({@code reference}: the bank's, unique per invoice).
 * {@code receivedCents} is everything received for the invoice so far, this transfer included, and
 * {@code grossCents} what the invoice asks: below is outstanding, above is overpaid (shown, to be sent back).
 */
@Serdeable
public record TransferRecorded(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String invoiceNumber,
        String reference,
        long amountCents,
        long receivedCents,
        long grossCents,
        String currency,
        @Nullable String recordedBy)
        implements ShopEvent {

    @Creator
    public TransferRecorded {}

    public long outstandingCents() {
        return Math.max(0, grossCents - receivedCents);
    }

    public long overpaidCents() {
        return Math.max(0, receivedCents - grossCents);
    }
}
