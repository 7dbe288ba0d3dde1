package com.licenceshop.command.catalog;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The products on sale at one moment, by SKU. Prices are only ever taken from here. */
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
}
