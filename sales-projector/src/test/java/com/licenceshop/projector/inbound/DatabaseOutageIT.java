package com.licenceshop.projector.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.ShopEvent;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.ProjectorInstance;
import com.licenceshop.projector.support.SalesHistory;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TcpProxy;
import com.licenceshop.testsupport.TestServers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An outage of the projector's own database is not a poison message. Scaled down: the queue's delivery limit
 * is 2 and a batch waits 1 s for the database, so the cut of 6 s is three times what used to dead-letter
 * live events (as 6 minutes are against the defaults, 10 × 30 s).
 */
class DatabaseOutageIT {

    private static final int DELIVERY_LIMIT = 2;

    @Test
    void aLongDatabaseOutageParksNothingAndProjectsEveryEventOnce() {
        TestServers.Database database = TestServers.freshDatabase();
        Topology topology = new Topology(TestServers.freshNamespace());
        SalesViews views = new SalesViews(database);
        SalesHistory history = new SalesHistory(new EventFixtures(), 51).orders(80);
        List<ShopEvent> before = history.events().subList(0, 20);
        List<ShopEvent> during = history.events().subList(20, history.events().size());
        var postgres = TestServers.postgres();
        try (var proxy = TcpProxy.start(postgres.host(), postgres.port());
                var projector = ProjectorInstance.start(
                        database,
                        topology,
                        Map.of(
                                "datasources.default.url",
                                database.jdbcUrl()
                                        .replace(
                                                "//" + postgres.host() + ":" + postgres.port() + "/",
                                                "//127.0.0.1:" + proxy.port() + "/"),
                                "datasources.default.connection-timeout",
                                "500",
                                "shop.projector.delivery-limit",
                                DELIVERY_LIMIT,
                                "shop.projector.retry-for",
                                "1s"));
                var broker = ProjectorBroker.connect(topology, DELIVERY_LIMIT)) {
            broker.publishAll(before);
            await().atMost(Duration.ofSeconds(20)).until(() -> views.inboxSize() == before.size());

            proxy.cut();
            broker.publishAll(during);
            await("nothing dead-lettered while the database is away")
                    .during(Duration.ofSeconds(6))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> broker.readyInDeadLetterQueue() == 0);
            assertThat(views.inboxSize())
                    .as("nothing applied while the database is away")
                    .isEqualTo(before.size());
            proxy.restore();

            await("every event projected after the outage")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> views.inboxSize() == history.events().size());
            var summary = views.summary();
            assertThat(summary.orders()).isEqualTo(history.currentPeriod().orders());
            assertThat(summary.revenueCents()).isEqualTo(history.currentPeriod().revenueCents());
            assertThat(broker.readyInDeadLetterQueue()).isZero();
        }
    }
}
