package com.licenceshop.projector.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Competing consumers: three projector instances on one queue and one database count every event exactly once. */
class ThreeProjectorsOnOneQueueIT {

    @Test
    void threeProjectorsConsumingConcurrentlyProduceTheExactTotals() {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        SalesHistory history = new SalesHistory(new EventFixtures(), 3)
                .orders(1200)
                .cancellations(150)
                .periodClose()
                .orders(1200)
                .cancellations(200);
        // small batches, so all three take turns on the hot rows of the current period
        Map<String, Object> settings = Map.of("shop.projector.batch-size", 50);

        try (var broker = ProjectorBroker.connect(topology);
                var first = ProjectorInstance.start(database, topology, settings);
                var second = ProjectorInstance.start(database, topology, settings);
                var third = ProjectorInstance.start(database, topology, settings)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumers(topology.salesProjectorQueue()) == 3);

            broker.publishAll(history.events());

            await().atMost(Duration.ofSeconds(90))
                    .until(() -> views.inboxSize() == history.events().size());
            SalesViews.Summary summary = views.summary();
            assertThat(summary.orders()).isEqualTo(history.currentPeriod().orders());
            assertThat(summary.licences()).isEqualTo(history.currentPeriod().licences());
            assertThat(summary.revenueCents()).isEqualTo(history.currentPeriod().revenueCents());
            assertThat(summary.position()).isEqualTo(history.lastSequence());
            assertThat(allTimeOrders(views)).isEqualTo(history.allTime().orders());
            for (var instance : List.of(first, second, third)) {
                assertThat(applied(instance))
                        .as("events applied by each instance")
                        .isPositive();
            }
        }
    }

    private static long allTimeOrders(SalesViews views) {
        return views.periodTotals().stream()
                .mapToLong(row -> Long.parseLong(row.replaceAll(".*orders=(-?\\d+).*", "$1")))
                .sum();
    }

    private static double applied(ProjectorInstance instance) {
        return instance.bean(MeterRegistry.class)
                .counter("sales.projector.events.applied")
                .count();
    }
}
