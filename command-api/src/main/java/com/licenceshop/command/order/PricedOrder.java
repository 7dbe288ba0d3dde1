package com.licenceshop.command.order;

import com.licenceshop.events.OrderLine;
import java.util.List;

/** An order priced from the catalog: its lines and total in one currency, in cents. */
public record PricedOrder(String customerEmail, String currency, List<OrderLine> lines, long totalCents) {

    public PricedOrder {
        lines = List.copyOf(lines);
    }
}
