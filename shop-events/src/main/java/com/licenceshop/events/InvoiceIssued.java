package com.licenceshop.events;

import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * An invoice for an order paid by bank transfer. {@code invoiceNumber} is {@code YYYY-NNNNNN}, gapless per year;
 * VAT is taken on the net total at {@code vatRateBasisPoints} (1900 = 19 %) and kept with the invoice. It repeats
 * the buyer and the lines, so the invoice mail needs nothing else. {@code company} and {@code billingAddress}: as
 * the buyer gave them (the address may span lines).
 */
@Serdeable
public record InvoiceIssued(
        UUID eventId,
        long sequence,
        Instant occurredAt,
        UUID orderId,
        String invoiceNumber,
        LocalDate issueDate,
        LocalDate dueDate,
        long netCents,
        int vatRateBasisPoints,
        long vatCents,
        long grossCents,
        String currency,
        String customerEmail,
        @Nullable String company,
        @Nullable String billingAddress,
        List<OrderLine> lines)
        implements ShopEvent {

    @Creator
    public InvoiceIssued {
        lines = List.copyOf(lines);
    }
}
