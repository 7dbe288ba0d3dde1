package com.licenceshop.notification.mail;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * What a mail template shows, already formatted: templates only place values ({@code licencesLabel}: "1 licence").
 * {@code orderLink}: the order page with the order's access token (only the buyer's confirmation carries it; null
 * for orders placed before tokens and in cancellations).
 */
public record MailView(
        String orderId,
        String customerEmail,
        String date,
        List<Line> lines,
        int licences,
        String licencesLabel,
        String total,
        String placedDate,
        List<Key> keys,
        @Nullable String orderLink,
        @Nullable Payment payment) {

    public MailView {
        lines = List.copyOf(lines);
        keys = List.copyOf(keys);
    }

    /**
     * The payment part of an invoice, reminder or refund mail (ADR 13), formatted: {@code vatRate} "19 %",
     * {@code billingAddress} one entry per line; a field the mail does not need is null.
     */
    public record Payment(
            @Nullable String invoiceNumber,
            @Nullable String issueDate,
            @Nullable String dueDate,
            @Nullable String net,
            @Nullable String vatRate,
            @Nullable String vat,
            @Nullable String gross,
            @Nullable String company,
            List<String> billingAddress,
            boolean overdue,
            @Nullable String outstanding,
            @Nullable String refunded) {

        public Payment {
            billingAddress = List.copyOf(billingAddress);
        }
    }

    /** One signed licence key: for {@code seats} seats of the licence {@code name}. */
    public record Key(String sku, String name, int seats, String seatsLabel, String key) {}

    public record Line(String sku, String name, int quantity, String unitPrice, String lineTotal) {}
}
