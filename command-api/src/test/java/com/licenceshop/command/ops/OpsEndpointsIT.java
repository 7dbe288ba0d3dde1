package com.licenceshop.command.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.ConsumingCommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.events.SalesPeriodClosed;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpsEndpointsIT extends ConsumingCommandApiIT {

    TestHttp.Response closePeriod(String authorization) {
        HttpRequest.Builder request =
                http.request("/api/sales-periods/close").POST(HttpRequest.BodyPublishers.noBody());
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request);
    }

    @Test
    void closingASalesPeriodRecordsAndPublishesSalesPeriodClosed() throws Exception {
        var response = closePeriod(TestHttp.basic(OPS_USERNAME, OPS_PASSWORD));

        assertThat(response.status()).as(response.body()).isEqualTo(202);
        String eventId = (String) response.json().get("eventId");
        long sequence = ((Number) response.json().get("sequence")).longValue();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> consumer.countsByMessageId().containsKey(eventId));
        var delivery = consumer.deliveries().stream()
                .filter(d -> d.messageId().equals(eventId))
                .findFirst()
                .orElseThrow();
        assertThat(delivery.routingKey()).isEqualTo("sales.period-closed");
        var event = (SalesPeriodClosed) codec.decode(delivery.body());
        assertThat(event.sequence()).isEqualTo(sequence);
        assertThat(event.closedBy()).isEqualTo(OPS_USERNAME);
        assertThat(count("SELECT count(*) FROM commands.events WHERE type = 'SalesPeriodClosed' AND sequence = "
                        + sequence))
                .isEqualTo(1);
    }

    @Test
    void closingASalesPeriodNeedsTheOpsCredential() throws Exception {
        long before = count("SELECT count(*) FROM commands.events");

        assertUnauthorized(closePeriod(null));
        assertUnauthorized(closePeriod(TestHttp.basic(OPS_USERNAME, "wrong")));
        assertUnauthorized(closePeriod(TestHttp.basic("someone", OPS_PASSWORD)));
        assertUnauthorized(closePeriod("Basic not-base64!"));
        assertUnauthorized(closePeriod("Bearer " + OPS_PASSWORD));

        assertThat(count("SELECT count(*) FROM commands.events")).isEqualTo(before);
    }

    @Test
    void theOutboxReportShowsPendingAndPublishedPositions() {
        var placed = http.postJson("/api/orders", Http.order("ops@example.com", "STARTER", 1));
        assertThat(placed.status()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            Map<String, Object> report = http.getAsOps("/api/ops/outbox").json();
            assertThat(report).containsEntry("pending", 0);
            assertThat(((Number) report.get("headSequence")).longValue()).isPositive();
            assertThat(report.get("publishedSequence")).isEqualTo(report.get("headSequence"));
            @SuppressWarnings("unchecked")
            Map<String, Object> relay = (Map<String, Object>) report.get("relay");
            assertThat(relay).containsEntry("active", true).containsEntry("consecutiveFailures", 0);
            assertThat(((Number) relay.get("published")).longValue()).isPositive();
        });
    }

    @Test
    void anOrdersTraceIsForOpsOnlyAndNamesNoBuyer() {
        String orderId = (String) http.postJson("/api/orders", Http.order("traced@example.com", "STARTER", 1))
                .json()
                .get("orderId");

        assertUnauthorized(http.get("/api/ops/orders/" + orderId + "/trace"));
        var trace = http.getAsOps("/api/ops/orders/" + orderId + "/trace");
        assertThat(trace.status()).as(trace.body()).isEqualTo(200);
        assertThat(trace.json()).containsOnlyKeys("orderId", "traceId").containsEntry("orderId", orderId);
        assertThat((String) trace.json().get("traceId")).matches("[0-9a-f]{32}");
        assertThat(http.getAsOps("/api/ops/orders/" + java.util.UUID.randomUUID() + "/trace")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void theOutboxReportNeedsTheOpsCredential() {
        assertUnauthorized(http.get("/api/ops/outbox"));
    }

    static void assertUnauthorized(TestHttp.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json()).containsEntry("type", "urn:licence-shop:problem:unauthorized");
    }
}
