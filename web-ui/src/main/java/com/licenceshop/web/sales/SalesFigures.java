package com.licenceshop.web.sales;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * The current sales period as the projector's views describe it (docs/contracts.md, schema {@code sales}),
 * read in one snapshot so that the total always equals the sum of the licences.
 */
@Serdeable
public record SalesFigures(
        long periodStartSequence,
        @Nullable Instant periodStartedAt,
        long orders,
        long licences,
        long revenueCents,
        String currency,
        long position,
        @Nullable Instant lastEventAt,
        @Nullable Instant updatedAt,
        List<LicenceFigures> perLicence,
        List<MinuteFigures> perMinute,
        PaymentFigures payments) {

    /**
     * The money of the current period (ADR 13, {@code sales.current_payment_summary}): booked is the revenue (net, as
     * the orders were priced), paid, outstanding, refunded and overpaid are gross amounts moved or owed.
     */
    @Serdeable
    public record PaymentFigures(
            long bookedCents,
            long paidCents,
            long outstandingCents,
            long refundedCents,
            long overpaidCents,
            long ordersAwaitingPayment) {
        public static final PaymentFigures NONE = new PaymentFigures(0, 0, 0, 0, 0, 0);
    }

    public static final String DEFAULT_CURRENCY = "EUR";

    /** Before the projector has written its first row. */
    public static SalesFigures none() {
        return new SalesFigures(
                0, null, 0, 0, 0, DEFAULT_CURRENCY, 0, null, null, List.of(), List.of(), PaymentFigures.NONE);
    }

    /** {@code seatsIssued}/{@code seatsRevoked}: seats of the licence keys issued with orders and revoked by cancels. */
    @Serdeable
    public record LicenceFigures(
            String sku,
            String name,
            long orders,
            long licences,
            long revenueCents,
            long seatsIssued,
            long seatsRevoked) {}

    @Serdeable
    public record MinuteFigures(Instant minute, long orders, long revenueCents) {}
}
