package com.licenceshop.projector.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TcpProxy;
import com.licenceshop.testsupport.TestServers;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A projector that dies between commit and acknowledgement leaves the totals exact once it is back. */
class ProjectorCrashMidBatchIT {

    @Test
    void aCutBetweenCommitAndAckLeavesExactTotalsAfterRecovery() throws Exception {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        SalesHistory history =
                new SalesHistory(new EventFixtures(), 11).orders(600).cancellations(50);
        var rabbit = TestServers.rabbit();

        try (var proxy = TcpProxy.start(rabbit.host(), rabbit.port());
                var broker = ProjectorBroker.connect(topology)) {
            CutTheBrokerAfterACommit.proxy = proxy;
            try (var projector = ProjectorInstance.start(
                    database,
                    topology,
                    Map.of(
                            "spec.name",
                            "ProjectorCrashMidBatchIT",
                            "rabbitmq.uri",
                            rabbit.uri("127.0.0.1", proxy.port()),
                            "rabbitmq.network-recovery-interval",
                            500,
                            "shop.projector.batch-size",
                            100))) {

                broker.publishAll(history.events());

                assertThat(CutTheBrokerAfterACommit.CUT.await(30, TimeUnit.SECONDS))
                        .as("a batch committed")
                        .isTrue();
                proxy.restore();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> views.inboxSize() == history.events().size());
                assertThat(views.summary().orders())
                        .isEqualTo(history.currentPeriod().orders());
                assertThat(views.summary().revenueCents())
                        .isEqualTo(history.currentPeriod().revenueCents());
                assertThat(projector
                                .bean(MeterRegistry.class)
                                .counter("sales.projector.events.duplicates")
                                .count())
                        .as("the committed but unacknowledged batch came back and was skipped")
                        .isPositive();
            }
        } finally {
            CutTheBrokerAfterACommit.proxy = null;
        }
    }

    @Test
    void aProjectorStoppedMidStreamAndReplacedLeavesExactTotals() {
        var database = TestServers.freshDatabase();
        var topology = new Topology(TestServers.freshNamespace());
        var views = new SalesViews(database);
        SalesHistory history = new SalesHistory(new EventFixtures(), 12)
                .orders(3000)
                .cancellations(300)
                .periodClose()
                .orders(500);

        try (var broker = ProjectorBroker.connect(topology)) {
            // small batches: the first instance is stopped long before it could have done everything
            var first = ProjectorInstance.start(database, topology, Map.of("shop.projector.batch-size", 5));
            broker.publishAll(history.events());
            await().pollInterval(Duration.ofMillis(10))
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> views.inboxSize() > 0);
            first.close();
            assertThat(views.inboxSize())
                    .as("stopped before the end")
                    .isLessThan(history.events().size());

            try (var second = ProjectorInstance.start(database, topology)) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> views.inboxSize() == history.events().size());
                var summary = views.summary();
                assertThat(summary.orders()).isEqualTo(history.currentPeriod().orders());
                assertThat(summary.licences()).isEqualTo(history.currentPeriod().licences());
                assertThat(summary.revenueCents())
                        .isEqualTo(history.currentPeriod().revenueCents());
            }
        }
    }
}
