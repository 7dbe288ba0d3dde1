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
        @Nullable String orderLink) {

    public MailView {
        lines = List.copyOf(lines);
        keys = List.copyOf(keys);
    }

    /** One signed licence key: for {@code seats} seats of the licence {@code name}. */
    public record Key(String sku, String name, int seats, String seatsLabel, String key) {
    }

    public record Line(String sku, String name, int quantity, String unitPrice, String lineTotal) {
    }
}
