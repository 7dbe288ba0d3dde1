package com.licenceshop.projector.projection;

/**
 * What one licence contributes to an order: quantity and revenue in cents, and {@code seats} — the seats of the
 * licence keys issued for it (OrderPlaced v2; 0 for a v1 placement, which had no keys, and for a cancellation).
 */
public record LineFigures(String sku, String name, int quantity, long revenueCents, int seats) {

    public LineFigures(String sku, String name, int quantity, long revenueCents) {
        this(sku, name, quantity, revenueCents, 0);
    }
}
