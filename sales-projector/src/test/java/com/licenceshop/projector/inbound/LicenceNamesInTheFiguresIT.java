package com.licenceshop.projector.inbound;

import static com.licenceshop.projector.support.EventFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-licence figures show a licence the catalog added under its current name: ProductAdded and
 * ProductChanged name it (the highest version wins, in any order, any number of times), ProductRetired keeps
 * it in the figures; none of them is dead-lettered, and a rebuild from the feed ends with the same model.
 */
class LicenceNamesInTheFiguresIT {

    private static final String PASSWORD = java.util.UUID.randomUUID().toString();

    private final TestServers.Database database = TestServers.freshDatabase();
    private final Topology topology = new Topology(TestServers.freshNamespace());
    private final SalesViews views = new SalesViews(database);
    private final EventFixtures events = new EventFixtures();

    private void awaitApplied(long inbox) {
        await().atMost(Duration.ofSeconds(20)).until(() -> views.inboxSize() == inbox);
    }

    @Test
    void aLicenceShowsItsLatestNameAndKeepsItWhenRetired() {
        try (var broker = ProjectorBroker.connect(topology);
                var projector = ProjectorInstance.start(database, topology)) {
            broker.publish(events.aProductAdded("TEAM", "Team", 90_000));
            OrderPlaced order = events.anOrderOf(List.of(line("TEAM", "Team", 90_000, 2)));
            broker.publish(order);
            awaitApplied(2);
            assertThat(views.products()).contains("TEAM Team orders=1 licences=2 revenue=180000");

            var changed = events.aProductChanged("TEAM", "Team Plus", 95_000, 2);
            broker.publish(changed);
            awaitApplied(3);
            assertThat(views.products()).contains("TEAM Team Plus orders=1 licences=2 revenue=180000");
            assertThat(views.summary().position()).isEqualTo(changed.sequence());

            var retired = events.aProductRetired("TEAM", 3);
            broker.publish(retired);
            broker.publish(changed); // redelivered
            awaitApplied(4);
            await().atMost(Duration.ofSeconds(10)).until(() -> views.summary().position() == retired.sequence());
            assertThat(views.products()).contains("TEAM Team Plus orders=1 licences=2 revenue=180000");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }

    @Test
    void shuffledRepeatedNamesEndAtTheHighestVersionAsARebuildDoes() {
        List<ShopEvent> history = new ArrayList<>();
        history.add(events.aProductAdded("SOLO", "Solo", 10_000));
        history.add(events.anOrderOf(List.of(line("SOLO", "Solo", 10_000, 1))));
        history.add(events.aProductChanged("SOLO", "Solo 2", 12_000, 2));
        history.add(
                events.anOrderOf(List.of(line("SOLO", "Solo 2", 12_000, 3), line(EventFixtures.Licence.STARTER, 1))));
        history.add(events.aProductChanged("SOLO", "Solo 3", 12_000, 3));
        history.add(events.aProductRetired("SOLO", 4));
        List<ShopEvent> shuffled = new ArrayList<>(history);
        shuffled.addAll(history.subList(0, 3));
        Collections.shuffle(shuffled, new Random(13));

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
            awaitApplied(history.size());
            assertThat(views.products())
                    .containsExactly(
                            "SOLO Solo 3 orders=2 licences=4 revenue=46000",
                            "STARTER Starter orders=1 licences=1 revenue=50000");
            assertThat(broker.readyInDeadLetterQueue()).isZero();
            var live = views.snapshot();

            feed.addAll(history);
            RebuildStatus rebuilt = rebuild(projector);

            assertThat(rebuilt.state()).as(String.valueOf(rebuilt.error())).isEqualTo("FINISHED");
            assertThat(views.snapshot()).isEqualTo(live);
            assertThat(views.inboxSize()).isEqualTo(history.size());
        }
    }

    private static RebuildStatus rebuild(ProjectorInstance projector) {
        try {
            return projector.bean(RebuildSalesProjection.class).runHere(status -> {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
