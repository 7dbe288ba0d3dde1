package com.licenceshop.projector.projection;

import static com.licenceshop.projector.support.EventFixtures.Licence.ENTERPRISE;
import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static com.licenceshop.projector.support.EventFixtures.Licence.STARTER;
import static com.licenceshop.projector.support.EventFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.licenceshop.events.LicenceKey;
import com.licenceshop.events.OrderLine;
import com.licenceshop.events.OrderPlaced;
import com.licenceshop.projector.support.EventFixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

class SalesProjectionTest {

    private final EventFixtures events = new EventFixtures();

    @Test
    void aPlacedOrderAddsOneOrderItsLicencesAndItsTotal() {
        OrderPlaced placed = events.anOrderOf(List.of(line(PROFESSIONAL, 2), line(STARTER, 1)));
        var change = (OrderChange) SalesProjection.changeOf(placed);
        SalesDelta delta = new SalesDelta();

        delta.add(
                change.order(),
                Periods.FIRST,
                OrderState.UNSEEN.with(change.kind()).weight());

        assertThat(delta.totals().get(0L)).isEqualTo(new SalesDelta.Totals(1, 3, 350_000));
        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "PROFESSIONAL")))
                .isEqualTo(new SalesDelta.ProductFigures("Professional", 1, 2, 300_000));
        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "STARTER")))
                .isEqualTo(new SalesDelta.ProductFigures("Starter", 1, 1, 50_000));
        assertThat(delta.minutes().firstEntry().getValue()).isEqualTo(new SalesDelta.MinuteFigures(1, 350_000));
    }

    @Test
    void aCancellationTakesOutExactlyWhatItsOrderAdded() {
        OrderPlaced placed = events.anOrderOf(ENTERPRISE, 3);
        var cancelled = (OrderChange) SalesProjection.changeOf(events.aCancellationOf(placed));
        SalesDelta delta = new SalesDelta();

        OrderState afterPlacement = OrderState.UNSEEN.with(OrderChange.Kind.PLACED);
        delta.add(cancelled.order(), 0, afterPlacement.weight());
        delta.add(cancelled.order(), 0, afterPlacement.with(cancelled.kind()).weight() - afterPlacement.weight());

        assertThat(delta.isEmpty()).isTrue();
    }

    @Test
    void anEarlyCancellationCountsMinusOneUntilThePlacementArrives() {
        OrderState cancelledFirst = OrderState.UNSEEN.with(OrderChange.Kind.CANCELLED);
        assertThat(cancelledFirst.weight()).isEqualTo(-1);
        assertThat(cancelledFirst.with(OrderChange.Kind.PLACED).weight()).isZero();
    }

    @Test
    void seeingAnEventAgainChangesNothing() {
        OrderState placed = OrderState.UNSEEN.with(OrderChange.Kind.PLACED);
        assertThat(placed.with(OrderChange.Kind.PLACED)).isEqualTo(placed);
        OrderState both = placed.with(OrderChange.Kind.CANCELLED);
        assertThat(both.with(OrderChange.Kind.CANCELLED)).isEqualTo(both);
        assertThat(both.union(placed)).isEqualTo(both);
    }

    @Test
    void anOrderBelongsToItsPlacementPeriodWhateverClosesAreKnown() {
        Periods periods = new Periods(List.of()).with(100).with(50);
        assertThat(periods.periodOf(10)).isZero();
        assertThat(periods.periodOf(51)).isEqualTo(50);
        assertThat(periods.periodOf(99)).isEqualTo(50);
        assertThat(periods.periodOf(101)).isEqualTo(100);
        assertThat(periods.current()).isEqualTo(100);
        assertThat(periods.nextStartAfter(50)).hasValue(100);
        assertThat(periods.nextStartAfter(100)).isEmpty();
    }

    @Test
    void movingAnOrderToTheNextPeriodKeepsTheAllTimeSum() {
        var order = ((OrderChange) SalesProjection.changeOf(events.anOrderOf(STARTER, 4))).order();
        SalesDelta delta = new SalesDelta();
        delta.add(order, 0, 1);
        delta.move(order, OrderState.UNSEEN.with(OrderChange.Kind.PLACED), 0, 7);

        assertThat(delta.totals().get(0L).isZero()).isTrue();
        assertThat(delta.totals().get(7L)).isEqualTo(new SalesDelta.Totals(1, 4, 200_000));
    }

    @Test
    void linesOfTheSameLicenceCountTheOrderOnceForThatLicence() {
        var order = ((OrderChange)
                        SalesProjection.changeOf(events.anOrderOf(List.of(line(STARTER, 1), line(STARTER, 2)))))
                .order();
        SalesDelta delta = new SalesDelta();
        delta.add(order, 0, 1);

        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "STARTER")))
                .isEqualTo(new SalesDelta.ProductFigures("Starter", 1, 3, 150_000));
    }

    @Test
    void aKeyedPlacementIssuesSeatsPerLicenceAndAVersionOneNone() {
        var withKeys = ((OrderChange) SalesProjection.changeOf(
                        events.anOrderWithKeysOf(List.of(line(STARTER, 3), line(PROFESSIONAL, 1), line(STARTER, 2)))))
                .order();
        var v1 = ((OrderChange) SalesProjection.changeOf(events.anOrderOf(ENTERPRISE, 4))).order();
        SalesDelta delta = new SalesDelta();
        delta.issue(withKeys, 0, OrderState.UNSEEN.with(OrderChange.Kind.PLACED).issuedWeight());
        delta.issue(v1, 0, 1);

        assertThat(withKeys.seatsIssued()).isEqualTo(6);
        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "STARTER")).seatsIssued())
                .isEqualTo(5);
        assertThat(delta.products()
                        .get(new SalesDelta.ProductKey(0, "PROFESSIONAL"))
                        .seatsIssued())
                .isEqualTo(1);
        assertThat(delta.products()).doesNotContainKey(new SalesDelta.ProductKey(0, "ENTERPRISE"));
    }

    @Test
    void aCancellationRevokesNoSeatsAndDoesNotUnIssueThem() {
        OrderState placed = OrderState.UNSEEN.with(OrderChange.Kind.PLACED);
        OrderState cancelledFirst = OrderState.UNSEEN.with(OrderChange.Kind.CANCELLED);

        assertThat(placed.with(OrderChange.Kind.CANCELLED).issuedWeight()).isEqualTo(1);
        assertThat(cancelledFirst.issuedWeight()).isZero();
        assertThat(cancelledFirst.with(OrderChange.Kind.PLACED).issuedWeight()).isEqualTo(1);
        var cancellation = (OrderChange)
                SalesProjection.changeOf(events.aCancellationOf(events.anOrderWithKeysOf(List.of(line(STARTER, 3)))));
        assertThat(cancellation.order().seatsIssued()).isZero();
    }

    @Test
    void aRevocationCountsItsKeysSeatsPerLicenceWithoutThePlacement() {
        OrderPlaced order =
                events.anOrderWithKeysOf(List.of(line(STARTER, 3), line(PROFESSIONAL, 2), line(STARTER, 1)));
        var revocation = (LicenceRevocation) SalesProjection.changeOf(events.aRevocationOf(order));
        SalesDelta delta = new SalesDelta();
        revocation.seatsBySku().forEach((sku, seats) -> delta.revoke(sku, seats, 0, 1));

        assertThat(revocation.seatsBySku())
                .containsExactly(java.util.Map.entry("PROFESSIONAL", 2L), java.util.Map.entry("STARTER", 4L));
        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "STARTER")))
                .isEqualTo(new SalesDelta.ProductFigures(null, 0, 0, 0, 0, 4));
    }

    @Test
    void movingAnOrderAndRevocationToTheNextPeriodMovesTheirSeats() {
        OrderPlaced placed = events.anOrderWithKeysOf(List.of(line(STARTER, 3)));
        var order = ((OrderChange) SalesProjection.changeOf(placed)).order();
        OrderState placedAndCancelled =
                OrderState.UNSEEN.with(OrderChange.Kind.PLACED).with(OrderChange.Kind.CANCELLED);
        SalesDelta delta = new SalesDelta();
        delta.issue(order, 0, 1);
        delta.revoke("STARTER", 3, 0, 1);

        delta.move(order, placedAndCancelled, 0, 7);
        delta.moveRevoked("STARTER", 3, 0, 7);

        assertThat(delta.products().get(new SalesDelta.ProductKey(0, "STARTER")).isZero())
                .isTrue();
        assertThat(delta.products().get(new SalesDelta.ProductKey(7, "STARTER")))
                .isEqualTo(new SalesDelta.ProductFigures("Starter", 0, 0, 0, 3, 3));
    }

    @Test
    void aKeyForAMissingLineOrAnotherLicenceCannotBeApplied() {
        OrderPlaced good = events.anOrderOf(STARTER, 1);
        var beyondTheLines = new OrderPlaced(
                good.eventId(),
                good.sequence(),
                good.occurredAt(),
                good.orderId(),
                good.customerEmail(),
                good.currency(),
                good.lines(),
                good.totalCents(),
                List.of(new LicenceKey(2, "STARTER", 1, "k")));
        var otherLicence = new OrderPlaced(
                good.eventId(),
                good.sequence(),
                good.occurredAt(),
                good.orderId(),
                good.customerEmail(),
                good.currency(),
                good.lines(),
                good.totalCents(),
                List.of(new LicenceKey(1, "ENTERPRISE", 1, "k")));

        assertThatThrownBy(() -> SalesProjection.changeOf(beyondTheLines))
                .isInstanceOf(UnappliableEventException.class);
        assertThatThrownBy(() -> SalesProjection.changeOf(otherLicence)).isInstanceOf(UnappliableEventException.class);
    }

    @Test
    void anOrderWhoseTotalIsNotItsLinesSumCannotBeApplied() {
        OrderPlaced good = events.anOrderOf(STARTER, 1);
        var wrongTotal = new OrderPlaced(
                good.eventId(),
                good.sequence(),
                good.occurredAt(),
                good.orderId(),
                good.customerEmail(),
                good.currency(),
                good.lines(),
                good.totalCents() + 1);

        assertThatThrownBy(() -> SalesProjection.changeOf(wrongTotal))
                .isInstanceOf(UnappliableEventException.class)
                .hasMessageContaining("not the sum");
    }

    @Test
    void anOrderWithoutLinesOrWithANonPositiveQuantityIsRefused() {
        OrderPlaced good = events.anOrderOf(STARTER, 1);
        var noLines = new OrderPlaced(
                good.eventId(),
                good.sequence(),
                good.occurredAt(),
                good.orderId(),
                good.customerEmail(),
                good.currency(),
                List.of(),
                0);
        var zeroQuantity = new OrderPlaced(
                good.eventId(),
                good.sequence(),
                good.occurredAt(),
                good.orderId(),
                good.customerEmail(),
                good.currency(),
                List.of(new OrderLine("STARTER", "Starter", 0, 50_000, 0)),
                0);

        assertThatThrownBy(() -> SalesProjection.changeOf(noLines)).isInstanceOf(UnappliableEventException.class);
        assertThatThrownBy(() -> SalesProjection.changeOf(zeroQuantity)).isInstanceOf(UnappliableEventException.class);
    }

    @Test
    void eventStoreTotalsCountACancelledOrderOnceHoweverOftenCancelled() {
        OrderPlaced placed = events.anOrderOf(PROFESSIONAL, 1);
        OrderPlaced kept = events.anOrderOf(STARTER, 2);
        var cancel = events.aCancellationOf(placed);
        EventStoreTotals totals = new EventStoreTotals();

        totals.add(SalesProjection.changeOf(placed));
        totals.add(SalesProjection.changeOf(kept));
        totals.add(SalesProjection.changeOf(cancel));
        totals.add(SalesProjection.changeOf(events.aCancellationOf(placed)));

        assertThat(totals.totals()).isEqualTo(new SalesDelta.Totals(1, 2, 100_000));
    }

    @Test
    void addedAndChangedEventsNameALicenceRetiringItChangesNoFigure() {
        var fixtures = new com.licenceshop.projector.support.EventFixtures();
        var added = fixtures.aProductAdded("TEAM", "Team", 90_000);
        var changed = fixtures.aProductChanged("TEAM", "Team Plus", 95_000, 2);
        var retired = fixtures.aProductRetired("TEAM", 3);

        assertThat(SalesProjection.changeOf(added))
                .isEqualTo(new ProductNamed(added.eventId(), added.sequence(), added.occurredAt(), "TEAM", "Team", 1));
        assertThat(SalesProjection.changeOf(changed))
                .isEqualTo(new ProductNamed(
                        changed.eventId(), changed.sequence(), changed.occurredAt(), "TEAM", "Team Plus", 2));
        assertThat(SalesProjection.changeOf(retired))
                .isEqualTo(new NoFigures(retired.eventId(), retired.sequence(), retired.occurredAt()));
    }

    @Test
    void aNamelessLicenceOrAChangeAtVersionOneCannotBeApplied() {
        var fixtures = new com.licenceshop.projector.support.EventFixtures();
        assertThatThrownBy(() -> SalesProjection.changeOf(fixtures.aProductAdded("TEAM", " ", 1)))
                .isInstanceOf(UnappliableEventException.class)
                .hasMessageContaining("name");
        assertThatThrownBy(() -> SalesProjection.changeOf(fixtures.aProductChanged("TEAM", "Team", 1, 1)))
                .isInstanceOf(UnappliableEventException.class)
                .hasMessageContaining("version");
    }
}
