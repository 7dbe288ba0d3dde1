package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;

/** One priced line of an order. Money is integer cents in the order's currency. */
@Serdeable
public record OrderLine(String sku, String name, int quantity, long unitPriceCents, long lineTotalCents) {}
