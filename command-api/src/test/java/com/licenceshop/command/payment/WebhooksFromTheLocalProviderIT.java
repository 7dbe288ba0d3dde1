package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.testsupport.ServiceProcess;
import com.stripe.StripeClient;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command API's webhook fed by the real local provider process (payment-provider's runnable jar): a card paid on
 * the hosted page reaches the inbox signed and verified; a duplicated delivery is recorded once; a provider that
 * signs with another secret gets 400s and nothing is stored.
 */
@MicronautTest(transactional = false)
class WebhooksFromTheLocalProviderIT extends CommandApiIT {

    private static final String SECRET = "whsec_local_provider_it";
    private static final String PROVIDER_KEY = "sk_test_local_provider_it";

    @Inject
    EmbeddedServer server;

    private ServiceProcess provider;
    private ServiceProcess forger;
    private StripeClient stripe;

    @Override
    protected Map<String, String> moreProperties() {
        return Map.of("shop.payment.webhook-secret", SECRET);
    }

    @BeforeAll
    void startTheProviders() {
        String webhook = server.getURI() + "/api/payments/webhook";
        provider = ServiceProcess.start(
                "payment-provider",
                "payment-provider",
                Map.of(
                        "PAYMENT_PROVIDER_SECRET_KEY",
                        PROVIDER_KEY,
                        "PAYMENT_PROVIDER_WEBHOOK_URL",
                        webhook,
                        "PAYMENT_WEBHOOK_SECRET",
                        SECRET,
                        "PAYMENT_PROVIDER_WEBHOOK_RETRY_DELAYS",
                        "200ms,400ms"));
        forger = ServiceProcess.start(
                "payment-provider",
                "payment-provider-forger",
                Map.of(
                        "PAYMENT_PROVIDER_SECRET_KEY",
                        PROVIDER_KEY,
                        "PAYMENT_PROVIDER_WEBHOOK_URL",
                        webhook,
                        "PAYMENT_WEBHOOK_SECRET",
                        "whsec_not_the_shops",
                        "PAYMENT_PROVIDER_WEBHOOK_RETRY_DELAYS",
                        "100ms"));
        stripe = stripe(provider);
    }

    @AfterAll
    void stopTheProviders() {
        provider.close();
        forger.close();
    }

    private static StripeClient stripe(ServiceProcess process) {
        return StripeClient.builder()
                .setApiKey(PROVIDER_KEY)
                .setApiBase(process.baseUrl())
                .setMaxNetworkRetries(0)
                .build();
    }

    private static Session paidSession(StripeClient stripe, ServiceProcess process, String orderId) throws Exception {
        Session session = stripe.v1()
                .checkout()
                .sessions()
                .create(SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT)
                        .setClientReferenceId(orderId)
                        .putMetadata("order_id", orderId)
                        .setSuccessUrl("http://shop.test/ok")
                        .addLineItem(SessionCreateParams.LineItem.builder()
                                .setQuantity(1L)
                                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                        .setCurrency("eur")
                                        .setUnitAmount(59_500L)
                                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                                .setName("Starter")
                                                .build())
                                        .build())
                                .build())
                        .build());
        String form = "card_number=" + URLEncoder.encode("4242 4242 4242 4242", StandardCharsets.UTF_8)
                + "&card_expiry=12%2F34&card_cvc=123";
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(process.baseUrl() + "/c/pay/" + session.getId()))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(303);
        return session;
    }

    private long completedRecordedFor(String orderId) throws Exception {
        return count(
                "SELECT count(*) FROM commands.provider_events WHERE type = 'checkout.session.completed' AND order_id = '"
                        + orderId + "'");
    }

    @Test
    void aCardPaidOnTheHostedPageReachesTheWebhookVerified() throws Exception {
        String orderId = UUID.randomUUID().toString();
        paidSession(stripe, provider, orderId);

        await().atMost(Duration.ofSeconds(15)).until(() -> completedRecordedFor(orderId) == 1);
    }

    @Test
    void aDuplicatedDeliveryIsRecordedOnce() throws Exception {
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/test-controls/webhooks/faults"))
                                .header("Authorization", "Bearer " + PROVIDER_KEY)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "fault=duplicate&event_type=checkout.session.completed"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        int before = completedDeliveries();
        String orderId = UUID.randomUUID().toString();
        paidSession(stripe, provider, orderId);

        await().atMost(Duration.ofSeconds(15)).until(() -> completedDeliveries() == before + 2);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> completedRecordedFor(orderId) == 1);
    }

    @Test
    void webhooksSignedWithAnotherSecretAreRefusedAndNothingIsStored() throws Exception {
        String orderId = UUID.randomUUID().toString();
        paidSession(stripe(forger), forger, orderId);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> deliveries(forger).contains("\"status\":\"FAILED\"")
                        && deliveries(forger).contains("\"last_http_status\":400"));
        assertThat(completedRecordedFor(orderId)).isZero();
    }

    /** Deliveries of checkout.session.completed the webhook answered with a 2xx. */
    private int completedDeliveries() throws Exception {
        return deliveries(provider)
                        .split(
                                "\"type\":\"checkout.session.completed\",\"endpoint\":\"we_configured\",\"status\":\"DELIVERED\"",
                                -1)
                        .length
                - 1;
    }

    private static String deliveries(ServiceProcess process) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(process.baseUrl() + "/test-controls/webhooks/deliveries"))
                                .header("Authorization", "Bearer " + PROVIDER_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }
}
