package com.licenceshop.projector.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.FeedFromEventList;
import com.licenceshop.projector.support.OpsHttp;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Sequences can commit out of order, so a rebuild's first pass can miss an event the live model already
 * counted. The swap only happens once the new tables hold every event of the live ones.
 */
class RebuildKeepsEveryLiveEventIT {

    private static final String PASSWORD = java.util.UUID.randomUUID().toString();

    @Test
    void anEventTheFirstPassMissedIsReadAgainBeforeTheSwap() {
        try (var setup = new Setup()) {
            setup.feed.addWhenAskedAfter(setup.history.lastSequence(), setup.late);

            RebuildStatus result = setup.rebuild();

            assertThat(result.state()).isEqualTo("FINISHED");
            assertThat(setup.views.snapshot()).isEqualTo(setup.liveModel);
        }
    }

    @Test
    void aRebuildMissingACountedEventKeepsTheLiveTables() {
        try (var setup = new Setup()) {
            RebuildStatus result = setup.rebuild();

            assertThat(result.state()).isEqualTo("FAILED");
            assertThat(result.error()).contains("events the feed does not serve");
            assertThat(setup.views.snapshot()).isEqualTo(setup.liveModel);
            assertThat(OpsHttp.get(setup.projector.url() + "ops/rebuild", "ops", PASSWORD)
                            .body())
                    .contains("\"state\":\"FAILED\"");
        }
    }

    /** A live model of a history in which one event is not (yet) in the feed. */
    private static final class Setup implements AutoCloseable {
        final TestServers.Database database = TestServers.freshDatabase();
        final Topology topology = new Topology(TestServers.freshNamespace());
        final SalesViews views = new SalesViews(database);
        final SalesHistory history = new SalesHistory(new EventFixtures(), 21)
                .orders(1500)
                .cancellations(100)
                .periodClose()
                .orders(400);
        final ShopEvent late = history.events().get(history.events().size() / 2);
        final FeedFromEventList feed = new FeedFromEventList("ops", PASSWORD);
        final TestBroker broker = ProjectorBroker.connect(topology);
        final ProjectorInstance projector = ProjectorInstance.start(
                database,
                topology,
                Map.of(
                        "shop.command-api.url",
                        feed.url(),
                        "shop.ops.username",
                        "ops",
                        "shop.ops.password",
                        PASSWORD,
                        "shop.rebuild.page-size",
                        500,
                        "shop.rebuild.chunk-size",
                        200));
        final SalesViews.Snapshot liveModel;

        Setup() {
            List<ShopEvent> inFeed = new ArrayList<>(history.events());
            inFeed.remove(late);
            feed.addAll(inFeed);
            broker.publishAll(history.events());
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> views.inboxSize() == history.events().size());
            liveModel = views.snapshot();
        }

        RebuildStatus rebuild() {
            try {
                return projector.bean(RebuildSalesProjection.class).runHere(status -> {});
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            projector.close();
            broker.close();
            feed.close();
        }
    }
}
