package com.licenceshop.projector.inbound;

import static com.licenceshop.projector.support.EventFixtures.Licence.ENTERPRISE;
import static com.licenceshop.projector.support.EventFixtures.Licence.PROFESSIONAL;
import static com.licenceshop.projector.support.EventFixtures.Licence.STARTER;
import static com.licenceshop.projector.support.EventFixtures.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.Topology;
import com.licenceshop.projector.support.EventFixtures;
import com.licenceshop.projector.support.OpsHttp;
import com.licenceshop.projector.support.ProjectorBroker;
import com.licenceshop.projector.support.SalesViews;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPlacedReachesTheSalesViewsIT implements TestPropertyProvider {

    private final TestServers.Database database = TestServers.freshDatabase();
    private final Topology topology = new Topology(TestServers.freshNamespace());
    private final EventFixtures events = new EventFixtures();
    private final SalesViews views = new SalesViews(database);
    private TestBroker broker;

    @Override
    public Map<String, String> getProperties() {
        broker = ProjectorBroker.connect(topology);
        return TestServers.micronautProperties(database, topology.namespace());
    }

    @AfterAll
    void closeBroker() {
        broker.close();
    }

    @Test
    void publishedOrdersAppearInTheCurrentViews() throws Exception {
        try (Connection listener = database.connect()) {
            listener.createStatement().execute("LISTEN " + Topology.salesPositionChannel());
            var before = views.summary();
            OrderPlaced first = events.anOrderOf(List.of(line(PROFESSIONAL, 2), line(STARTER, 1)));
            OrderPlaced second = events.anOrderOf(ENTERPRISE, 1);

            broker.publishAll(List.of(first, second));

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var summary = views.summary();
                assertThat(summary.orders()).isEqualTo(before.orders() + 2);
                assertThat(summary.licences()).isEqualTo(before.licences() + 4);
                assertThat(summary.revenueCents()).isEqualTo(before.revenueCents() + 350_000 + 500_000);
                assertThat(summary.position()).isEqualTo(second.sequence());
                assertThat(summary.currency()).isEqualTo("EUR");
            });
            assertThat(views.products())
                    .contains(
                            "ENTERPRISE Enterprise orders=1 licences=1 revenue=500000",
                            "STARTER Starter orders=1 licences=1 revenue=50000");
            assertThat(views.statusOf(first.orderId())).isEqualTo("PLACED");
            assertThat(views.minutes()).isNotEmpty();

            List<String> announced = new ArrayList<>();
            await().atMost(Duration.ofSeconds(5)).until(() -> {
                PGNotification[] notifications =
                        listener.unwrap(PGConnection.class).getNotifications(200);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        announced.add(n.getParameter());
                    }
                }
                return announced.contains(Long.toString(second.sequence()));
            });
        }
    }

    @Test
    void withoutAnOpsPasswordEveryOpsEndpointAnswers401(EmbeddedServer server) {
        String base = server.getURL() + "/ops/";

        assertThat(OpsHttp.get(base + "rebuild", "ops", "").status()).isEqualTo(401);
        assertThat(OpsHttp.post(base + "rebuild", "ops", "").status()).isEqualTo(401);
        assertThat(OpsHttp.get(base + "reconciliation", null, null).status()).isEqualTo(401);
        assertThat(OpsHttp.post(base + "dead-letters/redrive", null, null).body())
                .contains("OPS_PASSWORD is not set");
    }

    @Test
    void healthAndMetricsAreServed(EmbeddedServer server) {
        assertThat(OpsHttp.get(server.getURL() + "/health", null, null).status())
                .isEqualTo(200);
        assertThat(OpsHttp.get(server.getURL() + "/prometheus", null, null).body())
                .contains("sales_projector_events_applied_total", "sales_projector_lag_seconds_bucket");
    }

    @Test
    void theSameEventDeliveredTwiceCountsOnce() {
        OrderPlaced order = events.anOrderOf(PROFESSIONAL, 1);
        OrderPlaced marker = events.anOrderOf(STARTER, 1);
        var before = views.summary();

        broker.publish(order);
        broker.publish(order);
        broker.publish(marker);

        await().atMost(Duration.ofSeconds(20)).until(() -> views.summary().position() >= marker.sequence());
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var summary = views.summary();
            assertThat(summary.orders()).isEqualTo(before.orders() + 2);
            assertThat(summary.revenueCents()).isEqualTo(before.revenueCents() + 150_000 + 50_000);
        });
    }
}
