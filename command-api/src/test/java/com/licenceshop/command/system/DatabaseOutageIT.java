package com.licenceshop.command.system;

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
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The service reaches PostgreSQL through a proxy the test can cut. */
@MicronautTest(transactional = false)
class DatabaseOutageIT extends CommandApiIT {

    final TcpProxy databaseProxy =
            TcpProxy.start(TestServers.postgres().host(), TestServers.postgres().port());

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of(
                "datasources.default.url",
                "jdbc:postgresql://127.0.0.1:" + databaseProxy.port() + "/" + database.name(),
                "datasources.default.connection-timeout",
                "1000");
    }

    @AfterAll
    void closeProxy() {
        databaseProxy.close();
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void withoutTheDatabaseReadinessIsDownAndCommandsAreRefusedCleanly() {
        Http http = new Http(server.getURI());
        assertThat(http.get("/health/readiness").status()).isEqualTo(200);

        databaseProxy.cut();
        try {
            await("readiness down").atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                var readiness = http.get("/health/readiness");
                assertThat(readiness.status()).isEqualTo(503);
                assertThat(readiness.json()).containsEntry("status", "DOWN");
            });
            assertThat(http.get("/health/liveness").status()).isEqualTo(200);

            var refused = http.postJson("/api/orders", Http.order("outage@example.com", "STARTER", 1));
            assertThat(refused.status()).as(refused.body()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json()).containsEntry("type", "urn:licence-shop:problem:unavailable");
            assertThat(refused.body()).doesNotContain("Exception", "\tat ", "jdbc:");
        } finally {
            databaseProxy.restore();
        }

        await("readiness up again")
                .atMost(Duration.ofSeconds(20))
                .until(() -> http.get("/health/readiness").status() == 200);
        try (EventsQueue consumer = EventsQueue.bindTo(topology)) {
            var accepted = http.postJson("/api/orders", Http.order("after-outage@example.com", "STARTER", 1));
            assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
            // the relay lost its own connection too, and found its way back
            consumer.awaitAtLeast(1, Duration.ofSeconds(20));
            assertThat(new String(consumer.deliveries().get(0).body())).contains("after-outage@example.com");
        }
    }
}
