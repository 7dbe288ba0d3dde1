package com.licenceshop.command.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.EventsQueue;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.TestBroker;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two replicas of the service on one database: only the one holding the relay lock publishes; when its
 * database session dies or the replica shuts down, the other one takes over.
 */
class TwoRelaysIT extends CommandApiIT {

    EmbeddedServer first;
    EmbeddedServer second;
    Topology topology;

    @BeforeAll
    void startTwoReplicas() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        first = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        second = ApplicationContext.run(EmbeddedServer.class, properties, "test");
        topology = first.getApplicationContext().getBean(Topology.class);
    }

    @AfterAll
    void stopReplicas() {
        for (EmbeddedServer server : List.of(first, second)) {
            if (server.isRunning()) {
                server.stop();
            }
        }
        TestBroker.deleteExchanges(topology);
    }

    static OutboxRelay relayOf(EmbeddedServer server) {
        return server.getApplicationContext().getBean(OutboxRelay.class);
    }

    EmbeddedServer active() {
        return relayOf(first).isActive() ? first : second;
    }

    EmbeddedServer standby() {
        return active() == first ? second : first;
    }

    boolean exactlyOneActive() {
        return relayOf(first).isActive() ^ relayOf(second).isActive();
    }

    void placeOrders(EmbeddedServer server, String prefix, int count) {
        Http http = new Http(server.getURI());
        for (int i = 0; i < count; i++) {
            assertThat(http.postJson("/api/orders", Http.order(prefix + i + "@example.com", "STARTER", 1))
                            .status())
                    .isEqualTo(202);
        }
    }

    void awaitNothingPending() {
        await("outbox drained")
                .atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM commands.outbox") == 0);
    }

    @Test
    void oneRelayPublishesAndTheOtherTakesOverWhenItGoesAway() throws Exception {
        try (EventsQueue consumer = EventsQueue.bindTo(topology)) {
            await("one relay active").atMost(Duration.ofSeconds(10)).until(this::exactlyOneActive);
            // the standby keeps trying (every 200 ms) and keeps failing
            await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2)).until(this::exactlyOneActive);
            EmbeddedServer active = active();
            EmbeddedServer standby = standby();

            placeOrders(first, "first", 5);
            placeOrders(second, "second", 5);
            consumer.awaitAtLeast(10, Duration.ofSeconds(10));
            awaitNothingPending();
            assertThat(relayOf(active).publishedCount()).isEqualTo(10);
            assertThat(relayOf(standby).publishedCount()).isZero();

            // the active relay's database session dies, as when its process is killed: the lock goes with it
            execute("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted"
                    + " AND classid::bigint = " + (RelayLeadership.RELAY_LOCK >>> 32)
                    + " AND objid::bigint = " + (RelayLeadership.RELAY_LOCK & 0xFFFFFFFFL));
            await("a relay active again").atMost(Duration.ofSeconds(10)).until(this::exactlyOneActive);
            placeOrders(standby, "after-session-loss", 5);
            consumer.awaitAtLeast(15, Duration.ofSeconds(10));
            awaitNothingPending();

            // the replica that is active now shuts down; the other one takes over
            EmbeddedServer leaving = active();
            EmbeddedServer staying = standby();
            long publishedBefore = relayOf(staying).publishedCount();
            leaving.stop();
            await("the remaining relay takes over")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> relayOf(staying).isActive());
            placeOrders(staying, "after-shutdown", 5);
            consumer.awaitAtLeast(20, Duration.ofSeconds(10));
            awaitNothingPending();
            assertThat(relayOf(staying).publishedCount()).isEqualTo(publishedBefore + 5);

            await().during(Duration.ofMillis(500))
                    .atMost(Duration.ofSeconds(2))
                    .until(() -> consumer.deliveries().size() == 20);
            assertThat(consumer.countsByMessageId())
                    .hasSize(20)
                    .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        }
    }
}
