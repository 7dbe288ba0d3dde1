package com.licenceshop.web.dashboard;

import com.licenceshop.web.sales.SalesFigures;
import com.licenceshop.web.view.Money;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the sales dashboard shows, computed from the projector's figures: plain values and display text, so
 * the template only places them.
 *
 * @param lagMillis how long the newest counted event took from being recorded to being counted (updated_at -
 *                  last_event_at); null before the first event
 */
record Dashboard(
        long position,
        long orders,
        long licences,
        long revenueCents,
        String revenue,
        String averageOrderValue,
        List<LicenceRow> perLicence,
        RevenueChart chart,
        @Nullable Instant asOf,
        @Nullable Instant periodStartedAt,
        @Nullable Long lagMillis,
        String lag,
        Payments payments) {

    /** The payment figures as shown (ADR 13): booked (net), paid, outstanding, refunded, overpaid (gross). */
    record Payments(String booked, String paid, String outstanding, String refunded, String overpaid, long awaiting) {
        static Payments of(SalesFigures.PaymentFigures p, String currency) {
            return new Payments(
                    Money.format(p.bookedCents(), currency),
                    Money.format(p.paidCents(), currency),
                    Money.format(p.outstandingCents(), currency),
                    Money.format(p.refundedCents(), currency),
                    Money.format(p.overpaidCents(), currency),
                    p.ordersAwaitingPayment());
        }
    }

    record LicenceRow(
            String sku,
            String name,
            long orders,
            long licences,
            String revenue,
            String share,
            int sharePercent,
            long seatsIssued,
            long seatsRevoked) {}

    static Dashboard of(SalesFigures figures, Instant now) {
        String currency = figures.currency();
        List<LicenceRow> rows = figures.perLicence().stream()
                .map(licence -> new LicenceRow(
                        licence.sku(),
                        licence.name(),
                        licence.orders(),
                        licence.licences(),
                        Money.format(licence.revenueCents(), currency),
                        share(licence.revenueCents(), figures.revenueCents()),
                        (int) Math.round(percent(licence.revenueCents(), figures.revenueCents())),
                        licence.seatsIssued(),
                        licence.seatsRevoked()))
                .toList();
        Long lagMillis = figures.updatedAt() == null || figures.lastEventAt() == null
                ? null
                : Math.max(
                        0,
                        Duration.between(figures.lastEventAt(), figures.updatedAt())
                                .toMillis());
        return new Dashboard(
                figures.position(),
                figures.orders(),
                figures.licences(),
                figures.revenueCents(),
                Money.format(figures.revenueCents(), currency),
                Money.format(averageOrderValue(figures.revenueCents(), figures.orders()), currency),
                rows,
                RevenueChart.of(figures.perMinute(), currency, now),
                figures.updatedAt(),
                figures.periodStartedAt(),
                lagMillis,
                lagMillis == null ? "–" : lag(lagMillis),
                Payments.of(figures.payments(), currency));
    }

    /** Rounded half up to the cent; 0 without orders. */
    static long averageOrderValue(long revenueCents, long orders) {
        if (orders <= 0) {
            return 0;
        }
        return BigDecimal.valueOf(revenueCents)
                .divide(BigDecimal.valueOf(orders), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }

    static String share(long part, long total) {
        return BigDecimal.valueOf(percent(part, total))
                        .setScale(1, RoundingMode.HALF_UP)
                        .toPlainString() + " %";
    }

    private static double percent(long part, long total) {
        return total <= 0 ? 0 : part * 100.0 / total;
    }

    private static String lag(long millis) {
        return millis < 10_000
                ? BigDecimal.valueOf(millis).divide(BigDecimal.valueOf(1000), 1, RoundingMode.HALF_UP) + " s"
                : Duration.ofMillis(millis).toSeconds() + " s";
    }
}
