package com.licenceshop.projector.readmodel;

import io.micronaut.serde.annotation.Serdeable;

/** An order line as kept in {@code orders.lines} (JSON text). */
@Serdeable
record StoredLine(String sku, String name, int quantity, long revenueCents) {
}
