package com.licenceshop.load;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.OpenInjectionStep;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Shoppers placing orders on the command API. Two models, chosen by {@code -Dload.model}:
 * <ul>
 *   <li>{@code open}: a fixed arrival rate ({@code load.rate} purchases/s). Each purchase is a new virtual
 *   user started on schedule whether or not earlier ones were answered, on a shared, unbounded connection
 *   pool, so a slow answer never delays the next request: the latency is free of coordinated omission.</li>
 *   <li>{@code closed}: {@code load.users} shoppers, each placing the next order as soon as the last one was
 *   answered: the throughput the shop sustains.</li>
 * </ul>
 * Every order's e-mail carries {@code load.run}, so the benchmark can find this run's orders downstream.
 *
 * <p>{@code -Dload.pay=true} (the default, as the shop requires payment by default, ADR 13): a purchase is paid by card
 * through the local provider as a shopper pays it: the order, its checkout ({@code POST /api/orders/{id}/checkout}
 * with the order's token), and the provider's hosted form with Stripe's test card 4242 4242 4242 4242 (303 to the
 * shop's order page, not followed). The keys follow asynchronously (webhook → PaymentSucceeded + LicencesIssued →
 * mail); the benchmark waits for them as for every mail. {@code -Dload.pay=false} places orders only: the unpaid path
 * of a shop run with {@code PAYMENT_REQUIRED=false} (keys at placement).
 */
public class PurchaseSimulation extends Simulation {

    private static final String[] SKUS = {"STARTER", "PROFESSIONAL", "ENTERPRISE"};

    private final String baseUrl = System.getProperty("load.baseUrl", "http://localhost:8081");
    private final String model = System.getProperty("load.model", "closed");
    private final int rate = Integer.getInteger("load.rate", 1000);
    private final int users = Integer.getInteger("load.users", 64);
    private final Duration duration = Duration.ofSeconds(Integer.getInteger("load.seconds", 60));
    private final String run = System.getProperty("load.run", "manual");
    private final boolean pay = Boolean.parseBoolean(System.getProperty("load.pay", "true"));
    private final AtomicLong purchases = new AtomicLong();

    private final Iterator<Map<String, Object>> shoppers = Stream.generate(() -> {
                long n = purchases.incrementAndGet();
                return Map.<String, Object>of(
                        "email", "load-" + run + "-" + n + "@example.com",
                        "sku", SKUS[(int) (n % SKUS.length)],
                        "quantity", 1 + n % 3);
            })
            .iterator();

    private final HttpProtocolBuilder protocol = http.baseUrl(baseUrl)
            .shareConnections()
            .contentTypeHeader("application/json")
            .acceptHeader("application/json");

    private final ScenarioBuilder purchase = pay
            ? payingPurchase()
            : scenario("purchase")
                    .feed(shoppers)
                    .exec(http("POST /api/orders")
                            .post("/api/orders")
                            .body(
                                    StringBody(
                                            "{\"customerEmail\":\"#{email}\",\"items\":[{\"sku\":\"#{sku}\",\"quantity\":#{quantity}}]}"))
                            .check(status().is(202)));

    /** Order, checkout, card: the three requests of a purchase paid by card (the hosted form is the provider's). */
    private ScenarioBuilder payingPurchase() {
        return scenario("purchase paid by card")
                .feed(shoppers)
                .exec(http("POST /api/orders")
                        .post("/api/orders")
                        .body(StringBody(
                                "{\"customerEmail\":\"#{email}\",\"items\":[{\"sku\":\"#{sku}\",\"quantity\":#{quantity}}],"
                                        + "\"paymentMethod\":\"CARD\"}"))
                        .check(
                                status().is(202),
                                jsonPath("$.orderId").saveAs("orderId"),
                                jsonPath("$.orderToken").saveAs("orderToken")))
                .exec(http("POST /api/orders/{id}/checkout")
                        .post("/api/orders/#{orderId}/checkout")
                        .header("Order-Token", "#{orderToken}")
                        .check(status().in(200, 201), jsonPath("$.checkoutUrl").saveAs("checkoutUrl")))
                .exec(http("POST the provider's card form")
                        .post("#{checkoutUrl}")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html") // the hosted page answers a browser, not the API's JSON
                        .formParam("card_number", "4242 4242 4242 4242")
                        .formParam("card_expiry", "12 / 34")
                        .formParam("card_cvc", "123")
                        .disableFollowRedirect()
                        .check(status().is(303)));
    }

    {
        PopulationBuilder population = switch (model) {
            case "open" -> purchase.injectOpen(openModel());
            case "closed" ->
                purchase.injectClosed(constantConcurrentUsers(users).during(duration));
            default -> throw new IllegalArgumentException("load.model must be open or closed, not " + model);
        };
        setUp(population).protocols(protocol);
    }

    private OpenInjectionStep openModel() {
        return constantUsersPerSec(rate).during(duration);
    }
}
