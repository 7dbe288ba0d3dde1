package com.licenceshop.command.payment;

/** Where an order's payment process stands (ADR 13); derived from its events, never stored as the truth. */
public enum PaymentStatus {
    PLACED,
    AWAITING_PAYMENT,
    PAID,
    KEYS_ISSUED,
    EXPIRED,
    REFUNDING,
    REFUNDED;

    boolean paid() {
        return this == PAID || this == KEYS_ISSUED;
    }
}
