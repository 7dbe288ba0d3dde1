package com.licenceshop.projector.projection;

import java.util.HashSet;
import java.util.Set;

/**
 * All-time totals summed straight from the event store's feed, to reconcile the read model against. Every
 * order has exactly one placement in the store; cancellations are counted once per order.
 */
public final class EventStoreTotals {

    private final Set<java.util.UUID> cancelledOrders = new HashSet<>();
    private long orders;
    private long licences;
    private long revenueCents;
    private long events;
    private long lastSequence;

    public void add(SalesChange change) {
        events++;
        lastSequence = Math.max(lastSequence, change.sequence());
        if (change instanceof OrderChange order) {
            int sign;
            if (order.kind() == OrderChange.Kind.PLACED) {
                sign = 1;
            } else if (cancelledOrders.add(order.order().orderId())) {
                sign = -1;
            } else {
                return;
            }
            orders += sign;
            licences += sign * order.order().licences();
            revenueCents += sign * order.order().totalCents();
        }
    }

    public SalesDelta.Totals totals() {
        return new SalesDelta.Totals(orders, licences, revenueCents);
    }

    public long events() {
        return events;
    }

    public long lastSequence() {
        return lastSequence;
    }
}
