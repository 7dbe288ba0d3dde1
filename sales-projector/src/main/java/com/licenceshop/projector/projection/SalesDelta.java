package com.licenceshop.projector.projection;

import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The change a batch makes to the pre-aggregated figures, summed in memory so a batch of any size writes one
 * row per period, per period and licence, and per period and minute. Addition is commutative, which is what
 * lets batches commit in any order. Keys are sorted so concurrent batches lock rows in the same order.
 */
public final class SalesDelta {

    public record Totals(long orders, long licences, long revenueCents) {
        Totals plus(Totals other) {
            return new Totals(orders + other.orders, licences + other.licences, revenueCents + other.revenueCents);
        }

        public boolean isZero() {
            return orders == 0 && licences == 0 && revenueCents == 0;
        }
    }

    public record ProductKey(long periodStart, String sku) {
        static final Comparator<ProductKey> ORDER =
                Comparator.comparingLong(ProductKey::periodStart).thenComparing(ProductKey::sku);
    }

    /**
     * {@code name} is null for what only a revocation contributes (it does not know the order lines' name).
     * Seats issued count once the placement is seen (keys with the placement) or from the {@code LicencesIssued} of a
     * paid order; seats revoked come from the revocations.
     */
    public record ProductFigures(
            String name, long orders, long licences, long revenueCents, long seatsIssued, long seatsRevoked) {

        public ProductFigures(String name, long orders, long licences, long revenueCents) {
            this(name, orders, licences, revenueCents, 0, 0);
        }

        ProductFigures plus(ProductFigures other) {
            return new ProductFigures(
                    name != null ? name : other.name,
                    orders + other.orders,
                    licences + other.licences,
                    revenueCents + other.revenueCents,
                    seatsIssued + other.seatsIssued,
                    seatsRevoked + other.seatsRevoked);
        }

        public boolean isZero() {
            return orders == 0 && licences == 0 && revenueCents == 0 && seatsIssued == 0 && seatsRevoked == 0;
        }
    }

    public record MinuteKey(long periodStart, Instant minute) {
        static final Comparator<MinuteKey> ORDER =
                Comparator.comparingLong(MinuteKey::periodStart).thenComparing(MinuteKey::minute);
    }

    public record MinuteFigures(long orders, long revenueCents) {
        MinuteFigures plus(MinuteFigures other) {
            return new MinuteFigures(orders + other.orders, revenueCents + other.revenueCents);
        }

        public boolean isZero() {
            return orders == 0 && revenueCents == 0;
        }
    }

    private final Map<Long, Totals> totals = new HashMap<>();
    private final Map<ProductKey, ProductFigures> products = new HashMap<>();
    private final Map<MinuteKey, MinuteFigures> minutes = new HashMap<>();

    /** Counts the order {@code weight} times (negative to take it out) in the given period. */
    public void add(OrderFigures order, long periodStart, int weight) {
        if (weight == 0) {
            return;
        }
        totals.merge(
                periodStart, new Totals(weight, weight * order.licences(), weight * order.totalCents()), Totals::plus);
        for (LineFigures line : order.lines()) {
            products.merge(
                    new ProductKey(periodStart, line.sku()),
                    new ProductFigures(
                            line.name(), weight, (long) weight * line.quantity(), weight * line.revenueCents()),
                    ProductFigures::plus);
        }
        minutes.merge(
                new MinuteKey(periodStart, order.minute()),
                new MinuteFigures(weight, weight * order.totalCents()),
                MinuteFigures::plus);
    }

    /** Counts the order's issued seats {@code weight} times (1 once its placement is seen) in the given period. */
    public void issue(OrderFigures order, long periodStart, int weight) {
        if (weight == 0) {
            return;
        }
        for (LineFigures line : order.lines()) {
            if (line.seats() != 0) {
                products.merge(
                        new ProductKey(periodStart, line.sku()),
                        new ProductFigures(line.name(), 0, 0, 0, (long) weight * line.seats(), 0),
                        ProductFigures::plus);
            }
        }
    }

    /** Counts {@code seats} revoked seats of a licence {@code weight} times in the given period. */
    public void revoke(String sku, long seats, long periodStart, int weight) {
        countSeats(sku, 0, seats, periodStart, weight);
    }

    /** Counts {@code seats} seats of a licence issued apart from its placement {@code weight} times in the given period. */
    public void issue(String sku, long seats, long periodStart, int weight) {
        countSeats(sku, seats, 0, periodStart, weight);
    }

    private void countSeats(String sku, long issued, long revoked, long periodStart, int weight) {
        if (weight == 0 || issued + revoked == 0) {
            return;
        }
        products.merge(
                new ProductKey(periodStart, sku),
                new ProductFigures(null, 0, 0, 0, weight * issued, weight * revoked),
                ProductFigures::plus);
    }

    /** A period close moved the order (its figures and its issued seats) from one period to the next. */
    public void move(OrderFigures order, OrderState state, long fromPeriod, long toPeriod) {
        add(order, fromPeriod, -state.weight());
        add(order, toPeriod, state.weight());
        issue(order, fromPeriod, -state.issuedWeight());
        issue(order, toPeriod, state.issuedWeight());
    }

    /** A period close moved a revocation from one period to the next. */
    public void moveRevoked(String sku, long seats, long fromPeriod, long toPeriod) {
        revoke(sku, seats, fromPeriod, -1);
        revoke(sku, seats, toPeriod, 1);
    }

    /** A period close moved seats issued apart from their placement from one period to the next. */
    public void moveIssued(String sku, long seats, long fromPeriod, long toPeriod) {
        issue(sku, seats, fromPeriod, -1);
        issue(sku, seats, toPeriod, 1);
    }

    public NavigableMap<Long, Totals> totals() {
        return Collections.unmodifiableNavigableMap(new TreeMap<>(totals));
    }

    public NavigableMap<ProductKey, ProductFigures> products() {
        var sorted = new TreeMap<ProductKey, ProductFigures>(ProductKey.ORDER);
        sorted.putAll(products);
        return Collections.unmodifiableNavigableMap(sorted);
    }

    public NavigableMap<MinuteKey, MinuteFigures> minutes() {
        var sorted = new TreeMap<MinuteKey, MinuteFigures>(MinuteKey.ORDER);
        sorted.putAll(minutes);
        return Collections.unmodifiableNavigableMap(sorted);
    }

    public boolean isEmpty() {
        return totals.values().stream().allMatch(Totals::isZero)
                && products.values().stream().allMatch(ProductFigures::isZero)
                && minutes.values().stream().allMatch(MinuteFigures::isZero);
    }
}
