package com.licenceshop.command.catalog;

/**
 * What staff set on a licence, checked by {@link ProductValidation}; {@code description} may be null,
 * {@code keysBeforePayment} is false unless sent.
 */
record ProductFields(
        String name, String description, long unitPriceCents, String currency, boolean keysBeforePayment) {}
