package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * An invoice is not paid yet: {@code kind} {@code BEFORE_DUE} (a few days before {@code dueDate}) or
 * {@code OVERDUE} (after it). One reminder mail per event.
 */
@Serdeable
public record PaymentReminded(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String invoiceNumber,
        String kind,
        LocalDate dueDate,
        long outstandingCents,
        String currency,
        String customerEmail)
        implements ShopEvent {

    @Creator
    public PaymentReminded {}
}
