package com.licenceshop.command.order;

import java.util.List;

/** A valid request to buy licences: who, and which SKUs in which quantities. No prices: those are ours. */
public record PlaceOrder(String customerEmail, List<Item> items) {

    public PlaceOrder {
        items = List.copyOf(items);
    }

    public record Item(String sku, int quantity) {
    }
}
