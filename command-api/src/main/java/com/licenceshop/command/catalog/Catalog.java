package com.licenceshop.command.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The products at one moment, by SKU, retired ones included (so an order for one is told it is no longer
 * sold rather than that it never existed). Prices are only ever taken from here.
 */
public record Catalog(Map<String, Product> bySku) {

    public Catalog {
        bySku = Map.copyOf(bySku);
    }

    public static Catalog of(List<Product> products) {
        Map<String, Product> bySku = new LinkedHashMap<>();
        products.forEach(p -> bySku.put(p.sku(), p));
        return new Catalog(bySku);
    }

    public Optional<Product> find(String sku) {
        return Optional.ofNullable(bySku.get(sku));
    }

    /** The SKUs on sale, sorted: what an order may name. */
    public List<String> onSaleSkus() {
        return bySku.values().stream()
                .filter(Product::onSale)
                .map(Product::sku)
                .sorted()
                .toList();
    }
}
