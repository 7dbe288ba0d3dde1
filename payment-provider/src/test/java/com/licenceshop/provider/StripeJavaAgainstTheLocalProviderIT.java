package com.licenceshop.provider;

import static com.licenceshop.provider.ProviderFixture.aSessionFor;
import static com.licenceshop.provider.ProviderFixture.payOnTheHostedPage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestServers;
import com.stripe.StripeClient;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeCollection;
import com.stripe.model.checkout.Session;
import com.stripe.net.Webhook;
import com.stripe.param.EventListParams;
import com.stripe.param.RefundCreateParams;
import com.stripe.param.WebhookEndpointCreateParams;
import com.stripe.param.checkout.SessionCreateParams;
import com.stripe.param.checkout.SessionListParams;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The proof that the local provider speaks Stripe's API: Stripe's own Java client creates, reads, lists and expires
 * Checkout Sessions, refunds, lists events and verifies the signed webhooks, against the provider as a real server.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeJavaAgainstTheLocalProviderIT {

    private EmbeddedServer server;
    private StripeClient stripe;
    private WebhookReceiver receiver;
    private String webhookSecret;

    @BeforeAll
    void start() throws Exception {
        int port = TestServers.freePort();
        server = ProviderFixture.start(port, Map.of("provider.webhook-retry-delays", "100ms,200ms,400ms"));
        stripe = ProviderFixture.stripe(port);
        receiver = new WebhookReceiver();
        webhookSecret = stripe.v1()
                .webhookEndpoints()
                .create(WebhookEndpointCreateParams.builder()
                        .setUrl(receiver.url())
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHECKOUT__SESSION__COMPLETED)
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.CHECKOUT__SESSION__EXPIRED)
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.PAYMENT_INTENT__PAYMENT_FAILED)
                        .addEnabledEvent(WebhookEndpointCreateParams.EnabledEvent.REFUND__CREATED)
                        .build())
                .getSecret();
    }

    @AfterAll
    void stop() {
        receiver.close();
        server.close();
    }

    @Test
    void aSessionIsCreatedRetrievedListedAndExpiredThroughStripeJava() throws Exception {
        String orderId = UUID.randomUUID().toString();
        long expiresAt = Instant.now().plus(Duration.ofHours(1)).getEpochSecond();
        Session created = stripe.v1()
                .checkout()
                .sessions()
                .create(SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT)
                        .setClientReferenceId(orderId)
                        .putMetadata("order_id", orderId)
                        .setExpiresAt(expiresAt)
                        .setSuccessUrl("http://shop.test/ok")
                        .setCancelUrl("http://shop.test/cancel")
                        .addLineItem(SessionCreateParams.LineItem.builder()
                                .setQuantity(3L)
                                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                        .setCurrency("eur")
                                        .setUnitAmount(50_000L)
                                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                                .setName("Starter")
                                                .build())
                                        .build())
                                .build())
                        .build());

        assertThat(created.getId()).startsWith("cs_test_");
        assertThat(created.getAmountTotal()).isEqualTo(150_000L);
        assertThat(created.getCurrency()).isEqualTo("eur");
        assertThat(created.getStatus()).isEqualTo("open");
        assertThat(created.getPaymentStatus()).isEqualTo("unpaid");
        assertThat(created.getExpiresAt()).isEqualTo(expiresAt);
        assertThat(created.getUrl()).endsWith("/c/pay/" + created.getId());

        Session retrieved = stripe.v1().checkout().sessions().retrieve(created.getId());
        assertThat(retrieved.getClientReferenceId()).isEqualTo(orderId);
        assertThat(retrieved.getMetadata()).containsEntry("order_id", orderId);
        assertThat(stripe.v1()
                        .checkout()
                        .sessions()
                        .lineItems()
                        .list(created.getId())
                        .getData())
                .singleElement()
                .satisfies(item -> assertThat(item.getQuantity()).isEqualTo(3L));

        StripeCollection<Session> open = stripe.v1()
                .checkout()
                .sessions()
                .list(SessionListParams.builder()
                        .setStatus(SessionListParams.Status.OPEN)
                        .setLimit(100L)
                        .build());
        assertThat(open.getData()).extracting(Session::getId).contains(created.getId());

        Session expired = stripe.v1().checkout().sessions().expire(created.getId());
        assertThat(expired.getStatus()).isEqualTo("expired");
        assertThat(expired.getUrl()).isNull();
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().expire(created.getId()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(400));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> verifiedEvents().stream()
                        .anyMatch(e -> e.getType().equals("checkout.session.expired")
                                && sessionOf(e).getId().equals(created.getId())));
    }

    @Test
    void anUnknownSessionIsAStripe404() {
        assertThatThrownBy(() -> stripe.v1().checkout().sessions().retrieve("cs_test_nope"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(404);
                    assertThat(e.getCode()).isEqualTo("resource_missing");
                });
    }

    @Test
    void aWrongSecretKeyIsRefusedAsStripeRefusesIt() {
        StripeClient intruder = StripeClient.builder()
                .setApiKey("sk_test_wrong")
                .setApiBase(stripeBase())
                .build();
        assertThatThrownBy(() -> intruder.v1().checkout().sessions().retrieve("cs_test_x"))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void card4242PaysAndItsSignedWebhookVerifiesWithStripeJava() throws Exception {
        String orderId = UUID.randomUUID().toString();
        Session session = aSessionFor(stripe, orderId, 150_000, 2);

        HttpResponse<String> page = payOnTheHostedPage(session.getUrl(), "4242 4242 4242 4242", "12 / 34", "123");

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location"))
                .hasValue("http://shop.test/orders/" + orderId + "?session=" + session.getId());
        Session paid = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(paid.getStatus()).isEqualTo("complete");
        assertThat(paid.getPaymentStatus()).isEqualTo("paid");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(paid.getPaymentIntent());
        assertThat(intent.getStatus()).isEqualTo("succeeded");
        assertThat(intent.getAmountReceived()).isEqualTo(300_000L);
        assertThat(intent.getMetadata()).containsEntry("order_id", orderId);

        Event completed = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> verifiedEvents().stream()
                                .filter(e -> e.getType().equals("checkout.session.completed")
                                        && sessionOf(e).getId().equals(session.getId()))
                                .findFirst()
                                .orElse(null),
                        e -> e != null);
        assertThat(sessionOf(completed).getClientReferenceId()).isEqualTo(orderId);
        assertThat(sessionOf(completed).getPaymentStatus()).isEqualTo("paid");

        List<Event> listed = stripe.v1()
                .events()
                .list(EventListParams.builder()
                        .setType("checkout.session.completed")
                        .setLimit(100L)
                        .build())
                .getData();
        assertThat(listed).extracting(Event::getId).contains(completed.getId());
    }

    @Test
    void aWholeOrderIsRefundedOnceAndASecondRefundIsRefused() throws Exception {
        Session session = aSessionFor(stripe, UUID.randomUUID().toString(), 50_000, 1);
        payOnTheHostedPage(session.getUrl(), "4242424242424242", "01/40", "999");
        String intentId =
                stripe.v1().checkout().sessions().retrieve(session.getId()).getPaymentIntent();

        Refund refund = stripe.v1()
                .refunds()
                .create(RefundCreateParams.builder().setPaymentIntent(intentId).build());

        assertThat(refund.getStatus()).isEqualTo("succeeded");
        assertThat(refund.getAmount()).isEqualTo(50_000L);
        assertThatThrownBy(() -> stripe.v1()
                        .refunds()
                        .create(RefundCreateParams.builder()
                                .setPaymentIntent(intentId)
                                .build()))
                .isInstanceOfSatisfying(
                        InvalidRequestException.class,
                        e -> assertThat(e.getCode()).isEqualTo("charge_already_refunded"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> verifiedEvents().stream()
                        .anyMatch(e -> e.getType().equals("refund.created")
                                && ((Refund) e.getDataObjectDeserializer()
                                                .getObject()
                                                .orElseThrow())
                                        .getId()
                                        .equals(refund.getId())));
    }

    @Test
    void theDeclinedTestCardKeepsTheSessionOpenAndSaysWhy() throws Exception {
        Session session = aSessionFor(stripe, UUID.randomUUID().toString(), 50_000, 1);

        HttpResponse<String> page = payOnTheHostedPage(session.getUrl(), "4000 0000 0000 0002", "12/34", "123");

        assertThat(page.statusCode()).isEqualTo(402);
        assertThat(page.body())
                .contains("Your card was declined.")
                .contains("<label for=\"card_number\">Card number</label>");
        Session stillOpen = stripe.v1().checkout().sessions().retrieve(session.getId());
        assertThat(stillOpen.getStatus()).isEqualTo("open");
        assertThat(stillOpen.getPaymentStatus()).isEqualTo("unpaid");
        PaymentIntent intent = stripe.v1().paymentIntents().retrieve(stillOpen.getPaymentIntent());
        assertThat(intent.getLastPaymentError().getDeclineCode()).isEqualTo("generic_decline");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> verifiedEvents().stream()
                        .anyMatch(e -> e.getType().equals("payment_intent.payment_failed")
                                && ((PaymentIntent) e.getDataObjectDeserializer()
                                                .getObject()
                                                .orElseThrow())
                                        .getId()
                                        .equals(intent.getId())));

        HttpResponse<String> retry = payOnTheHostedPage(session.getUrl(), "4242 4242 4242 4242", "12/34", "123");
        assertThat(retry.statusCode()).isEqualTo(303);
    }

    @Test
    void aChangedPayloadOrStaleSignatureFailsStripeJavasVerification() throws Exception {
        Session session = aSessionFor(stripe, UUID.randomUUID().toString(), 50_000, 1);
        payOnTheHostedPage(session.getUrl(), "4242424242424242", "12/34", "123");
        WebhookReceiver.Received delivery = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> receiver.received.stream()
                                .filter(r -> r.payload().contains(session.getId()))
                                .findFirst()
                                .orElse(null),
                        r -> r != null);

        assertThatThrownBy(() -> Webhook.constructEvent(
                        delivery.payload().replace("\"paid\"", "\"unpaid\""), delivery.signature(), webhookSecret))
                .isInstanceOf(SignatureVerificationException.class);
        assertThatThrownBy(() -> Webhook.constructEvent(delivery.payload(), delivery.signature(), "whsec_another"))
                .isInstanceOf(SignatureVerificationException.class);
        Clock tenMinutesLater = Clock.fixed(Instant.now().plus(Duration.ofMinutes(10)), ZoneOffset.UTC);
        assertThatThrownBy(() -> Webhook.constructEvent(
                        delivery.payload(),
                        delivery.signature(),
                        webhookSecret,
                        Webhook.DEFAULT_TOLERANCE,
                        tenMinutesLater))
                .isInstanceOf(SignatureVerificationException.class);
    }

    private List<Event> verifiedEvents() {
        return receiver.received.stream()
                .map(r -> {
                    try {
                        return Webhook.constructEvent(r.payload(), r.signature(), webhookSecret);
                    } catch (SignatureVerificationException e) {
                        throw new AssertionError("a delivery did not verify: " + e.getMessage(), e);
                    }
                })
                .toList();
    }

    private static Session sessionOf(Event event) {
        return (Session) event.getDataObjectDeserializer()
                .getObject()
                .orElseThrow(() -> new AssertionError(
                        "event data not readable at stripe-java's API version: " + event.getApiVersion()));
    }

    private String stripeBase() {
        return "http://127.0.0.1:" + server.getPort();
    }
}
