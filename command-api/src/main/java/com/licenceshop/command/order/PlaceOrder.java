package com.licenceshop.command.order;

import io.micronaut.core.annotation.Nullable;
import java.util.List;

/**
 * A valid request to buy licences: who, and which SKUs in which quantities. No prices: those are ours.
 * {@code paymentMethod} ({@code CARD}, the default, or {@code INVOICE}) counts only while payment is required
 * (ADR 13); an invoice buyer names the {@code company} and {@code billingAddress} the invoice is made out to.
 */
public record PlaceOrder(
        String customerEmail,
        List<Item> items,
        String paymentMethod,
        @Nullable String company,
        @Nullable String billingAddress) {

    public static final String CARD = "CARD";
    public static final String INVOICE = "INVOICE";

    public PlaceOrder {
        items = List.copyOf(items);
        paymentMethod = paymentMethod == null ? CARD : paymentMethod;
    }

    /** A card order (the default). */
    public PlaceOrder(String customerEmail, List<Item> items) {
        this(customerEmail, items, CARD, null, null);
    }

    public record Item(String sku, int quantity) {}
}
