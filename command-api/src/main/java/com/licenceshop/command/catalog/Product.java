package com.licenceshop.command.catalog;

import io.micronaut.serde.annotation.Serdeable;

/** A licence the shop sells, at its current price. */
@Serdeable
public record Product(String sku, String name, String description, long unitPriceCents, String currency) {
}
