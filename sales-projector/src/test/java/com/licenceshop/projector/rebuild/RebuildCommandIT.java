package com.licenceshop.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.projector.readmodel.ModelLocks;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.sql.Connection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The jar's {@code rebuild} command: no server, no consumer, the same rebuild and the same lock. */
class RebuildCommandIT {

    private static final String OPS_PASSWORD = java.util.UUID.randomUUID().toString();

    @Test
    void theRebuildCommandBuildsFromTheFeedButNotBesideAnotherRebuild() throws Exception {
        var database = TestServers.freshDatabase();
        SalesHistory history = new SalesHistory(new EventFixtures(), 9)
                .orders(2000)
                .cancellations(100)
                .periodClose()
                .orders(300);
        try (var feed = new FeedFromEventList("ops", OPS_PASSWORD)) {
            feed.addAll(history.events());
            Map<String, Object> properties = new HashMap<>(database.micronautProperties());
            properties.putAll(Map.of(
                    "shop.command-api.url",
                    feed.url(),
                    "shop.ops.username",
                    "ops",
                    "shop.ops.password",
                    OPS_PASSWORD,
                    "shop.namespace",
                    TestServers.freshNamespace()));

            int whileAnotherRuns;
            try (Connection otherRebuild = database.connect()) {
                assertThat(RebuildCommand.run(properties))
                        .as("first run migrates and rebuilds")
                        .isZero();
                otherRebuild.createStatement().execute("SELECT pg_advisory_lock(" + ModelLocks.REBUILD + ")");
                whileAnotherRuns = RebuildCommand.run(properties);
            }
            int alone = RebuildCommand.run(properties);

            assertThat(whileAnotherRuns).isEqualTo(2);
            assertThat(alone).isZero();
            var summary = new SalesViews(database).summary();
            assertThat(summary.orders()).isEqualTo(history.currentPeriod().orders());
            assertThat(summary.revenueCents()).isEqualTo(history.currentPeriod().revenueCents());
            assertThat(summary.position()).isEqualTo(history.lastSequence());
        }
    }

    @Test
    void aPlacementRepeatedUnderAnotherEventIdCountsOnceAsLiveDoes() throws Exception {
        var database = TestServers.freshDatabase();
        var fixtures = new EventFixtures();
        var history = new SalesHistory(fixtures, 10).orders(300);
        OrderPlaced original = (OrderPlaced) history.events().get(10);
        OrderPlaced repeated = new OrderPlaced(
                UUID.randomUUID(),
                fixtures.nextSequence(),
                original.occurredAt(),
                original.orderId(),
                original.customerEmail(),
                original.currency(),
                original.lines(),
                original.totalCents());
        try (var feed = new FeedFromEventList("ops", OPS_PASSWORD)) {
            feed.addAll(history.events());
            feed.add(repeated);
            Map<String, Object> properties = new HashMap<>(database.micronautProperties());
            properties.putAll(Map.of(
                    "shop.command-api.url",
                    feed.url(),
                    "shop.ops.username",
                    "ops",
                    "shop.ops.password",
                    OPS_PASSWORD,
                    "shop.namespace",
                    TestServers.freshNamespace(),
                    "shop.rebuild.chunk-size",
                    50));

            assertThat(RebuildCommand.run(properties)).isZero();

            var summary = new SalesViews(database).summary();
            assertThat(summary.orders()).isEqualTo(300);
            assertThat(summary.revenueCents()).isEqualTo(history.currentPeriod().revenueCents());
            assertThat(new SalesViews(database).inboxSize()).isEqualTo(301);
        }
    }
}
