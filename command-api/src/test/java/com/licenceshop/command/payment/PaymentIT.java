package com.licenceshop.command.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.command.support.StaffLogin;
import com.licenceshop.testsupport.ServiceProcess;
import com.licenceshop.testsupport.TcpProxy;
import com.licenceshop.testsupport.TestHttp;
import com.licenceshop.testsupport.TestServers;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * Base of the payment tests (ADR 13): the command API with payment required, on a port chosen first, and the real
 * local card provider process whose webhooks go to it. The API reaches the provider through a {@link TcpProxy}, so a
 * test can take the provider away and bring it back.
 */
abstract class PaymentIT extends CommandApiIT {

    static final String SECRET = "whsec_payment_it";
    static final String PROVIDER_KEY = "sk_test_payment_it";
    static final String PAYS = "4242 4242 4242 4242";
    static final String DECLINED = "4000 0000 0000 0002";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    protected ServiceProcess provider;
    protected TcpProxy toProvider;
    protected Http http;
    private int appPort;

    @Override
    protected Map<String, String> moreProperties() {
        appPort = TestServers.freePort();
        provider = ServiceProcess.start(
                "payment-provider",
                "payment-provider-" + getClass().getSimpleName(),
                Map.of(
                        "PAYMENT_PROVIDER_SECRET_KEY",
                        PROVIDER_KEY,
                        "PAYMENT_PROVIDER_WEBHOOK_URL",
                        "http://localhost:" + appPort + "/api/payments/webhook",
                        "PAYMENT_WEBHOOK_SECRET",
                        SECRET,
                        "PAYMENT_PROVIDER_WEBHOOK_RETRY_DELAYS",
                        "200ms,400ms,800ms,1600ms",
                        "PAYMENT_PROVIDER_WEBHOOK_EVENTS",
                        String.join(",", ProviderEvents.SUBSCRIBED)));
        toProvider = TcpProxy.start("127.0.0.1", provider.port());
        Map<String, String> properties = new HashMap<>(Map.of(
                "micronaut.server.port",
                Integer.toString(appPort),
                "shop.payment.required",
                "true",
                "shop.payment.provider-url",
                "http://127.0.0.1:" + toProvider.port(),
                "shop.payment.provider-secret-key",
                PROVIDER_KEY,
                "shop.payment.webhook-secret",
                SECRET,
                "shop.payment.deadline-poll",
                "200ms"));
        properties.putAll(paymentProperties());
        return properties;
    }

    /** Extra properties of one test class (the waiting times). */
    protected Map<String, String> paymentProperties() {
        return Map.of();
    }

    @BeforeAll
    void client() {
        http = new Http(URI.create("http://localhost:" + appPort));
    }

    @AfterAll
    void stopTheProvider() {
        toProvider.close();
        provider.close();
    }

    String place(String email, String sku, int quantity) {
        var response = http.postJson("/api/orders", Http.order(email, sku, quantity));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) response.json().get("orderId");
    }

    String placeOnInvoice(String email, String sku, int quantity) {
        return placeOnInvoice(email, List.of(Map.of("sku", sku, "quantity", quantity)));
    }

    String placeOnInvoice(String email, List<Map<String, Object>> items) {
        var response = http.postJson(
                "/api/orders",
                Map.of(
                        "customerEmail",
                        email,
                        "items",
                        items,
                        "paymentMethod",
                        "INVOICE",
                        "company",
                        "Lovelace Analytical Ltd",
                        "billingAddress",
                        "1 Engine Street\n10115 Berlin"));
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        return (String) response.json().get("orderId");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> payment(String orderId) {
        var order = http.get("/api/orders/" + orderId);
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        return (Map<String, Object>) order.json().get("payment");
    }

    Object paymentStatus(String orderId) {
        return payment(orderId).get("status");
    }

    @SuppressWarnings("unchecked")
    List<Object> licences(String orderId) {
        return (List<Object>) http.get("/api/orders/" + orderId).json().get("licences");
    }

    TestHttp.Response checkout(String orderId) {
        return http.postRaw("/api/orders/" + orderId + "/checkout", null, "");
    }

    /** Pays the checkout on the provider's hosted page as a shopper would; 303 paid, 402 declined. */
    int payOnTheHostedPage(String checkoutUrl, String card) throws Exception {
        String path = URI.create(checkoutUrl).getPath();
        String form =
                "card_number=" + URLEncoder.encode(card, StandardCharsets.UTF_8) + "&card_expiry=12%2F34&card_cvc=123";
        return CLIENT.send(
                        HttpRequest.newBuilder(URI.create(provider.baseUrl() + path))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString(form))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** Arms a fault of the provider's webhook deliveries (its test controls). */
    void webhookFault(String fault, String eventType) throws Exception {
        var answer = CLIENT.send(
                HttpRequest.newBuilder(URI.create(provider.baseUrl() + "/test-controls/webhooks/faults"))
                        .header("Authorization", "Bearer " + PROVIDER_KEY)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("fault=" + fault + "&event_type=" + eventType))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 299);
    }

    TestHttp.Response asStaff(String path, String json) {
        var request = http.request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return http.send(StaffLogin.authorize(request));
    }

    long events(String orderId, String type) throws Exception {
        return count("SELECT count(*) FROM commands.events WHERE aggregate_id = '" + orderId + "' AND type = '" + type
                + "'");
    }
}
