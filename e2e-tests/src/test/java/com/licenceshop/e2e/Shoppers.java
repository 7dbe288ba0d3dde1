package com.licenceshop.e2e;

import static org.awaitility.Awaitility.await;

import com.licenceshop.testsupport.TestHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Shoppers buying one after another against command-api until stopped: a steady stream of purchases, each paid by
 * card right after it was accepted, as a shopper pays for keys (ADR 13).
 */
final class Shoppers {

    private static final String[] SKUS = {"STARTER", "PROFESSIONAL", "ENTERPRISE"};

    /** order id -> total cents of every purchase answered 202 and paid */
    final Map<String, Long> accepted = new ConcurrentHashMap<>();

    final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicBoolean buying = new AtomicBoolean(true);
    private final ExecutorService threads;
    private final List<Future<?>> running = new ArrayList<>();

    private Shoppers(String baseUrl, int count) {
        threads = Executors.newFixedThreadPool(count);
        for (int s = 0; s < count; s++) {
            int shopper = s;
            running.add(threads.submit(() -> buyUntilStopped(baseUrl, shopper)));
        }
    }

    static Shoppers start(String commandApiBaseUrl, int count) {
        return new Shoppers(commandApiBaseUrl, count);
    }

    private void buyUntilStopped(String baseUrl, int shopper) {
        int n = 0;
        while (buying.get()) {
            n++;
            var response = TestHttp.post(
                    baseUrl + "/api/orders",
                    Map.of(
                            "customerEmail",
                            "shopper" + shopper + "-" + n + "@example.com",
                            "items",
                            List.of(Map.of("sku", SKUS[n % 3], "quantity", 1 + n % 4))));
            if (response.status() == 202) {
                String orderId = (String) response.json().get("orderId");
                String orderToken = (String) response.json().get("orderToken");
                var order = TestHttp.getWithToken(baseUrl + "/api/orders/" + orderId, orderToken)
                        .json();
                CardPayment.pay(baseUrl, orderId, orderToken)
                        .ifPresentOrElse(
                                refused::add,
                                () -> accepted.put(orderId, ((Number) order.get("totalCents")).longValue()));
            } else {
                refused.add(response.status() + " " + response.body());
            }
        }
    }

    void awaitAccepted(int atLeast) {
        await().atMost(Duration.ofSeconds(90)).until(() -> accepted.size() >= atLeast);
    }

    long revenue() {
        return accepted.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Stops buying and waits for each shopper's purchase in hand. */
    void stop() throws Exception {
        buying.set(false);
        for (Future<?> shopper : running) {
            shopper.get();
        }
        threads.shutdown();
    }
}
