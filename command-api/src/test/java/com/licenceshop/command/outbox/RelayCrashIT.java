package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.EventsQueue;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The relay dies after the broker confirmed a batch but before stamping it: the rows are still unpublished,
 * so they go out again with the same event ids, which is what lets consumers drop the second copy.
 */
@MicronautTest(transactional = false)
class RelayCrashIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    @Inject
    CrashingOutboxStore store;

    @Inject
    OutboxRelay relay;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("spec.name", "RelayCrashIT");
    }

    @AfterAll
    void cleanUp() {
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void anEventConfirmedButNotStampedIsRepublishedWithItsEventId() throws Exception {
        Http http = new Http(server.getURI());
        try (EventsQueue consumer = EventsQueue.bindTo(topology)) {
            store.crashOnNextStamps(1);

            var response = http.postJson("/api/orders", Http.order("crash@example.com", "ENTERPRISE", 1));
            assertThat(response.status()).isEqualTo(202);

            var deliveries = consumer.awaitAtLeast(2, Duration.ofSeconds(15));
            assertThat(deliveries.get(0).messageId())
                    .isEqualTo(deliveries.get(1).messageId());
            assertThat(deliveries.get(1).body()).isEqualTo(deliveries.get(0).body());
            assertThat(deliveries.get(1).header("x-shop-sequence"))
                    .isEqualTo(deliveries.get(0).header("x-shop-sequence"));
            await("off the outbox after the second publish")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> count(
                                    "SELECT count(*) FROM commands.outbox o JOIN commands.events e ON e.sequence = o.sequence"
                                            + " WHERE e.event_id::text = '"
                                            + deliveries.get(0).messageId() + "'")
                            == 0);
            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> consumer.deliveries().size() == 2);
            await("the relay is active again").atMost(Duration.ofSeconds(5)).until(relay::isActive);
        }
    }
}
