package com.licenceshop.projector.rebuild;

import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.OpsHttp;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The zero-downtime rebuild, while orders keep arriving: nothing lost, nothing counted twice, the totals on
 * screen never go backwards, and the result is the model a fresh live build makes of the same events.
 */
class RebuildWhileOrdersArriveIT {

    private static final String OPS = "ops";

    @Test
    void aRebuildDuringOrdersLosesOrDoublesNothingAndNeverGoesBack() throws Exception {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        var fixtures = new EventFixtures();
        String password = UUID.randomUUID().toString();
        SalesHistory history = new SalesHistory(fixtures, 5)
                .orders(6000)
                .cancellations(500)
                .periodClose()
                .orders(6000)
                .cancellations(400);

        try (var feed = new FeedFromEventList(OPS, password);
                var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(
                        database,
                        topology,
                        Map.of(
                                "shop.command-api.url",
                                feed.url(),
                                "shop.ops.username",
                                OPS,
                                "shop.ops.password",
                                password,
                                "shop.rebuild.page-size",
                                3000,
                                "shop.rebuild.chunk-size",
                                500))) {
            // the command API stores an event before it publishes it
            feed.addAll(history.events());
            broker.publishAll(history.events());
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> views.inboxSize() == history.events().size());

            List<ShopEvent> arriving = new CopyOnWriteArrayList<>();
            List<String> wentBackwards = new CopyOnWriteArrayList<>();
            AtomicLong lastSeen = new AtomicLong(views.summary().orders());
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2);
            try {
                background.scheduleWithFixedDelay(
                        () -> {
                            List<OrderPlaced> burst = new ArrayList<>();
                            for (int i = 0; i < 50; i++) {
                                burst.add(fixtures.anOrderOf(PROFESSIONAL, 1));
                            }
                            feed.addAll(burst);
                            broker.publishAll(burst);
                            arriving.addAll(burst);
                        },
                        0,
                        20,
                        TimeUnit.MILLISECONDS);
                background.scheduleWithFixedDelay(
                        () -> {
                            long orders = views.summary().orders();
                            long before = lastSeen.getAndSet(orders);
                            if (orders < before) {
                                wentBackwards.add(before + " -> " + orders);
                            }
                        },
                        0,
                        5,
                        TimeUnit.MILLISECONDS);

                feed.hold();
                var started = OpsHttp.post(projector.url() + "ops/rebuild", OPS, password);
                var second = OpsHttp.post(projector.url() + "ops/rebuild", OPS, password);
                await("running, with the total to read from the command API's head sequence")
                        .atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(OpsHttp.get(projector.url() + "ops/rebuild", OPS, password)
                                        .body())
                                .contains("\"state\":\"RUNNING\"")
                                .containsPattern("\"total\":[1-9]\\d*"));
                feed.release();

                assertThat(started.status()).isEqualTo(202);
                assertThat(second.status()).isEqualTo(409);
                assertThat(second.contentType()).startsWith("application/problem+json");
                await().atMost(Duration.ofSeconds(90))
                        .untilAsserted(() -> assertThat(OpsHttp.get(projector.url() + "ops/rebuild", OPS, password)
                                        .body())
                                .contains("\"state\":\"FINISHED\""));
                assertThat(arriving).as("orders arrived while it ran").isNotEmpty();
            } finally {
                // not shutdownNow: a burst interrupted halfway would be published but not counted
                background.shutdown();
                assertThat(background.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            int allEvents = history.events().size() + arriving.size();
            await().atMost(Duration.ofSeconds(60)).until(() -> views.inboxSize() == allEvents);
            assertThat(wentBackwards)
                    .as("totals on screen never went backwards")
                    .isEmpty();
            var status =
                    OpsHttp.get(projector.url() + "ops/rebuild", OPS, password).body();
            assertThat(status).contains("\"done\":").contains("\"eventsPerSecond\":");
            var reconciliation = OpsHttp.get(projector.url() + "ops/reconciliation", OPS, password);
            assertThat(reconciliation.body()).contains("\"matches\":true");

            SalesViews.Snapshot rebuilt = views.snapshot();
            List<ShopEvent> everything = new ArrayList<>(history.events());
            everything.addAll(arriving);
            assertThat(rebuilt).isEqualTo(freshLiveBuildOf(everything));
            assertThat(rebuilt.summary().orders())
                    .isEqualTo(history.currentPeriod().orders() + arriving.size());
            assertThat(views.liveTablesWithOptions())
                    .as("autovacuum is on again for the swapped-in tables")
                    .isEmpty();
        }
    }

    private static SalesViews.Snapshot freshLiveBuildOf(List<ShopEvent> events) {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publishAll(events);
            await().atMost(Duration.ofSeconds(60)).until(() -> views.inboxSize() == events.size());
            return views.snapshot();
        }
    }
}
