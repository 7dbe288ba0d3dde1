package com.licenceshop.command.payment;

import java.time.LocalDate;
import java.util.Objects;

/**
 * An invoice's figures in integer cents. VAT is taken on the net total (not per line) and rounded half-up to the
 * cent: {@code vat = (net * rateBasisPoints + 5_000) / 10_000}, exact in {@code long}; {@code gross = net + vat}. The
 * rate is kept with the invoice, so a later change of the configured rate never alters an issued one.
 */
public record Invoice(
        String number,
        long netCents,
        int vatRateBasisPoints,
        long vatCents,
        long grossCents,
        String currency,
        LocalDate issueDate,
        LocalDate dueDate) {

    public Invoice {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(currency, "currency");
        if (grossCents != netCents + vatCents) {
            throw new IllegalArgumentException("gross must be net + VAT");
        }
    }

    /** The invoice for a net total, numbered {@code number}, issued on {@code issueDate}, due after {@code termsDays}. */
    public static Invoice of(
            String number, long netCents, int vatRateBasisPoints, String currency, LocalDate issueDate, int termsDays) {
        long vat = vatOf(netCents, vatRateBasisPoints);
        return new Invoice(
                number,
                netCents,
                vatRateBasisPoints,
                vat,
                netCents + vat,
                currency,
                issueDate,
                issueDate.plusDays(termsDays));
    }

    /** Half-up to the cent; for the non-negative amounts an invoice has, integer division is the floor. */
    public static long vatOf(long netCents, int rateBasisPoints) {
        if (netCents < 0 || rateBasisPoints < 0 || rateBasisPoints > 10_000) {
            throw new IllegalArgumentException("need net >= 0 and 0 <= rate <= 10000 basis points");
        }
        return Math.addExact(Math.multiplyExact(netCents, rateBasisPoints), 5_000) / 10_000;
    }

    /** {@code 2026-000042}: the year of issue and the year's running number, gapless (ADR 13). */
    public static String number(int year, long runningNumber) {
        if (runningNumber < 1 || runningNumber > 999_999) {
            throw new IllegalArgumentException("running number out of range: " + runningNumber);
        }
        return String.format("%04d-%06d", year, runningNumber);
    }
}
