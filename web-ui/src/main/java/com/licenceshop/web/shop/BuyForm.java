package com.licenceshop.web.shop;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The buy form as posted, every field as typed (a quantity of "two" must come back to the shopper, not fail
 * the binding). {@code idempotencyKey} is minted per rendered form, so a double click places one order.
 */
@Serdeable
record BuyForm(
        @Nullable String customerEmail,
        @Nullable String sku,
        @Nullable String quantity,
        @Nullable String idempotencyKey,
        @Nullable String paymentMethod,
        @Nullable String company,
        @Nullable String billingAddress) {

    static final String EMAIL = "customerEmail";
    static final String SKU = "sku";
    static final String QUANTITY = "quantity";
    static final String FORM = "form";
    static final String COMPANY = "company";
    static final String BILLING_ADDRESS = "billingAddress";
    static final String INVOICE = "INVOICE";

    static BuyForm blank(String preselectedSku) {
        return new BuyForm("", preselectedSku, "1", UUID.randomUUID().toString(), "CARD", "", "");
    }

    /** The same values in a fresh form: after an error the shopper may change the order, so it gets a new key. */
    BuyForm again() {
        return new BuyForm(
                customerEmail, sku, quantity, UUID.randomUUID().toString(), paymentMethod, company, billingAddress);
    }

    /** How the order is to be paid (ADR 13): by card unless the buyer chose the invoice. */
    String paymentMethodOrCard() {
        return INVOICE.equals(paymentMethod) ? INVOICE : "CARD";
    }

    boolean onInvoice() {
        return INVOICE.equals(paymentMethod);
    }

    /** Errors found before asking the command API: only what cannot even be sent (a quantity that is no number). */
    Map<String, String> formatErrors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (parsedQuantity() == null) {
            errors.put(QUANTITY, "Enter the number of licences as a whole number, e.g. 1.");
        }
        return errors;
    }

    @Nullable
    Integer parsedQuantity() {
        try {
            return Integer.valueOf(quantity == null ? "" : quantity.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    String idempotencyKeyOrNew() {
        return idempotencyKey == null || idempotencyKey.isBlank()
                ? UUID.randomUUID().toString()
                : idempotencyKey;
    }
}
