package com.licenceshop.web.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.licenceshop.web.support.AgainstTheTestShop;
import com.licenceshop.web.support.WebUiIT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A flood of bogus HTTP Basic logins (each a full PBKDF2 check of the decoy hash) must not starve the shop:
 * the checks run on their own few threads, never on the event loops that serve every other request. The
 * per-address budget is lifted here, so that every bogus login costs its hash as from a crowd of addresses
 * (one address is held to its budget: StaffLoginDuringABasicFloodIT).
 */
@WebUiIT
class LoginFloodIT extends AgainstTheTestShop {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("shop.login.budget.burst", "1000000");
        return properties;
    }

    private static final int FLOODERS = 16;
    private static final int SAMPLES = 25;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpClient floodHttp =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shopAndHealthKeepAnsweringDuringABogusBasicLoginFlood() throws Exception {
        medianMillis("/", 10); // warm-up: compiled routes, pooled connections
        medianMillis("/health", 10);
        double idleShop = medianMillis("/", SAMPLES);
        double idleHealth = medianMillis("/health", SAMPLES);

        AtomicBoolean flooding = new AtomicBoolean(true);
        AtomicInteger bogusLogins = new AtomicInteger();
        ExecutorService flooders = Executors.newFixedThreadPool(FLOODERS);
        double floodShop;
        double floodHealth;
        try {
            for (int i = 0; i < FLOODERS; i++) {
                flooders.submit(() -> BogusBasicLogins.flood(
                        floodHttp, shop.baseUri().resolve("/api/sales/summary"), flooding, bogusLogins));
            }
            // the flood is on once there were answers to as many bogus logins as there are flooders
            await().atMost(Duration.ofMinutes(2)).until(() -> bogusLogins.get() >= FLOODERS);
            floodShop = medianMillis("/", SAMPLES);
            floodHealth = medianMillis("/health", SAMPLES);
        } finally {
            flooding.set(false);
            flooders.shutdown(); // let the flooders' last logins be answered before the server stops
            flooders.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        }

        System.out.printf(
                "login flood: shop median %.1f ms idle, %.1f ms flooded; /health %.1f ms idle, %.1f ms flooded; %d bogus logins%n",
                idleShop, floodShop, idleHealth, floodHealth, bogusLogins.get());
        // with the hashes on the event loops the shop took seconds here; 3x idle leaves room for the shared CPU
        assertThat(floodShop).isLessThan(3 * idleShop + 50);
        assertThat(floodHealth).isLessThan(3 * idleHealth + 50);
    }

    private double medianMillis(String path, int samples) throws Exception {
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(shop.baseUri() + path))
                    .header("Accept", "text/html,application/json")
                    .timeout(Duration.ofSeconds(60))
                    .GET()
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            nanos.add(System.nanoTime() - start);
            assertThat(response.statusCode()).isEqualTo(200);
        }
        nanos.sort(null);
        return nanos.get(samples / 2) / 1e6;
    }
}
