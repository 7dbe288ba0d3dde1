package com.licenceshop.projector.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SeenOrdersTest {

    private static final Instant PLACED_AT = Instant.parse("2026-12-01T10:15:30Z");
    private static final OrderState PLACED = new OrderState(true, false);
    private static final OrderState CANCELLED = new OrderState(false, true);
    private static final OrderState BOTH = new OrderState(true, true);

    /** Periods starting after 0 and 100: the orders here, placed at 120, belong to 100. */
    private final Periods periods = new Periods(List.of(100L));

    private final UUID id = UUID.randomUUID();
    private final OrderFigures placement = figures(id, 5);

    @Test
    void theFiguresAreThePlacementsEvenWhenItsCancellationCameFirst() {
        SeenOrders orders = SeenOrders.of(List.of(cancelled(id), placed(placement)));

        assertThat(orders.figures(id)).isEqualTo(placement);
        assertThat(orders.seen(id)).isEqualTo(BOTH);
    }

    @Test
    void aNewOrderCountsOnceWithItsSeatsInThePeriodOfItsPlacement() {
        SeenOrders orders = SeenOrders.of(List.of(placed(placement)));
        SalesDelta delta = new SalesDelta();

        orders.countNew(Set.of(id), periods, delta);

        assertThat(delta.totals()).containsOnlyKeys(100L);
        assertThat(delta.totals().get(100L)).isEqualTo(new SalesDelta.Totals(1, 2, 300_000));
        assertThat(delta.products().get(new SalesDelta.ProductKey(100, "PRO")))
                .isEqualTo(new SalesDelta.ProductFigures("Professional", 1, 2, 300_000, 5, 0));
    }

    @Test
    void aNewOrderPlacedAndCancelledInOneBatchCountsOnlyItsIssuedSeats() {
        SeenOrders orders = SeenOrders.of(List.of(placed(placement), cancelled(id)));
        SalesDelta delta = new SalesDelta();

        orders.countNew(Set.of(id), periods, delta);

        assertThat(delta.totals()).isEmpty();
        assertThat(delta.products().get(new SalesDelta.ProductKey(100, "PRO")))
                .isEqualTo(new SalesDelta.ProductFigures("Professional", 0, 0, 0, 5, 0));
    }

    @Test
    void anOrderTheModelHeldPlacedChangesNothingWhenPlacedAgain() {
        SeenOrders orders = SeenOrders.of(List.of(placed(placement)));
        SalesDelta delta = new SalesDelta();

        assertThat(orders.updatesOf(Map.of(id, PLACED), periods, delta)).isEmpty();
        assertThat(delta.isEmpty()).isTrue();
    }

    @Test
    void aCancellationOfAStoredOrderTakesItOutAndKeepsItsLines() {
        SeenOrders orders = SeenOrders.of(List.of(cancelled(id)));
        SalesDelta delta = new SalesDelta();

        List<SeenOrders.Update> updates = orders.updatesOf(Map.of(id, PLACED), periods, delta);

        assertThat(updates).containsExactly(new SeenOrders.Update(id, BOTH, null));
        assertThat(delta.totals().get(100L)).isEqualTo(new SalesDelta.Totals(-1, -2, -300_000));
        assertThat(delta.products().get(new SalesDelta.ProductKey(100, "PRO")).seatsIssued())
                .as("a cancellation revokes, it does not un-issue")
                .isZero();
    }

    @Test
    void thePlacementOfARowACancellationCreatedBringsItsLinesAndSeats() {
        SeenOrders orders = SeenOrders.of(List.of(placed(placement)));
        SalesDelta delta = new SalesDelta();

        List<SeenOrders.Update> updates = orders.updatesOf(Map.of(id, CANCELLED), periods, delta);

        assertThat(updates).containsExactly(new SeenOrders.Update(id, BOTH, placement.lines()));
        assertThat(delta.totals().get(100L))
                .as("from -1 (cancelled before its placement was seen) to 0")
                .isEqualTo(new SalesDelta.Totals(1, 2, 300_000));
        assertThat(delta.products().get(new SalesDelta.ProductKey(100, "PRO")).seatsIssued())
                .isEqualTo(5);
    }

    @Test
    void rowsAreInsertedAndUpdatedInOrderIdOrder() {
        UUID first = UUID.fromString("00000000-0000-0000-0000-000000000001");
        UUID second = UUID.fromString("00000000-0000-0000-0000-000000000002");
        SeenOrders orders = SeenOrders.of(List.of(cancelled(second), cancelled(first)));
        Map<UUID, OrderState> before = new LinkedHashMap<>();
        before.put(second, PLACED);
        before.put(first, PLACED);

        assertThat(orders.byOrderId()).extracting(OrderFigures::orderId).containsExactly(first, second);
        assertThat(orders.updatesOf(before, periods, new SalesDelta()))
                .extracting(SeenOrders.Update::orderId)
                .containsExactly(first, second);
    }

    @Test
    void onlyOrdersTheBatchDidNotSeePlacedCanExistInARebuild() {
        UUID cancelledOnly = UUID.randomUUID();
        SeenOrders orders = SeenOrders.of(List.of(placed(placement), cancelled(cancelledOnly)));

        assertThat(orders.ids()).containsExactlyInAnyOrder(id, cancelledOnly);
        assertThat(orders.notSeenPlaced()).containsExactly(cancelledOnly);
    }

    /** Two Professional licences for 3,000.00, placed at sequence 120 with keys of {@code seats} seats. */
    private static OrderFigures figures(UUID orderId, int seats) {
        return new OrderFigures(
                orderId,
                120,
                PLACED_AT,
                "EUR",
                List.of(new LineFigures("PRO", "Professional", 2, 300_000, seats)),
                300_000);
    }

    private static OrderChange placed(OrderFigures order) {
        return new OrderChange(UUID.randomUUID(), 120, PLACED_AT, OrderChange.Kind.PLACED, order);
    }

    /** A cancellation carries its order's figures, without the seats of its keys. */
    private static OrderChange cancelled(UUID orderId) {
        return new OrderChange(
                UUID.randomUUID(), 130, PLACED_AT.plusSeconds(60), OrderChange.Kind.CANCELLED, figures(orderId, 0));
    }
}
