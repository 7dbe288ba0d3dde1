package com.licenceshop.command.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.licenceshop.command.support.CommandApiIT;
import com.licenceshop.command.support.Http;
import com.licenceshop.testsupport.TestHttp;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class IdempotentOrdersIT extends CommandApiIT {

    @Inject
    EmbeddedServer server;

    @Inject
    IdempotencyKeyCleanup cleanup;

    Http http;

    @BeforeAll
    void client() {
        http = new Http(server.getURI());
    }

    String key() {
        return UUID.randomUUID().toString();
    }

    long ordersOf(String email) throws Exception {
        return count("SELECT count(*) FROM commands.orders WHERE customer_email = '" + email + "'");
    }

    long placedEventsOf(String email) throws Exception {
        return count("SELECT count(*) FROM commands.events WHERE type = 'OrderPlaced' AND payload->>'customerEmail' = '"
                + email + "'");
    }

    @Test
    void repeatedIdempotencyKeyReturnsTheOriginalResponse() throws Exception {
        String key = key();
        var first =
                http.postJson("/api/orders", Http.order("repeat@example.com", "STARTER", 2), "Idempotency-Key", key);
        var second =
                http.postJson("/api/orders", Http.order("repeat@example.com", "STARTER", 2), "Idempotency-Key", key);

        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(second.status()).as(second.body()).isEqualTo(202);
        assertThat(second.json()).isEqualTo(first.json()).containsKey("orderToken");
        assertThat(second.header("Location")).isEqualTo(first.header("Location"));
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ordersOf("repeat@example.com")).isEqualTo(1);
        assertThat(placedEventsOf("repeat@example.com")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM commands.idempotency_keys WHERE key = '" + key
                        + "' AND order_id::text = '" + first.json().get("orderId") + "' AND response_status = 202"))
                .isEqualTo(1);
    }

    @Test
    void aRetryThatDiffersOnlyInJsonLayoutIsTheSameRequest() throws Exception {
        String key = key();
        var first = http.postRaw(
                "/api/orders",
                "application/json",
                "{\"customerEmail\":\"layout@example.com\",\"items\":[{\"sku\":\"ENTERPRISE\",\"quantity\":1}]}",
                "Idempotency-Key",
                key);
        var second = http.postRaw(
                "/api/orders",
                "application/json",
                "{ \"items\" : [ { \"quantity\" : 1, \"sku\" : \"ENTERPRISE\" } ],\n  \"customerEmail\" : \"layout@example.com\" }",
                "Idempotency-Key",
                key);

        assertThat(second.status()).isEqualTo(202);
        assertThat(second.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(ordersOf("layout@example.com")).isEqualTo(1);
    }

    @Test
    void theSameKeyWithADifferentBodyIsUnprocessable() throws Exception {
        String key = key();
        var first = http.postJson("/api/orders", Http.order("reuse@example.com", "STARTER", 1), "Idempotency-Key", key);
        var reused =
                http.postJson("/api/orders", Http.order("reuse@example.com", "STARTER", 3), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(reused.status()).as(reused.body()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.json()).containsEntry("type", "urn:licence-shop:problem:idempotency-key-reused");
        assertThat(reused.errors())
                .extracting(e -> e.get("field"), e -> e.get("rule"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Idempotency-Key", "same-request"));
        assertThat(ordersOf("reuse@example.com")).isEqualTo(1);
        assertThat(placedEventsOf("reuse@example.com")).isEqualTo(1);
    }

    @Test
    void twentyConcurrentRequestsWithOneKeyCreateExactlyOneOrder() throws Exception {
        String key = key();
        int threads = 20;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<TestHttp.Response>> responses = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                responses.add(pool.submit(() -> {
                    start.await();
                    return http.postJson(
                            "/api/orders", Http.order("twins@example.com", "PROFESSIONAL", 4), "Idempotency-Key", key);
                }));
            }
            start.countDown();
            List<Object> orderIds = new ArrayList<>();
            List<Object> tokens = new ArrayList<>();
            for (Future<TestHttp.Response> response : responses) {
                TestHttp.Response r = response.get();
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                orderIds.add(r.json().get("orderId"));
                tokens.add(r.json().get("orderToken"));
            }
            assertThat(orderIds).hasSize(threads).containsOnly(orderIds.get(0));
            // also a repeat answered in the batch that places the order carries its token
            assertThat(tokens).doesNotContainNull().containsOnly(tokens.get(0));
        } finally {
            pool.shutdownNow();
        }
        assertThat(ordersOf("twins@example.com")).isEqualTo(1);
        assertThat(placedEventsOf("twins@example.com")).isEqualTo(1);
    }

    @Test
    void requestsWithoutAKeyAreIndependent() throws Exception {
        http.postJson("/api/orders", Http.order("nokey@example.com", "STARTER", 1));
        http.postJson("/api/orders", Http.order("nokey@example.com", "STARTER", 1));

        assertThat(ordersOf("nokey@example.com")).isEqualTo(2);
    }

    @Test
    void keysOlderThanTheRetentionAreDeletedAndYoungerOnesKept() throws Exception {
        execute("INSERT INTO commands.idempotency_keys (key, request_hash, created_at) VALUES "
                + "('expired-key', 'h', now() - interval '25 hours'), ('fresh-key', 'h', now() - interval '23 hours')");

        assertThat(cleanup.deleteExpiredKeys()).isGreaterThanOrEqualTo(1);

        assertThat(count("SELECT count(*) FROM commands.idempotency_keys WHERE key = 'expired-key'"))
                .isZero();
        assertThat(count("SELECT count(*) FROM commands.idempotency_keys WHERE key = 'fresh-key'"))
                .isEqualTo(1);
    }

    @Test
    void aKeyIsRememberedWhileItIsYoungerThanADay() throws Exception {
        String key = key();
        var first = http.postJson("/api/orders", Http.order("day@example.com", "STARTER", 1), "Idempotency-Key", key);
        execute("UPDATE commands.idempotency_keys SET created_at = now() - interval '23 hours 59 minutes' WHERE key = '"
                + key + "'");
        cleanup.deleteExpiredKeys();

        var retry = http.postJson("/api/orders", Http.order("day@example.com", "STARTER", 1), "Idempotency-Key", key);

        assertThat(retry.json().get("orderId")).isEqualTo(first.json().get("orderId"));
        assertThat(ordersOf("day@example.com")).isEqualTo(1);
        assertThat(retry.status()).isEqualTo(202);
    }
}
