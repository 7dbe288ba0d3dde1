package com.licenceshop.provider;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;
import com.stripe.model.checkout.Session;
import com.stripe.param.checkout.SessionCreateParams;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A shop's calls to the provider, through stripe-java, and a shopper's card form posts, through plain HTTP. */
final class ProviderFixture {

    static final String SECRET_KEY = "sk_test_local_provider_tests_0123456789";

    /** The provider on {@code port} with the test secret key and its own URL, plus {@code settings}. */
    static EmbeddedServer start(int port, Map<String, Object> settings) {
        Map<String, Object> all = new HashMap<>(settings);
        all.put("micronaut.server.port", port);
        all.put("provider.secret-key", SECRET_KEY);
        all.put("provider.public-url", "http://127.0.0.1:" + port);
        return ApplicationContext.run(EmbeddedServer.class, all);
    }

    static StripeClient stripe(int port) {
        return StripeClient.builder()
                .setApiKey(SECRET_KEY)
                .setApiBase("http://127.0.0.1:" + port)
                .setMaxNetworkRetries(0)
                .build();
    }

    static Session aSessionFor(StripeClient stripe, String orderId, long unitAmount, long quantity)
            throws StripeException {
        return stripe.v1()
                .checkout()
                .sessions()
                .create(SessionCreateParams.builder()
                        .setMode(SessionCreateParams.Mode.PAYMENT)
                        .setClientReferenceId(orderId)
                        .setCustomerEmail("buyer@example.com")
                        .putMetadata("order_id", orderId)
                        .setPaymentIntentData(SessionCreateParams.PaymentIntentData.builder()
                                .putMetadata("order_id", orderId)
                                .build())
                        .setSuccessUrl("http://shop.test/orders/" + orderId + "?session={CHECKOUT_SESSION_ID}")
                        .setCancelUrl("http://shop.test/orders/" + orderId)
                        .addLineItem(SessionCreateParams.LineItem.builder()
                                .setQuantity(quantity)
                                .setPriceData(SessionCreateParams.LineItem.PriceData.builder()
                                        .setCurrency("eur")
                                        .setUnitAmount(unitAmount)
                                        .setProductData(SessionCreateParams.LineItem.PriceData.ProductData.builder()
                                                .setName("Professional")
                                                .build())
                                        .build())
                                .build())
                        .build());
    }

    /** What a browser sends when the shopper submits the hosted page's form (no redirects followed). */
    static HttpResponse<String> payOnTheHostedPage(String sessionUrl, String number, String expiry, String cvc)
            throws Exception {
        String form = Map.of("card_number", number, "card_expiry", expiry, "card_cvc", cvc).entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(sessionUrl))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> control(int port, String path, String form) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Authorization", "Bearer " + SECRET_KEY)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .method(
                                        form == null ? "GET" : "POST",
                                        form == null
                                                ? HttpRequest.BodyPublishers.noBody()
                                                : HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private ProviderFixture() {}
}
