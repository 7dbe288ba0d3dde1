package com.licenceshop.projector.projection;

/** What one licence contributes to an order: quantity and revenue in cents. */
public record LineFigures(String sku, String name, int quantity, long revenueCents) {
}
