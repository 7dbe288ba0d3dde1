package com.licenceshop.projector.inbound;

import static com.licenceshop.projector.support.EventFixtures.Licence.ENTERPRISE;
import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static com.licenceshop.projector.support.EventFixtures.Licence.STARTER;
import static com.licenceshop.projector.support.EventFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.rebuild.RebuildSalesProjection;
import com.licenceshop.projector.rebuild.RebuildStatus;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-licence figures count the seats of the licence keys issued (OrderPlaced v2, or LicencesIssued after a
 * payment) and revoked (LicenceRevoked, bound to the projector's queue): once each however often delivered, the same in any order of arrival, and the
 * same after a rebuild from the feed.
 */
class SeatsInTheFiguresIT {

    private static final String PASSWORD = java.util.UUID.randomUUID().toString();

    private final EventFixtures events = new EventFixtures();
    private final TestServers.Database database = TestServers.freshDatabase();
    private final SalesViews views = new SalesViews(database);
    private final Topology topology = new Topology(TestServers.freshNamespace());

    @Test
    void threeSeatsAreIssuedAndRevokedOnceHoweverOftenRedelivered() {
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            OrderPlaced order = events.anOrderWithKeysOf(List.of(line(STARTER, 3)));
            broker.publish(order);
            views.awaitInboxSize(1);
            assertThat(views.seats()).containsExactly("STARTER issued=3 revoked=0");

            var cancelled = events.aCancellationOf(order);
            var revoked = events.aRevocationOf(order);
            broker.publish(cancelled);
            broker.publish(revoked);
            views.awaitInboxSize(3);
            assertThat(views.seats()).containsExactly("STARTER issued=3 revoked=3");

            broker.publishAll(List.of(order, revoked, cancelled, revoked));
            broker.publish(events.aProductAdded("MARK", "Marker", 1_000)); // applied after the redeliveries
            views.awaitInboxSize(4);
            assertThat(views.seats()).containsExactly("STARTER issued=3 revoked=3");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }

    @Test
    void aPaidOrdersKeysCountTheirSeatsAndARefundRevokesThem() {
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            OrderPlaced order = events.anUnpaidOrderOf(List.of(line(STARTER, 3), line(PROFESSIONAL, 2)), "CARD");
            var keys = events.theKeysOf(order);
            broker.publish(order);
            views.awaitInboxSize(1);
            assertThat(views.seats()).containsExactly("PROFESSIONAL issued=0 revoked=0", "STARTER issued=0 revoked=0");

            broker.publish(keys);
            views.awaitInboxSize(2);
            assertThat(views.seats()).containsExactly("PROFESSIONAL issued=2 revoked=0", "STARTER issued=3 revoked=0");

            broker.publishAll(List.of(events.aRevocationOf(keys), keys, order));
            broker.publish(events.aProductAdded("MARK", "Marker", 1_000)); // applied after the redeliveries
            views.awaitInboxSize(4);
            assertThat(views.seats()).containsExactly("PROFESSIONAL issued=2 revoked=2", "STARTER issued=3 revoked=3");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }

    @Test
    void eventsRedeliveredAfterRetentionDeletedTheirInboxRowsCountNoSeatsAgain() throws Exception {
        OrderPlaced order = events.anOrderWithKeysOf(List.of(line(PROFESSIONAL, 3)));
        var revoked = events.aRevocationOf(order);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(List.of(order, revoked));
            views.awaitInboxSize(2);
            try (var c = database.connect();
                    var delete = c.createStatement()) {
                delete.executeUpdate("DELETE FROM sales.inbox"); // as InboxRetention does with old rows
            }

            broker.publishAll(List.of(order, revoked));
            views.awaitInboxSize(2);
            assertThat(views.seats()).containsExactly("PROFESSIONAL issued=3 revoked=3");
        }
    }

    @Test
    void anEarlyRevocationCountsItsSeatsAndEndsAsInOrder() {
        OrderPlaced order = events.anOrderWithKeysOf(List.of(line(STARTER, 3)));
        var cancelled = events.aCancellationOf(order);
        var revoked = events.aRevocationOf(order);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publish(revoked);
            views.awaitInboxSize(1);
            assertThat(views.seats()).containsExactly("STARTER issued=0 revoked=3");

            broker.publish(cancelled);
            broker.publish(order);
            views.awaitInboxSize(3);
            assertThat(views.seats()).containsExactly("STARTER issued=3 revoked=3");
            assertThat(views.products()).containsExactly("STARTER Starter orders=0 licences=0 revenue=0");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }

    @Test
    void shuffledRepeatedSeatsAroundALateCloseEndAsARebuildDoes() {
        List<ShopEvent> history = new ArrayList<>();
        history.add(events.anOrderWithKeysOf(List.of(line(STARTER, 5)))); // in the period before the close
        history.add(events.aPeriodClose());
        OrderPlaced cancelledLater = events.anOrderWithKeysOf(List.of(line(STARTER, 3)));
        history.add(cancelledLater);
        history.add(events.anOrderWithKeysOf(List.of(line(PROFESSIONAL, 2))));
        history.add(events.anOrderOf(ENTERPRISE, 1)); // v1: no keys
        history.add(events.aCancellationOf(cancelledLater));
        history.add(events.aRevocationOf(cancelledLater));
        OrderPlaced paid = events.anUnpaidOrderOf(List.of(line(PROFESSIONAL, 4)), "CARD");
        history.add(paid);
        history.add(events.theKeysOf(paid)); // after the close: a late close moves its seats too
        List<ShopEvent> shuffled = new ArrayList<>(history);
        shuffled.addAll(history.subList(2, history.size()));
        Collections.shuffle(shuffled, new Random(16));

        try (var broker = ProjectorBroker.connect(topology);
                var feed = new FeedFromEventList("ops", PASSWORD);
                var projector = ProjectorInstance.start(
                        database,
                        topology,
                        Map.of(
                                "shop.command-api.url",
                                feed.url(),
                                "shop.ops.username",
                                "ops",
                                "shop.ops.password",
                                PASSWORD))) {
            broker.publishAll(shuffled);
            views.awaitInboxSize(history.size());
            assertThat(views.seats())
                    .containsExactly(
                            "ENTERPRISE issued=0 revoked=0",
                            "PROFESSIONAL issued=6 revoked=0",
                            "STARTER issued=3 revoked=3");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
            var live = views.snapshot();

            feed.addAll(history);
            RebuildStatus rebuilt = projector.bean(RebuildSalesProjection.class).runHere(status -> {});

            assertThat(rebuilt.state()).as(String.valueOf(rebuilt.error())).isEqualTo("FINISHED");
            assertThat(views.snapshot()).isEqualTo(live);
            assertThat(views.inboxSize()).isEqualTo(history.size());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
