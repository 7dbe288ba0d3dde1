package com.licenceshop.projector.projection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The orders a batch saw, one entry each: its figures (the placement's if seen: only it carries the issued seats)
 * and the union of what the batch saw of it. Given what the model held of them, it decides what their rows become
 * and what that adds to the {@link SalesDelta}; the storage is the caller's.
 */
public final class SeenOrders {

    /**
     * An order row the batch changes: its new flags, and {@code placementLines} when a row a cancellation created
     * meets its placement (the lines carry the issued seats, which a later period close must move); null keeps the
     * row's lines.
     */
    public record Update(UUID orderId, OrderState state, List<LineFigures> placementLines) {}

    private final Map<UUID, OrderFigures> figures = new HashMap<>();
    private final Map<UUID, OrderState> seen = new HashMap<>();

    private SeenOrders() {}

    public static SeenOrders of(Collection<? extends SalesChange> applied) {
        SeenOrders orders = new SeenOrders();
        for (SalesChange change : applied) {
            if (change instanceof OrderChange order) {
                UUID id = order.order().orderId();
                if (order.kind() == OrderChange.Kind.PLACED) {
                    orders.figures.put(id, order.order());
                } else {
                    orders.figures.putIfAbsent(id, order.order());
                }
                orders.seen.merge(id, OrderState.UNSEEN.with(order.kind()), OrderState::union);
            }
        }
        return orders;
    }

    public boolean isEmpty() {
        return figures.isEmpty();
    }

    public Set<UUID> ids() {
        return Collections.unmodifiableSet(figures.keySet());
    }

    public OrderFigures figures(UUID id) {
        return figures.get(id);
    }

    public OrderState seen(UUID id) {
        return seen.get(id);
    }

    /** Sorted by order id, so concurrent batches insert (and lock) in the same order. */
    public List<OrderFigures> byOrderId() {
        return figures.values().stream()
                .sorted(Comparator.comparing(OrderFigures::orderId))
                .toList();
    }

    /** Those the batch did not see placed: in sequence order (a rebuild's first pass) only they can exist already. */
    public List<UUID> notSeenPlaced() {
        return figures.keySet().stream().filter(id -> !seen.get(id).placed()).toList();
    }

    /** Orders new to the model count as the batch saw them, in the period of their placement. */
    public void countNew(Collection<UUID> inserted, Periods periods, SalesDelta delta) {
        for (UUID id : inserted) {
            OrderFigures order = figures.get(id);
            long period = periods.periodOf(order.placedSequence());
            delta.add(order, period, seen.get(id).weight());
            delta.issue(order, period, seen.get(id).issuedWeight());
        }
    }

    /**
     * Orders the model held ({@code before}) become the union of what it held and what the batch saw; those that
     * change count the difference and are returned in order id order (the order their rows are locked in).
     */
    public List<Update> updatesOf(Map<UUID, OrderState> before, Periods periods, SalesDelta delta) {
        List<Update> updates = new ArrayList<>();
        before.forEach((id, was) -> {
            OrderState after = was.union(seen.get(id));
            if (!after.equals(was)) {
                OrderFigures order = figures.get(id);
                long period = periods.periodOf(order.placedSequence());
                delta.add(order, period, after.weight() - was.weight());
                delta.issue(order, period, after.issuedWeight() - was.issuedWeight());
                boolean placementArrives = !was.placed() && seen.get(id).placed();
                updates.add(new Update(id, after, placementArrives ? order.lines() : null));
            }
        });
        updates.sort(Comparator.comparing(Update::orderId));
        return updates;
    }
}
