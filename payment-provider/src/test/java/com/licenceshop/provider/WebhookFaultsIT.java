package com.licenceshop.provider;

import static com.licenceshop.provider.ProviderFixture.aSessionFor;
import static com.licenceshop.provider.ProviderFixture.control;
import static com.licenceshop.provider.ProviderFixture.payOnTheHostedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestServers;
import com.stripe.StripeClient;
import com.stripe.model.Event;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The test controls the shop's fault tests rely on: drop, duplicate, delay, hold and release out of order, retries. */
class WebhookFaultsIT {

    private static final String SECRET = "whsec_faults_test_secret";

    private EmbeddedServer server;
    private StripeClient stripe;
    private WebhookReceiver receiver;
    private int port;

    @BeforeEach
    void start() throws Exception {
        port = TestServers.freePort();
        receiver = new WebhookReceiver();
        server = ProviderFixture.start(
                port,
                Map.of(
                        "provider.webhook-url",
                        receiver.url(),
                        "provider.webhook-secret",
                        SECRET,
                        "provider.webhook-retry-delays",
                        "100ms,200ms"));
        stripe = ProviderFixture.stripe(port);
    }

    @AfterEach
    void stop() {
        server.close();
        receiver.close();
    }

    @Test
    void aDroppedWebhookNeverArrivesButTheEventIsListedForReconciliation() throws Exception {
        arm("fault=drop&event_type=checkout.session.completed");
        Session session = paidSession();

        Event listed = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> stripe.v1().events().list().getData().stream()
                                .filter(e -> e.getType().equals("checkout.session.completed"))
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
        await().atMost(Duration.ofSeconds(5)).until(() -> typesReceived().contains("payment_intent.succeeded"));

        assertThat(typesReceived()).doesNotContain("checkout.session.completed");
        assertThat(listed.toJson()).contains(session.getId());
        assertThat(control(port, "/test-controls/webhooks/deliveries", null).body())
                .contains("DROPPED");
    }

    @Test
    void aDuplicatedWebhookArrivesTwiceWithTheSameEventId() throws Exception {
        arm("fault=duplicate&event_type=checkout.session.completed");
        paidSession();

        await().atMost(Duration.ofSeconds(5))
                .until(() -> verified().stream()
                                .filter(e -> e.getType().equals("checkout.session.completed"))
                                .count()
                        == 2);
        assertThat(verified().stream()
                        .filter(e -> e.getType().equals("checkout.session.completed"))
                        .map(Event::getId)
                        .distinct())
                .hasSize(1);
    }

    @Test
    void heldWebhooksReleasedInReverseArriveOutOfOrder() throws Exception {
        arm("fault=hold&count=3");
        paidSession();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> control(port, "/test-controls/webhooks/deliveries", null)
                                        .body()
                                        .split("HELD", -1)
                                        .length
                                - 1
                        == 3);
        assertThat(receiver.received).isEmpty();

        assertThat(control(port, "/test-controls/webhooks/release", "order=reverse")
                        .body())
                .contains("\"released\":3");

        await().atMost(Duration.ofSeconds(5)).until(() -> receiver.received.size() == 3);
        // recorded charge.succeeded, payment_intent.succeeded, checkout.session.completed; arrived the other way round
        assertThat(typesReceived())
                .containsExactly("checkout.session.completed", "payment_intent.succeeded", "charge.succeeded");
    }

    @Test
    void aDelayedWebhookArrivesOnlyAfterItsDelay() throws Exception {
        arm("fault=delay&delay_ms=1500&event_type=checkout.session.completed");
        long paidAt = System.nanoTime();
        paidSession();

        await().atMost(Duration.ofSeconds(5)).until(() -> typesReceived().contains("checkout.session.completed"));
        assertThat(Duration.ofNanos(System.nanoTime() - paidAt)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aWebhookAnsweredWithAnErrorIsRetriedUntilTaken() throws Exception {
        receiver.failuresToAnswer.set(2);
        Session session = aSessionFor(stripe, UUID.randomUUID().toString(), 100, 1);
        stripe.v1().checkout().sessions().expire(session.getId());

        await().atMost(Duration.ofSeconds(5)).until(() -> typesReceived().contains("checkout.session.expired"));
        assertThat(control(port, "/test-controls/webhooks/deliveries", null).body())
                .contains("\"attempts\":3");
    }

    @Test
    void theTestControlsNeedTheSecretKey() throws Exception {
        var response = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                        "http://127.0.0.1:" + port + "/test-controls/webhooks/deliveries"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("invalid_request_error");
    }

    private void arm(String form) throws Exception {
        assertThat(control(port, "/test-controls/webhooks/faults", form).statusCode())
                .isEqualTo(200);
    }

    private Session paidSession() throws Exception {
        Session session = aSessionFor(stripe, UUID.randomUUID().toString(), 50_000, 1);
        assertThat(payOnTheHostedPage(session.getUrl(), "4242424242424242", "12/34", "123")
                        .statusCode())
                .isEqualTo(303);
        return session;
    }

    private List<Event> verified() {
        return receiver.received.stream()
                .map(r -> {
                    try {
                        return Webhook.constructEvent(r.payload(), r.signature(), SECRET);
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                })
                .toList();
    }

    private List<String> typesReceived() {
        return verified().stream().map(Event::getType).toList();
    }
}
