package com.licenceshop.notification.ops;

import static com.licenceshop.notification.support.OrderFixtures.anOrderBy;
import static com.licenceshop.notification.support.OrderFixtures.starter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.events.OrderPlaced;
import com.licenceshop.events.Topology;
import com.licenceshop.notification.support.OpsClient;
import com.licenceshop.notification.support.RunningService;
import com.licenceshop.testsupport.TestServers;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class OpsEndpointsIT extends RunningService {

    @Inject
    EmbeddedServer server;

    @Test
    void opsEndpointsRefuseRequestsWithoutTheOpsLogin() {
        for (OpsClient client : new OpsClient[] {OpsClient.anonymous(url()), OpsClient.as(url(), "ops", "wrong")}) {
            for (HttpResponse<String> response :
                    new HttpResponse[] {client.get("/ops/mails?status=FAILED"), client.post("/ops/dead-letters/redrive")
                    }) {
                assertThat(response.statusCode()).isEqualTo(401);
                assertThat(response.headers().firstValue("WWW-Authenticate"))
                        .hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
                assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
                assertThat(response.body()).contains("\"status\":401");
            }
        }
    }

    @Test
    void withoutAnOpsPasswordEvenTheOpsUserIsRefused() {
        Map<String, Object> properties = new HashMap<>(getProperties());
        properties.remove("shop.ops.password");
        String namespace = TestServers.freshNamespace();
        properties.put("shop.namespace", namespace);
        properties.put("micronaut.server.port", -1);
        try (EmbeddedServer unprotected = ApplicationContext.run(EmbeddedServer.class, properties, "test")) {
            var response =
                    OpsClient.as(unprotected.getURL().toString(), "ops", "").get("/ops/mails");
            assertThat(response.statusCode()).isEqualTo(401);
        } finally {
            deleteAtExit(new Topology(namespace));
        }
    }

    @Test
    void failedMailsAreListedWithTheirLastError() {
        OrderPlaced order = anOrderBy("no-at-sign", starter(1));
        broker.publish(order);
        await("failed")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows.statusOf(order.eventId()).equals("FAILED"));

        var response = ops().get("/ops/mails?status=FAILED");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .contains("\"eventId\":\"" + order.eventId() + "\"")
                .contains("\"orderId\":\"" + order.orderId() + "\"")
                .contains("\"status\":\"FAILED\"")
                .contains("\"lastError\":\"permanent: invalid address");
    }

    @Test
    void aRedriveByEventIdMovesOnlyThatEventsMessage() {
        OrderPlaced first = anOrderBy("first-without-domain", starter(1));
        OrderPlaced second = anOrderBy("second-without-domain", starter(2));
        broker.publish(first);
        broker.publish(second);
        await("both parked")
                .atMost(Duration.ofSeconds(20))
                .until(() -> parkedCopiesOf(first) == 1 && parkedCopiesOf(second) == 1);

        var response = ops().post("/ops/dead-letters/redrive?eventId=" + first.eventId());

        assertThat(response.body()).isEqualTo("{\"moved\":1}");
        // the address is still no address: the re-driven event is tried once more and parked again
        await("tried again")
                .atMost(Duration.ofSeconds(20))
                .until(() -> rows.of(first.eventId()).orElseThrow().attempts() == 2
                        && rows.statusOf(first.eventId()).equals("FAILED")
                        && parkedCopiesOf(first) == 1);
        assertThat(rows.of(second.eventId()).orElseThrow().attempts()).isEqualTo(1);
        assertThat(parkedCopiesOf(second)).isEqualTo(1);
    }

    @Test
    void anUnknownStatusIsABadRequestDescribedAsProblemJson() {
        var response = ops().get("/ops/mails?status=LOST");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
        assertThat(response.body())
                .contains("\"status\":400")
                .contains("\"title\":\"Bad Request\"")
                .doesNotContain("Exception");
    }

    private long parkedCopiesOf(OrderPlaced order) {
        return broker.peekDeadLetters().stream()
                .filter(m -> order.eventId().toString().equals(m.getProps().getMessageId()))
                .count();
    }

    private OpsClient ops() {
        return OpsClient.as(url(), "ops", opsPassword);
    }

    private String url() {
        return server.getURL().toString();
    }
}
