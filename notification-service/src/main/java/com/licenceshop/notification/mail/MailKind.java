package com.licenceshop.notification.mail;

/** The mails this service sends; the name is stored in {@code notifications.mails.kind}. */
public enum MailKind {
    ORDER_CONFIRMATION("mail/order-confirmation"),
    CANCELLATION("mail/cancellation"),
    // the payment process (ADR 13); the keys of a paid order go out as ORDER_CONFIRMATION (LicencesIssued)
    INVOICE("mail/invoice"),
    PAYMENT_REMINDER("mail/payment-reminder"),
    REFUND("mail/refund");

    private final String template;

    MailKind(String template) {
        this.template = template;
    }

    /** Handlebars template below {@code views/}, without the {@code -html}/{@code -text} suffix. */
    String template() {
        return template;
    }
}
