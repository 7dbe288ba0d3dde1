package com.licenceshop.command.payment;

import java.time.Duration;
import java.time.ZoneId;

/**
 * The waiting times of the process (configured; README's table). {@code paymentWindow}: a card order unpaid this
 * long expires. {@code reconcileAfter}: first look at the provider when no webhook came (then doubling, at most
 * {@code reconcileMax}). Invoice: a reminder {@code reminderBefore} ahead of the due date, another
 * {@code overdueAfter} past it, cancellation {@code grace} past it. Dates in {@code zone}.
 */
public record PaymentPolicy(
        Duration paymentWindow,
        Duration reconcileAfter,
        Duration reconcileMax,
        int vatRateBasisPoints,
        int paymentTermsDays,
        Duration reminderBefore,
        Duration overdueAfter,
        Duration grace,
        Duration refundRetry,
        ZoneId zone) {

    public static PaymentPolicy defaults() {
        return new PaymentPolicy(
                Duration.ofHours(1),
                Duration.ofMinutes(2),
                Duration.ofMinutes(15),
                1_900,
                14,
                Duration.ofDays(3),
                Duration.ofDays(1),
                Duration.ofDays(14),
                Duration.ofMinutes(1),
                ZoneId.of("Europe/Berlin"));
    }
}
