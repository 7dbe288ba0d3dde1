package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.EventsQueue;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TcpProxy;
import com.licenceshop.testsupport.TestBroker;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The service reaches the broker through a proxy the test can cut. Orders keep being accepted while the
 * broker is away; when it returns the relay catches up on its own, and every event arrives exactly once.
 */
@MicronautTest(transactional = false)
class RelayingThroughABrokerOutageIT extends CommandApiIT {

    final TcpProxy brokerProxy =
            TcpProxy.start(TestServers.rabbit().host(), TestServers.rabbit().port());

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    @Inject
    OutboxRelay relay;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("rabbitmq.uri", TestServers.rabbit().uri("127.0.0.1", brokerProxy.port()));
    }

    @AfterAll
    void closeProxy() {
        brokerProxy.close();
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void ordersAcceptedDuringABrokerOutageArePublishedOnceWhenItReturns() throws Exception {
        Http http = new Http(server.getURI());
        try (EventsQueue consumer = EventsQueue.bindTo(topology)) {
            placeOrders(http, "before", 5);
            consumer.awaitAtLeast(5, Duration.ofSeconds(10));
            awaitNothingPending();

            brokerProxy.cut();
            placeOrders(http, "during", 20);
            // the relay keeps trying every one of them, and failing, while the broker is away
            await("every accepted event attempted")
                    .atMost(Duration.ofSeconds(10))
                    .until(() ->
                            count("SELECT count(*) FROM commands.outbox WHERE last_error IS NOT NULL AND attempts > 0")
                                    == 20);
            assertThat(relay.consecutiveFailures()).isGreaterThanOrEqualTo(1);
            assertThat(count("SELECT count(*) FROM commands.outbox")).isEqualTo(20);
            assertThat(consumer.deliveries()).hasSize(5);

            brokerProxy.restore();
            placeOrders(http, "after", 5);

            consumer.awaitAtLeast(30, Duration.ofSeconds(30));
            awaitNothingPending();
            // nothing more trickles in: no duplicates by a late retry
            await().during(Duration.ofMillis(700))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> consumer.deliveries().size() == 30);
            assertThat(consumer.countsByMessageId())
                    .hasSize(30)
                    .allSatisfy((id, times) -> assertThat(times).as(id).isEqualTo(1));
            assertThat(consumer.countsByMessageId().keySet()).isEqualTo(storedEventIds());
            assertThat(relay.consecutiveFailures()).isZero();
        }
    }

    private void placeOrders(Http http, String phase, int count) {
        for (int i = 0; i < count; i++) {
            var response = http.postJson("/api/orders", Http.order(phase + i + "@example.com", "STARTER", 1));
            assertThat(response.status()).as(response.body()).isEqualTo(202);
        }
    }

    private void awaitNothingPending() {
        await("outbox drained")
                .atMost(Duration.ofSeconds(30))
                .until(() -> count("SELECT count(*) FROM commands.outbox") == 0);
    }

    private Set<String> storedEventIds() throws Exception {
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery("SELECT event_id FROM commands.events")) {
            Set<String> ids = new HashSet<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }
}
