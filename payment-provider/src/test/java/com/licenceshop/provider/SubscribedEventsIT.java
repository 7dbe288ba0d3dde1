package com.licenceshop.provider;

import static com.licenceshop.provider.ProviderFixture.aSessionFor;
import static com.licenceshop.provider.ProviderFixture.control;
import static com.licenceshop.provider.ProviderFixture.payOnTheHostedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestServers;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubscribedEventsIT {

    private static final String SECRET = "whsec_subscribed_events_test";

    @Test
    void theConfiguredEndpointGetsOnlyTheTypesItSubscribedTo() throws Exception {
        int port = TestServers.freePort();
        try (WebhookReceiver receiver = new WebhookReceiver();
                EmbeddedServer server = ProviderFixture.start(
                        port,
                        Map.of(
                                "provider.webhook-url",
                                receiver.url(),
                                "provider.webhook-secret",
                                SECRET,
                                "provider.webhook-events",
                                "checkout.session.completed,refund.created"))) {
            var session =
                    aSessionFor(ProviderFixture.stripe(port), UUID.randomUUID().toString(), 50_000, 1);
            assertThat(payOnTheHostedPage(session.getUrl(), "4242424242424242", "12/34", "123")
                            .statusCode())
                    .isEqualTo(303);

            // the three events of a paid checkout are recorded, and their deliveries made, before the form answers
            assertThat(control(port, "/test-controls/webhooks/deliveries", null).body())
                    .contains("checkout.session.completed")
                    .doesNotContain("payment_intent.succeeded", "charge.succeeded");
            await().atMost(Duration.ofSeconds(5)).until(() -> !receiver.received.isEmpty());
            Event event = Webhook.constructEvent(
                    receiver.received.get(0).payload(), receiver.received.get(0).signature(), SECRET);
            assertThat(event.getType()).isEqualTo("checkout.session.completed");
            assertThat(ProviderFixture.stripe(port).v1().events().list().getData())
                    .extracting(Event::getType)
                    .contains("charge.succeeded", "payment_intent.succeeded");
        }
    }
}
