package com.licenceshop.events;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The signed licence key of one order line: {@code key} carries its claims (sku, order, line, seats, issued-at)
 * and the shop's signature; {@code line} is the 1-based line number, {@code seats} the line's quantity.
 */
@Serdeable
public record LicenceKey(int line, String sku, int seats, String key) {}
