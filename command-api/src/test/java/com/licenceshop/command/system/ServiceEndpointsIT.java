package com.licenceshop.command.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.Topology;
import com.licenceshop.testsupport.ManagementEndpoints;
import com.licenceshop.testsupport.TestBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, metrics, the OpenAPI document and Swagger UI. */
@MicronautTest(transactional = false)
class ServiceEndpointsIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    Topology topology;

    Http http;

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    @AfterAll
    void cleanUp() {
        TestBroker.deleteExchanges(topology);
    }

    @Test
    void healthLivenessAndReadinessAreUp() {
        for (String path : new String[] {"/health", "/health/liveness", "/health/readiness"}) {
            var response = http.get(path);
            assertThat(response.status()).as(path).isEqualTo(200);
            assertThat(response.json()).as(path).containsEntry("status", "UP");
        }
    }

    @Test
    void healthDetailsAreNotShownToAnonymousCallers() {
        assertThat(http.get("/health").json()).containsOnlyKeys("status");
    }

    @Test
    void onlyHealthMetricsAndInstanceAnswerAnonymousCallers() {
        ManagementEndpoints.assertOnlyTheAnonymousOnesAnswer(server.getURI());
    }

    @Test
    void metricsCountAcceptedOrdersPendingRowsAndPublishLatency() {
        assertThat(http.postJson("/api/orders", Http.order("metrics@example.com", "STARTER", 1))
                        .status())
                .isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            String metrics = http.get("/prometheus").body();
            assertThat(metrics).containsPattern("(?m)^shop_orders_accepted_total(\\{[^}]*})? [1-9]");
            assertThat(metrics).containsPattern("(?m)^shop_outbox_pending(\\{[^}]*})? 0\\.0");
            assertThat(metrics).containsPattern("(?m)^shop_outbox_publish_latency_seconds_count(\\{[^}]*})? [1-9]");
            assertThat(metrics).containsPattern("(?m)^shop_outbox_relay_active(\\{[^}]*})? 1\\.0");
        });
    }

    @Test
    void theOpenApiDocumentIsServedAndDescribesTheCommands() {
        var spec = http.get("/swagger/command-api-1.yml");

        assertThat(spec.status()).isEqualTo(200);
        assertThat(spec.body())
                .contains(
                        "/api/orders:",
                        "/api/orders/{id}/cancel:",
                        "/api/products:",
                        "/api/events:",
                        "/api/sales-periods/close:",
                        "/api/ops/outbox:",
                        "PlaceOrderRequest",
                        "Idempotency-Key");
    }

    @Test
    void swaggerUiIsServedFromTheService() {
        var page = http.get("/swagger-ui/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).containsIgnoringCase("swagger");
        assertThat(page.body()).contains("command-api-1.yml");
    }

    @Test
    void theSwaggerUiAndItsDocumentCannotBeFramedByAnotherSite() {
        for (String path : new String[] {"/swagger-ui/index.html", "/swagger/command-api-1.yml"}) {
            var answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(200);
            assertThat(answer.header("X-Frame-Options")).as(path).isEqualTo("DENY");
            assertThat(answer.header("Content-Security-Policy")).as(path).contains("frame-ancestors 'none'");
        }
    }

    @Test
    void everyAnswerCarriesACorrelationIdAndKeepsTheCallersOne() {
        assertThat(http.get("/api/products").header("X-Correlation-Id")).isNotBlank();
        var response = http.send(http.request("/api/products")
                .header("X-Correlation-Id", "abc-123")
                .GET());
        assertThat(response.header("X-Correlation-Id")).isEqualTo("abc-123");
    }
}
