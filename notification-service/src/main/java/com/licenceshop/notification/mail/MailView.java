package com.licenceshop.notification.mail;

import java.util.List;

/** What a mail template shows, already formatted: templates only place values. */
public record MailView(
        String orderId,
        String customerEmail,
        String date,
        List<Line> lines,
        int licences,
        String total,
        String placedDate) {

    public MailView {
        lines = List.copyOf(lines);
    }

    public record Line(String sku, String name, int quantity, String unitPrice, String lineTotal) {
    }
}
