package com.licenceshop.command.payment;

/** How an order is paid: by card through the provider's hosted checkout, or on invoice by bank transfer. */
public enum PaymentMethod {
    CARD,
    INVOICE
}
