package com.licenceshop.projector.support;

import static com.licenceshop.projector.support.EventFixtures.Licence;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A shop's event history in sequence order: orders of every licence, some cancelled, and period closes among
 * them; with the totals each period should show, computed by plain counting.
 */
public final class SalesHistory {

    public record Expected(long orders, long licences, long revenueCents) {}

    private final EventFixtures fixtures;
    private final Random random;
    private final List<ShopEvent> events = new ArrayList<>();
    private final List<OrderPlaced> open = new ArrayList<>();
    private long periodStart;
    private long orders;
    private long licences;
    private long revenue;
    private long allOrders;
    private long allLicences;
    private long allRevenue;

    public SalesHistory(EventFixtures fixtures, long seed) {
        this.fixtures = fixtures;
        this.random = new Random(seed);
    }

    public SalesHistory orders(int count) {
        for (int i = 0; i < count; i++) {
            Licence licence = Licence.values()[random.nextInt(3)];
            int quantity = 1 + random.nextInt(4);
            OrderPlaced order = random.nextInt(5) == 0
                    ? fixtures.anOrderOf(
                            List.of(EventFixtures.line(licence, quantity), EventFixtures.line(Licence.STARTER, 1)))
                    : fixtures.anOrderOf(licence, quantity);
            events.add(order);
            open.add(order);
            count(order, 1);
        }
        return this;
    }

    public SalesHistory cancellations(int count) {
        for (int i = 0; i < count && !open.isEmpty(); i++) {
            OrderPlaced order = open.remove(random.nextInt(open.size()));
            events.add(fixtures.aCancellationOf(order));
            count(order, -1);
        }
        return this;
    }

    public SalesHistory periodClose() {
        var close = fixtures.aPeriodClose();
        events.add(close);
        periodStart = close.sequence();
        orders = 0;
        licences = 0;
        revenue = 0;
        return this;
    }

    private void count(OrderPlaced order, int sign) {
        long quantity = order.licenceCount();
        allOrders += sign;
        allLicences += sign * quantity;
        allRevenue += sign * order.totalCents();
        if (order.sequence() > periodStart) {
            orders += sign;
            licences += sign * quantity;
            revenue += sign * order.totalCents();
        }
    }

    public int size() {
        return events.size();
    }

    public List<ShopEvent> events() {
        return List.copyOf(events);
    }

    public Expected currentPeriod() {
        return new Expected(orders, licences, revenue);
    }

    public Expected allTime() {
        return new Expected(allOrders, allLicences, allRevenue);
    }

    public long lastSequence() {
        return events.get(events.size() - 1).sequence();
    }
}
