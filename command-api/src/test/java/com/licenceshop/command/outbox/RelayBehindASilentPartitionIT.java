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
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The active relay's database is cut off by a silent partition: packets vanish, no reset, no end of stream.
 * Its session must not keep the relay lock: the server ends it, the standby replica takes over, and the cut
 * off relay notices by itself that it is no longer active.
 */
class RelayBehindASilentPartitionIT extends CommandApiIT {

    /** Both ends give up on a silent connection after this; see {@link RelayConnections}. */
    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(4);

    final TestServers.PostgresServer postgres = TestServers.postgres();
    final TcpProxy databaseProxy = TcpProxy.start(postgres.host(), postgres.port());
    EmbeddedServer cutOff;
    EmbeddedServer standby;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "shop.relay.database-timeout", DATABASE_TIMEOUT.toSeconds() + "s", "shop.relay.confirm-timeout", "2s");
    }

    @AfterAll
    void stopReplicas() {
        databaseProxy.close(); // ends the black hole, so the cut off replica can shut down at once
        Topology topology = standby.getApplicationContext().getBean(Topology.class);
        for (EmbeddedServer server : List.of(cutOff, standby)) {
            if (server.isRunning()) {
                server.stop();
            }
        }
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void aSilentlyPartitionedRelayHandsOverToTheStandbyWithinTheTimeouts() throws Exception {
        Map<String, Object> viaProxy = new HashMap<>(getProperties());
        viaProxy.put(
                "datasources.default.url",
                database.jdbcUrl()
                        .replace(
                                "//" + postgres.host() + ":" + postgres.port() + "/",
                                "//127.0.0.1:" + databaseProxy.port() + "/"));
        cutOff = ApplicationContext.run(EmbeddedServer.class, viaProxy, "test");
        await("the replica behind the proxy is the active relay")
                .atMost(Duration.ofSeconds(10))
                .until(() -> relayOf(cutOff).isActive());
        standby = ApplicationContext.run(EmbeddedServer.class, new HashMap<>(getProperties()), "test");
        await().during(Duration.ofMillis(600))
                .atMost(Duration.ofSeconds(2))
                .until(() -> !relayOf(standby).isActive());

        try (EventsQueue consumer =
                EventsQueue.bindTo(standby.getApplicationContext().getBean(Topology.class))) {
            long cutAt = System.nanoTime();
            databaseProxy.blackHole();

            // the server ends the silent session after DATABASE_TIMEOUT; the standby tries the lock every 200 ms
            await("the standby takes over")
                    .atMost(DATABASE_TIMEOUT.multipliedBy(3))
                    .until(() -> relayOf(standby).isActive());
            // the cut off relay's next read times out after DATABASE_TIMEOUT, and it drops its connection
            await("the cut off relay gives up")
                    .atMost(DATABASE_TIMEOUT.multipliedBy(3))
                    .until(() -> !relayOf(cutOff).isActive());
            Duration failover = Duration.ofNanos(System.nanoTime() - cutAt);
            assertThat(failover).isLessThan(DATABASE_TIMEOUT.multipliedBy(3));

            Http http = new Http(standby.getURI());
            for (int i = 0; i < 5; i++) {
                assertThat(http.postJson("/api/orders", Http.order("partition" + i + "@example.com", "STARTER", 1))
                                .status())
                        .isEqualTo(202);
            }
            consumer.awaitAtLeast(5, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(10)).until(() -> count("SELECT count(*) FROM commands.outbox") == 0);
            assertThat(consumer.countsByMessageId())
                    .hasSize(5)
                    .allSatisfy((id, times) -> assertThat(times).isEqualTo(1));
        }
    }

    static OutboxRelay relayOf(EmbeddedServer server) {
        return server.getApplicationContext().getBean(OutboxRelay.class);
    }
}
