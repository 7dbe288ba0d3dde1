package com.licenceshop.command.order;

import com.licenceshop.command.catalog.Catalog;
import com.licenceshop.command.catalog.Product;
import com.licenceshop.events.OrderLine;
import java.util.ArrayList;
import java.util.List;

/** Prices a valid order from the catalog. Pure: integer cents, no rounding, no I/O. */
public final class Pricing {

    private Pricing() {}

    /** The order names a licence that is retired: it is no longer sold at any price. */
    public static final class NotOnSaleException extends IllegalArgumentException {
        NotOnSaleException(String sku) {
            super("no longer sold: " + sku);
        }
    }

    public static PricedOrder price(PlaceOrder order, Catalog catalog) {
        List<OrderLine> lines = new ArrayList<>();
        String currency = null;
        long total = 0;
        for (PlaceOrder.Item item : order.items()) {
            Product product = catalog.find(item.sku())
                    .orElseThrow(() -> new IllegalArgumentException("not in the catalog: " + item.sku()));
            if (!product.onSale()) {
                throw new NotOnSaleException(product.sku());
            }
            if (currency != null && !currency.equals(product.currency())) {
                throw new IllegalArgumentException(
                        "one order, one currency: " + currency + " and " + product.currency());
            }
            currency = product.currency();
            long lineTotal = Math.multiplyExact(product.unitPriceCents(), (long) item.quantity());
            lines.add(
                    new OrderLine(product.sku(), product.name(), item.quantity(), product.unitPriceCents(), lineTotal));
            total = Math.addExact(total, lineTotal);
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order has at least one line");
        }
        return new PricedOrder(order.customerEmail(), currency, lines, total);
    }
}
